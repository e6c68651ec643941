"""Contributions, recommendations, answers and cooperation mechanisms in /api/v1/ (mounted by
enlace.api.api). Same selectors, services and rules as the pages: what the user may not read
is a 404, what the user may not do a 403, a refused value a 422 ``{"detail", "errors"}`` with
translated messages, and a write made on a stale ``expected_state`` a 409.

A session-authenticated write must carry the CSRF token; a token (Bearer) request need not.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status

from enlace import access
from enlace.contributions import selectors, services
from enlace.contributions.models import Answer, Contribution, Mechanism, Recommendation
from enlace.core.api import (
    BoundedPagination,
    ErrorOut,
    Id,
    MappedQuerySet,
    ValidationErrorOut,
    field_errors,
    require_csrf,
    unprocessable,
)
from enlace.core.forms import TEXT_LIMIT
from enlace.core.services import EditConflict, state_token
from enlace.meetings.selectors import meeting_visible
from enlace.network.models import Country
from enlace.network.selectors import (
    country_by_code,
    country_with_code,
    organisation_detail,
    organisations_of,
)
from enlace.reports.selectors import point_visible

router = Router(tags=["contributions"])


class AnswerOut(Schema):
    id: int
    country: str
    position: str
    reasons: str
    actions: str
    updated_at: datetime.datetime
    state: str = Field(description="Send it back as expected_state to revise the answer.")


class RecommendationOut(Schema):
    id: int
    contribution_id: int
    position: int
    text: str
    to_all_members: bool
    countries: list[str] = Field(description="ISO3 codes, when not addressed to all members.")
    answers: list[AnswerOut]


class ContributionOut(Schema):
    id: int
    meeting_id: int
    organisation_id: int | None
    country: str | None
    author: str
    kind: str
    title: str
    summary: str
    visibility: str
    status: str
    decided_on: datetime.date | None
    report_point_id: int | None
    state: str


class ContributionDetailOut(ContributionOut):
    recommendations: list[RecommendationOut]


class ContributionIn(Schema):
    meeting_id: Id
    organisation_id: Id | None = None
    country: str | None = Field(None, description="ISO3 code of an observer country.")
    kind: str
    title: str = Field(max_length=300)
    summary: str = Field("", max_length=TEXT_LIMIT)
    visibility: str = "network"


class ContributionPatchIn(Schema):
    kind: str | None = None
    title: str | None = Field(None, max_length=300)
    summary: str | None = Field(None, max_length=TEXT_LIMIT)
    visibility: str | None = None
    expected_state: str | None = None


class DecisionIn(Schema):
    decision: str = Field(description="accept or return")
    report_point_id: Id | None = None
    reason: str = Field("", max_length=TEXT_LIMIT)
    expected_state: str | None = None


class RecommendationIn(Schema):
    text: str = Field(max_length=TEXT_LIMIT)
    to_all_members: bool = True
    countries: list[str] = []
    expected_state: str | None = None


class AnswerIn(Schema):
    position: str
    reasons: str = Field("", max_length=TEXT_LIMIT)
    actions: str = Field("", max_length=TEXT_LIMIT)
    expected_state: str | None = Field(
        None, description="The answer's state when read; an empty string when there was none."
    )


class MechanismOut(Schema):
    id: int
    title: str
    kind: str
    scope: str
    countries: list[str]
    organisations: list[str]
    start_date: datetime.date | None
    end_date: datetime.date | None
    status: str
    visibility: str
    state: str


class MechanismIn(Schema):
    title: str = Field(max_length=300)
    kind: str
    scope: str = Field("", max_length=TEXT_LIMIT)
    countries: list[str]
    organisation_ids: list[Id]
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    status: str = "active"
    visibility: str = "network"
    expected_state: str | None = None


class ContributionFilter(Schema):
    meeting: Id | None = None
    status: str = ""


class MechanismFilter(Schema):
    country: str = Field("", max_length=3)
    status: str = ""


# --- mapping -----------------------------------------------------------------------------------


def _answer(answer: Answer) -> dict[str, Any]:
    return {
        "id": answer.pk,
        "country": answer.country.code,
        "position": answer.position,
        "reasons": answer.reasons,
        "actions": answer.actions,
        "updated_at": answer.updated_at,
        "state": state_token(answer),
    }


def _recommendation(rec: Recommendation) -> dict[str, Any]:
    return {
        "id": rec.pk,
        "contribution_id": rec.contribution_id,
        "position": rec.position,
        "text": rec.text,
        "to_all_members": rec.to_all_members,
        "countries": sorted(c.code for c in rec.countries.all()),
        "answers": [_answer(a) for a in rec.answers.all()],
    }


def _contribution(c: Contribution) -> dict[str, Any]:
    return {
        "id": c.pk,
        "meeting_id": c.meeting_id,
        "organisation_id": c.organisation_id,
        "country": c.country.code if c.country else None,
        "author": c.author_label,
        "kind": c.kind,
        "title": c.title,
        "summary": c.summary,
        "visibility": c.visibility,
        "status": c.status,
        "decided_on": c.decided_on,
        "report_point_id": c.report_point_id,
        "state": state_token(c),
    }


def _contribution_detail(c: Contribution) -> dict[str, Any]:
    return {
        **_contribution(c),
        "recommendations": [_recommendation(r) for r in c.recommendations.all()],
    }


def _mechanism(m: Mechanism) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title": m.title,
        "kind": m.kind,
        "scope": m.scope,
        "countries": sorted(c.code for c in m.countries.all()),
        "organisations": [o.acronym or o.name for o in m.organisations.all()],
        "start_date": m.start_date,
        "end_date": m.end_date,
        "status": m.status,
        "visibility": m.visibility,
        "state": state_token(m),
    }


def _write(request: HttpRequest, call: Any, ok: Any, status: int = 200) -> Any:
    """Run a service: its refusals become 403, 409 or 422 answers."""
    require_csrf(request)
    if not request.user.is_authenticated:
        raise HttpError(401, _("Log in or send an API token."))
    try:
        result = call()
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not do this.")) from exc
    except EditConflict as exc:
        return Status(409, {"detail": exc.messages[0]})
    except ValidationError as exc:
        return unprocessable(field_errors(exc))
    return Status(status, ok(result))


def _country(user: access.Who, code: str) -> Country:
    found = country_with_code(user, code.upper()[:3])
    if found is None:
        raise ValidationError({"country": _("Unknown country code: %(code)s") % {"code": code}})
    return found


_WRITE_RESPONSES: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ValidationErrorOut,
}


# --- contributions -----------------------------------------------------------------------------


@router.get("/contributions", response=list[ContributionOut])
@paginate(BoundedPagination)
def contribution_list(request: HttpRequest, filters: Query[ContributionFilter]) -> Any:
    """Contributions of observers to meetings: in the record (accepted) for the network, public
    ones for everyone, and an observer's own in any status. Filters: ``meeting``, ``status``."""
    status = filters.status if filters.status in Contribution.Status.values else ""
    found = selectors.contributions_visible_to(
        request.user, meeting_id=filters.meeting, status=status
    )
    return MappedQuerySet(found, _contribution)


