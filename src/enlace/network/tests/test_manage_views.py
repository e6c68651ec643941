"""The secretariat's administration of the network, /manage/…"""

import datetime
import re

import pytest

from enlace.audit.models import AuditEvent
from enlace.network.models import Country, Membership, Organisation, Person, Post, Presidency
from enlace.network.tests.records import country_post, membership_post, person_post

EN = {"accept-language": "en"}
FORBIDDEN = ["officer_client", "other_client", "observer_client", "outsider_client"]


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Country, Organisation, Presidency, Person, Post, Membership, AuditEvent)
    }


def state_of(page) -> str:
    """The hidden ``state`` field of an edit form, as the browser would send it back."""
    match = re.search(r'name="state" value="([0-9a-f]+)"', page.content.decode())
    assert match, "the edit form carries no state"
    return match.group(1)


def organisation_post(**overrides):
    data = {
        "name_es": "Organización Internacional para las Migraciones",
        "name_en": "International Organization for Migration",
        "name_fr": "Organisation internationale pour les migrations",
        "acronym": "IOM",
        "kind": "international",
        "country": "",
        "is_observer": "on",
        "website": "https://www.iom.int/",
    }
    return {**data, **overrides}


def presidency_post(net, **overrides):
    data = {
        "year": "2019",
        "country": net.guatemala.pk,
        "start_date": "2019-01-01",
        "end_date": "2019-12-31",
    }
    return {**data, **overrides}


# --- who may enter ---------------------------------------------------------------------------


def manage_urls(net, officer):
    membership = officer.person.memberships.get()
    presidency = Presidency.objects.create(
        country=net.honduras,
        year=2008,
        start_date=datetime.date(2008, 1, 1),
        end_date=datetime.date(2008, 12, 31),
    )
    return [
        "/manage/",
        "/manage/countries/new/",
        f"/manage/countries/{net.honduras.pk}/",
        "/manage/organisations/new/",
        f"/manage/organisations/{net.rrocm.pk}/",
        "/manage/presidencies/new/",
        f"/manage/presidencies/{presidency.pk}/",
        "/manage/people/new/",
        f"/manage/people/{officer.person.pk}/",
        "/manage/memberships/new/",
        f"/manage/memberships/{membership.pk}/",
    ]


def test_secretariat_opens_every_page(secretariat_client, net, officer):
    for url in manage_urls(net, officer):
        assert secretariat_client.get(url).status_code == 200, url


def test_edit_page_opens_with_the_record(secretariat_client, net, officer):
    page = secretariat_client.get(f"/manage/people/{officer.person.pk}/").content.decode()
    assert 'value="hnd_officer@example.org"' in page
    page = secretariat_client.get(
        f"/manage/memberships/{officer.person.memberships.get().pk}/"
    ).content.decode()
    assert f'<option value="{net.honduras.pk}" selected>' in page


@pytest.mark.parametrize("who", FORBIDDEN)
def test_others_are_refused(request, net, officer, who):
    client = request.getfixturevalue(who)
    for url in manage_urls(net, officer):
        assert client.get(url).status_code == 403, url


def test_ppt_officer_is_refused(officer_client, net, officer, ppt_honduras):
    assert officer_client.get("/manage/").status_code == 403


def test_anonymous_is_sent_to_log_in(client, net, officer):
    for url in manage_urls(net, officer):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=")
        assert url in response["Location"].replace("%2F", "/")


@pytest.mark.parametrize("who", [*FORBIDDEN, "client"])
def test_others_cannot_write(request, net, officer, who):
    client = request.getfixturevalue(who)
    before = counts()
    responses = [
        client.post("/manage/countries/new/", country_post()),
        client.post(f"/manage/countries/{net.honduras.pk}/", country_post(code="HND")),
        client.post("/manage/people/new/", person_post()),
        client.post(f"/manage/people/{officer.person.pk}/", person_post()),
        client.post("/manage/memberships/new/", membership_post(net, officer.person)),
        client.post("/manage/organisations/new/", organisation_post()),
        client.post("/manage/presidencies/new/", presidency_post(net)),
    ]
    assert {r.status_code for r in responses} == {403}
    assert counts() == before
    net.honduras.refresh_from_db()
    assert net.honduras.name_en == "Honduras"


# --- the secretariat writes ------------------------------------------------------------------


def test_secretariat_creates_a_country(secretariat_client, net):
    response = secretariat_client.post(
        "/manage/countries/new/", country_post(code="blz", joined_year="1996")
    )
    assert response.status_code == 302
    assert response["Location"] == "/network/countries/BLZ/"
    country = Country.objects.get(code="BLZ")
    assert (country.name_en, country.status, country.joined_year) == ("Belize", "member", 1996)
    assert AuditEvent.objects.filter(action="country.create", object_id=str(country.pk)).exists()
    page = secretariat_client.get(response["Location"], headers=EN).content.decode()
    assert "<h1>Belize</h1>" in page


