"""The secretariat's import page: upload report files, see what is recognised, then confirm."""

import string
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from enlace import access
from enlace.core.services import require
from enlace.imports import pending
from enlace.imports.forms import ConfirmForm, UploadForm
from enlace.imports.parser import ParsedPoint
from enlace.imports.services import ImportOutcome, Refusal, import_batch
from enlace.network.selectors import bodies_by_slug, countries_by_code, organisations_by_acronym


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


def _rows(user: access.Who, items: list[ImportOutcome | Refusal]) -> list[dict[str, Any]]:
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
    rows: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, Refusal):
            rows.append({"file": item.source_name, "refused": item.reason})
            continue
        parsed = item.parsed
        rows.append(
            {
                "file": item.source_name,
                "outcome": item,
                "parsed": parsed,
                "body": bodies.get(parsed.body or ""),
                "country": countries.get(parsed.country or ""),
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
    if request.method == "POST":
        form = ConfirmForm(request.POST)
        form.is_valid()
        result = import_batch(
            user=request.user,
            files=waiting.files,
            publish=bool(form.cleaned_data.get("publish")),
        )
        pending.pending_delete(batch)
        return render(request, "imports/result.html", {"rows": _rows(request.user, result.items)})
    result = import_batch(user=request.user, files=waiting.files, dry_run=True)
    return render(
        request,
        "imports/preview.html",
        {
            "rows": _rows(request.user, result.items),
            "form": ConfirmForm(),
            "can_save": any(o.status == "preview" for o in result.outcomes),
        },
    )
