"""A work plan version as the annex document in the network's format: PDF (WeasyPrint) and Word
(.docx, python-docx), in Spanish or in English.

The layout of both: the title ("Plan de Trabajo de la Red … — Anexo al Plan de Acción de la
CRM"), the plan's name and period, the adoption line (the meeting, its date, the report point),
then each axis, its objectives and, per objective, a table of its activities: activity,
responsible, partners, dates, indicators. A4 landscape, serif, the page number in the footer,
"Draft" in the header of a version not adopted yet.

The document's fixed words are the document's own, in its two languages (below), not the
interface's: the annex reads the same whatever the language of the page that asked for it.
English titles fall back to the Spanish ones where a translation is missing.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.text import slugify

from enlace.core.documents import (
    add_line,
    html_to_pdf,
    page_frame,
    word_bytes,
    word_document,
    word_language,
)
from enlace.network.models import Country, Organisation
from enlace.reports.models import ReportPoint, number_points
from enlace.workplan.models import Activity, Axis, Objective, WorkPlan, WorkPlanVersion

LANGUAGES = ("es", "en")

LABELS: dict[str, dict[str, str]] = {
    "es": {
        "title": "Plan de Trabajo de la {body}",
        "annex": "Anexo al Plan de Acción de la CRM",
        "period": "{name} ({start}–{end})",
        "adopted": "Adoptado por la reunión «{meeting}», {place}, el {date}",
        "adopted_point": ", punto {label} de su informe",
        "draft_line": "Versión {number}: {status}",
        "version": "Versión {number}",
        "draft": "BORRADOR",
        "axis": "Eje {n}. {title}",
        "objective": "Objetivo {n}. {title}",
        "activity": "Actividad",
        "responsible": "Responsables",
        "partners": "Socios",
        "dates": "Fechas",
        "indicators": "Indicadores",
        "baseline": "línea de base",
        "target": "meta",
        "no_activities": "Sin actividades.",
        "date_format": r"j \d\e F \d\e Y",
        "short_date": "d/m/Y",
        "draft_status": "borrador",
        "review_status": "en revisión",
        "superseded": "Versión {number}, reemplazada por una versión posterior.",
    },
    "en": {
        "title": "Work Plan of the {body}",
        "annex": "Annex to the RCM Plan of Action",
        "period": "{name} ({start}–{end})",
        "adopted": "Adopted by the meeting “{meeting}”, {place}, on {date}",
        "adopted_point": ", point {label} of its report",
        "draft_line": "Version {number}: {status}",
        "version": "Version {number}",
        "draft": "DRAFT",
        "axis": "Axis {n}. {title}",
        "objective": "Objective {n}. {title}",
        "activity": "Activity",
        "responsible": "Responsible",
        "partners": "Partners",
        "dates": "Dates",
        "indicators": "Indicators",
        "baseline": "baseline",
        "target": "target",
        "no_activities": "No activities.",
        "date_format": "j F Y",
        "short_date": "j M Y",
        "draft_status": "draft",
        "review_status": "in review",
        "superseded": "Version {number}, replaced by a later version.",
    },
}


def _bilingual(obj: Any, name: str, language: str) -> str:
    """``title_en`` (or ``name_en``) in English when there is one, else the Spanish text."""
    if language == "en":
        value = getattr(obj, f"{name}_en", "")
        if value:
            return str(value)
    return str(getattr(obj, f"{name}_es", ""))


def _date(value: datetime.date | None, language: str, short: bool = False) -> str:
    if value is None:
        return ""
    with translation.override(language):
        return formats.date_format(
            value, LABELS[language]["short_date" if short else "date_format"]
        )


@dataclass
class Row:
    number: str
    title: str
    description: str
    responsible: str
    partners: str
    dates: str
    indicators: list[str]


@dataclass
class ObjectiveBlock:
    heading: str
    description: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class AxisBlock:
    heading: str
    objectives: list[ObjectiveBlock] = field(default_factory=list)


@dataclass
class AnnexDocument:
    language: str
    labels: dict[str, str]
    title: str
    annex: str
    period: str
    adoption: str
    draft_mark: str
    axes: list[AxisBlock]
    author: str


def version_for_document(pk: int, versions: Any) -> WorkPlanVersion | None:
    """The version with everything the document shows, in a fixed number of queries.
    ``versions`` is the queryset of versions the reader may see."""
    activities = Activity.objects.prefetch_related(
        Prefetch("responsible_countries", queryset=Country.objects.order_by("name_es")),
        Prefetch("responsible_organisations", queryset=Organisation.objects.order_by("acronym")),
        "indicators",
    ).order_by("position", "pk")
    objectives = Objective.objects.prefetch_related(
        Prefetch("activities", queryset=activities)
    ).order_by("position", "pk")
    result: WorkPlanVersion | None = (
        versions.select_related(
            "work_plan__body",
            "work_plan__plan_of_action",
            "adopted_by_meeting__country",
            "adopted_at_point__report",
        )
        .prefetch_related(
            Prefetch(
                "axes",
                queryset=Axis.objects.order_by("position", "pk").prefetch_related(
                    Prefetch("objectives", queryset=objectives)
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )
    return result


def _point_label(point: ReportPoint | None) -> str:
    if point is None:
        return ""
    siblings = list(ReportPoint.objects.filter(report_id=point.report_id).order_by("position"))
    return next((label for label, p in number_points(siblings) if p.pk == point.pk), "")


def _period(labels: dict[str, str], name: str, work_plan: WorkPlan) -> str:
    """The plan's name with its period, unless the name already says it ("… 2019–2025")."""
    start, end = str(work_plan.period_start), str(work_plan.period_end)
    if start in name and end in name:
        return name
    return labels["period"].format(name=name, start=start, end=end)


