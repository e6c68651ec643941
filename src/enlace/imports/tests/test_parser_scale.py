"""The parser on long reports: its work grows linearly with the text, and a report with more
points than ENLACE_MAX_REPORT_POINTS is refused before anything is saved.

Linearity is checked by counting the work the parser does, not by timing it: the events
``sys.settrace`` reports, one for every line of Python executed (a line of a loop counts at
every turn, even a generator's turn that yields nothing) and for every call and return of a
Python function. The count does not depend on the machine or its load, so the
test cannot be flaky.
"""

import sys
from types import FrameType
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from enlace import access
from enlace.conftest import Net
from enlace.imports.models import ImportedFile
from enlace.imports.parser import DEFAULT_MAX_POINTS, NotAReport, ParsedReport
from enlace.imports.services import ImportRefused, import_file
from enlace.imports.tests.test_parser import parse
from enlace.meetings.models import Meeting
from enlace.reports.models import Report, ReportPoint

HEAD = """INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE \
PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
Tela, Honduras
6 de mayo de 2008
La Red de Funcionarios de Enlace, en reunión celebrada el 6 de mayo de 2008 en Tela, Honduras,
con la participación de los representantes de Costa Rica, Guatemala, Honduras y Panamá, presenta
al Grupo Regional de Consulta sobre Migración su informe contenido en los siguientes puntos:
"""


def long_report(points: int, sub_points: str = "abcdefghi") -> str:
    """A report with ``points`` points and sub-points in all: numbered points, each with a line
    that continues it and a paragraph after a blank line, then its sub-points (a) to i) unless
    told), one of them wrapped onto a second line (the last point may have fewer)."""
    lines = [HEAD]
    made = number = 0
    while made < points:
        number += 1
        assert number <= 999  # the parser reads point numbers of up to three digits
        lines.append(f"{number}. La Red acordó solicitar a la Secretaría Técnica que prepare el")
        lines.append(f"informe número {number} sobre los avances del Plan de Trabajo.")
        lines.append("")
        lines.append("El informe se presentará en la próxima reunión de la Red.")
        made += 1
        for letter in sub_points[: points - made]:
            if letter == "b":
                lines.append("b) actualizar el directorio de funcionarios de enlace")
                lines.append("de los países miembros;")
            else:
                lines.append(f"{letter}) compartir los protocolos nacionales ({letter});")
            made += 1
    return "\n".join(lines) + "\n"


def work_to_parse(text: str) -> tuple[int, ParsedReport]:
    """The trace events (lines executed, calls, returns) of parsing the text, and its result."""
    steps = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal steps
        steps += 1
        return trace

    previous = sys.gettrace()  # a coverage tool's tracer, say: put back after counting
    sys.settrace(trace)
    try:
        report = parse(text)
    finally:
        sys.settrace(previous)
    return steps, report


def test_the_work_of_parsing_grows_linearly_with_the_points() -> None:
    # Four sub-points to a point: 1,000 points are 200 numbered points, 4,000 are 800.
    small, large = long_report(1000, "abcd"), long_report(4000, "abcd")
    parse(small)  # warm the caches (compiled patterns, folded names) before counting
    small_work, small_report = work_to_parse(small)
    large_work, large_report = work_to_parse(large)

    # The reports are what they should be: the measure is of a real parse.
    assert len(small_report.points) == 1000
    assert len(large_report.points) == 4000
    assert small_report.warnings == large_report.warnings == []
    assert [p.level for p in large_report.points[:6]] == [0, 1, 1, 1, 1, 0]
    assert large_report.points[-5].text == (
        "La Red acordó solicitar a la Secretaría Técnica que prepare el informe número 800 "
        "sobre los avances del Plan de Trabajo.\n"
        "El informe se presentará en la próxima reunión de la Red."
    )
    assert large_report.points[-3].text == (
        "actualizar el directorio de funcionarios de enlace de los países miembros;"
    )
    assert large_report.opening.endswith("su informe contenido en los siguientes puntos:")

    # Four times the points: about four times the work. Work that grows with the square of the
    # points (counting the points so far at every point) is over ten times as much.
    assert large_work < 5 * small_work, (small_work, large_work)


def test_a_report_at_the_bound_parses() -> None:
    report = parse(long_report(DEFAULT_MAX_POINTS))
    assert len(report.points) == DEFAULT_MAX_POINTS
    assert report.warnings == []


def test_a_report_above_the_bound_is_refused_with_the_number_and_the_bound() -> None:
    text = long_report(DEFAULT_MAX_POINTS) + "j) un punto más.\n"
    with pytest.raises(NotAReport) as refused:
        parse(text)
    message = str(refused.value)
    assert message == (
        "The text has 5001 points and sub-points, more than the 5000 a report may have; it "
        "cannot be imported."
    )


def test_the_bound_is_the_setting(settings: Any) -> None:
    settings.ENLACE_MAX_REPORT_POINTS = 10
    assert len(parse(long_report(10)).points) == 10
    with pytest.raises(NotAReport, match="15 points and sub-points, more than the 10"):
        parse(long_report(15))
    del settings.ENLACE_MAX_REPORT_POINTS  # without the setting, the default bound
    assert len(parse(long_report(DEFAULT_MAX_POINTS)).points) == DEFAULT_MAX_POINTS


# --- importing a report above the bound saves nothing ------------------------------------------


def _nothing_saved() -> None:
    assert Meeting.objects.count() == 0
    assert Report.objects.count() == 0
    assert ReportPoint.objects.count() == 0
    assert ImportedFile.objects.count() == 0


def test_the_import_service_refuses_a_report_above_the_bound(
    network_only: None, settings: Any
) -> None:
    settings.ENLACE_MAX_REPORT_POINTS = 10
    with pytest.raises(ImportRefused, match="15 points and sub-points, more than the 10"):
        import_file(user=access.SYSTEM, name="long.txt", content=long_report(15).encode())
    _nothing_saved()
    # The same report within the bound is imported.
    outcome = import_file(user=access.SYSTEM, name="short.txt", content=long_report(10).encode())
    assert outcome.status == "created"
    assert ReportPoint.objects.count() == 10


def test_the_import_page_refuses_a_report_above_the_bound(
    secretariat_client: Client, net: Net, settings: Any
) -> None:
    settings.ENLACE_MAX_REPORT_POINTS = 10
    client = secretariat_client
    client.cookies["enlace_language"] = "en"
    upload = SimpleUploadedFile("long.txt", long_report(15).encode())
    preview_url = client.post("/imports/", {"reports": [upload]})["Location"]
    page = client.get(preview_url).content.decode()
    assert "long.txt" in page
    assert "The text has 15 points and sub-points, more than the 10 a report may have" in page
    assert 'type="submit">Import<' not in page
    done = client.post(preview_url, {"publish": "on"})
    assert done.status_code == 200
    assert "more than the 10 a report may have" in done.content.decode()
    _nothing_saved()
