"""Every access rule of the platform, in one place (docs/access.md is its matrix in prose).

A request's user becomes an ``Actor``: the roles that follow from the person's current
memberships. Selectors use the ``*_filter`` functions to scope querysets; services and views use
the ``can_*`` predicates. Deny by default: a rule not written here grants nothing.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from enlace.meetings.models import MeetingDocument, Report, Visibility
from enlace.network.models import Country, Membership, Post, Presidency


@dataclass(frozen=True)
class Actor:
    """What a user is in the network today."""

    user_id: int | None = None
    is_secretariat: bool = False
    officer_country_ids: frozenset[int] = field(default_factory=frozenset)
    observer: bool = False
    ppt_country_ids: frozenset[int] = field(default_factory=frozenset)
    is_superuser: bool = False

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
_CACHE_ATTR = "_enlace_actor"


def actor_for(user: Any, on: datetime.date | None = None) -> Actor:
    """The actor of a user today (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    if on is None and hasattr(user, _CACHE_ATTR):
        cached: Actor = getattr(user, _CACHE_ATTR)
        return cached
    day = on or datetime.date.today()
    memberships = (
        Membership.objects.current(day)
        .filter(person__user_id=user.pk)
        .select_related("post__country", "post__organisation")
    )
    secretariat = False
    observer = False
    officer_countries: set[int] = set()
    for membership in memberships:
        post = membership.post
        if post.role == Post.Role.SECRETARIAT:
            secretariat = True
        elif post.role in (Post.Role.LIAISON_OFFICER, Post.Role.ALTERNATE):
            if post.country is not None and post.country.status == Country.Status.MEMBER:
                officer_countries.add(post.country.pk)
            else:
                observer = True
        elif post.role == Post.Role.OBSERVER:
            observer = True
    ppt: set[int] = set()
    if officer_countries:
        ppt = set(
            Presidency.objects.filter(
                country_id__in=officer_countries, start_date__lte=day, end_date__gte=day
            ).values_list("country_id", flat=True)
        )
    actor = Actor(
        user_id=user.pk,
        is_secretariat=secretariat,
        officer_country_ids=frozenset(officer_countries),
        observer=observer,
        ppt_country_ids=frozenset(ppt),
        is_superuser=bool(user.is_superuser),
    )
    if on is None:
        setattr(user, _CACHE_ATTR, actor)
    return actor


# --- the directory ---------------------------------------------------------------------------


def can_see_contact_details(actor: Actor) -> bool:
    """Names and posts are public; e-mail and telephone only for people of the network."""
    return actor.is_network_member


def can_manage_directory(actor: Actor) -> bool:
    return actor.is_secretariat


# --- meetings, documents, reports ------------------------------------------------------------


def _visibility_levels(actor: Actor) -> list[str]:
    if actor.is_secretariat or actor.is_officer:
        return [Visibility.PUBLIC, Visibility.NETWORK, Visibility.MEMBERS]
    if actor.observer:
        return [Visibility.PUBLIC, Visibility.NETWORK]
    return [Visibility.PUBLIC]


def meeting_filter(actor: Actor, prefix: str = "") -> Q:
    return Q(**{f"{prefix}visibility__in": _visibility_levels(actor)})


def document_filter(actor: Actor) -> Q:
    return Q(visibility__in=_visibility_levels(actor)) & meeting_filter(actor, "meeting__")


def can_view_document(actor: Actor, document: MeetingDocument) -> bool:
    levels = _visibility_levels(actor)
    return document.visibility in levels and document.meeting.visibility in levels


def report_filter(actor: Actor) -> Q:
    """Published reports for everyone; drafts for the secretariat and the member countries'
    officers, and for observers where the drafters invited them."""
    scope = meeting_filter(actor, "meeting__")
    if actor.is_secretariat or actor.is_officer:
        return scope
    visible = Q(is_published=True)
    if actor.observer:
        visible |= Q(observers_invited=True)
    return visible & scope


def can_view_report(actor: Actor, report: Report) -> bool:
    if report.meeting.visibility not in _visibility_levels(actor):
        return False
    if report.is_published or actor.is_secretariat or actor.is_officer:
        return True
    return actor.observer and report.observers_invited


def can_manage_meetings(actor: Actor) -> bool:
    return actor.is_secretariat


def can_edit_report(actor: Actor, report: Report) -> bool:
    """The secretariat edits any report; the PPT's officers edit drafts while they preside.
    An adopted report is frozen for the PPT (a correction is the secretariat's new revision)."""
    if actor.is_secretariat:
        return True
    return actor.is_ppt and report.status == Report.Status.DRAFT


def can_create_report(actor: Actor) -> bool:
    return actor.is_secretariat or actor.is_ppt


def can_publish_report(actor: Actor) -> bool:
    return actor.is_secretariat


# --- the audit log, the system ---------------------------------------------------------------


def can_view_audit(actor: Actor) -> bool:
    return actor.is_secretariat
