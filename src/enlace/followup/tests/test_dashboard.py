"""The dashboard: its numbers against the fixture's plan worked out by hand, the accessible SVG
charts with their tables, the filters, who may see it, and constant query counts."""

import datetime
import re

import pytest
from django.utils import translation

from enlace.followup.dashboard import dashboard, quarter_ends
from enlace.followup.tests.test_views import build_plan, count_queries
from enlace.workplan.models import WorkPlanVersion
from enlace.workplan.tests.fixtures import ACTIVITIES

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def english(client):
    client.cookies["enlace_language"] = "en"
    return client


def by_label(chart) -> dict[str, tuple[float | None, int, int]]:
    return {row.label: (row.progress, row.count, row.late) for row in chart.rows}


# The fixture's plan by hand. Completed counts 100, cancelled not at all; an objective is the
# weighted mean of its activities, an axis of its objectives (objective 1.1 weighs 2).
O11 = round((2 * 100 + 1 * 50) / 3, 1)  # 1.1.1 completed (w2), 1.1.2 at 50
O12 = round((40 + 0) / 2, 1)  # 1.2.1 at 40, 1.2.2 at 0
O21 = round((100 + 10) / 2, 1)  # 2.1.1 completed, 2.1.2 at 10
O22 = 0.0  # 2.2.1 cancelled (out), 2.2.2 at 0
O31 = round((3 * 75 + 1 * 100) / 4, 1)  # 3.1.1 at 75 (w3), 3.1.2 completed
O32 = round((20 + 0) / 2, 1)
O41 = round((0 + 60) / 2, 1)
O42 = round((100 + 0) / 2, 1)


def test_progress_by_axis_and_overall(secretariat, adopted_version):
    board = dashboard(secretariat)
    assert board is not None
    assert board.version == adopted_version
    axes = by_label(board.by_axis)
    assert axes["1. Intelligence and investigation"] == (round((2 * O11 + O12) / 3, 1), 4, 1)
    assert axes["2. Cross-border judicial cooperation"] == (round((O21 + O22) / 2, 1), 4, 1)
    assert axes["3. Administrative detention and alternatives"] == (
        round((O31 + O32) / 2, 1),
        4,
        0,
    )
    assert axes["4. Protection: prevention, information, assistance and migration solutions"] == (
        round((O41 + O42) / 2, 1),
        4,
        1,
    )
    overall = (2 * O11 + O12 + O21 + O22 + O31 + O32 + O41 + O42) / 9
    assert board.overall == round(overall, 1)
    assert board.activity_count == len(ACTIVITIES)


def test_progress_by_country(secretariat, adopted_version):
    board = dashboard(secretariat)
    countries = by_label(board.by_country)
    # Honduras: 1.1.1 (w2, done), 1.2.1 40, 2.1.2 10, 3.1.1 (w3) 75, 3.2.1 20, 4.1.1 0,
    # 4.2.1 done; 2.2.1 is cancelled and does not count (but is one of its 8 activities).
    honduras = (2 * 100 + 40 + 10 + 3 * 75 + 20 + 0 + 100) / (2 + 1 + 1 + 3 + 1 + 1 + 1)
    assert countries["Honduras"] == (round(honduras, 1), 8, 1)
    # Mexico: 1.1.2 50, 1.2.2 0, 2.1.1 done, 2.2.2 0, 3.1.2 done, 3.2.1 20, 3.2.2 0, 4.1.2 60,
    # 4.2.2 0 — nine activities of weight 1, two of them late.
    mexico = (50 + 0 + 100 + 0 + 100 + 20 + 0 + 60 + 0) / 9
    assert countries["Mexico"] == (round(mexico, 1), 9, 2)


def test_open_activities_by_deadline(secretariat, adopted_version):
    board = dashboard(secretariat)
    this_end, next_end = quarter_ends(TODAY)
    open_ = [a for a in ACTIVITIES if a.status not in ("completed", "cancelled")]
    expected = {
        "late": sum(a.end < TODAY for a in open_),
        "this": sum(TODAY <= a.end <= this_end for a in open_),
        "next": sum(this_end < a.end <= next_end for a in open_),
        "later": sum(a.end > next_end for a in open_),
        "none": 0,
    }
    assert {row.kind: row.count for row in board.by_deadline.rows} == expected
    assert expected["late"] == 3
    late = next(row for row in board.by_deadline.rows if row.kind == "late")
    assert late.progress == round((40 + 0 + 60) / 3, 1)  # 1.2.1, 2.2.2, 4.1.2


