"""The pages, for every role: the access matrix, then what each page lets a user do."""

import datetime
import io
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from enlace.conftest import Net
from enlace.core.services import state_token
from enlace.countryreports.models import CountryReport, Figure, LegislationEntry, ReportingRound

from .conftest import VALID, put_figures, set_status

ROLES = ["secretariat", "officer", "other", "observer", "outsider", "anonymous"]


@pytest.fixture
def clients(
    client: Client,
    secretariat_client: Client,
    officer_client: Client,
    other_client: Client,
    observer_client: Client,
    outsider_client: Client,
) -> dict[str, Client]:
    return {
        "secretariat": secretariat_client,
        "officer": officer_client,
        "other": other_client,
        "observer": observer_client,
        "outsider": outsider_client,
        "anonymous": client,
    }


@pytest.fixture
def reports(hnd_report: CountryReport, mex_report: CountryReport) -> dict[str, CountryReport]:
    """Honduras's draft (with figures) and Mexico's published report."""
    put_figures(hnd_report, VALID)
    put_figures(mex_report, VALID)
    set_status(mex_report, "published")
    mex_report.advances = "Avances de México"
    mex_report.save()
    return {"hnd": hnd_report, "mex": mex_report}


# (url template, expected status for secretariat, officer, other, observer, outsider, anonymous)
GET_MATRIX = [
    ("/country-reports/", [200, 200, 200, 200, 403, 302]),
    ("/country-reports/rounds/{round}/", [200, 200, 200, 200, 404, 404]),
    ("/country-reports/{hnd}/", [404, 200, 404, 404, 404, 404]),
    ("/country-reports/{mex}/", [200, 200, 200, 200, 404, 404]),
    ("/country-reports/{hnd}/edit/", [404, 200, 404, 404, 404, 404]),
    ("/country-reports/{mex}/edit/", [403, 403, 403, 403, 404, 404]),
    ("/country-reports/{hnd}/template.xlsx", [404, 200, 404, 404, 404, 404]),
    ("/country-reports/{mex}/template.xlsx", [200, 200, 200, 403, 404, 404]),
    ("/country-reports/{hnd}/upload/", [404, 200, 404, 404, 404, 404]),
    ("/country-reports/{mex}/revise/", [200, 403, 200, 403, 404, 404]),
    # The confirmations of accepting and publishing answer as the actions do.
    ("/country-reports/{mex}/review/?action=accept", [403, 403, 403, 403, 404, 404]),
    ("/country-reports/{mex}/review/?action=publish", [403, 403, 403, 403, 404, 404]),
    ("/legislation/", [200, 200, 200, 200, 200, 200]),
    ("/legislation/HND/", [200, 200, 403, 403, 403, 302]),
    ("/legislation/ZZZ/", [404, 404, 404, 404, 404, 404]),
    ("/statistics/dashboard/", [200, 200, 200, 200, 403, 302]),
    ("/statistics/dashboard/?export=csv", [200, 200, 200, 200, 403, 302]),
    ("/statistics/unodc.csv", [200, 200, 200, 200, 403, 302]),
    ("/statistics/", [200, 200, 200, 200, 200, 200]),
    ("/statistics/?export=csv", [200, 200, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("url", "expected"), GET_MATRIX)
def test_access_matrix_of_every_page(
    clients: dict[str, Client], reports: dict[str, CountryReport], url: str, expected: list[int]
) -> None:
    target = url.format(hnd=reports["hnd"].pk, mex=reports["mex"].pk, round=reports["hnd"].round_id)
    got = [clients[role].get(target).status_code for role in ROLES]
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, expected, strict=True))


# (url template, POST data, who may: status for each role)
POST_MATRIX = [
    (
        "/country-reports/{hnd}/programme/add/",
        {"programme-kind": "campaign", "programme-name": "C"},
        [404, 302, 404, 404, 404, 404],
    ),
    ("/country-reports/{mex}/review/", {"action": "accept"}, [403, 403, 403, 403, 404, 404]),
    ("/legislation/remind/", {}, [302, 403, 403, 403, 403, 403]),
    (
        "/country-reports/",
        {
            "title": "2030",
            "period_start": "2030-01-01",
            "period_end": "2030-12-31",
            "deadline": "2031-01-31",
        },
        [302, 403, 403, 403, 403, 403],
    ),
]


