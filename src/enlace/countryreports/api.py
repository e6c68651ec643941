"""The country reports in /api/v1/ (mounted by enlace.api.api): rounds, reports, their figures,
the legislation matrix, the dashboard's series and the public, protected statistics.

Same selectors, services and rules as the pages. A report the user may not read is a 404; a
write the user may not make a 403 (401 when anonymous); a refused value a 422
``{"detail", "errors": [{"field", "message"}]}`` with messages in the request's language; a
write made on a stale ``expected_state`` (the ``state`` of the last read) a 409 with nothing
changed. Figures are keyed as ``enlace.countryreports.indicators`` says
(``victims_identified.sex.female``, ``convictions.tip.total``). A draft saved with figures that
break a rule is saved (the answer lists the errors); it cannot be submitted.

A session-authenticated write must carry the CSRF token; a token (Bearer) request need not.
"""

import datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import AfterValidator

from enlace import access
from enlace.core.api import (
    BoundedPagination,
    ErrorOut,
    FieldErrorOut,
    Id,
    MappedQuerySet,
    ValidationErrorOut,
    Year,
    field_errors,
    require_csrf,
    unprocessable,
)
from enlace.core.forms import LONG_TEXT_LIMIT
from enlace.core.services import EditConflict, state_token
from enlace.countryreports import selectors, services, statistics
from enlace.countryreports.indicators import CATEGORIES, FigureKey, parse_key
from enlace.countryreports.models import CountryReport

router = Router(tags=["country reports"])


class RoundOut(Schema):
    id: int
    title: str
    period_start: datetime.date
    period_end: datetime.date
    deadline: datetime.date
    year: int
    is_demo: bool


class RoundIn(Schema):
    title: str = Field(max_length=200)
    period_start: datetime.date
    period_end: datetime.date
    deadline: datetime.date


class ProgrammeOut(Schema):
    kind: str
    name: str
    audience: str
    reach: int | None
    period: str


class AgreementOut(Schema):
    kind: str
    title: str
    partners: str
    signed_on: datetime.date | None


class ReportSummaryOut(Schema):
    id: int
    round_id: int
    round: str
    year: int
    country: str
    status: str
    revision: int


class CountryReportOut(ReportSummaryOut):
    state: str = Field(description="Send it back as expected_state with a write.")
    advances: str
    challenges: str
    cooperation_needs: str
    programmes: list[ProgrammeOut]
    agreements: list[AgreementOut]
    figures_url: str | None


class FiguresOut(Schema):
    state: str
    figures: dict[str, int]
    pending: dict[str, str] = Field(description="Entries of a draft that are not whole numbers.")
    errors: list[FieldErrorOut]


class FiguresIn(Schema):
    expected_state: str | None = None
    figures: dict[str, int | float | str | None]
    advances: str | None = Field(None, max_length=LONG_TEXT_LIMIT)
    challenges: str | None = Field(None, max_length=LONG_TEXT_LIMIT)
    cooperation_needs: str | None = Field(None, max_length=LONG_TEXT_LIMIT)


class SubmitIn(Schema):
    expected_state: str | None = None


class LegislationOut(Schema):
    country: str
    topic: str
    status: str
    reference: str
    last_confirmed: datetime.date


def _category_of(dimension: str) -> Any:
    """A query field that takes one category of the dimension (or nothing): anything else is
    a 422 naming the field, never a 500."""
    allowed = ("", *CATEGORIES[dimension])

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(
                _("Not a category of this breakdown: %(value)s.") % {"value": value[:40]}
            )
        return value

    return Annotated[str, AfterValidator(check)]


class SeriesFilter(Schema):
    series: str = statistics.DEFAULT_SERIES
    country: list[str] = Field(default_factory=list)
    year_from: Year | None = None
    year_to: Year | None = None
    sex: _category_of("sex") = ""  # type: ignore[valid-type]
    age: _category_of("age") = ""  # type: ignore[valid-type]
    form: _category_of("form") = ""  # type: ignore[valid-type]


class SeriesCellOut(Schema):
    country: str
    year: int
    value: int


class SeriesOut(Schema):
    series: str
    label: str
    unit: str
    years: list[int]
    cells: list[SeriesCellOut]
    year_totals: list[int | None]
    total: int
    is_demo: bool


class PublicCellOut(Schema):
    country: str | None
    year: int | None
    value: int | None = Field(description="null when suppressed or not reported")
    suppressed: bool
    reported: bool


class PublicOut(Schema):
    series: str
    label: str
    k: int
    years: list[int]
    cells: list[PublicCellOut]
    country_totals: list[PublicCellOut]
    year_totals: list[PublicCellOut]
    total: PublicCellOut
    is_demo: bool


def _errors(exc: ValidationError) -> list[FieldErrorOut]:
    return field_errors(exc, named_whole="__all__")


