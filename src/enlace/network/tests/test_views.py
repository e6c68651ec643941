"""Pages of the network and its directory, for every kind of visitor."""

import csv
import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from enlace.conftest import make_member
from enlace.network import services
from enlace.network.models import Membership, Person, Post
from enlace.network.views import DIRECTORY_PAGE_SIZE

EN = {"accept-language": "en"}
TODAY = datetime.date.today()

# The Guatemalan officer whose contact details the tests look for.
CONTACT_EMAIL = "gtm.contact@example.org"
CONTACT_PHONE = "+502 2411 0000"

CAN_SEE_CONTACTS = ["officer_client", "other_client", "observer_client", "secretariat_client"]
CANNOT_SEE_CONTACTS = ["client", "outsider_client"]


@pytest.fixture
def gtm_officer(net):
    user = make_member(
        net,
        "gtm_officer",
        role=Post.Role.LIAISON_OFFICER,
        country=net.guatemala,
        email=CONTACT_EMAIL,
    )
    Person.objects.filter(user=user).update(phone=CONTACT_PHONE)
    return user


@pytest.fixture
def former_hnd(net):
    return make_member(
        net,
        "former_hnd",
        role=Post.Role.LIAISON_OFFICER,
        country=net.honduras,
        start=datetime.date(2008, 1, 1),
        end=datetime.date(2015, 12, 31),
    )


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(page: str, start: str, end: str) -> str:
    """The part of a page between two markers."""
    begin = page.index(start)
    return page[begin : page.index(end, begin)]


def person_links(page: str) -> list[str]:
    """The ids of the people listed in a page's directory rows."""
    return re.findall(r'href="/directory/people/(\d+)/"', page)


def add_members(net, count: int, *, country=None, family_name="Bulk") -> None:
    """``count`` current liaison officers (of Guatemala unless told)."""
    post, _created = Post.objects.get_or_create(
        body=net.network, role=Post.Role.LIAISON_OFFICER, country=country or net.guatemala
    )
    people = Person.objects.bulk_create(
        Person(
            given_name=f"P{i:04d}",
            family_name=family_name,
            email=f"p{i}@example.org",
            phone=f"+000 {i:04d}",
        )
        for i in range(count)
    )
    Membership.objects.bulk_create(
        Membership(person=p, post=post, start_date=datetime.date(2020, 1, 1), institution="Inst")
        for p in people
    )


# --- the overview ----------------------------------------------------------------------------


def test_overview_lists_the_member_and_observer_countries_of_the_demo(client, demo):
    page = html(client.get("/network/", headers=EN))
    members = section(page, 'id="members-h"', "</section>")
    observers = section(page, 'id="observers-h"', "</section>")
    assert members.count("<li>") == 11
    for name in ("Belize", "Canada", "Dominican Republic", "Honduras", "United States of America"):
        assert f">{name}</a>" in members
    assert observers.count("<li>") == 5
    for name in ("Argentina", "Colombia", "Ecuador", "Jamaica", "Peru"):
        assert f">{name}</a>" in observers
    assert ">Argentina</a>" not in members
    assert 'href="/network/countries/HND/"' in members


def test_overview_lists_the_presidencies_by_year(client, demo):
    page = html(client.get("/network/", headers=EN))
    table = section(page, 'id="ppt-h"', "</section>")
    rows = re.findall(r"<tr><td>(\d{4})</td><td><a [^>]*>([^<]+)</a>", table)
    this_year = datetime.date.today().year
    # The demo fills the years after the record up to this one, which Honduras holds.
    assert rows[0] == (str(this_year), "Honduras")
    assert [int(year) for year, _name in rows[: this_year - 2024 + 1]] == list(
        range(this_year, 2023, -1)
    )
    assert "demo" in section(table, f"<td>{this_year}</td>", "</tr>")
    assert "demo" not in section(table, "<td>2024</td>", "</tr>")
    assert rows[this_year - 2024 :] == [
        ("2024", "Belize"),
        ("2023", "Panama"),
        ("2022", "El Salvador"),
        ("2021", "Mexico"),
        ("2020", "Costa Rica"),
        ("2019", "Guatemala"),
        ("2018", "Panama"),
        ("2008", "Honduras"),
    ]


def test_overview_names_the_organisations_and_bodies(client, demo):
    page = html(client.get("/network/", headers=EN))
    assert "(RROCM)" in page
    assert "(IOM)" in page
    assert "Regional Consultation Group on Migration" in page


