"""The adopted work plan as the annex document, PDF and Word, in Spanish and in English, read
back as a reader would: the PDF with pdftotext, the .docx with python-docx and once through
LibreOffice (soffice), which turns it into a PDF read with pdftotext again."""

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn

from enlace.conftest import Net
from enlace.core.tests.pdf import assert_pdf_ua
from enlace.meetings.tests.factories import make_meeting, make_report
from enlace.reports.models import Report, ReportPoint
from enlace.workplan import documents
from enlace.workplan.models import Activity, Indicator, WorkPlanVersion


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install the Debian package {package}")
    return path


def words(text: str) -> str:
    return " ".join(re.sub(r"-\n(?=\S)", "-", text).split())


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "read.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(  # noqa: S603 (pdftotext found by which, fixed arguments)
        [tool("pdftotext", "poppler-utils"), "-raw", "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return words(result.stdout.decode("utf-8"))


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return words("\n".join(parts))


@pytest.fixture
def adopted(net: Net, adopted_version: WorkPlanVersion) -> WorkPlanVersion:
    """Version 1 adopted by the San Salvador meeting at point 3 of its report."""
    meeting = make_meeting(
        net,
        title="XIV Reunión de la Red",
        city="San Salvador",
        start_date=datetime.date(2019, 6, 1),
        end_date=datetime.date(2019, 6, 1),
    )
    report = make_report(
        meeting,
        points=[(0, "Apertura."), (0, "Informe."), (0, "Se adopta el Plan de Trabajo.")],
        status=Report.Status.ADOPTED,
        is_published=True,
    )
    WorkPlanVersion.objects.filter(pk=adopted_version.pk).update(
        adopted_by_meeting=meeting,
        adopted_at_point=ReportPoint.objects.get(report=report, position=3),
    )
    workshop = Activity.objects.get(version=adopted_version, title_es__startswith="1.1.1 ")
    workshop.partners = "OIM, UNODC"
    workshop.save()
    Indicator.objects.create(
        activity=workshop, name="Países participantes", baseline="0", target="8"
    )
    # No English title: the English document falls back to the Spanish one.
    Activity.objects.filter(version=adopted_version, title_es__startswith="1.1.2 ").update(
        title_en=""
    )
    adopted_version.refresh_from_db()
    return adopted_version


def test_the_pdf_in_spanish(client: Client, adopted: WorkPlanVersion, tmp_path: Path) -> None:
    response = client.get(f"/workplan/versions/{adopted.pk}/document.pdf?lang=es")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('_v1_es.pdf"')
    text = pdf_text(response.content, tmp_path)
    assert text.startswith(
        "Plan de Trabajo de la Red de Funcionarios de Enlace "
        "Anexo al Plan de Acción de la CRM "
        "Plan de trabajo sobre tráfico ilícito de migrantes 2019–2025 "
        "Adoptado por la reunión «XIV Reunión de la Red», San Salvador, Honduras, "
        "el 1 de junio de 2019, punto 3 de su informe."
    )
    assert "Eje 1. Inteligencia e investigación" in text
    assert "Objetivo 1.1. Fortalecer el intercambio de información" in text
    assert "Actividad Responsables Socios Fechas Indicadores" in text
    assert (
        "1.1.1 1.1.1 Taller regional de análisis de rutas Honduras OIM, UNODC "
        "01/07/2019 – 30/06/2020 Países participantes (línea de base: 0; meta: 8)"
    ) in text
    assert "3.2.1 3.2.1 Lineamientos de alojamiento temporal Honduras, México" in text
    assert "BORRADOR" not in text


def test_the_pdf_in_english(client: Client, adopted: WorkPlanVersion, tmp_path: Path) -> None:
    response = client.get(f"/workplan/versions/{adopted.pk}/document.pdf?lang=en")
    text = pdf_text(response.content, tmp_path)
    assert text.startswith(
        "Work Plan of the Liaison Officer Network Annex to the RCM Plan of Action "
        "Work plan on migrant smuggling 2019–2025 "
        "Adopted by the meeting “XIV Reunión de la Red”, San Salvador, Honduras, "
        "on 1 June 2019, point 3 of its report."
    )
    assert "Axis 1. Intelligence and investigation" in text
    assert "1.1.1 1.1.1 Regional workshop on route analysis Honduras" in text
    assert "(baseline: 0; target: 8)" in text
    # The Spanish title where the English one is missing.
    assert "1.1.2 1.1.2 Protocolo de intercambio de alertas Mexico" in text


def test_the_docx_in_both_languages(client: Client, adopted: WorkPlanVersion) -> None:
    response = client.get(f"/workplan/versions/{adopted.pk}/document.docx?lang=es")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('_v1_es.docx"')
    text = docx_text(response.content)
    assert text.startswith(
        "Plan de Trabajo de la Red de Funcionarios de Enlace Anexo al Plan de Acción de la CRM"
    )
    assert "el 1 de junio de 2019, punto 3 de su informe." in text
    assert "Actividad Responsables Socios Fechas Indicadores" in text
    document = Document(io.BytesIO(response.content))
    assert len(document.tables) == 8  # one per objective
    assert document.core_properties.language == "es-ES"
    english = docx_text(
        client.get(f"/workplan/versions/{adopted.pk}/document.docx?lang=en").content
    )
    assert english.startswith("Work Plan of the Liaison Officer Network Annex to the RCM Plan")
    assert "Activity Responsible Partners Dates Indicators" in english


def test_the_docx_opens_in_libreoffice(
    client: Client, adopted: WorkPlanVersion, tmp_path: Path
) -> None:
    soffice = tool("soffice", "libreoffice-writer-nogui")
    source = tmp_path / "annex.docx"
    source.write_bytes(client.get(f"/workplan/versions/{adopted.pk}/document.docx").content)
    out = tmp_path / "out"
    subprocess.run(  # noqa: S603 (soffice found by which, fixed arguments)
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=180,
    )
    text = pdf_text((out / "annex.pdf").read_bytes(), tmp_path)
    assert text.startswith("Plan de Trabajo de la Red de Funcionarios de Enlace")
    assert "Taller regional de análisis de rutas" in text
    assert "Ruta de asistencia a víctimas" in text


def test_a_draft_is_marked_and_kept_in_the_network(
    client: Client,
    outsider_client: Client,
    observer_client: Client,
    other_client: Client,
    draft_version: WorkPlanVersion,
    tmp_path: Path,
) -> None:
    for url in (
        f"/workplan/versions/{draft_version.pk}/document.pdf",
        f"/workplan/versions/{draft_version.pk}/document.docx?lang=en",
    ):
        assert client.get(url).status_code == 404
        assert outsider_client.get(url).status_code == 404
        assert observer_client.get(url).status_code == 200
    text = pdf_text(
        other_client.get(f"/workplan/versions/{draft_version.pk}/document.pdf").content, tmp_path
    )
    assert "BORRADOR" in text
    assert "Versión 2: borrador" in text


def test_an_unknown_version_is_not_found(client: Client, db: None) -> None:
    assert client.get("/workplan/versions/999/document.pdf").status_code == 404


def test_the_document_queries_do_not_grow_with_the_plan(adopted: WorkPlanVersion) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            version = documents.version_for_document(adopted.pk, WorkPlanVersion.objects.all())
            assert version is not None
            documents.render_html(version, "es")
        return len(captured)

    few = queries()
    objective = adopted.objectives.first()
    assert objective is not None
    for i in range(20):
        extra = Activity.objects.create(
            version=adopted, objective=objective, position=50 + i, title_es=f"Extra {i}"
        )
        Indicator.objects.create(activity=extra, name="Indicador")
    assert queries() == few


def test_the_docx_has_an_outline_and_fixed_column_widths(
    client: Client, adopted: WorkPlanVersion
) -> None:
    """A reader's navigation pane (and a screen reader) sees the title, each axis and each
    objective as headings; the activity tables keep their widths in Word and LibreOffice."""
    content = client.get(f"/workplan/versions/{adopted.pk}/document.docx?lang=es").content
    document = Document(io.BytesIO(content))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[0] == ("Title", "Plan de Trabajo de la Red de Funcionarios de Enlace")
    assert ("Subtitle", "Plan de trabajo sobre tráfico ilícito de migrantes 2019–2025") in styles
    headings_1 = [text for style, text in styles if style == "Heading 1"]
    headings_2 = [text for style, text in styles if style == "Heading 2"]
    assert headings_1[0] == "Eje 1. Inteligencia e investigación"
    assert "Objetivo 1.1. Fortalecer el intercambio de información" in headings_2
    assert len(headings_2) == len(document.tables)
    for table in document.tables:
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        assert [round(int(col.get(qn("w:w"))) / 567, 1) for col in grid] == [
            8.7,
            4.5,
            4.0,
            3.5,
            5.0,
        ]
        assert table.autofit is False


def test_the_pdf_is_tagged_pdf_ua_with_its_title_and_language(
    client: Client, adopted: WorkPlanVersion
) -> None:
    content = client.get(f"/workplan/versions/{adopted.pk}/document.pdf?lang=en").content
    assert_pdf_ua(content, title_start="Work Plan of the Liaison Officer Network", language="en")
