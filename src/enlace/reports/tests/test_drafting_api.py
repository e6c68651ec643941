"""/api/v1/reports/{id}/…: versions, comments, revisions, and commenting, under the page rules."""

import datetime

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.accounts.services import api_token_create
from enlace.conftest import Net
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.reports import services
from enlace.reports.models import PointComment, Report
from enlace.reports.services import PointRow, report_save


@pytest.fixture
def draft(net: Net) -> Report:
    return make_report(make_meeting(net), points=[(0, "Uno."), (0, "Dos.")])


def test_versions_comments_and_revisions(
    officer_client: Client, draft: Report, secretariat: User, other_officer: User
) -> None:
    uno, dos = draft.points.all()
    report_save(
        user=secretariat,
        report=draft,
        data={"title": draft.title},
        points=[PointRow(0, "Uno, bis.", uno.pk), PointRow(0, "Dos.", dos.pk)],
    )
    services.comment_add(user=other_officer, point=uno, text="Bien.")

    versions = officer_client.get(f"/api/v1/reports/{draft.pk}/points/{uno.pk}/versions")
    comments = officer_client.get(f"/api/v1/reports/{draft.pk}/comments")

    assert [(v["number"], v["text"]) for v in versions.json()] == [(1, "Uno."), (2, "Uno, bis.")]
    assert [(c["point_id"], c["delegation"], c["text"]) for c in comments.json()] == [
        (uno.pk, "México", "Bien.")
    ]
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    services.report_revise(user=secretariat, report=draft, reason="Título.", changes={"title": "T"})
    revisions = officer_client.get(f"/api/v1/reports/{draft.pk}/revisions").json()
    assert [(r["number"], r["reason"]) for r in revisions] == [(2, "Título.")]
    assert revisions[0]["previous"]["title"] == "Informe de la reunión"


@pytest.mark.parametrize("who", ["client", "outsider_client", "observer_client"])
def test_a_draft_is_404_outside_the_network(
    request: pytest.FixtureRequest, draft: Report, who: str
) -> None:
    client = request.getfixturevalue(who)
    point = draft.points.first()
    assert point is not None

    for url in (
        f"/api/v1/reports/{draft.pk}/points/{point.pk}/versions",
        f"/api/v1/reports/{draft.pk}/comments",
        f"/api/v1/reports/{draft.pk}/revisions",
    ):
        assert client.get(url).status_code == 404
    response = client.post(
        f"/api/v1/reports/{draft.pk}/points/{point.pk}/comments",
        {"text": "Hola."},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not PointComment.objects.exists()


def test_public_reads_revisions_of_a_published_report_but_never_comments(
    client: Client, draft: Report, secretariat: User, officer: User
) -> None:
    services.comment_add(user=officer, point=draft.points.first(), text="Interno.")  # type: ignore[arg-type]
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    services.report_publish(user=secretariat, report=draft)

    assert client.get(f"/api/v1/reports/{draft.pk}/revisions").json() == []
    assert client.get(f"/api/v1/reports/{draft.pk}/comments").status_code == 404


def test_comment_with_a_token(draft: Report, other_officer: User) -> None:
    _token, raw = api_token_create(user=other_officer, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    point = draft.points.first()
    assert point is not None

    response = client.post(
        f"/api/v1/reports/{draft.pk}/points/{point.pk}/comments",
        {"text": "Desde la API."},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["delegation"] == "México"
    assert PointComment.objects.get().text == "Desde la API."


def test_comment_with_the_session_needs_the_csrf_token(draft: Report, officer: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    point = draft.points.first()
    assert point is not None
    url = f"/api/v1/reports/{draft.pk}/points/{point.pk}/comments"

    refused = client.post(url, {"text": "Sin token."}, content_type="application/json")
    assert refused.status_code == 403
    client.get(f"/reports/{draft.pk}/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        url, {"text": "Con token."}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )

    assert accepted.status_code == 201
    assert list(PointComment.objects.values_list("text", flat=True)) == ["Con token."]


@pytest.mark.parametrize(
    ("body", "field"), [({"text": "   "}, "text"), ({}, "text")], ids=["blank", "missing"]
)
def test_invalid_comment_is_422_with_field_errors(
    officer_client: Client, draft: Report, body: dict[str, str], field: str
) -> None:
    point = draft.points.first()
    assert point is not None

    response = officer_client.post(
        f"/api/v1/reports/{draft.pk}/points/{point.pk}/comments",
        body,
        content_type="application/json",
    )

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert not PointComment.objects.exists()


def test_unknown_point_is_404(officer_client: Client, draft: Report) -> None:
    response = officer_client.post(
        f"/api/v1/reports/{draft.pk}/points/999999/comments",
        {"text": "X"},
        content_type="application/json",
    )

    assert response.status_code == 404


def test_comment_on_an_adopted_report_is_403(
    officer_client: Client, draft: Report, secretariat: User
) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    point = draft.points.first()
    assert point is not None

    response = officer_client.post(
        f"/api/v1/reports/{draft.pk}/points/{point.pk}/comments",
        {"text": "Tarde."},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not PointComment.objects.exists()
