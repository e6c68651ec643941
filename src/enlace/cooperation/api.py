"""Cooperation requests, their messages and protected cases in /api/v1/ (mounted by
enlace.api.api), with the pages' rules and selectors.

Not logged in: 401. Logged in without access (an observer, a third country, an account without
a role): 404 for every list and object, never 403, so nothing reveals that a request or a case
exists. The secretariat lists requests with their type, countries, dates and state only
(``summary`` and ``details`` are null) and cannot read messages or cases. Cases come without
identifying data: that is shown, logged with a reason, on the case's page only.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import ConfigDict

from enlace import access
from enlace.cooperation import exports, selectors, services
from enlace.cooperation.models import (
    NOT_CLOSED,
    CooperationRequest,
    ProtectedCase,
    RequestParty,
    RequestState,
    TraffickingEvent,
)
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

router = Router(tags=["cooperation"])


class RequestOut(Schema):
    id: int
    reference: str
    type: str
    state: str
    requesting_country: str
    requested_countries: list[str]
    sent_on: datetime.date
    due_on: datetime.date
    completed_on: datetime.date | None
    closed_on: datetime.date | None
    overdue: bool
    case: str | None
    summary: str | None
    details: dict[str, Any] | None
    decline_reason: str | None


class MessageOut(Schema):
    id: int
    country: str
    author: str
    body: str
    created_at: datetime.datetime


class CaseEventOut(Schema):
    model_config = ConfigDict(validate_by_name=True)

    type: str = Field(alias="hte_Type")
    country: str = Field(alias="hte_Country")
    city: str = Field(alias="hte_City")
    date: str | None = Field(alias="hte_Date")


class CaseFieldsOut(Schema):
    """A case's fields of HTCDS 2.0 (IOM's Human Trafficking Case Data Standard), sent under the
    standard's names (the aliases) with its picklist values; never a name or a document."""

    model_config = ConfigDict(validate_by_name=True)

    consent: bool = Field(alias="con_Consent")
    gender: str = Field(alias="prs_Gender")
    citizenship: list[str] = Field(alias="prs_Citizenship")
    method_of_recruitment: list[str] = Field(alias="vic_MethodOfRecruitment")
    methods_of_control: list[str] = Field(alias="vic_MethodsOfControl")
    type_of_exploitation: list[str] = Field(alias="vic_TypeOfExploitation")
    status: str = Field(alias="cas_Status")


class CaseExtensionOut(Schema):
    """What the platform keeps of a case that HTCDS does not define."""

    case_code: str
    registering_country: str
    identified_on: str | None
    closed_on: str | None
    age_at_identification: int | None
    age_band: str
    is_minor: bool
    vulnerabilities: list[str]
    assistance: list[str]
    sharing_consent: bool
    legal_basis_for_sharing: str | None
    is_fictitious: bool


class CaseOut(Schema):
    """A protected case: its HTCDS 2.0 fields, its historic trafficking events, and the
    platform's own fields apart, in the ``enlace`` extension."""

    standard: str
    fields: CaseFieldsOut
    historic_trafficking_events: list[CaseEventOut]
    enlace: CaseExtensionOut


def _case(case: ProtectedCase, events: list[TraffickingEvent]) -> CaseOut:
    return CaseOut.model_validate(exports.case_htcds(case, events))


class MessageIn(Schema):
    body: str = Field(max_length=TEXT_LIMIT)


class TransitionIn(Schema):
    action: str
    reason: str = Field("", max_length=TEXT_LIMIT)


def _gate(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, _("Log in or send an API token."))
    if not access.can_use_cooperation(access.actor_for(request.user)):
        raise Http404


def _request_out(item: CooperationRequest, content: bool) -> dict[str, Any]:
    requested = [
        p.country.code for p in item.parties.all() if p.role == RequestParty.Role.REQUESTED
    ]
    return {
        "id": item.pk,
        "reference": item.reference,
        "type": item.type,
        "state": item.state,
        "requesting_country": item.requesting_country.code,
        "requested_countries": requested,
        "sent_on": item.sent_on,
        "due_on": item.due_on,
        "completed_on": item.completed_on,
        "closed_on": item.closed_on,
        "overdue": bool(getattr(item, "overdue", False)),
        "case": item.case.code if content and item.case else None,
        "summary": item.summary if content else None,
        "details": item.details if content else None,
        "decline_reason": item.decline_reason if content else None,
    }