def _require_login(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise HttpError(401, _("Log in or send an API token."))


def _summary(report: CountryReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "round_id": report.round_id,
        "round": report.round.title,
        "year": report.round.year,
        "country": report.country.code,
        "status": report.status,
        "revision": report.revision,
    }


# --- rounds and reports --------------------------------------------------------------------


@router.get("/country-reports/rounds", response=list[RoundOut])
@paginate(BoundedPagination)
def rounds(request: HttpRequest) -> Any:
    """The reporting rounds, newest first (for people of the network; empty otherwise)."""
    return selectors.rounds_visible_to(request.user)


@router.post(
    "/country-reports/rounds",
    response={201: RoundOut, 401: ErrorOut, 403: ErrorOut, 422: ValidationErrorOut},
)
def round_open(request: HttpRequest, payload: RoundIn) -> Any:
    """Open a round (the secretariat): every member country gets its draft report."""
    require_csrf(request)
    _require_login(request)
    try:
        opened = services.round_open(user=request.user, **payload.dict())
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not do this.")) from exc
    except ValidationError as exc:
        return unprocessable(_errors(exc))
    return Status(201, opened)


class ReportFilter(Schema):
    round: int | None = None
    country: str = ""
    status: str = ""


@router.get("/country-reports/reports", response=list[ReportSummaryOut])
@paginate(BoundedPagination)
def reports(request: HttpRequest, filters: Query[ReportFilter]) -> Any:
    """The reports the user may read: their own country's, submitted ones for the secretariat,
    published ones for the network."""
    found = selectors.reports_visible_to(request.user)
    if filters.round:
        found = found.filter(round_id=filters.round)
    if filters.country:
        found = found.filter(country__code=filters.country.upper()[:3])
    if filters.status:
        found = found.filter(status=filters.status[:12])
    return MappedQuerySet(found, _summary)


@router.get("/country-reports/reports/{report_id}", response={200: CountryReportOut, 404: ErrorOut})
def report(request: HttpRequest, report_id: Id) -> Any:
    found = selectors.report_detail(request.user, report_id)
    figures = access.can_view_country_report_figures(access.actor_for(request.user), found)
    return {
        **_summary(found),
        "state": state_token(found),
        "advances": found.advances,
        "challenges": found.challenges,
        "cooperation_needs": found.cooperation_needs,
        "programmes": list(found.programmes.all()),
        "agreements": list(found.agreements.all()),
        "figures_url": f"/api/v1/country-reports/reports/{found.pk}/figures" if figures else None,
    }


def _figures_out(report: CountryReport) -> dict[str, Any]:
    checked = services.report_errors(report)
    return {
        "state": state_token(report),
        "figures": {k.slug: v for k, v in sorted(services.stored_figures(report).items())},
        "pending": {str(k): str(v) for k, v in (report.pending or {}).items()},
        "errors": [{"field": e.key.slug, "message": e.message} for e in checked.errors],
    }


@router.get(
    "/country-reports/reports/{report_id}/figures",
    response={200: FiguresOut, 403: ErrorOut, 404: ErrorOut},
)
def figures(request: HttpRequest, report_id: Id) -> Any:
    """The report's figures, what is pending and every error of the catalogue's rules."""
    found = selectors.report_detail(request.user, report_id)
    if not access.can_view_country_report_figures(access.actor_for(request.user), found):
        raise HttpError(403, _("You may not do this."))
    return _figures_out(found)


@router.put(
    "/country-reports/reports/{report_id}/figures",
    response={
        200: FiguresOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
)
def figures_save(request: HttpRequest, report_id: Id, payload: FiguresIn) -> Any:
    """Replace the draft's figures (and the narrative fields given). Unknown keys are a 422 and
    nothing is saved; figures that break a rule are saved with the draft and listed in
    ``errors``."""
    require_csrf(request)
    _require_login(request)
    found = selectors.report_detail(request.user, report_id)
    entered: dict[FigureKey, object] = {}
    unknown = []
    for slug, value in payload.figures.items():
        key = parse_key(slug)
        if key is None:
            unknown.append(
                FieldErrorOut(field=f"figures.{slug}"[:100], message=_("Unknown figure."))
            )
        else:
            entered[key] = value
    if unknown:
        return unprocessable(unknown)
    narrative = {
        name: value for name in services.NARRATIVE if (value := getattr(payload, name)) is not None
    }
    try:
        services.report_save_draft(
            user=request.user,
            report=found,
            narrative=narrative,
            figures=entered,
            expected_state=payload.expected_state,
        )
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not do this.")) from exc
    except EditConflict as exc:
        return Status(409, {"detail": exc.messages[0]})
    except ValidationError as exc:
        return unprocessable(_errors(exc))
    found.refresh_from_db()
    return Status(200, _figures_out(found))


@router.post(
    "/country-reports/reports/{report_id}/submit",
    response={
        200: ReportSummaryOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
    },
)
def submit(request: HttpRequest, report_id: Id, payload: SubmitIn) -> Any:
    """Submit a draft (or a queried report) to the secretariat: refused with every error when
    a figure breaks a rule."""
    require_csrf(request)
    _require_login(request)
    found = selectors.report_detail(request.user, report_id)
    try:
        services.report_submit(
            user=request.user, report=found, expected_state=payload.expected_state
        )
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not do this.")) from exc
    except EditConflict as exc:
        return Status(409, {"detail": exc.messages[0]})
    except ValidationError:
        checked = services.report_errors(found)
        return unprocessable(
            [FieldErrorOut(field=e.key.slug, message=e.message) for e in checked.errors]
        )
    return Status(200, _summary(found))


# --- legislation and statistics ---------------------------------------------------------------


@router.get("/legislation", response=list[LegislationOut])
def legislation(request: HttpRequest) -> Any:
    """The legislation matrix: every entry of the member countries."""
    countries, entries = selectors.legislation_matrix(request.user)
    codes = {c.pk: c.code for c in countries}
    return [
        {
            "country": codes[e.country_id],
            "topic": e.topic,
            "status": e.status,
            "reference": e.reference,
            "last_confirmed": e.last_confirmed,
        }
        for (_c, _t), e in sorted(entries.items(), key=lambda item: (codes[item[0][0]], item[0][1]))
    ]


@router.get("/statistics/series", response={200: SeriesOut, 401: ErrorOut, 403: ErrorOut})
def series(request: HttpRequest, filters: Query[SeriesFilter]) -> Any:
    """An indicator by country and year, as the dashboard shows it (people of the network)."""
    if not access.can_view_statistics_dashboard(access.actor_for(request.user)):
        _require_login(request)
        raise HttpError(403, _("You may not do this."))
    board = statistics.dashboard(
        request.user,
        statistics.Filters(
            series=filters.series,
            countries=[c.upper()[:3] for c in filters.country],
            year_from=filters.year_from,
            year_to=filters.year_to,
            sex=filters.sex,
            age=filters.age,
            form=filters.form,
        ),
    )
    cells = [
        {"country": row.country.code, "year": year, "value": value}
        for row in board.rows
        for year, value in zip(board.years, row.values, strict=True)
        if value is not None
    ]
    return {
        "series": board.filters.series,
        "label": board.label,
        "unit": board.unit,
        "years": board.years,
        "cells": cells,
        "year_totals": board.year_totals,
        "total": board.total,
        "is_demo": board.is_demo,
    }


def _public_cell(cell: Any, country: str | None, year: int | None) -> dict[str, Any]:
    return {
        "country": country,
        "year": year,
        "value": cell.shown,
        "suppressed": cell.suppressed,
        "reported": cell.reported,
    }


@router.get("/statistics/public", response=PublicOut)
def public(request: HttpRequest, series: str = statistics.DEFAULT_SERIES) -> Any:
    """The protected statistics (for everyone): no count below k, complementary suppression."""
    table = statistics.public_table(series)
    protected = table.table
    return {
        "series": table.series,
        "label": table.label,
        "k": table.k,
        "years": table.years,
        "cells": [
            _public_cell(cell, country.code, year)
            for country, cells, _total in table.rows
            for year, cell in zip(table.years, cells, strict=True)
        ],
        "country_totals": [
            _public_cell(total, country.code, None) for country, _cells, total in table.rows
        ],
        "year_totals": [
            _public_cell(cell, None, year)
            for year, cell in zip(table.years, protected.column_totals, strict=True)
        ],
        "total": _public_cell(protected.total, None, None),
        "is_demo": table.is_demo,
    }


class ReviewIn(Schema):
    action: str = Field(description="query, accept or publish")
    message: str = Field("", max_length=5000, description="The question, for a query.")


@router.post(
    "/country-reports/reports/{report_id}/review",
    response={
        200: ReportSummaryOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ValidationErrorOut,
    },
)
def review(request: HttpRequest, report_id: Id, payload: ReviewIn) -> Any:
    """The secretariat's review: ``query`` a submitted report (with a ``message``), ``accept``
    it, then ``publish`` it to the network."""
    require_csrf(request)
    _require_login(request)
    found = selectors.report_detail(request.user, report_id)
    steps = {
        "query": lambda: services.report_query(
            user=request.user, report=found, message=payload.message
        ),
        "accept": lambda: services.report_accept(user=request.user, report=found),
        "publish": lambda: services.report_publish(user=request.user, report=found),
    }
    step = steps.get(payload.action)
    if step is None:
        return unprocessable([FieldErrorOut(field="action", message=_("This value is not valid."))])
    try:
        step()
    except PermissionDenied as exc:
        raise HttpError(403, _("You may not do this.")) from exc
    except ValidationError as exc:
        return unprocessable(_errors(exc))
    return Status(200, _summary(found))
