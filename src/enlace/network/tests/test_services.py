"""Writes of the network: the secretariat only, validated whole, audited, conflict-safe."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.audit.models import AuditEvent
from enlace.core.services import EditConflict, state_token
from enlace.network import services
from enlace.network.models import Country, Membership, Organisation, Person, Post, Presidency
from enlace.network.tests.records import country_data, membership_data, person_data


def counts():
    """How many rows each table of the network and the audit log has."""
    return {
        model.__name__: model.objects.count()
        for model in (Country, Organisation, Presidency, Person, Post, Membership, AuditEvent)
    }


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-pk").first()


# --- country ---------------------------------------------------------------------------------


def test_secretariat_creates_a_country_with_an_audit_event(net, secretariat):
    country = services.country_save(user=secretariat, data=country_data())
    assert Country.objects.get(code="BLZ").name_en == "Belize"
    event = last_event()
    assert event.action == "country.create"
    assert event.actor == secretariat
    assert event.object_type == "network.country"
    assert event.object_id == str(country.pk)
    assert event.before is None
    assert event.after["code"] == "BLZ"
    assert event.after["name_en"] == "Belize"


def test_secretariat_updates_a_country_with_before_and_after(net, secretariat):
    services.country_save(
        user=secretariat, country=net.argentina, data={"status": Country.Status.MEMBER}
    )
    net.argentina.refresh_from_db()
    assert net.argentina.status == Country.Status.MEMBER
    event = last_event()
    assert event.action == "country.update"
    assert event.before["status"] == "observer"
    assert event.after["status"] == "member"
    assert event.before["code"] == event.after["code"] == "ARG"


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider", "anonymous"])
def test_only_the_secretariat_writes_countries(request, net, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    before = counts()
    with pytest.raises(PermissionDenied):
        services.country_save(user=user, data=country_data())
    with pytest.raises(PermissionDenied):
        services.country_save(user=user, country=net.honduras, data={"name_en": "Hacked"})
    assert counts() == before
    net.honduras.refresh_from_db()
    assert net.honduras.name_en == "Honduras"


def test_ppt_officer_cannot_write_the_directory(net, officer, ppt_honduras):
    with pytest.raises(PermissionDenied):
        services.country_save(user=officer, country=net.honduras, data={"name_en": "X"})


def test_country_code_must_be_unique(net, secretariat):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.country_save(user=secretariat, data=country_data(code="HND"))
    assert "code" in exc.value.message_dict
    assert counts() == before


def test_country_code_longer_than_three_letters_is_refused(net, secretariat):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.country_save(user=secretariat, data=country_data(code="BELIZE"))
    assert "code" in exc.value.message_dict
    assert counts() == before


def test_country_status_must_be_a_known_one(net, secretariat):
    with pytest.raises(ValidationError):
        services.country_save(user=secretariat, country=net.mexico, data={"status": "friend"})
    net.mexico.refresh_from_db()
    assert net.mexico.status == Country.Status.MEMBER


# --- organisation, presidency, person --------------------------------------------------------


def test_secretariat_creates_and_updates_an_organisation(net, secretariat):
    org = services.organisation_save(
        user=secretariat,
        data={
            "name_es": "Organización Internacional para las Migraciones",
            "name_en": "International Organization for Migration",
            "name_fr": "Organisation internationale pour les migrations",
            "acronym": "IOM",
            "kind": Organisation.Kind.INTERNATIONAL,
            "is_observer": True,
        },
    )
    assert last_event().action == "organisation.create"
    services.organisation_save(user=secretariat, organisation=org, data={"acronym": "OIM"})
    org.refresh_from_db()
    assert org.acronym == "OIM"
    event = last_event()
    assert event.action == "organisation.update"
    assert (event.before["acronym"], event.after["acronym"]) == ("IOM", "OIM")


def test_observer_cannot_write_organisations(net, observer):
    with pytest.raises(PermissionDenied):
        services.organisation_save(user=observer, organisation=net.rrocm, data={"acronym": "X"})
    net.rrocm.refresh_from_db()
    assert net.rrocm.acronym == "RROCM"


def test_secretariat_records_a_presidency(net, secretariat):
    presidency = services.presidency_save(
        user=secretariat,
        data={
            "country": net.guatemala,
            "year": 2019,
            "start_date": datetime.date(2019, 1, 1),
            "end_date": datetime.date(2019, 12, 31),
        },
    )
    assert presidency.country == net.guatemala
    event = last_event()
    assert event.action == "presidency.create"
    assert event.after["country_id"] == net.guatemala.pk
    assert event.after["year"] == 2019


def test_presidency_that_ends_before_it_starts_is_refused(net, secretariat):
    before = counts()
    with pytest.raises(ValidationError):
        services.presidency_save(
            user=secretariat,
            data={
                "country": net.guatemala,
                "year": 2019,
                "start_date": datetime.date(2019, 12, 31),
                "end_date": datetime.date(2019, 1, 1),
            },
        )
    assert counts() == before


def test_two_presidencies_for_one_year_are_refused(net, secretariat, ppt_honduras):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.presidency_save(
            user=secretariat,
            data={
                "country": net.mexico,
                "year": ppt_honduras.year,
                "start_date": ppt_honduras.start_date,
                "end_date": ppt_honduras.end_date,
            },
        )
    assert "year" in exc.value.message_dict
    assert counts() == before


def test_secretariat_creates_and_updates_a_person(net, secretariat):
    person = services.person_save(user=secretariat, data=person_data())
    assert last_event().action == "person.create"
    assert last_event().after["email"] == "ana.perez@example.org"
    services.person_save(user=secretariat, person=person, data={"phone": "+503 2222 1111"})
    person.refresh_from_db()
    assert person.phone == "+503 2222 1111"
    event = last_event()
    assert event.action == "person.update"
    assert (event.before["phone"], event.after["phone"]) == ("+503 2222 0000", "+503 2222 1111")


def test_person_with_a_bad_email_is_refused(net, secretariat):
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.person_save(user=secretariat, data=person_data(email="not an address"))
    assert "email" in exc.value.message_dict
    assert counts() == before


@pytest.mark.parametrize("who", ["officer", "observer", "anonymous"])
def test_only_the_secretariat_writes_people(request, net, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    before = counts()
    with pytest.raises(PermissionDenied):
        services.person_save(user=user, data=person_data())
    assert counts() == before


# --- membership ------------------------------------------------------------------------------


def test_membership_creates_its_post_the_first_time(net, secretariat):
    person = Person.objects.create(given_name="Ana", family_name="Pérez")
    membership = services.membership_save(user=secretariat, data=membership_data(net, person))
    post = membership.post
    assert (post.body, post.role, post.country) == (
        net.network,
        Post.Role.LIAISON_OFFICER,
        net.guatemala,
    )
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["post.create", "membership.create"]
    assert last_event().after["post_id"] == post.pk
    assert last_event().after["person_id"] == person.pk


def test_second_membership_of_a_post_reuses_it(net, secretariat, officer):
    existing_post = officer.person.memberships.get().post
    person = Person.objects.create(given_name="Luis", family_name="Reyes")
    posts_before = Post.objects.count()
    membership = services.membership_save(
        user=secretariat, data=membership_data(net, person, country=net.honduras)
    )
    assert membership.post == existing_post
    assert Post.objects.count() == posts_before
    assert not AuditEvent.objects.filter(action="post.create").exists()


def test_membership_for_an_organisation(net, secretariat):
    person = Person.objects.create(given_name="Eva", family_name="Solís")
    membership = services.membership_save(
        user=secretariat,
        data=membership_data(
            net, person, role=Post.Role.OBSERVER, country=None, organisation=net.rrocm
        ),
    )
    assert membership.post.organisation == net.rrocm
    assert membership.post.country is None


def test_ending_a_membership_keeps_it_with_its_history(net, secretariat, officer):
    membership = officer.person.memberships.get()
    end = datetime.date.today() - datetime.timedelta(days=1)
    services.membership_save(
        user=secretariat,
        membership=membership,
        data=membership_data(
            net,
            officer.person,
            country=net.honduras,
            start_date=membership.start_date,
            end_date=end,
        ),
    )
    membership.refresh_from_db()
    assert membership.end_date == end
    assert Membership.objects.filter(pk=membership.pk).exists()
    event = last_event()
    assert event.action == "membership.update"
    assert event.before["end_date"] is None
    assert event.after["end_date"] == end.isoformat()
    assert not Membership.objects.current().filter(pk=membership.pk).exists()


def test_membership_ending_before_it_starts_changes_nothing(net, secretariat):
    person = Person.objects.create(given_name="Ana", family_name="Pérez")
    before = counts()
    with pytest.raises(ValidationError):
        services.membership_save(
            user=secretariat,
            data=membership_data(
                net,
                person,
                start_date=datetime.date(2021, 3, 1),
                end_date=datetime.date(2020, 3, 1),
            ),
        )
    # Not even the post that would have been created for it is left behind.
    assert counts() == before


def test_membership_with_both_country_and_organisation_changes_nothing(net, secretariat):
    person = Person.objects.create(given_name="Ana", family_name="Pérez")
    before = counts()
    with pytest.raises(ValidationError) as exc:
        services.membership_save(
            user=secretariat,
            data=membership_data(net, person, country=net.guatemala, organisation=net.rrocm),
        )
    assert "country" in exc.value.message_dict
    assert counts() == before


def test_membership_with_neither_country_nor_organisation_changes_nothing(net, secretariat):
    person = Person.objects.create(given_name="Ana", family_name="Pérez")
    before = counts()
    with pytest.raises(ValidationError):
        services.membership_save(user=secretariat, data=membership_data(net, person, country=None))
    assert counts() == before


@pytest.mark.parametrize("who", ["officer", "other_officer", "observer", "outsider", "anonymous"])
def test_only_the_secretariat_writes_memberships(request, net, officer, who):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    membership = officer.person.memberships.get()
    before = counts()
    with pytest.raises(PermissionDenied):
        services.membership_save(
            user=user, data=membership_data(net, officer.person, country=net.mexico)
        )
    with pytest.raises(PermissionDenied):
        services.membership_save(
            user=user,
            membership=membership,
            data=membership_data(
                net, officer.person, country=net.honduras, end_date=datetime.date(2021, 1, 1)
            ),
        )
    assert counts() == before
    membership.refresh_from_db()
    assert membership.end_date is None


# --- optimistic concurrency ------------------------------------------------------------------


def test_stale_country_edit_raises_conflict_and_keeps_the_other_users_change(net, secretariat):
    from enlace.conftest import make_member

    colleague = make_member(
        net, "st_colleague", role=Post.Role.SECRETARIAT, organisation=net.secretariat_org
    )
    mine = Country.objects.get(pk=net.mexico.pk)
    theirs = Country.objects.get(pk=net.mexico.pk)
    opened = state_token(mine)

    services.country_save(
        user=colleague,
        country=theirs,
        data={"name_en": "United Mexican States"},
        expected_state=state_token(theirs),
    )
    events = AuditEvent.objects.count()
    with pytest.raises(EditConflict):
        services.country_save(
            user=secretariat, country=mine, data={"name_en": "Mexico!"}, expected_state=opened
        )
    stored = Country.objects.get(pk=net.mexico.pk)
    assert stored.name_en == "United Mexican States"
    assert AuditEvent.objects.count() == events


def test_fresh_state_saves(net, secretariat):
    country = Country.objects.get(pk=net.mexico.pk)
    services.country_save(
        user=secretariat,
        country=country,
        data={"name_en": "United Mexican States"},
        expected_state=state_token(country),
    )
    assert Country.objects.get(pk=net.mexico.pk).name_en == "United Mexican States"


def test_stale_membership_edit_raises_conflict(net, secretariat, officer):
    membership = Membership.objects.get(person=officer.person)
    opened = state_token(membership)
    Membership.objects.filter(pk=membership.pk).update(position="Director")
    with pytest.raises(EditConflict):
        services.membership_save(
            user=secretariat,
            membership=membership,
            expected_state=opened,
            data=membership_data(net, officer.person, country=net.honduras, position="Asesor"),
        )
    assert Membership.objects.get(pk=membership.pk).position == "Director"


def test_stale_person_edit_raises_conflict(net, secretariat, officer):
    person = Person.objects.get(pk=officer.person.pk)
    opened = state_token(person)
    Person.objects.filter(pk=person.pk).update(phone="+504 1111 1111")
    with pytest.raises(EditConflict):
        services.person_save(
            user=secretariat, person=person, data={"phone": "+504 9999"}, expected_state=opened
        )
    assert Person.objects.get(pk=person.pk).phone == "+504 1111 1111"