@router.get(
    "/contributions/{contribution_id}", response={200: ContributionDetailOut, 404: ErrorOut}
)
def contribution_get(request: HttpRequest, contribution_id: Id) -> Any:
    """A contribution with its recommendations and their answers."""
    return _contribution_detail(selectors.contribution_detail(request.user, contribution_id))


@router.post("/contributions", response={201: ContributionOut, **_WRITE_RESPONSES})
def contribution_create(request: HttpRequest, payload: ContributionIn) -> Any:
    """Submit a contribution to a meeting for an observer organisation (``organisation_id``) or
    an observer country (``country``) the user speaks for."""
    meeting = meeting_visible(request.user, payload.meeting_id)

    def call() -> Contribution:
        organisation = (
            organisation_detail(request.user, payload.organisation_id)
            if payload.organisation_id
            else None
        )
        country = _country(request.user, payload.country) if payload.country else None
        return services.contribution_submit(
            user=request.user,
            meeting=meeting,
            organisation=organisation,
            country=country,
            data={
                "kind": payload.kind,
                "title": payload.title,
                "summary": payload.summary,
                "visibility": payload.visibility,
            },
        )

    return _write(request, call, _contribution, 201)


@router.patch(
    "/contributions/{contribution_id}", response={200: ContributionOut, **_WRITE_RESPONSES}
)
def contribution_update(
    request: HttpRequest, contribution_id: Id, payload: ContributionPatchIn
) -> Any:
    """Change a contribution (its author while submitted or returned; the secretariat)."""
    found = selectors.contribution_detail(request.user, contribution_id)
    data = payload.dict(exclude_unset=True, exclude={"expected_state"})
    return _write(
        request,
        lambda: services.contribution_update(
            user=request.user,
            contribution=found,
            data={k: v for k, v in data.items() if v is not None},
            expected_state=payload.expected_state,
        ),
        _contribution,
    )


@router.post(
    "/contributions/{contribution_id}/decision",
    response={200: ContributionOut, **_WRITE_RESPONSES},
)
def contribution_decide(request: HttpRequest, contribution_id: Id, payload: DecisionIn) -> Any:
    """The secretariat accepts a contribution into the meeting's record (``accept``, with the
    report point that took note of it) or returns it to its author (``return``, with a
    ``reason``)."""
    found = selectors.contribution_detail(request.user, contribution_id)

    def call() -> Contribution:
        if payload.decision == "accept":
            point = (
                point_visible(request.user, payload.report_point_id)
                if payload.report_point_id
                else None
            )
            return services.contribution_accept(
                user=request.user,
                contribution=found,
                report_point=point,
                expected_state=payload.expected_state,
            )
        if payload.decision == "return":
            return services.contribution_return(
                user=request.user,
                contribution=found,
                reason=payload.reason,
                expected_state=payload.expected_state,
            )
        raise ValidationError({"decision": _("Choose accept or return.")})

    return _write(request, call, _contribution)


# --- recommendations and answers ------------------------------------------------------------------


