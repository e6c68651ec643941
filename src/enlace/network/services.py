"""Writes to the network and its directory. Only the secretariat manages them."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from enlace import access
from enlace.audit.services import audit_record, model_save, snapshot
from enlace.core.services import require
from enlace.network.models import Country, Membership, Organisation, Person, Post, Presidency


def country_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    country: Country | None = None,
    expected_state: str | None = None,
) -> Country:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=country or Country(),
        data=data,
        allowed=access.can_manage_directory(access.actor_for(user)),
        expected_state=expected_state,
    )


def organisation_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    organisation: Organisation | None = None,
    expected_state: str | None = None,
) -> Organisation:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=organisation or Organisation(),
        data=data,
        allowed=access.can_manage_directory(access.actor_for(user)),
        expected_state=expected_state,
    )


def presidency_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    presidency: Presidency | None = None,
    expected_state: str | None = None,
) -> Presidency:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=presidency or Presidency(),
        data=data,
        allowed=access.can_manage_directory(access.actor_for(user)),
        expected_state=expected_state,
    )


def person_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    person: Person | None = None,
    expected_state: str | None = None,
) -> Person:
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=person or Person(),
        data=data,
        allowed=access.can_manage_directory(access.actor_for(user)),
        expected_state=expected_state,
    )


@transaction.atomic
def membership_save(
    *,
    user: access.Who,
    data: Mapping[str, Any],
    membership: Membership | None = None,
    expected_state: str | None = None,
) -> Membership:
    """Start or change a membership. Ending one sets its end date: history is never deleted.

    ``data`` names the post by its parts (body, role, country or organisation); the post is
    created the first time someone holds it.
    """
    fields = dict(data)
    require(access.can_manage_directory(access.actor_for(user)))
    post_key = {name: fields.pop(name) for name in ("body", "role", "country", "organisation")}
    if (post_key["country"] is None) == (post_key["organisation"] is None):
        raise ValidationError(
            {"country": _("Choose either a country or an organisation for the post.")}
        )
    post = Post.objects.filter(**post_key).first()
    if post is None:
        post = Post(**post_key)
        post.full_clean()
        post.save()
        audit_record(actor=user, action="post.create", instance=post, after=snapshot(post))
    fields["post"] = post
    return model_save(  # type: ignore[return-value]
        user=user,
        instance=membership or Membership(),
        data=fields,
        allowed=access.can_manage_directory(access.actor_for(user)),
        expected_state=expected_state,
    )
