"""The drafting pages: the report page's comments and buttons, a point's history, the editor's
buttons (split), the order of its points, revisions, and who may do what."""

import datetime
from typing import Any

import pytest
from django.test import Client

from enlace.accounts.models import User
from enlace.conftest import Net
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Presidency
from enlace.reports import services
from enlace.reports.models import PointComment, Report, ReportRevision
from enlace.reports.services import PointRow
from enlace.reports.services import report_save as meeting_report_save

ALL = ["officer_client", "other_client", "secretariat_client", "observer_client", "outsider_client"]


@pytest.fixture
def draft(net: Net) -> Report:
    return make_report(make_meeting(net), points=[(0, "Uno."), (1, "Inciso a."), (0, "Dos.")])


def english(client: Client) -> Client:
    client.cookies["enlace_language"] = "en"
    return client


def edit_rows(report: Report, secretariat: User, rows: list[tuple[Any, ...]]) -> None:
    meeting_report_save(
        user=secretariat,
        report=report,
        data={"title": report.title},
        points=[PointRow(*row) for row in rows],
    )


def editor_post(report: Report, rows: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "meeting": report.meeting_id,
        "language": report.language,
        "title": report.title,
        "place_line": report.place_line,
        "date_line": report.date_line,
        "opening": report.opening,
        "state": "",
        "points-TOTAL_FORMS": str(len(rows)),
        "points-INITIAL_FORMS": str(len(rows)),
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"points-{i}-{key}"] = value
    data.update(changes)
    return data


# --- the report page -------------------------------------------------------------------------


