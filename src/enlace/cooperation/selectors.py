"""Every read of cooperation requests and protected cases, scoped by enlace.access.

A detail selector raises Http404 when the object is missing or hidden: a third country, an
observer or the public learn nothing, not even that it exists. ``cooperation_counts`` gives the
anonymous figures (no content, no person) as plain data, for the statistics page and the
regional dashboard.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone

from enlace import access
from enlace.cooperation.models import (
    OPEN_STATES,
    ChildStep,
    CooperationRequest,
    IdentityView,
    ProtectedCase,
    RequestAttachment,
    RequestParty,
    RequestState,
    RequestType,
)
from enlace.network.models import Country


def _actor(user: access.Who) -> access.Actor:
    return access.actor_for(user)


def requests_visible_to(
    user: access.Who, today: datetime.date | None = None
) -> QuerySet[CooperationRequest]:
    """The inbox: overdue first, then by deadline; parties prefetched."""
    actor = _actor(user)
    day = today or timezone.localdate()
    if not access.can_use_cooperation(actor):
        return CooperationRequest.objects.none()
    return (
        CooperationRequest.objects.filter(
            access.cooperation_request_filter(actor, RequestParty.objects.all())
        )
        .annotate(
            overdue=Case(
                When(Q(state__in=OPEN_STATES, due_on__lt=day), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("requesting_country", "case")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=RequestParty.objects.select_related("country").order_by(
                    "role", "country__code"
                ),
            )
        )
        .order_by("-overdue", "due_on", "pk")
    )


def mark_waiting_on(
    user: access.Who, requests: QuerySet[CooperationRequest]
) -> QuerySet[CooperationRequest]:
    """The same requests, each with ``waits_on_us``: whether it waits on the user's countries
    (to answer it, or to close it once answered)."""
    actor = _actor(user)
    return requests.annotate(
        waits_on_us=Case(
            When(
                access.cooperation_waiting_filter(actor, RequestParty.objects.all()),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def requests_waiting_on(
    user: access.Who, today: datetime.date | None = None
) -> QuerySet[CooperationRequest]:
    """The requests waiting on the user's countries, overdue first, then by deadline: those they
    were asked and have not answered, and those they asked that were answered and wait to be
    closed. Metadata only: the encrypted free text is not read."""
    return (
        requests_visible_to(user, today)
        .filter(access.cooperation_waiting_filter(_actor(user), RequestParty.objects.all()))
        .defer("summary", "details", "decline_reason")
    )


def overdue_requests_to_remind(
    user: access.Who, today: datetime.date | None = None
) -> QuerySet[CooperationRequest]:
    """For whoever follows the deadlines (the secretariat): the open requests past their
    deadline, the oldest deadline first; type, countries, dates and state only."""
    if not access.can_remind_request(_actor(user)):
        return CooperationRequest.objects.none()
    day = today or timezone.localdate()
    return (
        requests_visible_to(user, day)
        .filter(state__in=OPEN_STATES, due_on__lt=day)
        .defer("summary", "details", "decline_reason")
    )


@dataclass
class RequestView:
    cooperation_request: CooperationRequest
    requesting_id: int
    requested_ids: set[int]
    content: bool  # the officer of a party: content, messages, attachments
    answer: bool  # may acknowledge, start, complete, decline, update steps
    close: bool
    remind: bool


def request_detail(user: access.Who, pk: int) -> RequestView:
    actor = _actor(user)
    request = requests_visible_to(user).filter(pk=pk).first()
    if request is None:
        raise Http404
    requesting = request.requesting_country_id
    requested = {
        p.country_id for p in request.parties.all() if p.role == RequestParty.Role.REQUESTED
    }
    content = access.can_read_request_content(actor, requested | {requesting})
    return RequestView(
        cooperation_request=request,
        requesting_id=requesting,
        requested_ids=requested,
        content=content,
        answer=content and access.can_answer_request(actor, requested),
        close=content and access.can_close_request(actor, requesting),
        remind=access.can_remind_request(actor) and request.is_overdue(),
    )


def request_content(view: RequestView) -> dict[str, Any]:
    """The content of a request, for a party (the caller checked ``view.content``)."""
    if not view.content:
        raise Http404
    request = view.cooperation_request
    return {
        "thread": list(request.messages.select_related("author", "country")),
        "attachments": list(request.attachments.select_related("country")),
        "steps": list(request.child_steps.all()),
        "step_states": ChildStep.State.choices,
        "history": list(request.state_changes.select_related("user", "country")),
    }


def child_step_for(view: RequestView, step_pk: int) -> ChildStep:
    step = view.cooperation_request.child_steps.filter(pk=step_pk).first()
    if step is None or not view.content:
        raise Http404
    return step


def attachment_for(user: access.Who, pk: int) -> Any:

    attachment = RequestAttachment.objects.select_related("request").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    view = request_detail(user, attachment.request_id)
    if not view.content:
        raise Http404
    return attachment


# --- cases -----------------------------------------------------------------------------------


def cases_visible_to(user: access.Who) -> QuerySet[ProtectedCase]:
    actor = _actor(user)
    return (
        ProtectedCase.objects.filter(
            access.protected_case_filter(actor, RequestParty.objects.all())
        )
        .select_related("owner_country", "citizenship")
        .order_by("-created_at", "-pk")
    )


@dataclass
class CaseView:
    case: ProtectedCase
    party_ids: set[int]
    edit: bool
    identity: bool  # may ask to see the identifying data
    export: bool


def case_detail(user: access.Who, code: str) -> CaseView:
    actor = _actor(user)
    case = cases_visible_to(user).filter(code=code).first()
    if case is None:
        raise Http404
    parties = {case.owner_country_id} | set(
        RequestParty.objects.filter(request__case=case).values_list("country_id", flat=True)
    )
    return CaseView(
        case=case,
        party_ids=parties,
        edit=access.can_edit_case(actor, case.owner_country_id),
        identity=access.can_view_case_identity(actor, parties, case.may_share_identity),
        export=access.can_export_case(actor, parties),
    )


def cases_owned_by(user: access.Who) -> QuerySet[ProtectedCase]:
    """The cases a requester may refer a new request to: those its countries registered."""
    actor = _actor(user)
    return ProtectedCase.objects.filter(
        owner_country_id__in=access.own_country_ids(actor)
    ).order_by("-created_at")


def identity_views_for_supervisor(user: access.Who) -> QuerySet[IdentityView]:
    """The log of identity views of the cases of the supervisor's countries (the country that
    registered the case, or the country of the officer who looked)."""
    actor = _actor(user)
    countries = access.supervised_country_ids(actor)
    if not countries:
        raise Http404
    return (
        IdentityView.objects.filter(
            Q(country_id__in=countries) | Q(case__owner_country_id__in=countries)
        )
        .select_related("case", "user", "country")
        .order_by("-viewed_at", "-pk")
    )


def countries_for_requests() -> QuerySet[Country]:
    return Country.objects.filter(status=Country.Status.MEMBER).order_by("name_es")


# --- anonymous counts ------------------------------------------------------------------------


def _median(counts: list[tuple[int, int]], total: int) -> float | int:
    """The median of a sorted histogram [(value, how many), …] of ``total`` values."""

    def nth(index: int) -> int:
        seen = 0
        for value, n in counts:
            seen += n
            if index < seen:
                return value
        return counts[-1][0]

    middle = total // 2
    return nth(middle) if total % 2 else (nth(middle - 1) + nth(middle)) / 2


def own_countries(user: access.Who) -> QuerySet[Country]:
    """The member countries the user is a liaison officer of: those it acts for here."""
    return Country.objects.filter(pk__in=access.own_country_ids(access.actor_for(user))).order_by(
        "name_es"
    )


def cooperation_counts(today: datetime.date | None = None) -> dict[str, Any]:
    """Anonymous figures of all requests, as plain data: by type, by state, by country pair
    (requesting → requested), overdue, and the days from sending to completion (mean, median)
    by type. No content and no person; a handful of queries whatever the number of requests."""
    day = today or timezone.localdate()
    by_type: dict[str, int] = {}
    by_state: dict[str, int] = {}
    for row in (
        CooperationRequest.objects.values("type", "state").annotate(n=Count("pk")).order_by()
    ):
        by_type[row["type"]] = by_type.get(row["type"], 0) + row["n"]
        by_state[row["state"]] = by_state.get(row["state"], 0) + row["n"]
    pairs = (
        RequestParty.objects.filter(role=RequestParty.Role.REQUESTED)
        .values("request__requesting_country__code", "country__code")
        .annotate(n=Count("pk"))
        .order_by("-n", "request__requesting_country__code", "country__code")
    )
    overdue = CooperationRequest.objects.filter(state__in=OPEN_STATES, due_on__lt=day).count()
    # Days from sending to completion, as a histogram made by the database (type, days, how
    # many): its size follows the distinct durations, not the number of requests.
    histogram: dict[str, list[tuple[int, int]]] = {}
    for took in (
        CooperationRequest.objects.filter(completed_on__isnull=False)
        .annotate(
            took=ExpressionWrapper(F("completed_on") - F("sent_on"), output_field=DurationField())
        )
        .values("type", "took")
        .annotate(n=Count("pk"))
        .order_by("type", "took")
    ):
        histogram.setdefault(took["type"], []).append((took["took"].days, took["n"]))
    completion = []
    for type_ in RequestType.values:
        counts = histogram.get(type_, [])
        if counts:
            completed = sum(n for _days, n in counts)
            completion.append(
                {
                    "type": type_,
                    "label": str(RequestType(type_).label),
                    "completed": completed,
                    "mean_days": round(sum(d * n for d, n in counts) / completed, 1),
                    "median_days": _median(counts, completed),
                }
            )
    return {
        "total": sum(by_type.values()),
        "overdue": overdue,
        "by_type": [
            {"type": t, "label": str(label), "count": by_type.get(t, 0)}
            for t, label in RequestType.choices
        ],
        "by_state": [
            {"state": s, "label": str(label), "count": by_state.get(s, 0)}
            for s, label in RequestState.choices
        ],
        "by_country_pair": [
            {
                "requesting": row["request__requesting_country__code"],
                "requested": row["country__code"],
                "count": row["n"],
            }
            for row in pairs
        ],
        "time_to_completion": completion,
    }