def test_overview_in_spanish_uses_the_spanish_names(client, demo):
    client.cookies["enlace_language"] = "es"
    page = html(client.get("/network/"))
    assert ">República Dominicana</a>" in page
    assert ">Dominican Republic</a>" not in page


def test_overview_shows_the_current_presidency(client, net, ppt_honduras):
    page = html(client.get("/network/", headers=EN))
    assert f"Honduras ({ppt_honduras.year})" in page


# --- a country -------------------------------------------------------------------------------


def test_country_page_shows_current_and_former_officers(client, net, officer, former_hnd):
    page = html(client.get("/network/countries/HND/", headers=EN))
    assert "<h1>Honduras</h1>" in page
    current = section(page, "Current liaison officers", "</table>")
    former = section(page, "Former liaison officers", "</table>")
    assert person_links(current) == [str(officer.person.pk)]
    assert person_links(former) == [str(former_hnd.person.pk)]
    assert "Jan.\xa01,\xa02008 – Dec.\xa031,\xa02015" in former


def test_country_page_of_the_demo(client, demo):
    page = html(client.get("/network/countries/hnd/", headers=EN))
    former = section(page, "Former liaison officers", "</table>")
    assert "José Turcios Banegas" in former
    assert "demo" in former
    assert "2008" in section(page, "Pro Tempore Presidency", "</dd>")
    assert "Reunión de la Red de Funcionarios de Enlace" in section(
        page, "Meetings attended", "</ul>"
    )


def test_membership_with_a_future_end_is_current_not_former(client, net, officer):
    Membership.objects.filter(person=officer.person).update(
        end_date=TODAY + datetime.timedelta(days=30)
    )
    page = html(client.get("/network/countries/HND/", headers=EN))
    assert person_links(section(page, "Current liaison officers", "</table>")) == [
        str(officer.person.pk)
    ]
    assert "Former liaison officers" not in page


def test_country_page_of_another_country_does_not_list_this_ones_officers(
    client, net, officer, other_officer
):
    page = html(client.get("/network/countries/MEX/", headers=EN))
    assert person_links(page) == [str(other_officer.person.pk)]


def test_unknown_country_is_404(client, net):
    assert client.get("/network/countries/ZZZ/").status_code == 404


# --- the directory ---------------------------------------------------------------------------


def test_directory_lists_current_members(client, net, officer, other_officer, observer, former_hnd):
    page = html(client.get("/directory/", headers=EN))
    listed = person_links(page)
    assert str(officer.person.pk) in listed
    assert str(other_officer.person.pk) in listed
    assert str(observer.person.pk) in listed
    assert str(former_hnd.person.pk) not in listed


def test_directory_shows_former_members_only_when_asked(client, net, officer, former_hnd):
    page = html(client.get("/directory/?former=1", headers=EN))
    assert set(person_links(page)) == {str(officer.person.pk), str(former_hnd.person.pk)}
    assert 'name="former" value="1" checked' in page


def test_directory_filters_by_country(client, net, officer, other_officer, gtm_officer):
    page = html(client.get("/directory/?country=MEX", headers=EN))
    assert person_links(page) == [str(other_officer.person.pk)]
    assert '<option value="MEX" selected>' in page


def test_directory_search(client, net, officer, other_officer):
    Person.objects.filter(pk=other_officer.person.pk).update(family_name="Zamudio")
    page = html(client.get("/directory/?q=zamu", headers=EN))
    assert person_links(page) == [str(other_officer.person.pk)]


def test_directory_search_with_nothing_found(client, net, officer):
    page = html(client.get("/directory/?q=nobody-at-all", headers=EN))
    assert person_links(page) == []
    assert "Nobody matches." in page


def test_directory_search_text_is_escaped(client, net):
    page = html(client.get("/directory/?q=<script>alert(1)</script>", headers=EN))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_directory_pagination(client, net):
    add_members(net, DIRECTORY_PAGE_SIZE + 7)
    first = html(client.get("/directory/", headers=EN))
    assert len(person_links(first)) == DIRECTORY_PAGE_SIZE
    assert "Page 1 of 2" in first
    second = html(client.get("/directory/?page=2", headers=EN))
    assert len(person_links(second)) == 7
    assert not set(person_links(first)) & set(person_links(second))
    # A page that does not exist shows the nearest one.
    assert person_links(html(client.get("/directory/?page=99"))) == person_links(second)
    assert person_links(html(client.get("/directory/?page=x"))) == person_links(first)


