"""The writes: rounds, drafts that are never lost, submission, review, publication, revisions,
programmes and agreements, the legislation matrix and its reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.conftest import Net
from enlace.core.services import EditConflict, state_token
from enlace.countryreports import services
from enlace.countryreports.indicators import FigureKey
from enlace.countryreports.models import (
    CountryReport,
    Figure,
    LegislationEntry,
    ReportingRound,
    ReviewEvent,
)

from .conftest import VALID, put_figures, set_status

K = FigureKey


def test_opening_a_round_gives_every_member_country_its_draft(secretariat: User, net: Net) -> None:
    opened = services.round_open(
        user=secretariat,
        title="2024",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        deadline=datetime.date.today() + datetime.timedelta(days=60),
    )
    codes = sorted(opened.reports.values_list("country__code", flat=True))
    assert codes == ["GTM", "HND", "MEX"]  # Argentina is an observer country
    assert set(opened.reports.values_list("status", flat=True)) == {"draft"}
    assert opened.year == 2024
    assert AuditEvent.objects.filter(action="reportinground.create").count() == 1


@pytest.mark.usefixtures("english")
def test_a_round_deadline_in_the_past_is_refused(secretariat: User, net: Net) -> None:
    with pytest.raises(ValidationError) as refused:
        services.round_open(
            user=secretariat,
            title="2000",
            period_start=datetime.date(2000, 1, 1),
            period_end=datetime.date(2000, 12, 31),
            deadline=datetime.date(2001, 3, 31),
        )
    today = datetime.date.today().isoformat()
    assert refused.value.message_dict["deadline"] == [
        f"A deadline cannot be in the past: choose today ({today}) or a later date."
    ]
    assert not ReportingRound.objects.exists()


def test_only_the_secretariat_opens_a_round_and_periods_do_not_overlap(
    secretariat: User, officer: User, round_2023: ReportingRound
) -> None:
    args = {
        "title": "Mid 2023",
        "period_start": datetime.date(2023, 6, 1),
        "period_end": datetime.date(2024, 5, 31),
        "deadline": datetime.date(2024, 6, 30),
    }
    with pytest.raises(PermissionDenied):
        services.round_open(user=officer, **args)
    with pytest.raises(ValidationError) as refused:
        services.round_open(user=secretariat, **args)
    assert "period_start" in refused.value.message_dict
    assert ReportingRound.objects.count() == 1


def test_a_draft_with_errors_is_saved_as_typed_but_cannot_be_submitted(
    officer: User, hnd_report: CountryReport
) -> None:
    entered = {**VALID, K("campaigns"): "tres", K("victims_identified", "", "sex", "male"): 14}
    checked = services.report_save_draft(
        user=officer,
        report=hnd_report,
        narrative={"advances": "Nuevo protocolo"},
        figures=entered,
        expected_state=state_token(hnd_report),
    )
    assert not checked.ok
    hnd_report.refresh_from_db()
    assert hnd_report.advances == "Nuevo protocolo"
    assert hnd_report.pending == {"campaigns.total": "tres"}
    entries = services.draft_entries(hnd_report)
    assert entries[K("campaigns")] == "tres"
    assert entries[K("victims_identified", "", "sex", "male")] == 14
    with pytest.raises(ValidationError):
        services.report_submit(user=officer, report=hnd_report)
    hnd_report.refresh_from_db()
    assert hnd_report.status == "draft"


def test_a_valid_draft_is_submitted(officer: User, hnd_report: CountryReport) -> None:
    services.report_save_draft(user=officer, report=hnd_report, figures=dict(VALID))
    services.report_submit(user=officer, report=hnd_report)
    hnd_report.refresh_from_db()
    assert hnd_report.status == "submitted"
    assert hnd_report.events.get().action == "submitted"


def test_another_countrys_officer_and_the_secretariat_cannot_edit_a_draft(
    other_officer: User, secretariat: User, hnd_report: CountryReport
) -> None:
    for user in (other_officer, secretariat):
        with pytest.raises(PermissionDenied):
            services.report_save_draft(user=user, report=hnd_report, figures=dict(VALID))
    assert not hnd_report.figures.exists()


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(
    officer: User, hnd_report: CountryReport
) -> None:
    stale = state_token(hnd_report)
    services.report_save_draft(
        user=officer, report=hnd_report, narrative={"advances": "first"}, expected_state=stale
    )
    with pytest.raises(EditConflict):
        services.report_save_draft(
            user=officer,
            report=CountryReport.objects.get(pk=hnd_report.pk),
            narrative={"advances": "second"},
            expected_state=stale,
        )
    assert CountryReport.objects.get(pk=hnd_report.pk).advances == "first"


def test_review_query_accept_publish(
    officer: User, secretariat: User, hnd_report: CountryReport, settings: object
) -> None:
    put_figures(hnd_report, VALID)
    set_status(hnd_report, "submitted")
    with pytest.raises(PermissionDenied):
        services.report_accept(user=officer, report=hnd_report)
    with pytest.raises(ValidationError):
        services.report_query(user=secretariat, report=hnd_report, message="  ")
    services.report_query(user=secretariat, report=hnd_report, message="¿Total de víctimas?")
    assert hnd_report.status == "queried"
    # The officer answers by editing and submitting again.
    services.report_submit(user=officer, report=hnd_report)
    services.report_accept(user=secretariat, report=hnd_report)
    assert not Figure.objects.filter(report=hnd_report, published=True).exists()
    services.report_publish(user=secretariat, report=hnd_report)
    assert hnd_report.status == "published"
    assert Figure.objects.filter(report=hnd_report, published=False).count() == 0
    actions = list(hnd_report.events.values_list("action", flat=True))
    assert actions == ["queried", "submitted", "accepted", "published"]
    assert ReviewEvent.objects.get(action="queried").message == "¿Total de víctimas?"


def test_a_query_mails_the_countrys_officers_on_commit(
    officer: User,
    secretariat: User,
    hnd_report: CountryReport,
    django_capture_on_commit_callbacks: object,
) -> None:
    set_status(hnd_report, "submitted")
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.report_query(user=secretariat, report=hnd_report, message="Revise el total")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hnd_officer@example.org"]
    assert "Revise el total" in mail.outbox[0].body


def test_a_published_report_is_frozen_and_corrected_by_a_revision(
    officer: User, other_officer: User, hnd_report: CountryReport
) -> None:
    put_figures(hnd_report, VALID)
    set_status(hnd_report, "published")
    with pytest.raises(PermissionDenied):
        services.report_save_draft(user=officer, report=hnd_report, figures={})
    with pytest.raises(PermissionDenied):
        services.report_revise(user=other_officer, report=hnd_report, reason="x", figures={})
    with pytest.raises(ValidationError):
        services.report_revise(user=officer, report=hnd_report, reason=" ", figures=dict(VALID))
    broken = {**VALID, K("victims_identified"): 41}
    with pytest.raises(ValidationError):
        services.report_revise(user=officer, report=hnd_report, reason="audit", figures=broken)
    assert (
        Figure.objects.get(report=hnd_report, indicator="victims_identified", dimension="").value
        == 40
    )
    corrected = {**VALID, K("campaigns"): 4}
    services.report_revise(user=officer, report=hnd_report, reason="Auditoría", figures=corrected)
    hnd_report.refresh_from_db()
    assert hnd_report.revision == 2
    assert hnd_report.status == "published"
    campaigns = Figure.objects.get(report=hnd_report, indicator="campaigns")
    assert (campaigns.value, campaigns.published) == (4, True)
    event = hnd_report.events.get(action="revised")
    assert event.message == "Auditoría"
    assert event.previous["figures"]["campaigns.total"] == 3


def test_programmes_and_agreements_of_a_draft(
    officer: User, other_officer: User, hnd_report: CountryReport
) -> None:
    services.programme_add(
        user=officer,
        report=hnd_report,
        data={"kind": "campaign", "name": "Abre los ojos", "reach": 5000},
    )
    item = services.agreement_add(
        user=officer,
        report=hnd_report,
        data={"kind": "countries", "title": "MoU", "partners": "GTM"},
    )
    with pytest.raises(PermissionDenied):
        services.report_item_remove(user=other_officer, item=item)
    services.report_item_remove(user=officer, item=item)
    assert hnd_report.programmes.get().reach == 5000
    assert not hnd_report.agreements.exists()
    with pytest.raises(ValidationError):
        services.programme_add(
            user=officer, report=hnd_report, data={"kind": "campaign", "name": ""}
        )


def test_legislation_is_edited_by_its_country_and_old_entries_are_reminded(
    officer: User,
    other_officer: User,
    secretariat: User,
    net: Net,
    django_capture_on_commit_callbacks: object,
) -> None:
    today = datetime.date.today()
    with pytest.raises(PermissionDenied):
        services.legislation_save(
            user=other_officer,
            country=net.honduras,
            topic="penalties",
            status="in_force",
            reference="",
            last_confirmed=today,
        )
    for topic in LegislationEntry.Topic.values:
        services.legislation_save(
            user=officer,
            country=net.honduras,
            topic=topic,
            status="in_force",
            reference="Decreto 59-2012",
            last_confirmed=today,
        )
    old = LegislationEntry.objects.get(country=net.honduras, topic="penalties")
    with pytest.raises(EditConflict):
        services.legislation_save(
            user=secretariat,
            country=net.honduras,
            topic="penalties",
            status="partial",
            reference="",
            last_confirmed=today,
            expected_state="stale",
        )
    with pytest.raises(ValidationError):
        services.legislation_save(
            user=officer,
            country=net.honduras,
            topic="penalties",
            status="in_force",
            reference="",
            last_confirmed=today + datetime.timedelta(days=3),
            expected_state=state_token(old),
        )
    with pytest.raises(PermissionDenied):
        services.legislation_remind(user=officer)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        reminded = services.legislation_remind(user=secretariat, days=30)
    # Honduras confirmed everything today; Mexico and Guatemala have no entries.
    assert [c.code for c in reminded] == ["GTM", "MEX"]
    assert [m.to for m in mail.outbox] == [["mex_officer@example.org"]]
    # Spanish first, then English: the network's two working languages.
    assert "matriz de legislación" in mail.outbox[0].subject
    assert "in the legislation matrix were last confirmed" in mail.outbox[0].body