@router.get("/recommendations", response=list[RecommendationOut])
@paginate(BoundedPagination)
def recommendation_list(request: HttpRequest, country: str = "") -> Any:
    """Recommendations of the contributions the user may read, with the answers given so far.
    ``country``: those a country (ISO3) has answered."""
    found = selectors.recommendations_visible_to(request.user, country_code=country[:3])
    return MappedQuerySet(found, _recommendation)


@router.get(
    "/recommendations/{recommendation_id}", response={200: RecommendationOut, 404: ErrorOut}
)
def recommendation_get(request: HttpRequest, recommendation_id: Id) -> Any:
    return _recommendation(selectors.recommendation_detail(request.user, recommendation_id))


@router.post(
    "/contributions/{contribution_id}/recommendations",
    response={201: RecommendationOut, **_WRITE_RESPONSES},
)
def recommendation_create(
    request: HttpRequest, contribution_id: Id, payload: RecommendationIn
) -> Any:
    """Add a recommendation to a contribution: to all member countries, or to ``countries``."""
    found = selectors.contribution_detail(request.user, contribution_id)
    return _write(
        request,
        lambda: services.recommendation_save(
            user=request.user,
            contribution=found,
            text=payload.text,
            to_all_members=payload.to_all_members,
            countries=[_country(request.user, c) for c in payload.countries],
        ),
        _recommendation,
        201,
    )


@router.get("/recommendations/{recommendation_id}/answers", response=list[AnswerOut])
def answer_list(request: HttpRequest, recommendation_id: Id) -> Any:
    """The answers to a recommendation, side by side (one per country that answered)."""
    selectors.recommendation_detail(request.user, recommendation_id)
    return [
        _answer(a)
        for a in selectors.answers_visible_to(request.user, recommendation_id=recommendation_id)
    ]


@router.put(
    "/recommendations/{recommendation_id}/answers/{country}",
    response={200: AnswerOut, **_WRITE_RESPONSES},
)
def answer_put(request: HttpRequest, recommendation_id: Id, country: str, payload: AnswerIn) -> Any:
    """A country's answer (its officers only): ``accepted``, ``under_study`` or
    ``not_accepted`` (with ``reasons``), and ``actions``. Revising needs ``expected_state``
    (the answer's ``state``; ``""`` when answering for the first time): a stale one is a 409."""
    found = selectors.recommendation_detail(request.user, recommendation_id)
    target = country_by_code(request.user, country.upper()[:3])
    return _write(
        request,
        lambda: services.answer_save(
            user=request.user,
            recommendation=found,
            country=target,
            position=payload.position,
            reasons=payload.reasons,
            actions=payload.actions,
            expected_state=payload.expected_state,
        ),
        _answer,
    )


# --- cooperation mechanisms ----------------------------------------------------------------------


@router.get("/mechanisms", response=list[MechanismOut])
@paginate(BoundedPagination)
def mechanism_list(request: HttpRequest, filters: Query[MechanismFilter]) -> Any:
    """The register of cooperation mechanisms: all of it for the network, public ones for
    everyone. Filters: ``country`` (ISO3 code of a party), ``status``."""
    found = selectors.mechanisms_visible_to(
        request.user, country_code=filters.country, status=filters.status
    )
    return MappedQuerySet(found, _mechanism)


@router.get("/mechanisms/{mechanism_id}", response={200: MechanismOut, 404: ErrorOut})
def mechanism_get(request: HttpRequest, mechanism_id: Id) -> Any:
    return _mechanism(selectors.mechanism_detail(request.user, mechanism_id))


def _mechanism_save(request: HttpRequest, payload: MechanismIn, found: Mechanism | None) -> Any:
    def call() -> Mechanism:
        organisations = organisations_of(request.user, payload.organisation_ids)
        if len(organisations) != len(set(payload.organisation_ids)):
            raise ValidationError({"organisation_ids": _("Unknown organisation.")})
        return services.mechanism_save(
            user=request.user,
            mechanism=found,
            data=payload.dict(
                include={
                    "title",
                    "kind",
                    "scope",
                    "start_date",
                    "end_date",
                    "status",
                    "visibility",
                }
            ),
            countries=[_country(request.user, c) for c in payload.countries],
            organisations=organisations,
            expected_state=payload.expected_state,
        )

    return _write(request, call, _mechanism, 201 if found is None else 200)


@router.post("/mechanisms", response={201: MechanismOut, **_WRITE_RESPONSES})
def mechanism_create(request: HttpRequest, payload: MechanismIn) -> Any:
    """Register a cooperation mechanism (the secretariat)."""
    return _mechanism_save(request, payload, None)


@router.put("/mechanisms/{mechanism_id}", response={200: MechanismOut, **_WRITE_RESPONSES})
def mechanism_update(request: HttpRequest, mechanism_id: Id, payload: MechanismIn) -> Any:
    """Change a mechanism (the secretariat); ``expected_state`` guards against overwriting."""
    found = selectors.mechanism_detail(request.user, mechanism_id)
    return _mechanism_save(request, payload, found)
