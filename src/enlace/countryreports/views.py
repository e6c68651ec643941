"""Pages of the country reports, the legislation matrix and the regional statistics. Thin: a
selector, a form, a service; every rule is asked of enlace.access."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enlace import access
from enlace.contributions.selectors import mechanisms_visible_to
from enlace.cooperation import selectors as cooperation_selectors
from enlace.core.confirm import Confirmation, confirm_page
from enlace.core.downloads import attachment, streaming_csv
from enlace.core.manage import apply_validation_error
from enlace.core.pagecache import asked_for, kept
from enlace.core.services import EditConflict, state_token
from enlace.countryreports import selectors, services, statistics
from enlace.countryreports import xlsx as sheets
from enlace.countryreports.forms import (
    AgreementForm,
    DashboardFilterForm,
    LegislationForm,
    ProgrammeForm,
    QueryForm,
    ReportForm,
    ReviseForm,
    RoundForm,
    UploadForm,
)
from enlace.countryreports.indicators import series_choices
from enlace.countryreports.models import Agreement, CountryReport, LegislationEntry, Programme
from enlace.network.models import Country
from enlace.network.selectors import countries_visible_to

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ITEM_KINDS = ("programme", "agreement")


def _actor(request: HttpRequest) -> access.Actor:
    return access.actor_for(request.user)


# --- rounds and reports ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not access.can_view_reporting_rounds(actor):
        raise PermissionDenied
    form = RoundForm(request.POST or None) if access.can_open_reporting_round(actor) else None
    if request.method == "POST":
        if form is None or not access.can_open_reporting_round(actor):
            raise PermissionDenied
        if form.is_valid():
            try:
                opened = services.round_open(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(
                    request, _("The round is open: every member country has its report to fill in.")
                )
                return redirect("countryreports:round", opened.pk)
    mine = list(
        selectors.reports_visible_to(request.user).filter(
            country_id__in=access.own_country_ids(actor)
        )[:20]
    )
    return render(
        request,
        "countryreports/index.html",
        {
            "rounds": selectors.rounds_visible_to(request.user),
            "form": form,
            "mine": mine,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.round_detail(request.user, pk)
    reports = selectors.reports_visible_to(request.user).filter(round=found)
    return render(request, "countryreports/round.html", {"round": found, "reports": reports})


def _report_context(request: HttpRequest, report: CountryReport) -> dict[str, Any]:
    actor = _actor(request)
    show_figures = access.can_view_country_report_figures(actor, report)
    entries = services.draft_entries(report) if show_figures else {}
    checked = services.report_errors(report) if show_figures else None
    form = ReportForm(instance=report, entries=entries) if show_figures else None
    return {
        "report": report,
        "figures_form": form,
        "show_figures": show_figures,
        "errors": checked.errors if checked else [],
        "programmes": list(report.programmes.all()),
        "agreements": list(report.agreements.all()),
        "events": list(report.events.select_related("user")),
        "can_edit": access.can_edit_country_report(actor, report),
        "can_review": access.can_review_country_report(actor, report),
        "can_publish": access.can_publish_country_report(actor, report),
        "can_revise": access.can_revise_country_report(actor, report),
        "can_see_who": access.can_see_country_report_authors(actor, report),
        "query_form": QueryForm(),
    }


@require_GET
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    return render(request, "countryreports/report.html", _report_context(request, report))


def _refreshed(request: HttpRequest, form: ReportForm | ReviseForm, report: CountryReport) -> None:
    """After a conflict: the user's values stay, the token becomes the current one, so that
    saving again is a decision taken with the other change in view."""
    data = cast(QueryDict, form.data).copy()
    data["state"] = state_token(selectors.report_detail(request.user, report.pk))
    form.data = data


def _item_forms(request: HttpRequest, report: CountryReport) -> dict[str, Any]:
    return {
        "programme_form": ProgrammeForm(prefix="programme"),
        "agreement_form": AgreementForm(
            prefix="agreement", mechanisms=_mechanisms_for(request, report)
        ),
    }


@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_edit(request.user, pk)
    entries = services.draft_entries(report)
    if request.method != "POST":
        form = ReportForm(instance=report, entries=entries)
        checked = services.report_errors(report)
        return render(
            request,
            "countryreports/report_edit.html",
            {
                "report": report,
                "form": form,
                "errors": checked.errors,
                **_item_forms(request, report),
            },
        )
    form = ReportForm(request.POST, instance=report, entries=entries)
    errors: list[Any] = []
    if form.is_valid():
        try:
            checked = services.report_save_draft(
                user=request.user,
                report=report,
                narrative=form.narrative(),
                figures=form.figures(),
                expected_state=form.expected_state(),
            )
        except EditConflict as exc:
            form.add_error(None, exc)
            _refreshed(request, form, report)
        else:
            if "submit" in request.POST and checked.ok:
                try:
                    services.report_submit(user=request.user, report=report)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                    return redirect("countryreports:edit", report.pk)
                messages.success(request, _("The report is submitted to the secretariat."))
                return redirect("countryreports:report", report.pk)
            if checked.ok:
                messages.success(request, _("The draft is saved."))
                return redirect("countryreports:edit", report.pk)
            errors = checked.errors
            messages.warning(
                request,
                _("The draft is saved, with errors: correct them before you submit it."),
            )
            report.refresh_from_db()
            form = ReportForm(instance=report, entries=services.draft_entries(report))
    for error in errors:
        name = error.key.slug
        if name in form.fields:
            form.fields[name].widget.attrs["aria-invalid"] = "true"
    return render(
        request,
        "countryreports/report_edit.html",
        {"report": report, "form": form, "errors": errors, **_item_forms(request, report)},
        status=200 if errors else 400,
    )


@require_GET
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    if not access.can_view_country_report_figures(_actor(request), report):
        raise PermissionDenied
    data = sheets.template(report, services.draft_entries(report))
    name = f"report-{report.country.code}-{report.round.year}-{report.pk}.xlsx"
    return attachment(data, content_type=sheets.XLSX_TYPE, filename=name)


@require_http_methods(["GET", "POST"])
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_edit(request.user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            errors = [_("The file is too large.")]
        else:
            result = sheets.read_upload(upload.read())
            errors = result.errors
            if not errors:
                services.report_save_draft(user=request.user, report=report, figures=result.figures)
                messages.success(request, _("The figures of the file are saved in the draft."))
                return redirect("countryreports:edit", report.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "countryreports/report_upload.html",
        {"report": report, "form": form, "errors": errors},
        status=status,
    )


def _review_confirmation(report: Any, action: str) -> Confirmation:
    subject = str(report)
    cancel = reverse("countryreports:report", args=[report.pk])
    if action == "accept":
        return Confirmation(
            title=_("Accept the report"),
            subject=subject,
            consequence=_(
                "The secretariat accepts the report as its country submitted it: the country "
                "can no longer edit it, only correct it as a new revision with a reason."
            ),
            undo=_("This cannot be undone."),
            button=_("Accept the report"),
            cancel_url=cancel,
            hidden={"action": "accept"},
        )
    return Confirmation(
        title=_("Publish the report to the network"),
        subject=subject,
        consequence=_(
            "Every member country and observer of the network can read the report, and its "
            "figures count in the regional statistics."
        ),
        undo=_("This cannot be undone."),
        button=_("Publish to the network"),
        cancel_url=cancel,
        hidden={"action": "publish"},
    )


@require_http_methods(["GET", "POST"])
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Query, accept or publish a submitted report; accepting and publishing ask first."""
    report = selectors.report_detail(request.user, pk)
    if request.method != "POST":
        action = request.GET.get("action", "")
        actor = _actor(request)
        if action == "accept" and access.can_review_country_report(actor, report):
            return confirm_page(request, _review_confirmation(report, action))
        if action == "publish" and access.can_publish_country_report(actor, report):
            return confirm_page(request, _review_confirmation(report, action))
        raise PermissionDenied
    action = request.POST.get("action", "")
    try:
        if action == "query":
            services.report_query(
                user=request.user, report=report, message=request.POST.get("message", "")
            )
            messages.success(
                request, _("The report is sent back to its country with your question.")
            )
        elif action == "accept":
            services.report_accept(user=request.user, report=report)
            messages.success(request, _("The report is accepted."))
        elif action == "publish":
            services.report_publish(user=request.user, report=report)
            messages.success(request, _("The report is published to the network."))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("countryreports:report", report.pk)


