"""Every access rule of the platform, in one place (docs/access.md is its matrix in prose).

A request's user becomes an ``Actor``: the roles that follow from the person's current
memberships. Selectors use the ``*_filter`` functions to scope querysets; services and views use
the ``can_*`` predicates. Deny by default: a rule not written here grants nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from enlace.accounts.models import User


class PostRole(models.TextChoices):
    """The posts of the network (``network.models.Post.Role``): what a person is follows from
    the posts it holds."""

    LIAISON_OFFICER = "liaison_officer", _("Liaison officer")
    ALTERNATE = "alternate", _("Alternate liaison officer")
    OBSERVER = "observer", _("Observer representative")
    SECRETARIAT = "secretariat", _("Secretariat staff")
    # Reads the log of who saw the identity of protected cases of the country.
    CASE_SUPERVISOR = "case_supervisor", _("Case supervisor of the country")


@dataclass(frozen=True)
class Holding:
    """A post a person holds on a day, as the rules need to know it."""

    role: str
    country_id: int | None
    country_is_member: bool
    organisation_id: int | None


class Directory(Protocol):
    """Where the rules learn who holds which post: the network app provides it (its models
    stay below the rules, which import none of them)."""

    def holdings(self, user_id: int, day: datetime.date) -> list[Holding]: ...

    def presiding(self, country_ids: set[int], day: datetime.date) -> set[int]: ...


_directory: Directory | None = None


def use_directory(directory: Directory) -> None:
    """Called once, when the network app is ready."""
    global _directory
    _directory = directory


def _the_directory() -> Directory:
    if _directory is None:
        raise RuntimeError("enlace.network is not installed: nobody holds a post.")
    return _directory


class Visibility(models.TextChoices):
    """Who may see a meeting or one of its documents (meetings' models use these choices)."""

    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Network members and observers")
    MEMBERS = "members", _("Member countries and secretariat only")


class ReportStatus(models.TextChoices):
    """The life of a report, which its rules follow (``reports.models.Report.Status``)."""

    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    PRESENTED = "presented", _("Presented to the GRCM")


@dataclass(frozen=True)
class Actor:
    """What a user is in the network today."""

    user_id: int | None = None
    is_secretariat: bool = False
    officer_country_ids: frozenset[int] = field(default_factory=frozenset)
    observer: bool = False
    ppt_country_ids: frozenset[int] = field(default_factory=frozenset)
    is_superuser: bool = False
    # The platform itself (a command run on the server, a write that follows another one):
    # never a person, so it reads nothing and may do only what a rule grants it by name.
    is_system: bool = False
    # Whom an observer speaks for in contributions: the organisations of its observer
    # posts, and the observer countries whose posts it holds.
    observer_organisation_ids: frozenset[int] = field(default_factory=frozenset)
    observer_country_ids: frozenset[int] = field(default_factory=frozenset)
    # The countries of its case-supervisor posts: whose identity-view log it reads.
    case_supervisor_country_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_officer(self) -> bool:
        return bool(self.officer_country_ids)

    @property
    def is_ppt(self) -> bool:
        return bool(self.ppt_country_ids)

    @property
    def is_network_member(self) -> bool:
        """Member of the network in the wide sense: secretariat, liaison officer or observer."""
        return self.is_secretariat or self.is_officer or self.observer

    @property
    def role_codes(self) -> list[str]:
        codes = []
        if self.is_secretariat:
            codes.append("secretariat")
        if self.is_ppt:
            codes.append("ppt")
        if self.is_officer:
            codes.append("officer")
        if self.observer:
            codes.append("observer")
        return codes or (["account"] if self.is_authenticated else ["public"])


ANONYMOUS = Actor()
SYSTEM_ACTOR = Actor(is_system=True)


class _System:
    """Who acts when no person does: ``enlace import-report``, the demo's loader, the
    commitments proposed after a report is saved. Services take it as their ``user``; the audit
    trail names it "system"."""

    is_authenticated = False
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()

# Who is acting: a person's account, a visitor who has not signed in, or the platform itself.
# ``request.user`` is one of the first two; services take ``SYSTEM`` when no person acts.
type Who = User | AnonymousUser | _System


def account_of(user: Who | None) -> User | None:
    """The signed-in account that acts, or ``None`` for a visitor or the system (what a column
    such as ``author`` or ``created_by`` records)."""
    if user is None or isinstance(user, _System) or not getattr(user, "is_authenticated", False):
        return None
    # Signed in, so not an AnonymousUser: the project's user model (AUTH_USER_MODEL).
    return cast("User", user)


def account(user: Who | None) -> User:
    """The signed-in account that acts, where only a person may (its tokens, its feeds, its
    messages): anyone else is refused."""
    found = account_of(user)
    if found is None:
        raise PermissionDenied
    return found


_CACHE_ATTR = "_enlace_actor"


def actor_for(user: Who | None, on: datetime.date | None = None) -> Actor:
    """The actor of a user today (cached on the user object for the request)."""
    if user is SYSTEM:
        return SYSTEM_ACTOR
    signed_in = account_of(user)
    if signed_in is None:
        return ANONYMOUS
    if on is None and hasattr(signed_in, _CACHE_ATTR):
        cached: Actor = getattr(signed_in, _CACHE_ATTR)
        return cached
    day = on or datetime.date.today()
    directory = _the_directory()
    secretariat = False
    observer = False
    officer_countries: set[int] = set()
    observer_organisations: set[int] = set()
    observer_countries: set[int] = set()
    supervised: set[int] = set()
    for post in directory.holdings(signed_in.pk, day):
        if post.role == PostRole.SECRETARIAT:
            secretariat = True
        elif post.role in (PostRole.LIAISON_OFFICER, PostRole.ALTERNATE):
            if post.country_id is not None and post.country_is_member:
                officer_countries.add(post.country_id)
            else:
                observer = True
                if post.country_id is not None:
                    observer_countries.add(post.country_id)
        elif post.role == PostRole.OBSERVER:
            observer = True
            if post.organisation_id is not None:
                observer_organisations.add(post.organisation_id)
            if post.country_id is not None:
                observer_countries.add(post.country_id)
        elif post.role == PostRole.CASE_SUPERVISOR and post.country_id is not None:
            supervised.add(post.country_id)
    ppt = directory.presiding(officer_countries, day) if officer_countries else set()
    actor = Actor(
        user_id=signed_in.pk,
        is_secretariat=secretariat,
        officer_country_ids=frozenset(officer_countries),
        observer=observer,
        ppt_country_ids=frozenset(ppt),
        is_superuser=bool(signed_in.is_superuser),
        observer_organisation_ids=frozenset(observer_organisations),
        observer_country_ids=frozenset(observer_countries),
        case_supervisor_country_ids=frozenset(supervised),
    )
    if on is None:
        setattr(signed_in, _CACHE_ATTR, actor)
    return actor


# --- the directory ---------------------------------------------------------------------------


def can_see_contact_details(actor: Actor) -> bool:
    """Names and posts are public; e-mail and telephone only for people of the network."""
    return actor.is_network_member


def can_manage_directory(actor: Actor) -> bool:
    return actor.is_secretariat


def own_country_ids(actor: Actor) -> frozenset[int]:
    """The member countries an actor acts for as their liaison officer: whose report it fills
    in, whose activities it answers for, as which it opens requests and registers cases."""
    return actor.officer_country_ids


def can_act_for_country(actor: Actor, country_id: int) -> bool:
    """An officer acts (opens a request, registers a case, refers to a case) as its own
    countries only."""
    return country_id in own_country_ids(actor)


# --- meetings, documents, reports ------------------------------------------------------------


def _visibility_levels(actor: Actor) -> list[str]:
    if actor.is_secretariat or actor.is_officer:
        return [Visibility.PUBLIC, Visibility.NETWORK, Visibility.MEMBERS]
    if actor.observer:
        return [Visibility.PUBLIC, Visibility.NETWORK]
    return [Visibility.PUBLIC]


def meeting_filter(actor: Actor, prefix: str = "") -> Q:
    return Q(**{f"{prefix}visibility__in": _visibility_levels(actor)})


def can_view_meeting(actor: Actor, meeting: Any) -> bool:
    return meeting.visibility in _visibility_levels(actor)


def document_filter(actor: Actor) -> Q:
    return Q(visibility__in=_visibility_levels(actor)) & meeting_filter(actor, "meeting__")


def can_view_document(actor: Actor, document: Any) -> bool:
    levels = _visibility_levels(actor)
    return document.visibility in levels and document.meeting.visibility in levels


def report_filter(actor: Actor, prefix: str = "") -> Q:
    """Published reports for everyone; drafts for the secretariat and the member countries'
    officers, and for observers where the drafters invited them. ``prefix`` reaches the report
    from another model ("report__", "point__report__")."""
    scope = meeting_filter(actor, f"{prefix}meeting__")
    if actor.is_secretariat or actor.is_officer:
        return scope
    visible = Q(**{f"{prefix}is_published": True})
    if actor.observer:
        visible |= Q(**{f"{prefix}observers_invited": True})
    return visible & scope


def can_view_report(actor: Actor, report: Any) -> bool:
    if report.meeting.visibility not in _visibility_levels(actor):
        return False
    if report.is_published or actor.is_secretariat or actor.is_officer:
        return True
    return actor.observer and report.observers_invited


def can_manage_meetings(actor: Actor) -> bool:
    return actor.is_secretariat


def can_edit_report(actor: Actor, report: Any) -> bool:
    """Drafts only: the secretariat and the PPT's officers while they preside. An adopted or
    presented report is frozen for everyone; a correction is the secretariat's new revision
    (``can_revise_report``)."""
    if report.status != ReportStatus.DRAFT:
        return False
    return actor.is_secretariat or actor.is_ppt


def can_create_report(actor: Actor) -> bool:
    return actor.is_secretariat or actor.is_ppt


def can_publish_report(actor: Actor) -> bool:
    return actor.is_secretariat


def editable_report_filter(actor: Actor) -> Q:
    """The reports an actor may open in the editor (a queryset of Report): all of them for
    the secretariat (a frozen one to revise it), drafts for the PPT's officers."""
    if actor.is_secretariat:
        return Q()
    if actor.is_ppt:
        return Q(status=ReportStatus.DRAFT)
    return Q(pk__in=[])


# --- drafting, comments, adoption and revisions of reports (enlace.reports) ------------------


def _takes_part_in_drafting(actor: Actor, report: Any) -> bool:
    """The network around a report: the secretariat, the member countries' officers, and
    observers where the drafters invited them. Never the public."""
    if not can_view_report(actor, report):
        return False
    if actor.is_secretariat or actor.is_officer:
        return True
    return actor.observer and report.observers_invited


def can_view_report_comments(actor: Actor, report: Any) -> bool:
    """Comments (and their answers) are visible to the network, never to the public."""
    return _takes_part_in_drafting(actor, report)


def can_view_point_history(actor: Actor, report: Any) -> bool:
    """Every version of every point, for those who take part in the drafting."""
    return _takes_part_in_drafting(actor, report)


def can_comment_on_report(actor: Actor, report: Any) -> bool:
    """Delegations comment on the points of a draft: officers of any member country, the
    secretariat, and observers where invited."""
    return report.status == ReportStatus.DRAFT and _takes_part_in_drafting(actor, report)


def can_answer_comment(actor: Actor, report: Any) -> bool:
    """The drafters (secretariat, the PPT's officers while they preside) answer comments on a
    draft, or change the point."""
    return can_edit_report(actor, report)


def can_adopt_report(actor: Actor, report: Any) -> bool:
    return actor.is_secretariat and report.status == ReportStatus.DRAFT


def can_present_report(actor: Actor, report: Any) -> bool:
    return actor.is_secretariat and report.status == ReportStatus.ADOPTED


def can_set_report_publication(actor: Actor, report: Any) -> bool:
    """Publishing (and withdrawing publication) is for adopted or presented reports."""
    return can_publish_report(actor) and report.status != ReportStatus.DRAFT


def can_revise_report(actor: Actor, report: Any) -> bool:
    """A frozen (adopted or presented) report is corrected by the secretariat as a new,
    visible revision."""
    return actor.is_secretariat and report.status != ReportStatus.DRAFT


def report_comment_filter(actor: Actor) -> Q:
    """The comments an actor may read (a queryset of enlace.reports.PointComment)."""
    if not (actor.is_secretariat or actor.is_officer or actor.observer):
        return Q(pk__in=[])
    scope = report_filter(actor, "report__")
    if actor.is_secretariat or actor.is_officer:
        return scope
    return scope & Q(report__observers_invited=True)


# --- the audit log, the system ---------------------------------------------------------------


def can_view_audit(actor: Actor) -> bool:
    return actor.is_secretariat


def needs_second_factor(actor: Actor) -> bool:
    """Whoever can read a protected case, its identity log or the audit log signs in with a
    second factor: officers of member countries, case supervisors, the secretariat, superusers."""
    return (
        actor.is_superuser
        or actor.is_secretariat
        or actor.is_officer
        or bool(actor.case_supervisor_country_ids)
    )


def can_administer_platform(actor: Actor) -> bool:
    """The system administrator (Django's admin at /system-admin/, the background tasks)."""
    return actor.is_superuser


# --- imports ---------------------------------------------------------------------------------


def can_import_reports(actor: Actor) -> bool:
    """Only the secretariat imports reports from the archive (and the command line, which runs
    as the system on the server)."""
    return actor.is_secretariat or actor.is_system


# --- commitments (enlace.commitments) --------------------------------------------------------
# What a report point asks of whom, by when. Only the secretariat sees what extraction proposed
# and what it dismissed; everyone else sees the reviewed ones (open or done) of the reports they
# may read. See docs/access.md, "Commitments and the calendar".

COMMITMENT_REVIEWED_STATUSES = ("confirmed", "done")


def commitment_filter(actor: Actor) -> Q:
    """The commitments an actor may read (a queryset of enlace.commitments.Commitment)."""
    if actor.is_secretariat:
        return Q()
    return Q(status__in=COMMITMENT_REVIEWED_STATUSES) & report_filter(actor, "point__report__")


def can_view_commitment(actor: Actor, commitment: Any) -> bool:
    if actor.is_secretariat:
        return True
    return commitment.status in COMMITMENT_REVIEWED_STATUSES and can_view_report(
        actor, commitment.point.report
    )


def can_see_commitment_evidence(actor: Actor) -> bool:
    """The evidence of a done commitment (a note, an internal link) stays in the network."""
    return actor.is_network_member


def can_see_design_page(actor: Actor) -> bool:
    """The design system's page (/design/) is a working page of the network's members."""
    return actor.is_network_member


def can_use_commitment_lists(actor: Actor) -> bool:
    """The "my commitments" page and its filters are for the network's members."""
    return actor.is_network_member


def lists_own_commitments_first(actor: Actor) -> bool:
    """The list page opens on "my commitments" for an officer; on all of them for the
    secretariat and observers."""
    return actor.is_officer and not actor.is_secretariat


def can_manage_commitments(actor: Actor) -> bool:
    """Proposing from the text, confirming, correcting, dismissing: the secretariat."""
    return actor.is_secretariat


def can_propose_commitments(actor: Actor, report: Any) -> bool:
    """Proposing a report's commitments from its text: the secretariat, a drafter of the report,
    and the system (after an import or a save of the report)."""
    return actor.is_system or can_manage_commitments(actor) or can_edit_report(actor, report)


def _answers_for_commitment(actor: Actor, commitment: Any) -> bool:
    """Who answers for a commitment besides the secretariat: the officers of its country; the
    officers of the country presiding today for the PPT's. Commitments of all member countries
    and of organisations are marked done by the secretariat, which follows them for everyone."""
    if actor.is_secretariat:
        return True
    if commitment.actor_kind == "country":
        return commitment.country_id in actor.officer_country_ids
    if commitment.actor_kind == "ppt":
        return actor.is_ppt
    return False


def can_complete_commitment(actor: Actor, commitment: Any) -> bool:
    return commitment.status == "confirmed" and _answers_for_commitment(actor, commitment)


def can_reopen_commitment(actor: Actor, commitment: Any) -> bool:
    """A done commitment is reopened by whoever may mark it done; a dismissed one (back to
    proposed) by the secretariat."""
    if commitment.status == "done":
        return _answers_for_commitment(actor, commitment)
    if commitment.status == "dismissed":
        return actor.is_secretariat
    return False


def can_be_told_commitment_status(actor: Actor, commitment: Any) -> bool:
    """Who, asking to mark a commitment done that is not open, is told why rather than
    refused: the secretariat and whoever may reopen it."""
    return actor.is_secretariat or can_reopen_commitment(actor, commitment)


def can_see_commitment_history_authors(actor: Actor) -> bool:
    """Who changed a commitment's status is shown to the secretariat only."""
    return actor.is_secretariat


def own_commitment_filter(actor: Actor) -> Q:
    """The commitments an officer answers for ("my commitments", a queryset of Commitment):
    their country's, all member countries', and the PPT's while their country presides. For
    the secretariat, all of them."""
    if actor.is_secretariat:
        return Q()
    mine = Q(pk__in=[])
    if actor.officer_country_ids:
        mine |= Q(actor_kind="country", country_id__in=actor.officer_country_ids)
        mine |= Q(actor_kind="all_member_countries")
    if actor.is_ppt:
        mine |= Q(actor_kind="ppt")
    return mine


def can_have_calendar_feed(actor: Actor) -> bool:
    """Any account: its feed holds exactly what the account may see on the pages."""
    return actor.is_authenticated


# --- work plan -------------------------------------------------------------------------------
# Drafting: the secretariat and the PPT's officers while their country presides. Review: officers
# of member countries and observers comment; officers of member countries propose amendments.
# Follow-up: the secretariat and the officers of an activity's responsible countries update it.
# The public sees adopted (and superseded) versions and the published part of the archive.


def can_read_workplan_drafts(actor: Actor) -> bool:
    """People of the network read every work plan, version, objective and activity, drafts and
    reviews included; the public reads what was adopted."""
    return actor.is_network_member


def workplan_version_filter(actor: Actor) -> Q:
    """Versions a user may read: drafts and reviews only for people of the network."""
    if can_read_workplan_drafts(actor):
        return Q()
    return Q(status__in=["adopted", "superseded"])


def can_draft_workplan(actor: Actor) -> bool:
    """Drafting a work plan: its versions and, to start a new plan, the plan itself."""
    return actor.is_secretariat or actor.is_ppt


def can_manage_plan_of_action(actor: Actor) -> bool:
    """The CRM's Plan of Action, its axes and lines of action: kept by the secretariat."""
    return actor.is_secretariat


def can_comment_on_workplan(actor: Actor, version_status: str) -> bool:
    return version_status in ("draft", "review") and (
        actor.is_officer or actor.observer or actor.is_secretariat
    )


def can_amend_workplan(actor: Actor, version_status: str) -> bool:
    return version_status in ("draft", "review") and actor.is_officer


def can_decide_amendment(actor: Actor) -> bool:
    return can_draft_workplan(actor)


def can_adopt_workplan(actor: Actor) -> bool:
    return actor.is_secretariat


def can_update_activity(actor: Actor, responsible_country_ids: set[int]) -> bool:
    """The secretariat, or an officer of one of the activity's responsible countries."""
    return actor.is_secretariat or bool(actor.officer_country_ids & responsible_country_ids)


def can_archive_activity(actor: Actor) -> bool:
    return actor.is_secretariat


def archive_filter(actor: Actor) -> Q:
    """The archive: all of it for people of the network, its published part for the public."""
    if actor.is_network_member:
        return Q(archived_on__isnull=False)
    return Q(archived_on__isnull=False, archive_published=True)


def can_see_archive_publication(actor: Actor) -> bool:
    """Whether an archived entry is published (on the page and in the XLSX): people of the
    network, who also read the unpublished part."""
    return actor.is_network_member


# Follow-up of the plan in force (enlace.followup): activity pages, "my activities",
# the dashboard, evidence and history.


def activity_read_filter(actor: Actor) -> Q:
    """Activities a user may read (a queryset of Activity): everything for people of the
    network; for the public, those of adopted (and superseded) versions, except archived ones
    whose archive entry is not published."""
    if can_read_workplan_drafts(actor):
        return Q()
    return Q(version__status__in=["adopted", "superseded"]) & (
        Q(archived_on__isnull=True) | Q(archive_published=True)
    )


def can_view_workplan_dashboard(actor: Actor) -> bool:
    """The follow-up dashboard (progress, deadlines, what is late) is the network's tool."""
    return actor.is_network_member


def can_list_own_activities(actor: Actor) -> bool:
    """The "my activities" page: officers of member countries (their countries'); the
    secretariat."""
    return actor.is_officer or actor.is_secretariat


def own_activity_country_ids(actor: Actor) -> frozenset[int] | None:
    """The countries whose activities "my activities" shows: an officer's own; ``None`` for
    the secretariat, which follows every country's."""
    if actor.is_secretariat:
        return None
    return own_country_ids(actor)


def can_list_country_activities(actor: Actor, country_id: int) -> bool:
    """One country's activities on "my activities": the secretariat; that country's officers."""
    return actor.is_secretariat or can_act_for_country(actor, country_id)


def can_view_activity_history(actor: Actor) -> bool:
    """Who changed an activity, when, from what to what: people of the network."""
    return actor.is_network_member


def can_view_activity_evidence(actor: Actor, archived_published: bool) -> bool:
    """Evidence stays in the network until the activity is in the published archive."""
    return actor.is_network_member or archived_published


def can_edit_workplan_version(actor: Actor, version_status: str) -> bool:
    """Axes, objectives and activities are drafted on draft or review versions only: adopted and
    superseded versions are frozen (an update is a new version)."""
    return can_draft_workplan(actor) and version_status in ("draft", "review")


def can_view_workplan_review(actor: Actor) -> bool:
    """The comments and amendments of the review stay in the network; the public sees only where
    the review stands (counts) on the versions it may read."""
    return actor.is_network_member


# The country's activities as a spreadsheet (enlace.followup.xlsx), down and up.


def can_exchange_country_activities(actor: Actor, country_id: int) -> bool:
    """A country's activities file: that country's officers and the secretariat."""
    return actor.is_secretariat or country_id in actor.officer_country_ids


# --- cooperation requests and protected cases ------------------------------------------------
# A request between countries X and Y is for the liaison officers of X and Y only; everyone else
# gets a 404 (not even its existence is revealed), except the secretariat, which sees its type,
# countries, dates and state, never its content, and can remind the parties of an overdue one.
# A protected case is for the officers of its parties: the country that registered it and the
# countries of the requests that refer to it. Its identifying data is shown to them only once the
# sharing consent or a legal basis is recorded, each view logged with its reason; the country's
# case supervisor (PostRole.CASE_SUPERVISOR) reads that log. Observers and the public: nothing.


def cooperation_request_filter(actor: Actor, parties: QuerySet[Any]) -> Q:
    """Requests an actor may list (a queryset of CooperationRequest); the secretariat's rows
    are metadata only (``can_read_request_content``). ``parties``: the RequestParty rows."""
    if actor.is_secretariat:
        return Q()
    if not actor.is_officer:
        return Q(pk__in=[])
    # A correlated EXISTS: checked on the rows the other filters (state, deadline) select, so
    # the cost follows the page's working set, not the whole history of the country.
    return Q(
        Exists(parties.filter(request_id=OuterRef("pk"), country_id__in=actor.officer_country_ids))
    )


def cooperation_waiting_filter(actor: Actor, parties: QuerySet[Any]) -> Q:
    """The requests waiting on the actor's countries (a queryset of CooperationRequest): open
    ones they were asked (to acknowledge, carry out, complete or decline), and answered ones they
    asked (to close). ``parties``: the RequestParty rows. Nobody else's requests wait on them."""
    if not actor.is_officer:
        return Q(pk__in=[])
    ids = actor.officer_country_ids
    asked = Exists(parties.filter(request_id=OuterRef("pk"), role="requested", country_id__in=ids))
    return (Q(state__in=["sent", "acknowledged", "in_progress"]) & Q(asked)) | Q(
        state__in=["completed", "declined"], requesting_country_id__in=ids
    )


def can_use_cooperation(actor: Actor) -> bool:
    """The inbox: officers of member countries and the secretariat."""
    return actor.is_officer or actor.is_secretariat


def inbox_is_metadata_only(actor: Actor) -> bool:
    """Without an officer post (the secretariat) the inbox shows type, countries, dates and
    state only."""
    return not actor.is_officer


def can_use_protected_cases(actor: Actor) -> bool:
    """The list of protected cases and a case's export: officers of member countries; anyone
    else gets a 404."""
    return actor.is_officer


def can_create_request(actor: Actor) -> bool:
    return actor.is_officer


def can_read_request_content(actor: Actor, party_country_ids: set[int]) -> bool:
    """Summary, details, messages, attachments, steps: the officers of the parties only."""
    return bool(actor.officer_country_ids & party_country_ids)


def can_answer_request(actor: Actor, requested_country_ids: set[int]) -> bool:
    """Acknowledge, start, complete, decline, the child steps: the requested countries."""
    return bool(actor.officer_country_ids & requested_country_ids)


def can_close_request(actor: Actor, requesting_country_id: int) -> bool:
    return requesting_country_id in actor.officer_country_ids


def can_remind_request(actor: Actor) -> bool:
    """The secretariat follows deadlines: it reminds the parties of an overdue request."""
    return actor.is_secretariat


def protected_case_filter(actor: Actor, parties: QuerySet[Any]) -> Q:
    """Cases an actor may read: the officers of the parties. Never the secretariat.
    ``parties``: the RequestParty rows (the countries of the requests that refer to a case)."""
    if not actor.is_officer:
        return Q(pk__in=[])
    ids = actor.officer_country_ids
    return Q(owner_country_id__in=ids) | Q(
        pk__in=parties.filter(country_id__in=ids, request__case_id__isnull=False).values(
            "request__case_id"
        )
    )


def can_register_case(actor: Actor) -> bool:
    return actor.is_officer


def can_edit_case(actor: Actor, owner_country_id: int) -> bool:
    """The non-identifying fields and the identifying data: the registering country."""
    return owner_country_id in actor.officer_country_ids


def can_view_case_identity(actor: Actor, party_country_ids: set[int], may_share: bool) -> bool:
    """Officers of a party, once sharing consent or a legal basis is recorded."""
    return may_share and bool(actor.officer_country_ids & party_country_ids)


def can_export_case(actor: Actor, party_country_ids: set[int]) -> bool:
    return bool(actor.officer_country_ids & party_country_ids)


def supervised_country_ids(actor: Actor) -> frozenset[int]:
    """The countries whose identity-view log an actor reads: those of its current case
    supervisor posts (read with the actor's other memberships, no query of its own)."""
    return actor.case_supervisor_country_ids


def can_view_cooperation_statistics(actor: Actor) -> bool:
    """Anonymous counts (no content, no person): network members."""
    return actor.is_network_member


# --- contributions, recommendations, answers, cooperation mechanisms -------------------------
# Observers (civil society, international organisations, observer countries) contribute to
# meetings; the secretariat accepts a contribution into the meeting's record or returns it.
# Until it is accepted a contribution is seen by its author and the secretariat only; once
# accepted, by the network, and by the public when it is marked public (and its meeting is
# public). Member countries answer the recommendations addressed to them, each for itself only.


def _speaks_for(actor: Actor, organisation_id: int | None, country_id: int | None) -> bool:
    """Whether the actor is an observer of the organisation or observer country."""
    if organisation_id is not None:
        return organisation_id in actor.observer_organisation_ids
    return country_id is not None and country_id in actor.observer_country_ids


def _own_contributions(actor: Actor, prefix: str = "") -> Q:
    return Q(**{f"{prefix}organisation_id__in": actor.observer_organisation_ids}) | Q(
        **{f"{prefix}country_id__in": actor.observer_country_ids}
    )


def contribution_filter(actor: Actor, prefix: str = "") -> Q:
    """The contributions an actor may read (a queryset of Contribution; ``prefix`` to filter a
    related model through its contribution)."""
    scope = meeting_filter(actor, f"{prefix}meeting__")
    if actor.is_secretariat:
        return scope
    accepted = Q(**{f"{prefix}status": "accepted"})
    if actor.is_officer:
        return scope & accepted
    if actor.observer:
        return scope & (accepted | _own_contributions(actor, prefix))
    return scope & accepted & Q(**{f"{prefix}visibility": "public"})


def own_contribution_filter(actor: Actor) -> Q:
    """The contributions an observer makes (a queryset of Contribution): those of the
    organisations and observer countries it speaks for. Nobody else makes any."""
    if not actor.observer:
        return Q(pk__in=[])
    return _own_contributions(actor)


def can_view_contribution(actor: Actor, contribution: Any) -> bool:
    if contribution.meeting.visibility not in _visibility_levels(actor):
        return False
    if actor.is_secretariat:
        return True
    if contribution.status == "accepted" and (actor.is_officer or actor.observer):
        return True
    if actor.observer and _speaks_for(actor, contribution.organisation_id, contribution.country_id):
        return True
    return bool(contribution.status == "accepted" and contribution.visibility == "public")


def can_submit_contribution(actor: Actor) -> bool:
    """Observers with an organisation or observer country to speak for; the secretariat (on an
    observer's behalf, e.g. a paper handed over at the meeting)."""
    return actor.is_secretariat or bool(
        actor.observer and (actor.observer_organisation_ids or actor.observer_country_ids)
    )


def can_submit_contribution_for(
    actor: Actor, organisation_id: int | None, country_id: int | None
) -> bool:
    return actor.is_secretariat or (
        actor.observer and _speaks_for(actor, organisation_id, country_id)
    )


def can_contribute_after_meeting(actor: Actor) -> bool:
    """Observers contribute before or during a meeting; the secretariat records one at any
    time (e.g. a paper handed over at the meeting)."""
    return actor.is_secretariat


def edit_resubmits_contribution(actor: Actor) -> bool:
    """The author's edit of a returned contribution sends it back to the secretariat; the
    secretariat's own correction leaves it returned."""
    return not actor.is_secretariat


def can_edit_contribution(actor: Actor, contribution: Any) -> bool:
    """The author (observers of its organisation or country) while it is submitted or
    returned; the secretariat at any time (the record's keeper)."""
    if actor.is_secretariat:
        return True
    return (
        contribution.status in ("submitted", "returned")
        and actor.observer
        and _speaks_for(actor, contribution.organisation_id, contribution.country_id)
    )


def can_withdraw_contribution(actor: Actor, contribution: Any) -> bool:
    """The author (observers of its organisation or country) withdraws a contribution it
    submitted while it is not in the record: submitted or returned, and linked to no report
    point. Once accepted it belongs to the meeting's record and only the secretariat corrects it."""
    return (
        contribution.status in ("submitted", "returned")
        and contribution.report_point_id is None
        and actor.observer
        and _speaks_for(actor, contribution.organisation_id, contribution.country_id)
    )


def can_decide_contribution(actor: Actor) -> bool:
    """Accepting into the meeting's record, returning, linking the report point: the ST."""
    return actor.is_secretariat


def can_answer_recommendation(actor: Actor, contribution: Any, country_id: int) -> bool:
    """An officer of an addressed member country answers for that country only, once the
    contribution is in the record. (Whether the country is addressed is the service's check.)"""
    return contribution.status == "accepted" and country_id in actor.officer_country_ids


def can_view_answer_history(actor: Actor) -> bool:
    """Earlier versions of an answer stay in the network."""
    return actor.is_network_member


def can_follow_up_as_commitment(actor: Actor) -> bool:
    return can_manage_commitments(actor)


def can_follow_up_as_activity(actor: Actor) -> bool:
    return can_draft_workplan(actor)


def mechanism_filter(actor: Actor) -> Q:
    """The register of cooperation mechanisms: all of it for people of the network, the
    mechanisms marked public for everyone."""
    if actor.is_network_member:
        return Q()
    return Q(visibility="public")


def can_view_mechanism(actor: Actor, mechanism: Any) -> bool:
    return actor.is_network_member or mechanism.visibility == "public"


def can_manage_mechanisms(actor: Actor) -> bool:
    """The register is kept by the secretariat."""
    return actor.is_secretariat


def can_view_contribution_document(actor: Actor, contribution: Any) -> bool:
    return can_view_contribution(actor, contribution)


def can_view_mechanism_documents(actor: Actor, mechanism: Any) -> bool:
    return can_view_mechanism(actor, mechanism)


# --- country reports, legislation matrix, regional statistics --------------------------------
# A country's report is written by that country's officers (draft, or queried back to them);
# the secretariat reads it once submitted and reviews it; once published every member country's
# officers read it, observers its narrative (and the aggregates on the dashboard); the public
# only the protected statistics (k = 11) of published figures. See docs/access.md.

COUNTRY_REPORT_REVIEWED = ("submitted", "queried", "accepted", "published")


def country_report_filter(actor: Actor) -> Q:
    """The country reports (enlace.countryreports.CountryReport) an actor may read."""
    if actor.is_secretariat:
        return Q(status__in=COUNTRY_REPORT_REVIEWED) | Q(country_id__in=actor.officer_country_ids)
    if actor.is_officer:
        return Q(status="published") | Q(country_id__in=actor.officer_country_ids)
    if actor.observer:
        return Q(status="published")
    return Q(pk__in=[])


def can_view_country_report(actor: Actor, report: Any) -> bool:
    if report.country_id in actor.officer_country_ids:
        return True
    if actor.is_secretariat:
        return report.status in COUNTRY_REPORT_REVIEWED
    if actor.is_officer or actor.observer:
        return bool(report.status == "published")
    return False


def can_view_reporting_rounds(actor: Actor) -> bool:
    """The reporting rounds and their reports' index: people of the network."""
    return actor.is_network_member


def can_see_country_report_authors(actor: Actor, report: Any) -> bool:
    """Who did what on a country report (its events' users): the secretariat and the
    country's own officers."""
    return actor.is_secretariat or can_act_for_country(actor, report.country_id)


def can_view_country_report_figures(actor: Actor, report: Any) -> bool:
    """The report's own figures, one by one (page, XLSX, API): its country, the secretariat and
    other member countries as for the report; observers read the narrative and the aggregates
    of the dashboard, not a country's figure sheet."""
    if actor.observer and not (actor.is_officer or actor.is_secretariat):
        return False
    return can_view_country_report(actor, report)


def can_open_reporting_round(actor: Actor) -> bool:
    return actor.is_secretariat


def can_edit_country_report(actor: Actor, report: Any) -> bool:
    """A draft, or a report the secretariat queried back: its own country's officers."""
    return report.status in ("draft", "queried") and report.country_id in actor.officer_country_ids


def can_submit_country_report(actor: Actor, report: Any) -> bool:
    return can_edit_country_report(actor, report)


def reviews_country_reports(actor: Actor) -> bool:
    """Whom submitted reports wait on (its home lists them): the secretariat."""
    return actor.is_secretariat


def can_review_country_report(actor: Actor, report: Any) -> bool:
    """Query (with a message) or accept a submitted report: the secretariat."""
    return actor.is_secretariat and report.status == "submitted"


def can_publish_country_report(actor: Actor, report: Any) -> bool:
    return actor.is_secretariat and report.status == "accepted"


def can_revise_country_report(actor: Actor, report: Any) -> bool:
    """A published report is frozen; a correction is a new revision with its reason, made by
    its country's officers or by the secretariat."""
    return report.status == "published" and (
        actor.is_secretariat or report.country_id in actor.officer_country_ids
    )


def can_view_statistics_dashboard(actor: Actor) -> bool:
    """The regional dashboard with the full published figures: the network (secretariat,
    officers, observers). The public has the protected statistics page."""
    return actor.is_network_member


def can_view_legislation(actor: Actor) -> bool:
    """The legislation matrix describes public law: everyone reads it."""
    return True


def can_edit_legislation(actor: Actor, country_id: int) -> bool:
    return actor.is_secretariat or country_id in actor.officer_country_ids


def can_remind_legislation(actor: Actor) -> bool:
    return actor.is_secretariat