def test_comment_from_the_report_page(
    other_client: Client, officer_client: Client, draft: Report, ppt_honduras: Presidency
) -> None:
    dos = draft.points.get(text="Dos.")

    response = other_client.post(
        f"/reports/{draft.pk}/points/{dos.pk}/comments/", {"text": "Agregar un plazo."}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/reports/{draft.pk}/#point-{dos.pk}"
    comment = PointComment.objects.get()
    assert (comment.point, comment.text, comment.delegation) == (dos, "Agregar un plazo.", "México")
    page = english(officer_client).get(f"/reports/{draft.pk}/").content.decode()
    assert "Agregar un plazo." in page
    assert f'action="/reports/comments/{comment.pk}/answer/"' in page  # Honduras presides

    response = officer_client.post(
        f"/reports/comments/{comment.pk}/answer/", {"answer": "Se agregó el 21 de julio."}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.answer == "Se agregó el 21 de julio."
    assert "Se agregó el 21 de julio." in other_client.get(f"/reports/{draft.pk}/").content.decode()


@pytest.mark.parametrize("who", ALL)
def test_who_sees_comments_and_the_comment_form(
    request: pytest.FixtureRequest, draft: Report, other_officer: User, who: str
) -> None:
    services.comment_add(
        user=other_officer, point=draft.points.first(), text="Texto del comentario."
    )  # type: ignore[arg-type]
    client = request.getfixturevalue(who)

    response = client.get(f"/reports/{draft.pk}/")

    if who in {"observer_client", "outsider_client"}:  # a draft observers were not invited to
        assert response.status_code == 404
        return
    page = response.content.decode()
    assert "Texto del comentario." in page
    assert f"/reports/{draft.pk}/points/" in page  # comment form and history link


def test_invited_observer_sees_and_comments(
    observer_client: Client, draft: Report, other_officer: User
) -> None:
    Report.objects.filter(pk=draft.pk).update(observers_invited=True)
    services.comment_add(user=other_officer, point=draft.points.first(), text="De México.")  # type: ignore[arg-type]
    point = draft.points.get(text="Dos.")

    assert "De México." in observer_client.get(f"/reports/{draft.pk}/").content.decode()
    observer_client.post(f"/reports/{draft.pk}/points/{point.pk}/comments/", {"text": "De RROCM."})

    assert PointComment.objects.filter(text="De RROCM.", organisation__acronym="RROCM").exists()


def test_comments_are_never_public(
    client: Client, draft: Report, other_officer: User, secretariat: User
) -> None:
    services.comment_add(user=other_officer, point=draft.points.first(), text="Interno.")  # type: ignore[arg-type]
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    services.report_publish(user=secretariat, report=draft)

    page = client.get(f"/reports/{draft.pk}/").content.decode()

    assert "Uno." in page
    assert "Interno." not in page
    assert "/history/" not in page
    point = draft.points.first()
    assert point is not None
    assert client.get(f"/reports/{draft.pk}/points/{point.pk}/history/").status_code == 404


@pytest.mark.parametrize("who", ["officer_client", "other_client", "observer_client"])
def test_officers_and_observers_cannot_comment_where_they_may_not(
    request: pytest.FixtureRequest, draft: Report, secretariat: User, who: str
) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    services.report_publish(user=secretariat, report=draft)
    point = draft.points.first()
    assert point is not None

    response = request.getfixturevalue(who).post(
        f"/reports/{draft.pk}/points/{point.pk}/comments/", {"text": "Tarde."}
    )

    assert response.status_code == 403
    assert not PointComment.objects.exists()


def test_anonymous_cannot_comment(client: Client, draft: Report) -> None:
    point = draft.points.first()
    assert point is not None

    response = client.post(f"/reports/{draft.pk}/points/{point.pk}/comments/", {"text": "X"})

    assert response.status_code == 404
    assert not PointComment.objects.exists()


def test_other_country_cannot_answer(
    other_client: Client, draft: Report, officer: User, ppt_honduras: Presidency
) -> None:
    comment = services.comment_add(user=officer, point=draft.points.first(), text="Pregunta.")  # type: ignore[arg-type]

    response = other_client.post(f"/reports/comments/{comment.pk}/answer/", {"answer": "No."})

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.answer == ""


# --- history ---------------------------------------------------------------------------------


def test_point_history_compares_any_two_versions(
    officer_client: Client, draft: Report, secretariat: User
) -> None:
    uno, inciso, dos = draft.points.all()
    keep = [(1, "Inciso a.", inciso.pk), (0, "Dos.", dos.pk)]
    edit_rows(draft, secretariat, [(0, "Reconocer los <b>esfuerzos</b>.", uno.pk), *keep])
    edit_rows(draft, secretariat, [(0, "Reconocer los grandes esfuerzos.", uno.pk), *keep])

    page = english(officer_client).get(f"/reports/{draft.pk}/points/{uno.pk}/history/")
    assert page.status_code == 200
    assert [v.number for v in page.context["versions"]] == [1, 2, 3]
    html = page.content.decode()
    assert "<del>&lt;b&gt;esfuerzos&lt;/b&gt;.</del>" in html  # 2 against 3, escaped
    assert "<ins>grandes esfuerzos.</ins>" in html

    html = officer_client.get(f"/reports/{draft.pk}/points/{uno.pk}/history/?a=1&b=3").content
    assert "<del>Uno.</del><ins>Reconocer los grandes esfuerzos.</ins>" in html.decode()


@pytest.mark.parametrize("who", ["observer_client", "outsider_client", "client"])
def test_history_of_a_draft_is_404_outside_the_network(
    request: pytest.FixtureRequest, draft: Report, who: str
) -> None:
    point = draft.points.first()
    assert point is not None

    response = request.getfixturevalue(who).get(f"/reports/{draft.pk}/points/{point.pk}/history/")

    assert response.status_code == 404


# --- the editor: reorder, split, sub-points ----------------------------------------------------


def test_editor_reorders_splits_and_indents_keeping_identity(
    secretariat_client: Client, draft: Report, other_officer: User
) -> None:
    uno, inciso, dos = draft.points.all()
    comment = services.comment_add(user=other_officer, point=dos, text="Dividir.")
    # The order of the page is the order of the points; "split:0" cuts the first at its empty
    # line (nothing is saved), then Save.
    rows = [
        {"id": dos.pk, "level": "0", "text": "Dos primera parte.\r\n\r\nDos segunda."},
        {"id": uno.pk, "level": "0", "text": "Uno."},
        {"id": inciso.pk, "level": "1", "text": "Inciso a."},
    ]
    url = f"/manage/reports/{draft.pk}/"

    split = secretariat_client.post(url, editor_post(draft, rows, action="split:0"))
    assert split.status_code == 200
    assert draft.points.count() == 3
    rows.insert(1, {"level": "0", "text": "Dos segunda."})
    rows[0]["text"] = "Dos primera parte."
    assert [f.initial for f in split.context["formset"].forms] == [
        {"id": row.get("id"), "level": int(row["level"]), "text": row["text"]} for row in rows
    ]
    response = secretariat_client.post(url, editor_post(draft, rows))

    assert response.status_code == 302
    points = list(draft.points.order_by("position"))
    assert [(p.level, p.text) for p in points] == [
        (0, "Dos primera parte."),
        (0, "Dos segunda."),
        (0, "Uno."),
        (1, "Inciso a."),
    ]
    assert [points[0].pk, points[2].pk, points[3].pk] == [dos.pk, uno.pk, inciso.pk]
    comment.refresh_from_db()
    assert comment.point_id == dos.pk


def test_split_without_an_empty_line_is_an_error(secretariat_client: Client, draft: Report) -> None:
    uno, inciso, dos = draft.points.all()
    rows = [{"id": p.pk, "level": str(p.level), "text": p.text} for p in (uno, inciso, dos)]

    response = secretariat_client.post(
        f"/manage/reports/{draft.pk}/", editor_post(draft, rows, action="split:2")
    )

    assert response.status_code == 400
    assert [f.initial["text"] for f in response.context["formset"].forms] == [
        "Uno.",
        "Inciso a.",
        "Dos.",
    ]
    assert draft.points.count() == 3


# --- adopt, present, publish, revise -------------------------------------------------------


def test_secretariat_adopts_presents_publishes_and_revises_from_the_page(
    secretariat_client: Client, client: Client, draft: Report
) -> None:
    page = english(secretariat_client).get(f"/reports/{draft.pk}/").content.decode()
    assert f'href="/reports/{draft.pk}/adopt/"' in page

    secretariat_client.post(f"/reports/{draft.pk}/adopt/", {"adopted_on": "2024-05-07"})
    secretariat_client.post(f"/reports/{draft.pk}/present/", {"presented_on": "2024-06-20"})
    secretariat_client.post(f"/reports/{draft.pk}/publish/", {"published": "1"})

    draft.refresh_from_db()
    assert (draft.status, draft.presented_on, draft.is_published) == (
        Report.Status.PRESENTED,
        datetime.date(2024, 6, 20),
        True,
    )
    uno, inciso, dos = draft.points.all()
    editor = secretariat_client.get(f"/manage/reports/{draft.pk}/")
    assert editor.status_code == 200
    rows = [{"id": p.pk, "level": str(p.level), "text": p.text} for p in (uno, inciso, dos)]
    rows[2]["text"] = "Dos, corregido."
    data = editor_post(draft, rows, reason="Errata en el punto 2.")
    data["state"] = editor.context["form"].initial["state"]

    response = secretariat_client.post(f"/manage/reports/{draft.pk}/", data)

    assert response.status_code == 302
    revision = ReportRevision.objects.get()
    assert revision.number == 2
    assert revision.snapshot["points"][2] == [0, "Dos."]
    public = english(client).get(f"/reports/{draft.pk}/").content.decode()
    assert "Revision 2 — Errata en el punto 2." in public
    assert "Dos, corregido." in public


def test_revision_without_a_reason_is_400(
    secretariat_client: Client, secretariat: User, draft: Report
) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    rows = [{"id": p.pk, "level": str(p.level), "text": p.text + " X"} for p in draft.points.all()]

    response = secretariat_client.post(f"/manage/reports/{draft.pk}/", editor_post(draft, rows))

    assert response.status_code == 400
    assert not ReportRevision.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        # Those who may read the draft are refused; the outsider does not learn it exists.
        ("officer_client", 403),
        ("other_client", 403),
        ("observer_client", 403),
        ("outsider_client", 404),
    ],
)
def test_no_one_but_the_secretariat_adopts_or_publishes(
    request: pytest.FixtureRequest, draft: Report, ppt_honduras: Presidency, who: str, status: int
) -> None:
    Report.objects.filter(pk=draft.pk).update(observers_invited=True)
    client = request.getfixturevalue(who)

    adopt = client.post(f"/reports/{draft.pk}/adopt/", {"adopted_on": "2024-05-07"})
    publish = client.post(f"/reports/{draft.pk}/publish/", {"published": "1"})

    assert (adopt.status_code, publish.status_code) == (status, status)
    draft.refresh_from_db()
    assert (draft.status, draft.is_published) == (Report.Status.DRAFT, False)
    assert (
        f'href="/reports/{draft.pk}/adopt/"'
        not in client.get(f"/reports/{draft.pk}/").content.decode()
    )
    confirmations = [
        client.get(f"/reports/{draft.pk}/{action}/").status_code
        for action in ("adopt", "present", "publish")
    ]
    assert confirmations == [status, status, status]