def _adoption_line(version: WorkPlanVersion, language: str) -> str:
    labels = LABELS[language]
    if version.status == WorkPlanVersion.Status.SUPERSEDED and version.adopted_by_meeting is None:
        return labels["superseded"].format(number=version.number)
    meeting = version.adopted_by_meeting
    if meeting is None:
        status = (
            labels["review_status"]
            if version.status == WorkPlanVersion.Status.REVIEW
            else labels["draft_status"]
        )
        return labels["draft_line"].format(number=version.number, status=status)
    country = meeting.country
    place = ", ".join(
        part
        for part in (meeting.city, _bilingual(country, "name", language) if country else "")
        if part
    )
    line = labels["adopted"].format(
        meeting=meeting.title,
        place=place,
        date=_date(version.adopted_on or meeting.start_date, language),
    )
    label = _point_label(version.adopted_at_point)
    if label:
        line += labels["adopted_point"].format(label=label.rstrip(".)"))
    return line + "."


def _row(activity: Activity, number: str, language: str) -> Row:
    labels = LABELS[language]
    responsible = [_bilingual(c, "name", language) for c in activity.responsible_countries.all()]
    responsible += [
        o.acronym or _bilingual(o, "name", language)
        for o in activity.responsible_organisations.all()
    ]
    start = _date(activity.start_date, language, short=True)
    end = _date(activity.end_date, language, short=True)
    dates = f"{start} – {end}" if start and end else start or end
    indicators = []
    for indicator in activity.indicators.all():
        details = [
            f"{labels[name]}: {value}"
            for name, value in (("baseline", indicator.baseline), ("target", indicator.target))
            if value
        ]
        indicators.append(f"{indicator.name} ({'; '.join(details)})" if details else indicator.name)
    return Row(
        number=number,
        title=_bilingual(activity, "title", language),
        description=_bilingual(activity, "description", language),
        responsible=", ".join(responsible),
        partners=activity.partners,
        dates=dates,
        indicators=indicators,
    )