def test_directory_pagination_keeps_the_filters(client, net):
    add_members(net, DIRECTORY_PAGE_SIZE + 1, country=net.mexico)
    add_members(net, 3, country=net.guatemala, family_name="Other")
    page = html(client.get("/directory/?country=MEX", headers=EN))
    assert "?country=MEX&amp;page=2" in page
    second = html(client.get("/directory/?country=MEX&page=2", headers=EN))
    assert len(person_links(second)) == 1


@pytest.mark.usefixtures("uncached_pages")
def test_directory_query_count_does_not_grow_with_the_data(officer_client, client, net, officer):
    def queries(c) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert c.get("/directory/").status_code == 200
        return len(captured)

    add_members(net, 9)  # with the officer: 10 memberships
    few_anonymous, few_officer = queries(client), queries(officer_client)
    add_members(net, 190, country=net.mexico)
    assert Membership.objects.count() == 200
    assert queries(client) == few_anonymous
    assert queries(officer_client) == few_officer
    assert few_officer <= 10


@pytest.mark.usefixtures("uncached_pages")
def test_country_page_query_count_does_not_grow_with_the_data(client, net, former_hnd):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/network/countries/HND/").status_code == 200
        return len(captured)

    add_members(net, 3, country=net.honduras)
    few = queries()
    add_members(net, 100, country=net.honduras, family_name="More")
    assert queries() == few


@pytest.mark.usefixtures("uncached_pages")
def test_person_page_query_count_does_not_grow_with_the_history(client, net, officer):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/directory/people/{officer.person.pk}/").status_code == 200
        return len(captured)

    few = queries()
    for year, country in enumerate([net.mexico, net.guatemala, net.argentina], start=2010):
        post = Post.objects.create(body=net.network, role=Post.Role.ALTERNATE, country=country)
        officer.person.memberships.create(
            post=post,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 31),
        )
    assert queries() == few


# --- a person --------------------------------------------------------------------------------


def test_person_page_shows_the_posts_held(client, net, officer):
    page = html(client.get(f"/directory/people/{officer.person.pk}/", headers=EN))
    assert "<h1>Hnd_Officer Tester</h1>" in page
    assert "Liaison officer" in page
    assert ">Honduras</a>" in page


def test_person_without_a_post_is_404(client, net):
    person = Person.objects.create(given_name="No", family_name="Post", email="no@example.org")
    assert client.get(f"/directory/people/{person.pk}/").status_code == 404
    assert client.get("/directory/people/999999/").status_code == 404


def test_history_is_kept_after_a_membership_ends(client, net, secretariat, gtm_officer):
    membership = gtm_officer.person.memberships.get()
    end = TODAY - datetime.timedelta(days=1)
    services.membership_save(
        user=secretariat,
        membership=membership,
        data={
            "person": gtm_officer.person,
            "body": net.network,
            "role": Post.Role.LIAISON_OFFICER,
            "country": net.guatemala,
            "organisation": None,
            "institution": membership.institution,
            "position": membership.position,
            "start_date": membership.start_date,
            "end_date": end,
        },
    )
    pk = str(gtm_officer.person.pk)
    assert pk not in person_links(html(client.get("/directory/")))
    assert pk in person_links(html(client.get("/directory/?former=1")))
    country = html(client.get("/network/countries/GTM/", headers=EN))
    assert pk in person_links(section(country, "Former liaison officers", "</table>"))
    person = html(client.get(f"/directory/people/{pk}/", headers=EN))
    with translation.override("en"):
        ended = date_format(end).replace(" ", "\xa0")
    assert f"Jan.\xa01,\xa02020 – {ended}" in person


# --- contact details: the network sees them, the public does not -----------------------------


def contact_pages(client, person_pk: int) -> dict[str, str]:
    return {
        "directory": html(client.get("/directory/")),
        "country": html(client.get("/network/countries/GTM/")),
        "person": html(client.get(f"/directory/people/{person_pk}/")),
        "csv": html(client.get("/directory/export.csv")),
        "popolo": html(client.get("/directory/popolo.json")),
    }


