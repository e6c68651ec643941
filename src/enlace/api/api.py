"""The JSON API, /api/v1/. It reads through the same selectors and access rules as the pages.

Authentication: the browser session, or a personal token sent as ``Authorization: Bearer …``
(see enlace.accounts.middleware). Without either, the API answers as to the public.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.pagination import paginate

from enlace import access
from enlace.api import schemas
from enlace.core.api import BoundedPagination, ErrorOut, Id, MappedQuerySet, Year
from enlace.meetings import selectors as meeting_selectors
from enlace.meetings.models import Meeting
from enlace.network import exports
from enlace.network import selectors as network_selectors
from enlace.network.models import Country, Membership, Person
from enlace.reports import selectors as report_selectors
from enlace.reports.models import Report, number_points

# Who may call: a signed-in person through a personal token (``Authorization: Bearer enl_…``,
# accounts.middleware) or the session of the pages (whose writes also need the CSRF token). The
# answers then depend on who calls. Authentication is the middleware's, so ninja does not
# describe it: the document is told here.
SECURITY_SCHEMES = {
    "bearerToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token (made on the account page).",
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": settings.SESSION_COOKIE_NAME,
        "description": "The session of a signed-in person (writes need the X-CSRFToken header "
        "too).",
    },
}


class EnlaceAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> OpenAPISchema:
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["components"]["securitySchemes"] = SECURITY_SCHEMES
        return schema


api = EnlaceAPI(
    title="Enlace API",
    version="1",
    description=_(
        "Network of Liaison Officers to Combat Trafficking in Persons and the "
        "Smuggling of Migrants (CRM)"
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
    # Anyone may call what is public; a signed-in person calls with a token or the session.
    openapi_extra={"security": [{}, {"bearerToken": []}, {"session": []}]},
)

_INVALID = gettext_lazy("This value is not valid.")
_ERROR_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "int_type": gettext_lazy("Enter a whole number."),
    "bool_parsing": gettext_lazy("Enter true or false."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "date_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "string_too_long": gettext_lazy("This text is too long."),
    "greater_than_equal": gettext_lazy("This number is too small."),
    "less_than_equal": gettext_lazy("This number is too large."),
}


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        loc = list(error.get("loc", []))
        if loc and loc[0] == "body":
            loc = loc[2:]  # ("body", <the view's parameter name>, field…): the field
        elif loc and loc[0] == "query":
            loc = loc[1:]
        location = [str(part) for part in loc]
        message: Any = _ERROR_MESSAGES.get(error.get("type", ""), _INVALID)
        limit = (error.get("ctx") or {}).get("max_length")
        if error.get("type") == "string_too_long" and isinstance(limit, int):
            message = ngettext(
                "This text is too long: up to %(limit)s character.",
                "This text is too long: up to %(limit)s characters.",
                limit,
            ) % {"limit": limit}
        errors.append({"field": ".".join(location), "message": str(message)})
    return api.create_response(
        request, {"detail": _("The request has errors."), "errors": errors}, status=422
    )


# The answers django-ninja gives by default are in English ("Not Found", "Unauthorized"): the
# API's own say the same in the language the request chose, as its other messages do.
@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Log in or send an API token.")}, status=401)


@api.exception_handler(AuthorizationError)
@api.exception_handler(PermissionDenied)
def refused(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("You may not do this.")}, status=403)


def _country(country: Country | None) -> str | None:
    return country.code if country else None


def _person(person: Person, show_contacts: bool) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": str(person),
        "honorific": person.honorific,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "contact": {"email": person.email, "phone": person.phone} if show_contacts else None,
    }


def _membership(m: Membership, show_contacts: bool) -> dict[str, Any]:
    return {
        "id": m.pk,
        "person": _person(m.person, show_contacts),
        "body": m.post.body.slug,
        "role": m.post.role,
        "country": _country(m.post.country),
        "organisation": m.post.organisation.acronym or m.post.organisation.name
        if m.post.organisation
        else None,
        "institution": m.institution,
        "position": m.position,
        "start_date": m.start_date,
        "end_date": m.end_date,
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "body": meeting.body.slug,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "city": meeting.city,
        "country": _country(meeting.country),
        "format": meeting.format,
        "reports": [
            {"id": r.pk, "language": r.language, "status": r.status, "is_published": r.is_published}
            for r in meeting.reports.all()
        ],
    }


@api.get("/me", response=schemas.MeOut, tags=["accounts"])
def me(request: HttpRequest) -> dict[str, Any]:
    actor = access.actor_for(request.user)
    countries = network_selectors.countries_of(
        request.user, access.own_country_ids(actor)
    ).values_list("code", flat=True)
    return {
        "authenticated": actor.is_authenticated,
        "username": request.user.get_username() if actor.is_authenticated else None,
        "roles": actor.role_codes,
        "countries": sorted(countries),
    }


@api.get("/countries", response=list[schemas.CountryOut], tags=["network"])
def countries(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code,
            "name": c.name,
            "name_es": c.name_es,
            "name_en": c.name_en,
            "name_fr": c.name_fr,
            "status": c.status,
            "joined_year": c.joined_year,
        }
        for c in network_selectors.countries_visible_to(request.user)
    ]


@api.get("/organisations", response=list[schemas.OrganisationOut], tags=["network"])
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": o.pk,
            "name": o.name,
            "acronym": o.acronym,
            "kind": o.kind,
            "is_observer": o.is_observer,
            "country": _country(o.country),
        }
        for o in network_selectors.organisations_visible_to(request.user)
    ]


@api.get("/bodies", response=list[schemas.BodyOut], tags=["network"])
def bodies(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "slug": b.slug,
            "name": b.name,
            "kind": b.kind,
            "acronym": b.acronym,
            "reports_to": b.reports_to.slug if b.reports_to else None,
        }
        for b in network_selectors.bodies_visible_to(request.user)
    ]


@api.get("/presidencies", response=list[schemas.PresidencyOut], tags=["network"])
def presidencies(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "year": p.year,
            "country": p.country.code,
            "start_date": p.start_date,
            "end_date": p.end_date,
        }
        for p in network_selectors.presidencies_visible_to(request.user)
    ]


class DirectoryFilter(Schema):
    country: str = ""
    former: bool = False
    q: str = ""


def _directory(request: HttpRequest, filters: DirectoryFilter) -> QuerySet[Membership]:
    return network_selectors.directory_visible_to(
        request.user,
        include_former=filters.former,
        country_code=filters.country[:3],
        query=filters.q[:100],
    )


@api.get("/directory", response=list[schemas.MembershipOut], tags=["directory"])
@paginate(BoundedPagination)
def directory(request: HttpRequest, filters: Query[DirectoryFilter]) -> Any:
    """Who holds which post. Contact details only for members of the network."""
    memberships = _directory(request, filters)
    show = access.can_see_contact_details(access.actor_for(request.user))
    return MappedQuerySet(memberships, lambda m: _membership(m, show))


@api.get(
    "/directory/popolo",
    response=schemas.PopoloOut,
    exclude_unset=True,
    by_alias=True,
    tags=["directory"],
)
def directory_popolo(request: HttpRequest, filters: Query[DirectoryFilter]) -> schemas.PopoloOut:
    """The directory in the Popolo format: persons, organizations, memberships and posts."""
    memberships = _directory(request, filters)
    show = access.can_see_contact_details(access.actor_for(request.user))
    return schemas.PopoloOut.model_validate(exports.popolo(memberships, show))


@api.get(
    "/people/{person_id}",
    response={200: schemas.PersonDetailOut, 404: ErrorOut},
    tags=["directory"],
)
def person(request: HttpRequest, person_id: Id) -> dict[str, Any]:
    found = network_selectors.person_detail(request.user, person_id)
    show = access.can_see_contact_details(access.actor_for(request.user))
    return {
        **_person(found, show),
        "memberships": [_membership(m, show) for m in found.memberships.all()],
    }


class MeetingFilter(Schema):
    body: str = ""
    year: Year | None = None


@api.get("/meetings", response=list[schemas.MeetingOut], tags=["meetings"])
@paginate(BoundedPagination)
def meetings(request: HttpRequest, filters: Query[MeetingFilter]) -> Any:
    found = meeting_selectors.meeting_list(
        request.user, body_slug=filters.body[:50], year=filters.year
    )
    return MappedQuerySet(found, _meeting)


@api.get(
    "/meetings/{meeting_id}",
    response={200: schemas.MeetingDetailOut, 404: ErrorOut},
    tags=["meetings"],
)
def meeting(request: HttpRequest, meeting_id: Id) -> dict[str, Any]:
    found = meeting_selectors.meeting_detail(request.user, meeting_id)
    return {
        **_meeting(found),
        "delegations": [
            {
                "country": _country(p.country),
                "organisation": (p.organisation.acronym or p.organisation.name)
                if p.organisation
                else None,
                "representatives": [
                    {"name": str(r), "position": r.position, "person_id": r.person_id}
                    for r in p.representatives.all()
                ],
            }
            for p in found.participations.all()
        ],
        "agenda": [item.title for item in found.agenda_items.all()],
        "documents": [
            {
                "id": d.pk,
                "title": d.title,
                "language": d.language,
                "visibility": d.visibility,
                "url": request.build_absolute_uri(reverse("meetings:document", args=[d.pk])),
            }
            for d in found.documents.all()
        ],
    }


@api.get(
    "/reports/{report_id}",
    response={200: schemas.MeetingReportOut, 404: ErrorOut},
    tags=["meetings"],
)
def report(request: HttpRequest, report_id: Id) -> dict[str, Any]:
    found: Report = report_selectors.report_detail(request.user, report_id)
    return {
        "id": found.pk,
        "meeting_id": found.meeting_id,
        "language": found.language,
        "title": found.title,
        "place_line": found.place_line,
        "date_line": found.date_line,
        "opening": found.opening,
        "status": found.status,
        "adopted_on": found.adopted_on,
        "presented_on": found.presented_on,
        "is_published": found.is_published,
        "points": [
            {"label": label, "level": p.level, "text": p.text}
            for label, p in number_points(list(found.points.all()))
        ],
    }


# The parts of the API that live with their apps.
from enlace.archive.api import router as archive_router  # noqa: E402
from enlace.commitments.api import router as commitments_router  # noqa: E402
from enlace.contributions.api import router as contributions_router  # noqa: E402
from enlace.cooperation.api import router as cooperation_router  # noqa: E402
from enlace.countryreports.api import router as countryreports_router  # noqa: E402
from enlace.followup.api import router as followup_router  # noqa: E402
from enlace.imports.api import router as imports_router  # noqa: E402
from enlace.reports.api import router as reports_router  # noqa: E402
from enlace.search.api import router as search_router  # noqa: E402
from enlace.workplan.api import router as workplan_router  # noqa: E402

api.add_router("/", reports_router)
api.add_router("/", commitments_router)
api.add_router("/", imports_router)
api.add_router("/", search_router)
api.add_router("/", workplan_router)
api.add_router("/", followup_router)
api.add_router("/", archive_router)
api.add_router("/", cooperation_router)
api.add_router("/", contributions_router)
api.add_router("/", countryreports_router)
