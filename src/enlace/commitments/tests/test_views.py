"""The commitment pages, for every kind of user: the officer of the commitment's country, an
officer of another country, an observer, an account without a role and the anonymous public."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enlace.commitments.models import Commitment
from enlace.commitments.tests.conftest import CommitmentFactory, make_report
from enlace.conftest import Net
from enlace.meetings.models import Visibility
from enlace.network.models import Presidency
from enlace.reports.models import Report

pytestmark = pytest.mark.django_db

LIST = "/commitments/"
YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)
NEXT_MONTH = datetime.date.today() + datetime.timedelta(days=30)


@pytest.fixture
def mixed(net: Net, make_commitment: CommitmentFactory) -> dict[str, Commitment]:
    return {
        "hnd": make_commitment(
            actor_kind="country", country=net.honduras, text="Tarea de Honduras"
        ),
        "mex": make_commitment(actor_kind="country", country=net.mexico, text="Tarea de México"),
        "all": make_commitment(actor_kind="all_member_countries", text="Tarea de todos"),
        "ppt": make_commitment(actor_kind="ppt", text="Tarea de la PPT"),
        "st": make_commitment(actor_kind="secretariat", text="Tarea de la ST"),
        "proposed": make_commitment(status="proposed", text="Propuesta sin revisar"),
        "dismissed": make_commitment(status="dismissed", text="Propuesta descartada"),
    }


def _texts(response: object) -> set[str]:
    return {c.text for c in response.context["page"].object_list}  # type: ignore[attr-defined]


# --- the list -------------------------------------------------------------------------------


def test_an_officer_sees_their_own_by_default(officer_client: Client, mixed: dict) -> None:
    response = officer_client.get(LIST)
    assert response.status_code == 200
    assert _texts(response) == {"Tarea de Honduras", "Tarea de todos"}


def test_an_officer_of_the_presiding_country_also_sees_the_ppts(
    officer_client: Client, ppt_honduras: Presidency, mixed: dict
) -> None:
    assert _texts(officer_client.get(LIST)) == {
        "Tarea de Honduras",
        "Tarea de todos",
        "Tarea de la PPT",
    }


def test_the_other_country_sees_its_own(other_client: Client, mixed: dict) -> None:
    assert _texts(other_client.get(LIST)) == {"Tarea de México", "Tarea de todos"}


def test_an_officer_can_list_all_reviewed_ones(officer_client: Client, mixed: dict) -> None:
    response = officer_client.get(LIST, {"scope": "all"})
    assert _texts(response) == {
        "Tarea de Honduras",
        "Tarea de México",
        "Tarea de todos",
        "Tarea de la PPT",
        "Tarea de la ST",
    }


def test_the_secretariat_sees_everything_and_filters(
    secretariat_client: Client, mixed: dict
) -> None:
    assert len(_texts(secretariat_client.get(LIST))) == 7
    assert _texts(secretariat_client.get(LIST, {"status": "proposed"})) == {"Propuesta sin revisar"}
    assert _texts(secretariat_client.get(LIST, {"actor_kind": "country"})) == {
        "Tarea de Honduras",
        "Tarea de México",
    }


def test_an_observer_sees_the_reviewed_ones_of_reports_they_read(
    observer_client: Client, mixed: dict
) -> None:
    response = observer_client.get(LIST)
    assert response.status_code == 200
    assert "Propuesta sin revisar" not in _texts(response)
    assert "Tarea de la ST" in _texts(response)


def test_an_observer_does_not_see_a_members_only_meetings_commitments(
    net: Net, observer_client: Client, make_commitment: CommitmentFactory
) -> None:
    hidden = make_report(net, title="Reservado", visibility=Visibility.MEMBERS)
    make_commitment(point=hidden.points.first(), text="Tarea reservada")
    assert "Tarea reservada" not in _texts(observer_client.get(LIST))


def test_the_list_is_for_the_network(outsider_client: Client, client: Client, mixed: dict) -> None:
    assert outsider_client.get(LIST).status_code == 403
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_overdue_first_and_marked(
    net: Net, officer_client: Client, make_commitment: CommitmentFactory
) -> None:
    make_commitment(
        actor_kind="country", country=net.honduras, text="Más tarde", due_date=NEXT_MONTH
    )
    make_commitment(actor_kind="country", country=net.honduras, text="Sin fecha")
    make_commitment(actor_kind="country", country=net.honduras, text="Vencida", due_date=YESTERDAY)
    make_commitment(
        actor_kind="country",
        country=net.honduras,
        text="Hecha",
        due_date=YESTERDAY,
        status="done",
    )
    response = officer_client.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    rows = [c.text for c in response.context["page"].object_list]
    assert rows == ["Vencida", "Más tarde", "Sin fecha", "Hecha"]
    html = response.content.decode()
    assert html.index("Vencida") < html.index("Más tarde")
    assert 'class="overdue"' in html
    assert "Overdue" in html
    only_overdue = officer_client.get(LIST, {"overdue": "on"})
    assert _texts(only_overdue) == {"Vencida"}


@pytest.mark.parametrize("user_client", ["secretariat_client", "officer_client"])
def test_the_list_costs_the_same_queries_with_10_and_200(
    request: pytest.FixtureRequest,
    user_client: str,
    net: Net,
    report: Report,
) -> None:
    client: Client = request.getfixturevalue(user_client)
    point = report.points.first()
    other = make_report(net, title="Otro informe", start=datetime.date(2015, 1, 20))

    def add(count: int) -> None:
        Commitment.objects.bulk_create(
            Commitment(
                point=point if i % 2 else other.points.first(),
                actor_kind="country" if i % 3 else "organisation",
                country=net.honduras if i % 3 else None,
                organisation=None if i % 3 else net.rrocm,
                text=f"Compromiso {i}",
                status="confirmed",
                due_date=YESTERDAY if i % 4 else None,
            )
            for i in range(count)
        )

    add(10)
    client.get(LIST)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    add(190)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 50
    assert len(few) == len(many)
    assert len(many) <= 12


# --- a report's commitments -----------------------------------------------------------------


def report_url(report: Report) -> str:
    return reverse("commitments:report", args=[report.pk])


def test_the_public_sees_reviewed_commitments_of_a_published_report(
    client: Client, report: Report, mixed: dict
) -> None:
    mixed["hnd"].status = "done"
    mixed["hnd"].done_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    mixed["hnd"].evidence = "Nota interna 42"
    mixed["hnd"].save()
    response = client.get(report_url(report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tarea de Honduras" in html
    assert "Tarea de la ST" in html
    assert "Propuesta sin revisar" not in html
    assert "Propuesta descartada" not in html
    assert "Nota interna 42" not in html
    assert 'name="action" value="propose"' not in html


def test_unpublished_report_commitments(
    net: Net,
    client: Client,
    outsider_client: Client,
    observer_client: Client,
    officer_client: Client,
    make_commitment: CommitmentFactory,
) -> None:
    draft = make_report(net, title="Borrador", status=Report.Status.DRAFT, published=False)
    make_commitment(point=draft.points.first(), text="Tarea del borrador")
    assert client.get(report_url(draft)).status_code == 404
    assert outsider_client.get(report_url(draft)).status_code == 404
    assert observer_client.get(report_url(draft)).status_code == 404
    assert "Tarea del borrador" in officer_client.get(report_url(draft)).content.decode()
    draft.observers_invited = True
    draft.save()
    assert "Tarea del borrador" in observer_client.get(report_url(draft)).content.decode()


def test_the_secretariat_reviews_on_the_report_page(
    secretariat_client: Client, report: Report
) -> None:
    response = secretariat_client.post(report_url(report), {"action": "propose"})
    assert response.status_code == 302
    proposals = list(Commitment.objects.filter(point__report=report).order_by("point__position"))
    assert [c.status for c in proposals] == ["proposed", "proposed"]
    page = secretariat_client.get(report_url(report)).content.decode()
    assert f'name="c{proposals[0].pk}-text"' in page
    # Confirm the first with a correction, dismiss the second, from the report page.
    first, second = proposals
    prefix = f"c{first.pk}-"
    response = secretariat_client.post(
        reverse("commitments:detail", args=[first.pk]),
        {
            "action": "confirm",
            "next": report_url(report),
            prefix + "actor_kind": "country",
            prefix + "country": "",
            prefix + "text": first.text,
        },
    )
    assert response.status_code == 400  # no country chosen for a country's commitment
    first.refresh_from_db()
    assert first.status == "proposed"
    response = secretariat_client.post(
        reverse("commitments:detail", args=[first.pk]),
        {
            "action": "confirm",
            "next": report_url(report),
            prefix + "actor_kind": "all_member_countries",
            prefix + "text": "Enviar a la ST la información",
            prefix + "due_date": "2014-07-22",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == report_url(report)
    first.refresh_from_db()
    assert (first.status, first.text, first.due_date) == (
        "confirmed",
        "Enviar a la ST la información",
        datetime.date(2014, 7, 22),
    )
    secretariat_client.post(reverse("commitments:detail", args=[second.pk]), {"action": "dismiss"})
    second.refresh_from_db()
    assert second.status == "dismissed"
    # Proposing again brings back neither.
    secretariat_client.post(report_url(report), {"action": "propose"})
    assert Commitment.objects.filter(point__report=report).count() == 2


@pytest.mark.parametrize(
    "user_client", ["officer_client", "other_client", "observer_client", "outsider_client"]
)
def test_only_the_secretariat_proposes(
    request: pytest.FixtureRequest, user_client: str, report: Report
) -> None:
    client: Client = request.getfixturevalue(user_client)
    assert client.post(report_url(report), {"action": "propose"}).status_code == 403
    assert not Commitment.objects.exists()


def test_anonymous_cannot_propose(client: Client, report: Report) -> None:
    assert client.post(report_url(report), {"action": "propose"}).status_code == 403
    assert not Commitment.objects.exists()


def test_the_report_page_links_to_its_commitments(client: Client, report: Report) -> None:
    html = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert report_url(report) in html


# --- one commitment -------------------------------------------------------------------------


def detail_url(commitment: Commitment) -> str:
    return reverse("commitments:detail", args=[commitment.pk])


def test_the_officer_marks_their_countrys_commitment_done(
    officer_client: Client, mixed: dict
) -> None:
    commitment = mixed["hnd"]
    page = officer_client.get(detail_url(commitment)).content.decode()
    assert 'value="complete"' in page
    response = officer_client.post(
        detail_url(commitment), {"action": "complete", "evidence": "Oficio 123/2014"}
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == "done"
    assert commitment.evidence == "Oficio 123/2014"
    page = officer_client.get(detail_url(commitment)).content.decode()
    assert "Oficio 123/2014" in page
    assert 'value="reopen"' in page


def test_empty_evidence_is_refused(officer_client: Client, mixed: dict) -> None:
    response = officer_client.post(detail_url(mixed["hnd"]), {"action": "complete", "evidence": ""})
    assert response.status_code == 400
    mixed["hnd"].refresh_from_db()
    assert mixed["hnd"].status == "confirmed"


def test_the_other_country_cannot_complete(other_client: Client, mixed: dict) -> None:
    commitment = mixed["hnd"]
    page = other_client.get(detail_url(commitment))
    assert page.status_code == 200
    assert 'value="complete"' not in page.content.decode()
    response = other_client.post(detail_url(commitment), {"action": "complete", "evidence": "x"})
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == "confirmed"


@pytest.mark.parametrize("user_client", ["observer_client", "outsider_client", "client"])
def test_outside_the_countries_nobody_completes_or_reviews(
    request: pytest.FixtureRequest, user_client: str, mixed: dict
) -> None:
    client: Client = request.getfixturevalue(user_client)
    commitment = mixed["hnd"]
    assert client.get(detail_url(commitment)).status_code == 200
    for data in (
        {"action": "complete", "evidence": "x"},
        {"action": "dismiss"},
        {"action": "update", f"c{commitment.pk}-actor_kind": "ppt", f"c{commitment.pk}-text": "x"},
    ):
        assert client.post(detail_url(commitment), data).status_code == 403
    commitment.refresh_from_db()
    assert (commitment.status, commitment.actor_kind) == ("confirmed", "country")


@pytest.mark.parametrize(
    "user_client",
    ["officer_client", "other_client", "observer_client", "outsider_client", "client"],
)
def test_a_proposal_is_hidden_from_all_but_the_secretariat(
    request: pytest.FixtureRequest, user_client: str, mixed: dict, secretariat_client: Client
) -> None:
    client: Client = request.getfixturevalue(user_client)
    assert client.get(detail_url(mixed["proposed"])).status_code == 404
    assert secretariat_client.get(detail_url(mixed["proposed"])).status_code == 200


def test_the_history_of_a_commitment(
    secretariat_client: Client, officer_client: Client, mixed: dict
) -> None:
    commitment = mixed["hnd"]
    officer_client.post(detail_url(commitment), {"action": "complete", "evidence": "Hecho"})
    page = secretariat_client.get(detail_url(commitment), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "History" in html
    assert "hnd_officer" in html
    assert (
        "hnd_officer"
        not in officer_client.get(detail_url(commitment), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
        .split("History")[-1]
    )


def test_the_secretariat_corrects_an_open_commitment(
    net: Net, secretariat_client: Client, mixed: dict
) -> None:
    commitment = mixed["st"]
    prefix = f"c{commitment.pk}-"
    response = secretariat_client.post(
        detail_url(commitment),
        {
            "action": "update",
            prefix + "actor_kind": "country",
            prefix + "country": str(net.guatemala.pk),
            prefix + "text": "Tarea de Guatemala",
            prefix + "due_text": "antes de fin de año",
        },
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.country, commitment.text, commitment.status) == (
        net.guatemala,
        "Tarea de Guatemala",
        "confirmed",
    )


def test_the_secretariat_adds_a_commitment_by_hand_at_a_point(
    secretariat_client: Client, report: Report, net: Net
) -> None:
    secretariat_client.cookies["enlace_language"] = "en"
    page = secretariat_client.get(report_url(report)).content.decode()
    assert "Add a commitment" in page
    second = report.points.order_by("position")[1]
    fields = {
        "action": "add",
        "add-point": str(second.pk),
        "add-actor_kind": "country",
        "add-country": "",
        "add-text": "Enviar el directorio actualizado",
        "add-due_date": "2014-09-30",
    }
    # A country's commitment without the country: the form says so and nothing is saved.
    refused = secretariat_client.post(report_url(report), fields)
    assert refused.status_code == 200
    assert "Choose the country that committed itself." in refused.content.decode()
    assert not Commitment.objects.exists()

    fields["add-country"] = str(net.mexico.pk)
    response = secretariat_client.post(report_url(report), fields)
    added = Commitment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#commitment-{added.pk}")
    assert (added.point, added.country, added.status, added.due_date) == (
        second,
        net.mexico,
        "confirmed",
        datetime.date(2014, 9, 30),
    )
    assert (
        "Enviar el directorio actualizado"
        in secretariat_client.get(report_url(report)).content.decode()
    )
    # Proposing from the text afterwards does not touch it.
    secretariat_client.post(report_url(report), {"action": "propose"})
    added.refresh_from_db()
    assert added.status == "confirmed"


def test_a_point_of_another_report_cannot_be_chosen(
    secretariat_client: Client, report: Report, net: Net
) -> None:
    other = make_report(net, title="Otro informe", start=datetime.date(2015, 1, 20))
    response = secretariat_client.post(
        report_url(report),
        {
            "action": "add",
            "add-point": str(other.points.first().pk),  # type: ignore[union-attr]
            "add-actor_kind": "secretariat",
            "add-text": "Algo",
        },
    )
    assert response.status_code == 200
    assert not Commitment.objects.exists()


@pytest.mark.parametrize(
    "user_client",
    ["officer_client", "other_client", "observer_client", "outsider_client", "client"],
)
def test_only_the_secretariat_adds_commitments(
    request: pytest.FixtureRequest, user_client: str, report: Report
) -> None:
    client: Client = request.getfixturevalue(user_client)
    client.cookies["enlace_language"] = "en"
    response = client.post(
        report_url(report),
        {
            "action": "add",
            "add-point": str(report.points.first().pk),  # type: ignore[union-attr]
            "add-actor_kind": "secretariat",
            "add-text": "Algo",
        },
    )
    assert response.status_code == 403
    assert "Add a commitment" not in client.get(report_url(report)).content.decode()
    assert not Commitment.objects.exists()
