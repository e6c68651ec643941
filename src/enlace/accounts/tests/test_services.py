"""Personal API tokens: created, revoked, checked."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from enlace.accounts.models import ApiToken, hash_token
from enlace.accounts.selectors import api_tokens_of
from enlace.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from enlace.audit.models import AuditEvent


def test_create_returns_the_raw_token_and_stores_its_hash(officer):
    token, raw = api_token_create(user=officer, name="  my script  ")
    assert token.name == "my script"
    assert token.key_hash == hash_token(raw)
    assert token.prefix == raw[:8]
    assert raw.startswith("enl_")
    assert len(raw) > 40
    event = AuditEvent.objects.get(action="apitoken.create")
    assert event.actor == officer
    assert event.after == {"name": "my script", "prefix": token.prefix}


def test_every_token_is_different(officer):
    _first, one = api_token_create(user=officer, name="a")
    _second, two = api_token_create(user=officer, name="b")
    assert one != two


def test_create_needs_a_name(officer):
    with pytest.raises(ValidationError):
        api_token_create(user=officer, name="   ")
    assert not ApiToken.objects.exists()
    assert not AuditEvent.objects.exists()


def test_anonymous_cannot_create_a_token(db):
    with pytest.raises(PermissionDenied):
        api_token_create(user=AnonymousUser(), name="x")
    assert not ApiToken.objects.exists()


def test_authenticate_finds_the_user(officer):
    _token, raw = api_token_create(user=officer, name="x")
    assert api_token_authenticate(raw) == officer


@pytest.mark.parametrize("raw", ["", "enl_nothing", "Bearer"])
def test_authenticate_refuses_unknown_tokens(officer, raw):
    api_token_create(user=officer, name="x")
    assert api_token_authenticate(raw) is None


def test_authenticate_refuses_the_hash_itself(officer):
    token, _raw = api_token_create(user=officer, name="x")
    assert api_token_authenticate(token.key_hash) is None


def test_revoked_token_no_longer_authenticates(officer):
    token, raw = api_token_create(user=officer, name="x")
    api_token_revoke(user=officer, token=token)
    assert api_token_authenticate(raw) is None


def test_revoking_twice_records_one_event_and_keeps_the_first_date(officer):
    token, _raw = api_token_create(user=officer, name="x")
    api_token_revoke(user=officer, token=token)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    api_token_revoke(user=officer, token=ApiToken.objects.get(pk=token.pk))
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first
    assert AuditEvent.objects.filter(action="apitoken.revoke").count() == 1


def test_nobody_revokes_another_users_token(officer, other_officer, secretariat):
    token, raw = api_token_create(user=officer, name="x")
    for user in (other_officer, secretariat):
        with pytest.raises(PermissionDenied):
            api_token_revoke(user=user, token=token)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert api_token_authenticate(raw) == officer


def test_last_use_is_recorded_at_most_once_a_minute(officer):
    token, raw = api_token_create(user=officer, name="x")
    api_token_authenticate(raw)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    api_token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=long_ago)
    api_token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > long_ago


def test_users_see_their_own_tokens_only(officer, other_officer):
    mine, _raw = api_token_create(user=officer, name="mine")
    theirs, _raw = api_token_create(user=other_officer, name="theirs")
    assert list(api_tokens_of(officer)) == [mine]
    assert list(api_tokens_of(other_officer)) == [theirs]
    assert not api_tokens_of(AnonymousUser()).exists()