def annex_document(version: WorkPlanVersion, language: str) -> AnnexDocument:
    """What the annex says, in ``language`` (es or en), from a version loaded with
    ``version_for_document``."""
    language = language if language in LANGUAGES else "es"
    labels = LABELS[language]
    work_plan = version.work_plan
    axes: list[AxisBlock] = []
    for a, axis in enumerate(version.axes.all(), 1):
        block = AxisBlock(
            heading=labels["axis"].format(n=a, title=_bilingual(axis, "title", language))
        )
        for o, objective in enumerate(axis.objectives.all(), 1):
            objective_block = ObjectiveBlock(
                heading=labels["objective"].format(
                    n=f"{a}.{o}", title=_bilingual(objective, "title", language)
                ),
                description=_bilingual(objective, "description", language),
            )
            for n, activity in enumerate(objective.activities.all(), 1):
                objective_block.rows.append(_row(activity, f"{a}.{o}.{n}", language))
            block.objectives.append(objective_block)
        axes.append(block)
    adopted = version.status in (
        WorkPlanVersion.Status.ADOPTED,
        WorkPlanVersion.Status.SUPERSEDED,
    )
    return AnnexDocument(
        language=language,
        labels=labels,
        title=labels["title"].format(body=_bilingual(work_plan.body, "name", language)),
        annex=labels["annex"],
        period=_period(labels, _bilingual(work_plan, "name", language), work_plan),
        adoption=_adoption_line(version, language),
        draft_mark="" if adopted else labels["draft"],
        axes=axes,
        author=_bilingual(work_plan.body, "name", language),
    )


def document_filename(version: WorkPlanVersion, language: str, extension: str) -> str:
    """E.g. ``plan-de-trabajo-2019-2025_v3_es.pdf``."""
    slug = slugify(version.work_plan.slug) or "plan"
    return f"{slug}_v{version.number}_{language}.{extension}"


def render_html(version: WorkPlanVersion, language: str) -> str:
    document = annex_document(version, language)
    return render_to_string("workplan/document_annex.html", {"doc": document})


def render_pdf(version: WorkPlanVersion, language: str) -> bytes:
    """The annex as a PDF (A4 landscape)."""
    return html_to_pdf(render_html(version, language))


def render_docx(version: WorkPlanVersion, language: str) -> bytes:
    """The annex as a Word document (A4 landscape), with the same structure as the PDF."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    doc = annex_document(version, language)
    labels = doc.labels
    language_tag = word_language(doc.language)

    document = word_document(
        language=language_tag,
        font_size=11,
        space_after=6,
        landscape=True,
        margin_cm=2,
        distance_cm=1,
    )
    page_frame(document, doc.draft_mark)

    add_line(document, doc.title, bold=True, size=14, centred=True, after=0, style="Title")
    add_line(document, doc.annex, bold=True, size=12, centred=True, after=0, style="Subtitle")
    add_line(document, doc.period, size=12, centred=True, after=0, style="Subtitle")
    add_line(document, doc.adoption, size=12, centred=True, after=18)

    for axis in doc.axes:
        add_line(
            document,
            axis.heading,
            bold=True,
            size=12,
            before=12,
            keep_with_next=True,
            style="Heading 1",
        )
        for objective in axis.objectives:
            add_line(
                document,
                objective.heading,
                bold=True,
                size=11,
                keep_with_next=True,
                style="Heading 2",
            )
            if objective.description:
                document.add_paragraph(objective.description)
            if not objective.rows:
                document.add_paragraph(labels["no_activities"])
                continue
            columns = ("activity", "responsible", "partners", "dates", "indicators")
            table = document.add_table(rows=1, cols=len(columns))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            widths = (Cm(8.7), Cm(4.5), Cm(4), Cm(3.5), Cm(5))
            # The widths hold in Word and LibreOffice only with a fixed layout and the table's
            # own grid set, beside each cell's.
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
            for cell, name, width in zip(table.rows[0].cells, columns, widths, strict=True):
                cell.width = width
                cell.paragraphs[0].add_run(labels[name]).bold = True
            # The header row repeats on every page the table runs over.
            header_properties = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            header_properties.append(repeat)
            for row in objective.rows:
                cells = table.add_row().cells
                title = cells[0].paragraphs[0]
                title.add_run(f"{row.number} ").bold = True
                title.add_run(row.title)
                if row.description:
                    cells[0].add_paragraph(row.description)
                cells[1].paragraphs[0].add_run(row.responsible)
                cells[2].paragraphs[0].add_run(row.partners)
                cells[3].paragraphs[0].add_run(row.dates)
                for i, indicator in enumerate(row.indicators):
                    target = cells[4].paragraphs[0] if i == 0 else cells[4].add_paragraph()
                    target.add_run(indicator)
                for cell, width in zip(cells, widths, strict=True):
                    cell.width = width
            document.add_paragraph()

    return word_bytes(
        document, title=f"{doc.title} — {doc.annex}", language=language_tag, author=doc.author
    )