@router.get(
    "/cooperation/requests",
    response={200: list[RequestOut], 401: ErrorOut, 404: ErrorOut},
)
@paginate(BoundedPagination)
def request_list(request: HttpRequest, state: str = "") -> Any:
    """What is not closed yet, overdue first then by deadline, like the inbox; ``state`` picks
    one state, ``state=all`` everything."""
    _gate(request)
    actor = access.actor_for(request.user)
    requests = selectors.requests_visible_to(request.user)
    if state in RequestState.values:
        requests = requests.filter(state=state)
    elif state != "all":
        requests = requests.filter(state__in=NOT_CLOSED)

    def convert(item: CooperationRequest) -> dict[str, Any]:
        parties = {p.country_id for p in item.parties.all()}
        return _request_out(item, access.can_read_request_content(actor, parties))

    return MappedQuerySet(requests, convert)


@router.get(
    "/cooperation/requests/{request_id}",
    response={200: RequestOut, 401: ErrorOut, 404: ErrorOut},
)
def request_get(request: HttpRequest, request_id: Id) -> Any:
    _gate(request)
    view = selectors.request_detail(request.user, request_id)
    return _request_out(view.cooperation_request, view.content)


@router.post(
    "/cooperation/requests/{request_id}/transitions",
    response={
        200: RequestOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
)
def request_transition(request: HttpRequest, request_id: Id, payload: TransitionIn) -> Any:
    _gate(request)
    require_csrf(request)
    view = selectors.request_detail(request.user, request_id)
    if not view.content:
        raise Http404
    try:
        services.request_transition(
            user=request.user,
            cooperation_request=view.cooperation_request,
            action=payload.action,
            reason=payload.reason,
        )
    except PermissionDenied as exc:
        raise HttpError(403, _("Your country may not take this step.")) from exc
    except ValidationError as exc:
        return unprocessable(field_errors(exc, whole="__all__"))
    fresh = selectors.request_detail(request.user, request_id)
    return _request_out(fresh.cooperation_request, True)


@router.get(
    "/cooperation/requests/{request_id}/messages",
    response={200: list[MessageOut], 401: ErrorOut, 404: ErrorOut},
)
def message_list(request: HttpRequest, request_id: Id) -> Any:
    _gate(request)
    view = selectors.request_detail(request.user, request_id)
    if not view.content:
        raise Http404
    return [
        {
            "id": m.pk,
            "country": m.country.code,
            "author": m.author.get_username(),
            "body": m.body,
            "created_at": m.created_at,
        }
        for m in selectors.request_content(view)["thread"]
    ]


@router.post(
    "/cooperation/requests/{request_id}/messages",
    response={201: MessageOut, 401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
)
def message_add(request: HttpRequest, request_id: Id, payload: MessageIn) -> Any:
    _gate(request)
    require_csrf(request)
    view = selectors.request_detail(request.user, request_id)
    if not view.content:
        raise Http404
    try:
        message = services.request_message_add(
            user=request.user, cooperation_request=view.cooperation_request, body=payload.body
        )
    except ValidationError as exc:
        return unprocessable(field_errors(exc, whole="__all__"))
    return Status(
        201,
        {
            "id": message.pk,
            "country": message.country.code,
            "author": request.user.get_username(),
            "body": message.body,
            "created_at": message.created_at,
        },
    )


@router.get(
    "/cooperation/cases",
    response={200: list[CaseOut], 401: ErrorOut, 404: ErrorOut},
    by_alias=True,
)
@paginate(BoundedPagination)
def case_list(request: HttpRequest) -> Any:
    _gate(request)
    if not access.can_use_protected_cases(access.actor_for(request.user)):
        raise Http404
    return MappedQuerySet(
        selectors.cases_visible_to(request.user).prefetch_related("events__country"),
        lambda case: _case(case, list(case.events.all())),
    )


@router.get(
    "/cooperation/cases/{code}",
    response={200: CaseOut, 401: ErrorOut, 404: ErrorOut},
    by_alias=True,
)
def case_get(request: HttpRequest, code: str) -> CaseOut:
    _gate(request)
    if not access.can_use_protected_cases(access.actor_for(request.user)):
        raise Http404
    view = selectors.case_detail(request.user, code)
    return _case(view.case, list(view.case.events.select_related("country")))
