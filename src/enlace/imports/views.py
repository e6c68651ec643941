"""The secretariat's import page: upload report files, see what is recognised, then confirm."""

import string
import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from enlace import access
from enlace.core.services import require
from enlace.imports import pending
from enlace.imports.forms import KIND_CHOICES, ConfirmForm, CorrectionForm, UploadForm
from enlace.imports.parser import ParsedPoint, ParsedReport
from enlace.imports.services import ImportOutcome, Refusal, import_batch
from enlace.network.selectors import (
    bodies_by_slug,
    countries_by_code,
    countries_visible_to,
    organisations_by_acronym,
)


def _require_importer(request: HttpRequest) -> None:
    require(access.can_import_reports(access.actor_for(request.user)))


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        files = [(f.name or "file", f.read()) for f in form.cleaned_data["reports"]]
        batch = pending.pending_save(user=request.user, files=files)
        return redirect("imports:preview", batch=batch)
    return render(request, "imports/upload.html", {"form": form})


def _labelled(points: list[ParsedPoint]) -> list[tuple[str, ParsedPoint]]:
    """1., 2., … and a), b), … as the report will number them."""
    out: list[tuple[str, ParsedPoint]] = []
    number = sub = 0
    for point in points:
        if point.level == 0 or number == 0:
            number, sub = number + 1, 0
            out.append((f"{number}.", point))
        else:
            out.append((f"{string.ascii_lowercase[sub % 26]})", point))
            sub += 1
    return out


def _correction_form(
    user: access.Who, index: int, parsed: ParsedReport, data: Any = None
) -> CorrectionForm:
    initial = {
        "kind": parsed.kind,
        "body": parsed.body,
        "language": parsed.language,
        "start_date": parsed.start_date,
        "end_date": parsed.end_date,
        "city": parsed.city,
        "country": parsed.country or "",
        "title": parsed.title,
    }
    return CorrectionForm(
        data,
        prefix=f"file{index}",
        initial=initial,
        bodies=[(b.slug, str(b)) for b in bodies_by_slug(user).values()],
        countries=[(c.code, str(c)) for c in countries_visible_to(user)],
    )


def _rows(
    user: access.Who,
    items: list[ImportOutcome | Refusal],
    bound: dict[int, CorrectionForm] | None = None,
) -> list[dict[str, Any]]:
    codes = {
        code
        for item in items
        if isinstance(item, ImportOutcome)
        for code in [*item.parsed.participants, item.parsed.country]
        if code
    }
    countries = countries_by_code(user, codes)
    acronyms = {
        acronym
        for item in items
        if isinstance(item, ImportOutcome)
        for acronym in item.parsed.organisations
    }
    organisations = organisations_by_acronym(user, acronyms)
    bodies = bodies_by_slug(user)
    presented = {
        item.parsed.presented_to
        for item in items
        if isinstance(item, ImportOutcome) and item.parsed.presented_to
    }
    observers = {
        code
        for item in items
        if isinstance(item, ImportOutcome)
        for code in item.parsed.observer_countries
    }
    countries.update(countries_by_code(user, observers - set(countries)))
    rows: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        if isinstance(item, Refusal):
            rows.append({"file": item.source_name, "refused": item.reason})
            continue
        parsed = item.parsed
        rows.append(
            {
                "file": item.source_name,
                "outcome": item,
                "parsed": parsed,
                "index": index,
                "body": bodies.get(parsed.body or ""),
                "presented_to": bodies.get(parsed.presented_to or "") if presented else None,
                "country": countries.get(parsed.country or ""),
                "observer_countries": [
                    countries[c] for c in parsed.observer_countries if c in countries
                ],
                "confidence": parsed.confidence,
                "kind_label": dict(KIND_CHOICES).get(parsed.kind, parsed.kind),
                "correction_form": (bound or {}).get(index)
                or _correction_form(user, index, parsed),
                "participants": [countries[c] for c in parsed.participants if c in countries],
                "organisations": [
                    organisations[a] for a in parsed.organisations if a in organisations
                ],
                "points": _labelled(parsed.points),
            }
        )
    return rows


@require_http_methods(["GET", "POST"])
def preview(request: HttpRequest, batch: uuid.UUID) -> HttpResponse:
    """GET: what each file would give, saving nothing. POST: import them, each all or nothing."""
    _require_importer(request)
    waiting = pending.pending_load(user=request.user, batch=batch)
    bound: dict[int, CorrectionForm] = {}
    if request.method == "POST" and "correct" in request.POST:
        # The secretariat corrects what was recognised in one file: kept with the batch,
        # nothing saved to the platform yet.
        try:
            index = int(request.POST["correct"])
        except ValueError:
            index = -1
        if not 0 <= index < len(waiting.files):
            raise Http404
        current = import_batch(
            user=request.user,
            files=waiting.files[index : index + 1],
            dry_run=True,
            corrections={0: waiting.corrections.get(index, {})},
        ).items[0]
        if isinstance(current, ImportOutcome):
            correction = _correction_form(request.user, index, current.parsed, request.POST)
            if correction.is_valid():
                pending.pending_correct(
                    user=request.user,
                    batch=batch,
                    index=index,
                    corrections=correction.corrections(),
                )
                messages.success(request, _("The corrections were kept. Nothing is saved yet."))
                return redirect("imports:preview", batch=batch)
            bound[index] = correction
    elif request.method == "POST":
        form = ConfirmForm(request.POST)
        form.is_valid()
        result = import_batch(
            user=request.user,
            files=waiting.files,
            publish=bool(form.cleaned_data.get("publish")),
            corrections=waiting.corrections,
        )
        pending.pending_delete(batch)
        return render(request, "imports/result.html", {"rows": _rows(request.user, result.items)})
    result = import_batch(
        user=request.user, files=waiting.files, dry_run=True, corrections=waiting.corrections
    )
    return render(
        request,
        "imports/preview.html",
        {
            "rows": _rows(request.user, result.items, bound),
            "form": ConfirmForm(),
            "can_save": any(o.status == "preview" for o in result.outcomes),
        },
        status=400 if bound else 200,
    )
