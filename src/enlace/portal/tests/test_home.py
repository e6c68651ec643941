"""The home of a signed-in person: what needs them first (overdue first, marked in words), each
role what it must see and never what it may not; the public keeps the public home."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from enlace.accounts.models import User
from enlace.commitments.models import Commitment
from enlace.conftest import Net, make_member, make_superuser
from enlace.contributions.models import Contribution, Recommendation
from enlace.cooperation.models import CooperationRequest, RequestParty, RequestState, RequestType
from enlace.core.templatetags.values import day
from enlace.countryreports.models import CountryReport, ReportingRound
from enlace.meetings.models import Meeting, Visibility
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.network.models import Country, Organisation, Post, Presidency
from enlace.reports.models import PointComment, Report
from enlace.workplan.models import Amendment, WorkPlanVersion
from enlace.workplan.tests.fixtures import (  # noqa: F401 (fixtures, found by pytest by name)
    adopted_version,
    draft_version,
    plan_of_action,
    work_plan,
)

TODAY = datetime.date.today()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def make_request(
    origin: Country,
    targets: list[Country],
    *,
    state: str = RequestState.SENT,
    due: datetime.date,
    type_: str = RequestType.INVESTIGATION,
) -> CooperationRequest:
    sent = min(due, TODAY) - datetime.timedelta(days=10)
    request = CooperationRequest.objects.create(
        type=type_,
        requesting_country=origin,
        summary="Contenido reservado a las partes",
        state=state,
        sent_on=sent,
        due_on=due,
        decline_reason="No procede" if state == RequestState.DECLINED else "",
    )
    RequestParty.objects.create(request=request, country=origin, role=RequestParty.Role.REQUESTING)
    for target in targets:
        RequestParty.objects.create(
            request=request, country=target, role=RequestParty.Role.REQUESTED
        )
    return request


@dataclass
class World:
    overdue_to_honduras: CooperationRequest
    due_to_honduras: CooperationRequest
    honduras_to_mexico: CooperationRequest
    answered_to_honduras: CooperationRequest
    stranger: CooperationRequest
    closed_to_honduras: CooperationRequest
    round: ReportingRound
    hnd_report: CountryReport
    mex_report: CountryReport
    coming: Meeting
    coming_members_only: Meeting
    draft_report: Report
    recommendation: Recommendation
    returned: Contribution
    iom_submitted: Contribution


@pytest.fixture
def world(net: Net, adopted_version: WorkPlanVersion) -> World:  # noqa: F811
    round_ = ReportingRound.objects.create(
        title="Informe anual de prueba",
        period_start=datetime.date(TODAY.year - 1, 1, 1),
        period_end=datetime.date(TODAY.year - 1, 12, 31),
        deadline=days(15),
    )
    past = make_meeting(net, title="Reunión pasada", visibility=Visibility.NETWORK)
    coming = make_meeting(
        net,
        title="Reunión que viene",
        start_date=days(20),
        end_date=days(21),
        visibility=Visibility.NETWORK,
    )
    members_only = make_meeting(
        net,
        title="Reunión reservada",
        start_date=days(25),
        end_date=days(25),
        visibility=Visibility.MEMBERS,
    )
    draft = make_report(past, title="Informe en borrador")
    PointComment.objects.create(
        report=draft,
        point=draft.points.first(),
        point_text="Primer punto.",
        author_name="Delegación de México",
        country=net.mexico,
        text="Proponemos otra redacción.",
    )
    for country, text in ((net.honduras, "Enviar el directorio"), (net.mexico, "Enviar datos")):
        Commitment.objects.create(
            point=draft.points.get(),
            actor_kind=Commitment.ActorKind.COUNTRY,
            country=country,
            text=text,
            due_date=days(-2),
            status=Commitment.Status.CONFIRMED,
        )
    accepted = Contribution.objects.create(
        meeting=past,
        organisation=net.rrocm,
        kind=Contribution.Kind.RECOMMENDATIONS,
        title="Recomendaciones de la sociedad civil",
        status=Contribution.Status.ACCEPTED,
    )
    recommendation = Recommendation.objects.create(
        contribution=accepted, position=1, text="Garantizar el acceso a la asistencia."
    )
    iom = Organisation.objects.create(
        acronym="OIM",
        kind="international",
        is_observer=True,
        name_es="Organización Internacional para las Migraciones",
        name_en="International Organization for Migration",
        name_fr="Organisation internationale pour les migrations",
    )
    return World(
        overdue_to_honduras=make_request(net.guatemala, [net.honduras], due=days(-10)),
        due_to_honduras=make_request(
            net.mexico, [net.honduras], state=RequestState.IN_PROGRESS, due=days(20)
        ),
        honduras_to_mexico=make_request(net.honduras, [net.mexico], due=days(5)),
        answered_to_honduras=make_request(
            net.honduras, [net.guatemala], state=RequestState.COMPLETED, due=days(-3)
        ),
        stranger=make_request(net.mexico, [net.guatemala], due=days(-20)),
        closed_to_honduras=make_request(
            net.guatemala, [net.honduras], state=RequestState.CLOSED, due=days(-40)
        ),
        round=round_,
        hnd_report=CountryReport.objects.create(round=round_, country=net.honduras),
        mex_report=CountryReport.objects.create(
            round=round_, country=net.mexico, status=CountryReport.Status.SUBMITTED
        ),
        coming=coming,
        coming_members_only=members_only,
        draft_report=draft,
        recommendation=recommendation,
        returned=Contribution.objects.create(
            meeting=coming,
            organisation=net.rrocm,
            kind=Contribution.Kind.POSITION_PAPER,
            title="Documento de posición devuelto",
            status=Contribution.Status.RETURNED,
            return_reason="Falta el resumen.",
        ),
        iom_submitted=Contribution.objects.create(
            meeting=coming,
            organisation=iom,
            kind=Contribution.Kind.PRESENTATION,
            title="Presentación de la OIM",
        ),
    )


def home(client: Client) -> str:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def tasks_of(html: str) -> list[str]:
    """The items of "What needs you", in order, as text."""
    found = re.search(r'<ol class="tasks">(.*?)</ol>', html, re.S)
    if found is None:
        return []
    items = re.findall(r"<li[^>]*>(.*?)</li>", found.group(1), re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)).strip() for item in items]


def link(request: CooperationRequest) -> str:
    return f'href="/cooperation/requests/{request.pk}/"'


def test_the_public_keeps_the_public_home(world: World, client: Client) -> None:
    html = home(client)
    assert "What needs you" not in html
    assert "Network of Liaison Officers to Combat Trafficking" in html
    assert "/cooperation/requests/" not in html
    assert "/workplan/mine/" not in html
    assert "/country-reports/" not in html


def test_an_officer_sees_what_waits_on_its_country_overdue_first(
    world: World, officer_client: Client
) -> None:
    html = home(officer_client)
    tasks = tasks_of(html)
    # The overdue request comes first and says so in words, not only in colour.
    assert tasks[0].startswith("Overdue Cooperation request")
    assert world.overdue_to_honduras.reference in tasks[0]
    assert "To acknowledge and answer" in tasks[0]
    with translation.override("en"):
        due = day(days(-10)).replace("\u00a0", " ")
    assert f"due {due}" in tasks[0].replace("\u00a0", " ")
    overdue = [t for t in tasks if t.startswith("Overdue")]
    assert tasks[: len(overdue)] == overdue  # every overdue item before the others
    # Its late activity of the plan in force is overdue too; the country's draft report is due.
    assert any("Financial investigation guide" in t for t in overdue)
    report = next(t for t in tasks if "Informe anual de prueba" in t)
    assert "Draft: to complete and submit" in report
    with translation.override("en"):
        report_due = day(days(15)).replace("\u00a0", " ")
    assert f"due {report_due}" in report.replace("\u00a0", " ")
    assert f'href="/country-reports/{world.hnd_report.pk}/edit/"' in html
    # What it must do: answer, close the answered one, answer the recommendation.
    assert link(world.due_to_honduras) in html
    assert link(world.answered_to_honduras) in html
    assert any("Answered: to close" in t for t in tasks)
    assert f'href="/contributions/recommendations/{world.recommendation.pk}/"' in html
    # Drafts open for its comments, and the meetings coming with their agenda.
    assert f'href="/reports/{world.draft_report.pk}/"' in html
    assert f'href="/meetings/{world.coming.pk}/#agenda-h"' in html
    assert f'href="/meetings/{world.coming_members_only.pk}/#agenda-h"' in html
    assert any("Enviar el directorio" in t for t in overdue)  # its overdue commitment
    # What does not wait on Honduras, or is not Honduras's business.
    assert link(world.honduras_to_mexico) not in html  # waits on Mexico
    assert link(world.stranger) not in html
    assert link(world.closed_to_honduras) not in html
    assert f"/country-reports/{world.mex_report.pk}/" not in html
    assert "Meeting of specialised prosecutors" not in html  # Mexico's activity
    assert "Contenido reservado" not in html  # no request's content on a home
    assert "Enviar datos" not in html  # Mexico's commitment


def test_the_other_country_sees_its_own_and_not_honduras(
    world: World, other_client: Client
) -> None:
    html = home(other_client)
    assert link(world.honduras_to_mexico) in html
    assert link(world.overdue_to_honduras) not in html
    assert link(world.answered_to_honduras) not in html
    assert f"/country-reports/{world.hnd_report.pk}/" not in html
    assert "Meeting of specialised prosecutors" in html
    assert "Financial investigation guide" not in html


def test_the_secretariat_follows_deadlines_reviews_and_decides(
    world: World, secretariat_client: Client
) -> None:
    html = home(secretariat_client)
    tasks = tasks_of(html)
    reminders = [t for t in tasks if "To remind the parties of the deadline" in t]
    assert len(reminders) == 2  # the two open requests past their deadline, whoever's
    assert link(world.overdue_to_honduras) in html
    assert link(world.stranger) in html
    assert link(world.due_to_honduras) not in html  # not overdue: nothing to remind
    assert "Contenido reservado" not in html
    assert f'href="/country-reports/{world.mex_report.pk}/"' in html  # submitted: to review
    assert f"/country-reports/{world.hnd_report.pk}/" not in html  # a draft, Honduras's own
    assert f'href="/contributions/{world.iom_submitted.pk}/"' in html  # to decide
    assert 'id="contributions-h"' not in html  # the secretariat makes none of its own
    draft = next(t for t in tasks if "Informe en borrador" in t)
    assert "1 comment waiting for an answer" in draft


def test_the_presidency_drafts_reports_and_the_work_plan(
    world: World,
    net: Net,
    officer_client: Client,
    ppt_honduras: Presidency,
    draft_version: WorkPlanVersion,  # noqa: F811
) -> None:
    Amendment.objects.create(version=draft_version, country=net.mexico, text="Otro plazo")
    html = home(officer_client)
    tasks = tasks_of(html)
    assert "Your country holds the Pro Tempore Presidency" in html
    draft = next(t for t in tasks if "Informe en borrador" in t)
    assert "To draft and answer comments" in draft
    assert "1 comment waiting for an answer" in draft
    assert f'href="/workplan/versions/{draft_version.pk}/"' in html
    plan = next(t for t in tasks if "Draft: to prepare" in t)
    assert "1 amendment waiting for a decision" in plan


def test_an_officer_is_asked_to_comment_on_a_plan_in_review(
    world: World,
    officer_client: Client,
    draft_version: WorkPlanVersion,  # noqa: F811
) -> None:
    draft_version.status = WorkPlanVersion.Status.REVIEW
    draft_version.save()
    html = home(officer_client)
    assert f'href="/workplan/versions/{draft_version.pk}/review/"' in html
    assert any("your comments are awaited" in t for t in tasks_of(html))


def test_an_observer_sees_its_contributions_and_the_meetings_it_may_contribute_to(
    world: World, observer_client: Client
) -> None:
    html = home(observer_client)
    tasks = tasks_of(html)
    returned = next(t for t in tasks if "Documento de posición devuelto" in t)
    assert "Returned by the secretariat: to correct" in returned
    assert f'href="/contributions/{world.returned.pk}/edit/"' in html
    assert f'href="/contributions/new/?meeting={world.coming.pk}"' in html
    # Its contributions, whatever their status, are listed with it.
    mine = html.split('id="contributions-h"')[1].split("</ul>")[0]
    assert "Documento de posición devuelto" in mine
    assert "Recomendaciones de la sociedad civil" in mine
    # Another organisation's contribution, the members' meeting, the countries' work: never.
    assert "Presentación de la OIM" not in html
    assert f"/meetings/{world.coming_members_only.pk}/" not in html
    assert "/cooperation/" not in html
    assert f"/country-reports/{world.hnd_report.pk}/" not in html
    assert f"/contributions/recommendations/{world.recommendation.pk}/" not in html


def test_a_case_supervisor_is_pointed_to_the_identity_log(world: World, net: Net) -> None:
    supervisor = make_member(
        net, "hnd_supervisor", role=Post.Role.CASE_SUPERVISOR, country=net.honduras
    )
    client = Client()
    client.force_login(supervisor)
    html = home(client)
    assert 'href="/cooperation/identity-log/"' in html
    assert "/cooperation/requests/" not in html  # a supervisor is no party to requests


def test_the_platform_administrator_is_pointed_to_the_system_administration(
    world: World,
) -> None:
    client = Client()
    client.force_login(make_superuser())
    html = home(client)
    assert 'href="/system-admin/"' in html
    assert "/cooperation/requests/" not in html


def test_an_account_without_a_post_is_told_why_nothing_waits(
    world: World, outsider_client: Client
) -> None:
    html = home(outsider_client)
    assert "holds no post in the network" in html
    assert tasks_of(html) == []
    assert "Informe en borrador" not in html


def test_the_menu_leads_members_to_country_reports_and_their_activities(
    world: World, officer_client: Client, observer_client: Client
) -> None:
    officer_nav = home(officer_client).split("</nav>")[0]
    assert 'href="/country-reports/"' in officer_nav
    assert 'href="/workplan/mine/"' in officer_nav
    observer_nav = home(observer_client).split("</nav>")[0]
    assert 'href="/country-reports/"' in observer_nav
    assert 'href="/workplan/mine/"' not in observer_nav


def test_the_home_is_not_kept_by_browsers_or_proxies(world: World, officer_client: Client) -> None:
    response = officer_client.get("/")
    assert "no-store" in response["Cache-Control"]


def test_the_inbox_says_which_requests_wait_on_my_country(
    world: World, officer_client: Client
) -> None:
    html = officer_client.get("/cooperation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = dict(
        re.findall(r'<tr[^>]*>\s*<td><a href="/cooperation/requests/(\d+)/"(.*?)</tr>', html, re.S)
    )
    assert "Waiting on your country" in rows[str(world.overdue_to_honduras.pk)]
    assert "Waiting on your country" in rows[str(world.answered_to_honduras.pk)]
    assert "Waiting on your country" not in rows[str(world.honduras_to_mexico.pk)]


def _more_of_everything(net: Net, world: World, n: int) -> None:
    for i in range(n):
        make_request(net.guatemala, [net.honduras, net.mexico], due=days(-i - 1))
        make_request(net.honduras, [net.mexico], state=RequestState.DECLINED, due=days(i))
        meeting = make_meeting(
            net, title=f"Reunión {i}", start_date=days(i + 1), end_date=days(i + 1)
        )
        make_report(meeting, title=f"Borrador {i}")
        contribution = Contribution.objects.create(
            meeting=meeting,
            organisation=net.rrocm,
            kind=Contribution.Kind.RECOMMENDATIONS,
            title=f"Aporte {i}",
            status=Contribution.Status.ACCEPTED if i % 2 else Contribution.Status.SUBMITTED,
        )
        Recommendation.objects.create(contribution=contribution, position=1, text=f"R {i}")
        round_ = ReportingRound.objects.create(
            title=f"Ronda {i}",
            period_start=datetime.date(2000 + i, 1, 1),
            period_end=datetime.date(2000 + i, 12, 31),
            deadline=days(-i),
        )
        CountryReport.objects.create(round=round_, country=net.honduras)
        CountryReport.objects.create(
            round=round_, country=net.mexico, status=CountryReport.Status.SUBMITTED
        )


@pytest.mark.parametrize("who", ["officer", "secretariat", "observer", "ppt"])
def test_the_home_runs_as_many_queries_with_more_data(
    world: World,
    net: Net,
    who: str,
    officer: User,
    secretariat: User,
    observer: User,
    draft_version: WorkPlanVersion,  # noqa: F811
    django_assert_max_num_queries: object,
    uncached_pages: None,
) -> None:
    # The data grows behind the services' backs (no recorded write), so the home is made anew
    # each time: what is counted is what making it costs.
    if who == "ppt":
        Presidency.objects.create(
            country=net.honduras,
            year=TODAY.year,
            start_date=datetime.date(TODAY.year, 1, 1),
            end_date=datetime.date(TODAY.year, 12, 31),
        )
    user = {"officer": officer, "ppt": officer, "secretariat": secretariat}.get(who, observer)
    client = Client()
    client.force_login(user)
    client.get("/")  # the session and the caches warmed
    with CaptureQueriesContext(connection) as few:
        home(client)
    _more_of_everything(net, world, 15)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[operator]
        html = home(client)
    assert len(tasks_of(html)) > 3