def test_secretariat_edits_a_country(secretariat_client, net):
    url = f"/manage/countries/{net.argentina.pk}/"
    state = state_of(secretariat_client.get(url))
    response = secretariat_client.post(
        url,
        country_post(
            code="ARG",
            name_es="Argentina",
            name_en="Argentine Republic",
            status="observer",
            state=state,
        ),
    )
    assert response.status_code == 302
    net.argentina.refresh_from_db()
    assert net.argentina.name_en == "Argentine Republic"
    event = AuditEvent.objects.get(action="country.update")
    assert (event.before["name_en"], event.after["name_en"]) == ("Argentina", "Argentine Republic")


def test_secretariat_creates_and_edits_a_person(secretariat_client, net):
    response = secretariat_client.post("/manage/people/new/", person_post())
    assert response.status_code == 302
    person = Person.objects.get(family_name="Pérez")
    assert person.email == "ana.perez@example.org"
    url = f"/manage/people/{person.pk}/"
    state = state_of(secretariat_client.get(url))
    response = secretariat_client.post(url, person_post(phone="+503 2222 9999", state=state))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+503 2222 9999"
    assert list(
        AuditEvent.objects.filter(object_type="network.person")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["person.create", "person.update"]


def test_secretariat_creates_a_membership_and_its_post(secretariat_client, net):
    person = Person.objects.create(given_name="Ana", family_name="Pérez")
    assert not Post.objects.filter(country=net.guatemala).exists()
    response = secretariat_client.post("/manage/memberships/new/", membership_post(net, person))
    assert response.status_code == 302
    assert response["Location"] == f"/directory/people/{person.pk}/"
    membership = Membership.objects.get(person=person)
    assert membership.post.country == net.guatemala
    assert membership.post.role == "liaison_officer"
    assert membership.start_date == datetime.date(2021, 3, 1)
    assert AuditEvent.objects.filter(action="post.create").count() == 1
    assert AuditEvent.objects.filter(action="membership.create").count() == 1
    # The new liaison officer is in the directory at once.
    directory = secretariat_client.get("/directory/?country=GTM").content.decode()
    assert f"/directory/people/{person.pk}/" in directory


def test_new_membership_form_opens_for_a_person(secretariat_client, net, officer):
    page = secretariat_client.get(
        f"/manage/memberships/new/?person={officer.person.pk}"
    ).content.decode()
    assert f'<option value="{officer.person.pk}" selected>' in page


def test_secretariat_ends_a_membership(secretariat_client, net, officer):
    membership = officer.person.memberships.get()
    url = f"/manage/memberships/{membership.pk}/"
    state = state_of(secretariat_client.get(url))
    response = secretariat_client.post(
        url,
        membership_post(
            net,
            officer.person,
            country=net.honduras.pk,
            institution="Ministerio",
            position="Enlace",
            start_date="2020-01-01",
            end_date="2023-06-30",
            state=state,
        ),
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2023, 6, 30)
    assert Membership.objects.filter(person=officer.person).count() == 1


def test_secretariat_creates_and_edits_an_organisation(secretariat_client, net):
    response = secretariat_client.post("/manage/organisations/new/", organisation_post())
    assert response.status_code == 302
    iom = Organisation.objects.get(acronym="IOM")
    assert iom.is_observer
    assert iom.kind == "international"
    url = f"/manage/organisations/{iom.pk}/"
    state = state_of(secretariat_client.get(url))
    response = secretariat_client.post(url, organisation_post(acronym="OIM", state=state))
    assert response.status_code == 302
    iom.refresh_from_db()
    assert iom.acronym == "OIM"


def test_secretariat_records_a_presidency(secretariat_client, net):
    response = secretariat_client.post("/manage/presidencies/new/", presidency_post(net))
    assert response.status_code == 302
    presidency = Presidency.objects.get(year=2019)
    assert presidency.country == net.guatemala
    page = secretariat_client.get(response["Location"], headers=EN).content.decode()
    assert re.search(r"<td>2019</td><td><a [^>]*>Guatemala</a>", page)
    url = f"/manage/presidencies/{presidency.pk}/"
    state = state_of(secretariat_client.get(url))
    response = secretariat_client.post(
        url, presidency_post(net, country=net.mexico.pk, state=state)
    )
    assert response.status_code == 302
    presidency.refresh_from_db()
    assert presidency.country == net.mexico


# --- invalid input: 400, errors on the fields, nothing written ---------------------------------


@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/manage/countries/new/", country_post(code="B1Z"), "code"),
        ("/manage/countries/new/", country_post(code="HND"), "code"),  # already exists
        ("/manage/countries/new/", country_post(name_en=""), "name_en"),
        ("/manage/people/new/", person_post(email="not-an-address"), "email"),
        ("/manage/people/new/", person_post(family_name=""), "family_name"),
        ("/manage/organisations/new/", organisation_post(kind="club"), "kind"),
        ("/manage/organisations/new/", organisation_post(website="not a url"), "website"),
    ],
)
def test_invalid_post_is_400_with_field_errors(secretariat_client, net, url, data, field):
    before = counts()
    response = secretariat_client.post(url, data, headers=EN)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert 'class="errorlist' in page
    assert counts() == before