@require_http_methods(["GET", "POST"])
def report_revise(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_detail(request.user, pk)
    if not access.can_revise_country_report(_actor(request), report):
        raise PermissionDenied
    entries = services.draft_entries(report)
    form = ReviseForm(request.POST or None, instance=report, entries=entries)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_revise(
                user=request.user,
                report=report,
                reason=form.cleaned_data["reason"],
                narrative=form.narrative(),
                figures=form.figures(),
                expected_state=form.expected_state(),
            )
        except EditConflict as exc:
            form.add_error(None, exc)
            _refreshed(request, form, report)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The correction is published as a new revision."))
            return redirect("countryreports:report", report.pk)
    return render(
        request,
        "countryreports/report_revise.html",
        {"report": report, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _mechanisms_for(request: HttpRequest, report: CountryReport) -> Any:
    """The register's cooperation mechanisms the report's country is a party to."""

    return mechanisms_visible_to(request.user, country_code=report.country.code)


@require_POST
def item_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in ITEM_KINDS:
        raise Http404
    report = selectors.report_for_edit(request.user, pk)
    form: ProgrammeForm | AgreementForm = (
        ProgrammeForm(request.POST, prefix=kind)
        if kind == "programme"
        else AgreementForm(request.POST, prefix=kind, mechanisms=_mechanisms_for(request, report))
    )
    if form.is_valid():
        try:
            if kind == "programme":
                services.programme_add(user=request.user, report=report, data=form.cleaned_data)
            else:
                services.agreement_add(user=request.user, report=report, data=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Added."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label if f in form.fields else ''}: {' '.join(str(x) for x in e)}"
                for f, e in form.errors.items()
            ),
        )
    return redirect(reverse("countryreports:edit", args=[report.pk]) + "#" + kind + "s")


@require_POST
def item_remove(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    if kind not in ITEM_KINDS:
        raise Http404
    report = selectors.report_for_edit(request.user, pk)
    found: Programme | Agreement = (
        selectors.report_item(report, Programme, item)
        if kind == "programme"
        else selectors.report_item(report, Agreement, item)
    )
    services.report_item_remove(user=request.user, item=found)
    messages.success(request, _("Removed."))
    return redirect(reverse("countryreports:edit", args=[report.pk]) + "#" + kind + "s")


# --- the legislation matrix --------------------------------------------------------------------


@require_GET
def legislation(request: HttpRequest) -> HttpResponse:
    countries, entries = selectors.legislation_matrix(request.user)
    actor = _actor(request)
    topics = LegislationEntry.Topic.choices
    stale_days = settings.ENLACE_LEGISLATION_STALE_DAYS
    import datetime

    limit = datetime.date.today() - datetime.timedelta(days=stale_days)
    rows = [
        (
            code,
            label,
            [(country, entries.get((country.pk, code))) for country in countries],
        )
        for code, label in topics
    ]
    return render(
        request,
        "countryreports/legislation.html",
        {
            "countries": countries,
            "rows": rows,
            "limit": limit,
            "stale_days": stale_days,
            "editable": [c for c in countries if access.can_edit_legislation(actor, c.pk)],
            "can_remind": access.can_remind_legislation(actor),
        },
    )


@require_http_methods(["GET", "POST"])
def legislation_edit(request: HttpRequest, code: str) -> HttpResponse:
    country = selectors.legislation_country(request.user, code)
    existing = selectors.legislation_entries_of(country)
    forms = []
    for topic, label in LegislationEntry.Topic.choices:
        instance = existing.get(topic) or LegislationEntry(country=country, topic=topic)
        form = LegislationForm(
            request.POST or None, instance=instance, prefix=topic, use_required_attribute=False
        )
        forms.append((topic, label, form))
    if request.method == "POST":
        touched = [(t, label, f) for t, label, f in forms if f.has_changed() or t in existing]
        if all(f.is_valid() for _t, _l, f in touched):
            try:
                for topic, _label, form in touched:
                    if not form.has_changed():
                        continue
                    services.legislation_save(
                        user=request.user,
                        country=country,
                        topic=topic,
                        status=form.cleaned_data["status"],
                        reference=form.cleaned_data["reference"],
                        last_confirmed=form.cleaned_data["last_confirmed"],
                        expected_state=form.expected_state(),
                    )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The legislation matrix is saved."))
                return redirect("countryreports:legislation")
    return render(
        request,
        "countryreports/legislation_edit.html",
        {"country": country, "forms": forms},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def legislation_remind(request: HttpRequest) -> HttpResponse:
    countries = services.legislation_remind(user=request.user)
    if countries:
        messages.success(
            request,
            _("Reminders sent to %(countries)s.")
            % {"countries": ", ".join(c.name for c in countries)},
        )
    else:
        messages.info(request, _("Every country's entries are up to date: no reminder sent."))
    return redirect("countryreports:legislation")


# --- statistics ------------------------------------------------------------------------------


def _filters(request: HttpRequest, form: DashboardFilterForm) -> statistics.Filters:
    data = form.cleaned_data if form.is_valid() else {}
    return statistics.Filters(
        series=data.get("series") or statistics.DEFAULT_SERIES,
        countries=list(data.get("country") or []),
        year_from=data.get("year_from"),
        year_to=data.get("year_to"),
        sex=data.get("sex") or "",
        age=data.get("age") or "",
        form=data.get("form") or "",
    )


def _dashboard_form(request: HttpRequest) -> DashboardFilterForm:

    countries = sorted(
        countries_visible_to(request.user).filter(status=Country.Status.MEMBER),
        key=lambda c: c.name,
    )
    return DashboardFilterForm(
        request.GET or None,
        series=series_choices(),
        countries=[(c.code, c.name) for c in countries],
    )


def _select_shown(form: DashboardFilterForm, shown: statistics.Filters) -> None:
    """Make the form's selects show the indicator and breakdown the page shows, also when none
    or an unknown one was asked, so that pressing the button again keeps what the reader sees.
    The form's messages about what was asked stay."""
    values = {"series": shown.series, "sex": shown.sex, "age": shown.age, "form": shown.form}
    if not form.is_bound:
        form.initial.update(values)
        return
    data = cast(QueryDict, form.data).copy()
    for name, value in values.items():
        data[name] = value
    form.data = data


def _safe_sheet_title(text: str) -> str:
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31]


@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponseBase:
    if not access.can_view_statistics_dashboard(_actor(request)):
        raise PermissionDenied
    kind = request.GET.get("export", "")
    if kind in ("csv", "xlsx"):
        form = _dashboard_form(request)
        board = statistics.dashboard(request.user, _filters(request, form))
        table = statistics.matrix_table(board)
        name = f"statistics-{board.filters.series}"
        if kind == "csv":
            return streaming_csv(table, filename=f"{name}.csv")
        data = sheets.rows_for_table(table[0], table[1:], _safe_sheet_title(board.label))
        return attachment(data, content_type=sheets.XLSX_TYPE, filename=f"{name}.xlsx")
    actor = _actor(request)

    def body() -> str:
        form = _dashboard_form(request)
        board = statistics.dashboard(request.user, _filters(request, form))
        query = request.GET.copy()
        query.pop("export", None)
        _select_shown(form, board.filters)
        cooperation = (
            cooperation_selectors.cooperation_counts()
            if access.can_view_cooperation_statistics(actor)
            else None
        )
        context = {
            "board": board,
            "form": form,
            "query": query.urlencode(),
            "cooperation": cooperation,
            "cooperation_charts": statistics.cooperation_charts(cooperation) if cooperation else [],
        }
        return render_to_string("countryreports/_dashboard_body.html", context, request)

    # Charts, matrix and filters drawn once per user and filters until the next recorded write.
    kept_body = kept("regional-dashboard", (request.user.pk, asked_for(request)), body)
    return render(request, "countryreports/dashboard.html", {"body": mark_safe(kept_body)})


@require_GET
def unodc_csv(request: HttpRequest) -> StreamingHttpResponse:
    if not access.can_view_statistics_dashboard(_actor(request)):
        raise PermissionDenied
    form = _dashboard_form(request)
    filters = _filters(request, form)
    one = request.GET.get("indicator") == "chosen"
    return streaming_csv(
        statistics.unodc_rows(request.user, filters, all_indicators=not one),
        filename="enlace-unodc-format.csv",
    )


@require_GET
def public_statistics(request: HttpRequest) -> HttpResponseBase:
    """The protected statistics, for everyone."""
    table = statistics.public_table(request.GET.get("series", ""))
    if request.GET.get("export") == "csv":
        return streaming_csv(
            statistics.public_csv_rows(table), filename=f"statistics-{table.series}.csv"
        )
    return render(
        request,
        "countryreports/public.html",
        {"table": table, "choices": statistics.public_series()},
    )