@pytest.mark.parametrize(("url", "data", "expected"), POST_MATRIX)
def test_access_matrix_of_every_action(
    clients: dict[str, Client],
    reports: dict[str, CountryReport],
    url: str,
    data: dict[str, str],
    expected: list[int],
) -> None:
    target = url.format(hnd=reports["hnd"].pk, mex=reports["mex"].pk)
    got = {}
    for role in ROLES:
        got[role] = clients[role].post(target, data).status_code
    assert got == dict(zip(ROLES, expected, strict=True))


def test_observers_read_the_narrative_but_not_the_figure_sheet(
    observer_client: Client, other_client: Client, reports: dict[str, CountryReport]
) -> None:
    page = observer_client.get(f"/country-reports/{reports['mex'].pk}/").content.decode()
    assert "Avances de México" in page
    assert 'class="figures"' not in page
    page = other_client.get(f"/country-reports/{reports['mex'].pk}/").content.decode()
    assert 'class="figures"' in page


def test_the_officer_saves_a_draft_with_errors_and_sees_them_named(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    form = {
        "state": state_token(hnd_report),
        "advances": "Texto",
        "challenges": "",
        "cooperation_needs": "",
    }
    form.update(
        {
            "victims_identified.total": "10",
            "victims_identified.sex.female": "7",
            "victims_identified.sex.male": "4",
            "campaigns.total": "2,5",
        }
    )
    response = officer_client.post(
        f"/country-reports/{hnd_report.pk}/edit/", form, HTTP_ACCEPT_LANGUAGE="en"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The draft is saved, with errors" in page
    assert "add up to 11, but the total is 10" in page
    assert "Awareness campaigns, total: Enter a whole number." in page
    assert 'value="2,5"' in page  # what was typed is kept
    hnd_report.refresh_from_db()
    assert hnd_report.advances == "Texto"
    assert hnd_report.status == "draft"
    # Submitting is refused while the errors remain.
    form["state"] = state_token(hnd_report)
    form["submit"] = "1"
    officer_client.post(f"/country-reports/{hnd_report.pk}/edit/", form)
    hnd_report.refresh_from_db()
    assert hnd_report.status == "draft"
    # Corrected, it goes to the secretariat.
    form.update(
        {
            "state": state_token(hnd_report),
            "victims_identified.male": "",
            "victims_identified.sex.male": "3",
            "campaigns.total": "2",
        }
    )
    response = officer_client.post(f"/country-reports/{hnd_report.pk}/edit/", form)
    assert response.status_code == 302
    hnd_report.refresh_from_db()
    assert hnd_report.status == "submitted"


def test_a_stale_form_is_refused_and_keeps_what_the_user_typed(
    officer_client: Client, hnd_report: CountryReport
) -> None:
    stale = state_token(hnd_report)
    hnd_report.advances = "someone else"
    hnd_report.save()
    response = officer_client.post(
        f"/country-reports/{hnd_report.pk}/edit/",
        {"state": stale, "advances": "mine", "campaigns.total": "4"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else changed this record" in page
    assert "mine" in page
    hnd_report.refresh_from_db()
    assert hnd_report.advances == "someone else"
    assert not hnd_report.figures.exists()


def test_the_secretariat_reviews_and_publishes(
    secretariat_client: Client,
    officer: object,
    hnd_report: CountryReport,
    django_capture_on_commit_callbacks: object,
) -> None:
    put_figures(hnd_report, VALID)
    set_status(hnd_report, "submitted")
    url = f"/country-reports/{hnd_report.pk}/review/"
    page = secretariat_client.get(f"/country-reports/{hnd_report.pk}/").content.decode()
    assert "Accept the report" in page or "Aceptar el informe" in page
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        secretariat_client.post(url, {"action": "query", "message": "Falta el desglose"})
    hnd_report.refresh_from_db()
    assert hnd_report.status == "queried"
    assert len(mail.outbox) == 1
    set_status(hnd_report, "submitted")
    page = secretariat_client.get(f"/country-reports/{hnd_report.pk}/").content.decode()
    assert f'href="{url}?action=accept"' in page
    ask = secretariat_client.get(f"{url}?action=accept", HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "This cannot be undone." in ask.content.decode()
    assert str(hnd_report) in ask.content.decode()
    hnd_report.refresh_from_db()
    assert hnd_report.status == "submitted"
    # The country's own officer may not accept: the same answer for the page as for the action.
    assert officer_client_of(officer).get(f"{url}?action=accept").status_code == 403
    secretariat_client.post(url, {"action": "accept"})
    ask = secretariat_client.get(f"{url}?action=publish", HTTP_ACCEPT_LANGUAGE="en")
    assert ask.status_code == 200
    assert "regional statistics" in ask.content.decode()
    secretariat_client.post(url, {"action": "publish"})
    hnd_report.refresh_from_db()
    assert hnd_report.status == "published"
    assert Figure.objects.filter(report=hnd_report, published=True).count() == len(VALID)


def officer_client_of(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_correction_needs_a_reason_and_becomes_a_revision(
    other_client: Client, reports: dict[str, CountryReport]
) -> None:
    report = reports["mex"]
    data = {"state": state_token(report), "advances": "Avances corregidos"}
    data.update({k.slug: str(v) for k, v in VALID.items()})
    response = other_client.post(f"/country-reports/{report.pk}/revise/", data)
    assert response.status_code == 400
    data["reason"] = "Cifras auditadas"
    response = other_client.post(f"/country-reports/{report.pk}/revise/", data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.revision, report.advances) == (2, "Avances corregidos")
    page = other_client.get(f"/country-reports/{report.pk}/").content.decode()
    assert "Cifras auditadas" in page


def test_the_legislation_matrix_side_by_side_and_its_edit(
    officer_client: Client, client: Client, net: Net
) -> None:
    today = datetime.date.today().isoformat()
    response = officer_client.post(
        "/legislation/HND/",
        {
            "penalties-status": "in_force",
            "penalties-reference": "Decreto 59-2012",
            "penalties-last_confirmed": today,
        },
    )
    assert response.status_code == 302
    entry = LegislationEntry.objects.get(country=net.honduras)
    assert (entry.topic, entry.reference) == ("penalties", "Decreto 59-2012")
    page = client.get("/legislation/").content.decode()
    assert "Decreto 59-2012" in page
    assert "México" in page
    assert "Honduras" in page


def test_opening_a_round_from_the_page(secretariat_client: Client, net: Net) -> None:
    response = secretariat_client.post(
        "/country-reports/",
        {
            "title": "2025",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "deadline": "2030-01-31",
        },
    )
    assert response.status_code == 302
    opened = ReportingRound.objects.get()
    assert opened.reports.count() == 3
    response = secretariat_client.post(
        "/country-reports/",
        {
            "title": "bad",
            "period_start": "2025-06-01",
            "period_end": "2026-05-31",
            "deadline": "2026-06-30",
        },
    )
    assert response.status_code == 400
    assert ReportingRound.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_down_never_fails_the_query(
    secretariat_client: Client, officer: object, hnd_report: CountryReport, settings: Any
) -> None:
    """The query is saved and answered with a redirect although its mail fails (commits run for
    real here); a later attempt sends the mail once."""
    from django.core.management import call_command

    from enlace.core.models import OutgoingMail
    from enlace.core.tests.mailers import FAILING, LOCMEM

    put_figures(hnd_report, VALID)
    set_status(hnd_report, "submitted")
    settings.MAILERS = FAILING
    settings.ENLACE_MAIL_RETRY_SECONDS = 0
    response = secretariat_client.post(
        f"/country-reports/{hnd_report.pk}/review/",
        {"action": "query", "message": "Falta el desglose"},
    )
    assert response.status_code == 302
    hnd_report.refresh_from_db()
    assert hnd_report.status == "queried"
    assert OutgoingMail.objects.get().attempts == 1
    assert mail.outbox == []

    settings.MAILERS = LOCMEM
    call_command("send-pending-mail", "--grace", "0", stdout=io.StringIO())
    call_command("send-pending-mail", "--grace", "0", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hnd_officer@example.org"]


def test_a_programme_is_removed_only_through_its_own_report(
    officer_client: Client,
    other_client: Client,
    net: Net,
    hnd_report: CountryReport,
    round_2023: ReportingRound,
) -> None:
    """Mexico's officer cannot remove Honduras's programme, neither at Honduras's report nor
    by giving its id at Mexico's own draft."""
    mex_draft = CountryReport.objects.get(round=round_2023, country=net.mexico)
    programme = hnd_report.programmes.create(kind="campaign", name="Abre los ojos")
    at_honduras = f"/country-reports/{hnd_report.pk}/programme/{programme.pk}/remove/"
    at_mexico = f"/country-reports/{mex_draft.pk}/programme/{programme.pk}/remove/"
    assert other_client.post(at_honduras).status_code == 404
    assert other_client.post(at_mexico).status_code == 404
    assert hnd_report.programmes.filter(pk=programme.pk).exists()
    assert officer_client.post(at_honduras).status_code == 302
    assert not hnd_report.programmes.filter(pk=programme.pk).exists()