def test_invalid_membership_is_400_and_creates_no_post(secretariat_client, net):
    person = Person.objects.create(given_name="Ana", family_name="Pérez")
    before = counts()
    both = secretariat_client.post(
        "/manage/memberships/new/", membership_post(net, person, organisation=net.rrocm.pk)
    )
    assert both.status_code == 400
    assert "country" in both.context["form"].errors
    reversed_dates = secretariat_client.post(
        "/manage/memberships/new/",
        membership_post(net, person, start_date="2021-03-01", end_date="2020-03-01"),
    )
    assert reversed_dates.status_code == 400
    assert reversed_dates.context["form"].errors
    bad_date = secretariat_client.post(
        "/manage/memberships/new/", membership_post(net, person, start_date="yesterday")
    )
    assert bad_date.status_code == 400
    assert "start_date" in bad_date.context["form"].errors
    assert counts() == before


def test_invalid_presidency_is_400(secretariat_client, net):
    before = counts()
    response = secretariat_client.post(
        "/manage/presidencies/new/",
        presidency_post(net, start_date="2019-12-31", end_date="2019-01-01"),
    )
    assert response.status_code == 400
    observer_country = secretariat_client.post(
        "/manage/presidencies/new/", presidency_post(net, country=net.argentina.pk)
    )
    assert observer_country.status_code == 400
    assert "country" in observer_country.context["form"].errors
    assert counts() == before


def test_edit_of_a_missing_record_is_404(secretariat_client, net):
    assert secretariat_client.get("/manage/countries/999999/").status_code == 404
    assert secretariat_client.get("/manage/memberships/999999/").status_code == 404


# --- two editors at once ---------------------------------------------------------------------


def test_stale_country_form_is_refused_and_keeps_the_other_edit(secretariat_client, client, net):
    from enlace.conftest import make_member

    colleague = make_member(
        net, "st_colleague", role=Post.Role.SECRETARIAT, organisation=net.secretariat_org
    )
    client.force_login(colleague)
    url = f"/manage/countries/{net.mexico.pk}/"
    mine = state_of(secretariat_client.get(url))
    theirs = state_of(client.get(url))
    assert (
        client.post(
            url, country_post(code="MEX", name_en="United Mexican States", state=theirs)
        ).status_code
        == 302
    )
    events = AuditEvent.objects.count()

    response = secretariat_client.post(
        url, country_post(code="MEX", name_en="Mexico (mine)", state=mine), headers=EN
    )
    assert response.status_code == 400
    assert "Someone else changed this record after you opened it" in response.content.decode()
    net.mexico.refresh_from_db()
    assert net.mexico.name_en == "United Mexican States"
    assert AuditEvent.objects.count() == events


def test_stale_membership_form_is_refused(secretariat_client, net, officer):
    membership = officer.person.memberships.get()
    url = f"/manage/memberships/{membership.pk}/"
    stale = state_of(secretariat_client.get(url))
    Membership.objects.filter(pk=membership.pk).update(position="Directora")
    response = secretariat_client.post(
        url,
        membership_post(
            net, officer.person, country=net.honduras.pk, position="Asesora", state=stale
        ),
        headers=EN,
    )
    assert response.status_code == 400
    assert "Someone else changed this record" in response.content.decode()
    membership.refresh_from_db()
    assert membership.position == "Directora"
    assert membership.post.country == net.honduras


def test_stale_person_form_is_refused(secretariat_client, net, officer):
    url = f"/manage/people/{officer.person.pk}/"
    stale = state_of(secretariat_client.get(url))
    Person.objects.filter(pk=officer.person.pk).update(email="new@example.org")
    response = secretariat_client.post(url, person_post(state=stale), headers=EN)
    assert response.status_code == 400
    assert "Someone else changed this record" in response.content.decode()
    assert Person.objects.get(pk=officer.person.pk).email == "new@example.org"


def test_the_administration_page_has_a_title_and_its_plans_in_the_body(
    secretariat_client,
) -> None:
    html = secretariat_client.get("/manage/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "Administration" in title
    assert "Plans of Action" not in title
    body = html.split("<body", 1)[1]
    assert "Plans of Action and work plans" in body