@pytest.mark.parametrize(
    ("today", "this_end", "next_end"),
    [
        (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), datetime.date(2026, 6, 30)),
        (datetime.date(2026, 8, 15), datetime.date(2026, 9, 30), datetime.date(2026, 12, 31)),
        (datetime.date(2026, 11, 28), datetime.date(2026, 12, 31), datetime.date(2027, 3, 31)),
    ],
)
def test_quarters(today, this_end, next_end):
    assert quarter_ends(today) == (this_end, next_end)


def test_late_activities_oldest_deadline_first(secretariat, adopted_version):
    board = dashboard(secretariat)
    late = sorted(
        (a for a in ACTIVITIES if a.end < TODAY and a.status not in ("completed", "cancelled")),
        key=lambda a: a.end,
    )
    assert [a.title_es[:5] for a in board.late] == [a.code for a in late]
    assert board.late_total == len(late)


def test_filter_by_axis(secretariat, adopted_version):
    axis = adopted_version.axes.get(position=3)
    board = dashboard(secretariat, axis=axis.pk)
    assert board.overall == round((O31 + O32) / 2, 1)
    assert [row.label for row in board.by_axis.rows] == [
        "3. Administrative detention and alternatives"
    ]
    assert board.late == []


def test_filter_by_country(secretariat, adopted_version):
    board = dashboard(secretariat, country="HND")
    assert list(by_label(board.by_country)) == ["Honduras"]
    axes = by_label(board.by_axis)
    # Honduras's part of axis 1: objective 1.1 is 1.1.1 (done), 1.2 is 1.2.1 at 40.
    assert axes["1. Intelligence and investigation"][0] == round((2 * 100 + 1 * 40) / 3, 1)
    assert [a.title_es[:5] for a in board.late] == ["1.2.1"]


def test_no_plan_in_force(secretariat, draft_version, secretariat_client):
    WorkPlanVersion.objects.filter(status="adopted").update(status="superseded")
    assert dashboard(secretariat) is None
    response = english(secretariat_client).get("/workplan/dashboard/")
    assert response.status_code == 200
    assert "No work plan is in force yet." in response.content.decode()


# --- the page ---------------------------------------------------------------------------------


def test_page_has_accessible_charts_each_with_its_table(officer_client, adopted_version):
    html = english(officer_client).get("/workplan/dashboard/").content.decode()
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    for svg, key in zip(svgs, ["by-axis", "by-country", "by-deadline"], strict=True):
        assert 'role="img"' in svg
        assert f'aria-labelledby="{key}-title {key}-desc"' in svg
        assert re.search(rf'<title id="{key}-title">[^<]+</title>', svg)
        assert re.search(rf'<desc id="{key}-desc">[^<]+</desc>', svg)
        assert f'id="{key}-table"' in html
    by_country = svgs[1]
    # Text labels and values are written in the chart, and the same numbers are in the table.
    mexico = round((50 + 100 + 100 + 20 + 60) / 9, 1)
    assert ">Mexico</text>" in by_country
    assert f">{mexico} %</text>" in by_country
    table = html[html.index('id="by-country-table"') :]
    table = table[: table.index("</table>")]
    assert f"{mexico} %" in table
    assert "Late activities" in html
    late_table = html[html.index('id="late-table"') :]
    assert "4.1.2 Material for consulates" in late_table


def test_page_filters_from_the_query_string(officer_client, adopted_version):
    response = english(officer_client).get("/workplan/dashboard/?country=MEX&axis=nonsense")
    assert response.status_code == 200
    html = response.content.decode()
    assert ">Honduras</text>" not in html
    assert ">Mexico</text>" in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("outsider_client", 403),
        ("observer_client", 200),
        ("officer_client", 200),
        ("other_client", 200),
        ("secretariat_client", 200),
    ],
)
def test_who_sees_the_dashboard(request, adopted_version, who, status):
    assert request.getfixturevalue(who).get("/workplan/dashboard/").status_code == status


def test_anonymous_is_sent_to_log_in(client, adopted_version):
    response = client.get("/workplan/dashboard/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("query", ["", "?country=HND", "?axis=1"])
def test_dashboard_queries_do_not_grow(net, plan_of_action, officer_client, query):
    version = build_plan(net, plan_of_action, 10)
    if query == "?axis=1":
        query = f"?axis={version.axes.first().pk}"
    path = f"/workplan/dashboard/{query}"
    officer_client.get(path)
    small = count_queries(officer_client, path)
    build_plan(net, plan_of_action, 190, version)
    assert count_queries(officer_client, path) == small