@pytest.mark.parametrize("who", CAN_SEE_CONTACTS)
def test_network_members_see_contact_details(request, gtm_officer, who):
    pages = contact_pages(request.getfixturevalue(who), gtm_officer.person.pk)
    for name, page in pages.items():
        assert CONTACT_EMAIL in page, name
    for name in ("directory", "country", "person", "popolo"):
        assert CONTACT_PHONE in pages[name], name
    assert "'" + CONTACT_PHONE in pages["csv"]  # a leading + is neutralised in the CSV


@pytest.mark.parametrize("who", CANNOT_SEE_CONTACTS)
def test_public_and_outsiders_do_not_see_contact_details(request, gtm_officer, who):
    pages = contact_pages(request.getfixturevalue(who), gtm_officer.person.pk)
    for name, page in pages.items():
        assert "Gtm_Officer" in page, name  # the name is public…
        assert CONTACT_EMAIL not in page, name  # … the contact details are not
        assert CONTACT_PHONE not in page, name
        assert "mailto:" not in page, name


@pytest.mark.parametrize("who", CANNOT_SEE_CONTACTS)
def test_exports_for_the_public_have_no_contact_fields(request, gtm_officer, who):
    c = request.getfixturevalue(who)
    rows = list(csv.reader(io.StringIO(html(c.get("/directory/export.csv")).lstrip("\ufeff"))))
    assert "email" not in rows[0]
    assert "phone" not in rows[0]
    assert {len(row) for row in rows} == {len(rows[0])}
    data = json.loads(html(c.get("/directory/popolo.json")))
    assert all("contact_details" not in person for person in data["persons"])


def test_former_member_of_the_network_loses_contact_details(client, net, gtm_officer):
    former = make_member(
        net,
        "ex_member",
        role=Post.Role.LIAISON_OFFICER,
        country=net.mexico,
        end=TODAY - datetime.timedelta(days=1),
    )
    client.force_login(former)
    page = html(client.get(f"/directory/people/{gtm_officer.person.pk}/"))
    assert CONTACT_EMAIL not in page


# --- the exports as views --------------------------------------------------------------------


def test_csv_export_follows_the_filters(officer_client, net, officer, other_officer, former_hnd):
    response = officer_client.get("/directory/export.csv?country=HND&former=1")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {row["person_id"] for row in rows} == {
        str(officer.person.pk),
        str(former_hnd.person.pk),
    }
    assert {row["country_code"] for row in rows} == {"HND"}
    assert {row["end_date"] for row in rows} == {"", "2015-12-31"}


def test_popolo_export_follows_the_filters(client, net, officer, other_officer):
    response = client.get("/directory/popolo.json?country=MEX")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert [p["id"] for p in data["persons"]] == [f"person/{other_officer.person.pk}"]
    assert [m["on_behalf_of_id"] for m in data["memberships"]] == ["country/MEX"]


def test_pagination_and_export_links_keep_a_search_with_special_characters(client, net):
    import html as html_lib

    add_members(net, DIRECTORY_PAGE_SIZE + 2, family_name="Wanted")
    Membership.objects.filter(person__family_name="Wanted").update(institution="Salud & Trabajo")
    add_members(net, 5, family_name="Unwanted")
    Membership.objects.filter(person__family_name="Unwanted").update(institution="Salud")
    first = html(client.get("/directory/", {"q": "Salud & Trabajo"}, headers=EN))
    assert len(person_links(first)) == DIRECTORY_PAGE_SIZE

    next_href = re.search(r'<a href="([^"]*)">Next</a>', first).group(1)
    second = html(client.get("/directory/" + html_lib.unescape(next_href)))
    wanted = set(Person.objects.filter(family_name="Wanted").values_list("pk", flat=True))
    assert len(person_links(second)) == 2
    assert {int(pk) for pk in person_links(second)} <= wanted

    csv_href = re.search(r'href="(/directory/export\.csv[^"]*)"', first).group(1)
    rows = html(client.get(html_lib.unescape(csv_href))).splitlines()
    assert len(rows) == 1 + DIRECTORY_PAGE_SIZE + 2


def test_directory_with_an_unknown_country_lists_nobody(client, net, officer, other_officer):
    """A filter that matches no country must not silently show the whole directory."""
    for url in ("/directory/?country=ZZZ", "/directory/export.csv?country=ZZZ"):
        body = client.get(url).content.decode()
        assert "Hnd_Officer" not in body
        assert "Mex_Officer" not in body
    popolo = client.get("/directory/popolo.json?country=ZZZ").json()
    assert popolo["persons"] == []
    assert client.get("/api/v1/directory?country=ZZZ").json()["count"] == 0