def test_anonymous_cannot_adopt(client: Client, draft: Report) -> None:
    response = client.post(f"/reports/{draft.pk}/adopt/", {"adopted_on": "2024-05-07"})

    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT


def test_adopting_asks_first_and_the_confirmation_adopts(
    secretariat_client: Client, draft: Report
) -> None:
    page = english(secretariat_client).get(f"/reports/{draft.pk}/adopt/")

    text = page.content.decode()
    assert page.status_code == 200
    assert draft.title in text
    assert "This cannot be undone" in text
    assert 'class="button warning"' in text
    assert f'href="/reports/{draft.pk}/"' in text
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT

    done = secretariat_client.post(f"/reports/{draft.pk}/adopt/", {"adopted_on": "2024-05-07"})

    assert done.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Report.Status.ADOPTED


def test_adoption_without_a_date_stays_on_the_confirmation(
    secretariat_client: Client, draft: Report
) -> None:
    response = english(secretariat_client).post(f"/reports/{draft.pk}/adopt/", {})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT


def test_publishing_and_withdrawing_ask_first(
    secretariat_client: Client, secretariat: User, draft: Report
) -> None:
    services.report_adopt(user=secretariat, report=draft, adopted_on=datetime.date(2024, 5, 7))
    client = english(secretariat_client)

    ask = client.get(f"/reports/{draft.pk}/publish/?published=1").content.decode()
    assert "anyone can read it" in ask
    client.post(f"/reports/{draft.pk}/publish/", {"published": "1"})
    draft.refresh_from_db()
    assert draft.is_published
    page = client.get(f"/reports/{draft.pk}/").content.decode()
    assert f'href="/reports/{draft.pk}/publish/?published=0"' in page

    ask = client.get(f"/reports/{draft.pk}/publish/?published=0").content.decode()
    assert "You can publish it again later." in ask
    draft.refresh_from_db()
    assert draft.is_published
    client.post(f"/reports/{draft.pk}/publish/", {"published": "0"})
    draft.refresh_from_db()
    assert not draft.is_published
