"""The parser on the variety of the CRM's archive: the bodies' names as written over the years,
conclusions, declarations and communiqués, every kind of marker, cover letters, multi-day dates
and places with a state or without a country.

Every sample is invented for the tests, in the shapes that real documents of the network, the
GRCM/RCGM and the Vice-Ministerial Meeting take.
"""

import datetime

import pytest

from enlace.demo import data
from enlace.imports.parser import (
    BodyName,
    CountryName,
    Kind,
    NotAReport,
    ParsedReport,
    find_date,
    parse_report,
)
from enlace.reports.models import ReportKind

BODIES = [
    BodyName(slug, (es, en, fr), acronym, kind)
    for slug, kind, acronym, es, en, fr, _p in data.BODIES
]
COUNTRIES = [CountryName(code, (es, en, fr)) for code, es, en, fr, _s in data.COUNTRIES]


def parse(text: str) -> ParsedReport:
    return parse_report(text, bodies=BODIES, countries=COUNTRIES)


def texts(report: ParsedReport) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in report.points]


def day(*parts: int) -> datetime.date:
    return datetime.date(*parts)


# --- the body's name as written over the years --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        (
            "Liaison Officer Network to Combat Migrant Smuggling and Trafficking",
            "trafficking-network",
        ),
        ("Red de Funcionarios de Enlace en materia de Trata de Personas", "trafficking-network"),
        ("Red de Funcionarios de Enlace para la Protección Consular", "consular-network"),
        ("Liaison Officers Network for Consular Protection", "consular-network"),
        ("Grupo Regional de Consulta de la CRM", "grcm"),
        (
            "Reunión del Grupo Regional de Consulta de la Conferencia Regional sobre Migración",
            "grcm",
        ),
        ("Regional Consultation Group on Migration (RCGM)", "grcm"),
        ("Reunión Viceministerial", "vice-ministerial"),
        ("Declaración de los(as) Viceministros(as)", "vice-ministerial"),
        ("La VII Conferencia Regional sobre Migración", "vice-ministerial"),
        ("the Ad Hoc Group on Migrant Children", "ad-hoc-children"),
        ("el Grupo Ad Hoc de Niñez Migrante", "ad-hoc-children"),
    ],
)
def test_a_body_by_any_of_its_names(name: str, slug: str) -> None:
    report = parse(
        f"{name}\nTegucigalpa, Honduras\n3 de marzo de 2011\n"
        f"{name}, con la participación de Honduras y México, acordó:\n1. Un acuerdo.\n"
    )
    assert report.body == slug


def test_the_body_that_met_is_not_the_body_it_presents_to() -> None:
    report = parse(
        "INFORME PRESENTADO AL GRUPO REGIONAL DE CONSULTA SOBRE MIGRACIÓN\n"
        "Managua, Nicaragua\n5 de abril de 2006\n"
        "The Liaison Officer Network to Combat Migrant Smuggling and Trafficking, with the "
        "participation of Nicaragua and Panama, submits its report to the RCGM:\n1. One point.\n"
    )
    assert report.body == "trafficking-network"
    assert report.presented_to == "grcm"


# --- kinds of document --------------------------------------------------------------------------

CONCLUSIONS_ES = """Reunión de la Red de Funcionarios de Enlace para el Combate a la Trata de \
Personas y al Tráfico Ilícito de Migrantes
San Salvador, El Salvador, 18 y 19 de mayo de 2010
La Red de Funcionarios de Enlace, reunida en San Salvador, El Salvador, los días 18 y 19 de mayo \
de 2010, con la participación de El Salvador, Guatemala y Honduras, formuló las siguientes:
CONCLUSIONES
1. Fortalecer el intercambio de información.
2. Solicitar a la Secretaría Técnica la actualización del directorio.
"""

CONCLUSIONS_EN = """Meeting of the Liaison Officer Network
Ottawa, Canada
November 17-18, 2016
The Network of Liaison Officers, meeting in Ottawa, Canada, on November 17-18, 2016, with the \
participation of Canada, Mexico and the United States, reached the following:
CONCLUSIONS
1. To share the national action plans.
"""


@pytest.mark.parametrize("text", [CONCLUSIONS_ES, CONCLUSIONS_EN])
def test_conclusions_are_their_own_kind_and_their_heading_is_not_the_opening(text: str) -> None:
    report = parse(text)
    assert report.kind == "conclusions"
    assert "CONCLUSION" not in report.opening.upper()
    assert not any("CONCLUSION" in p.text.upper() for p in report.points)
    assert not any("presents its report" in w for w in report.warnings)
    assert [p.level for p in report.points] == [0] * len(report.points)
    assert report.points[0].text.startswith(("Fortalecer", "To share"))


def test_conclusions_dates_places_and_participants() -> None:
    report = parse(CONCLUSIONS_ES)
    assert (report.start_date, report.end_date) == (day(2010, 5, 18), day(2010, 5, 19))
    assert (report.city, report.country) == ("San Salvador", "SLV")
    assert report.participants == ["SLV", "GTM", "HND"]
    english = parse(CONCLUSIONS_EN)
    assert (english.start_date, english.end_date) == (day(2016, 11, 17), day(2016, 11, 18))
    assert english.participants == ["CAN", "MEX", "USA"]
    assert english.language == "en"


DECLARATION_ES = """DECLARACIÓN DE LOS(AS) VICEMINISTROS(AS) DE LA CONFERENCIA REGIONAL SOBRE \
MIGRACIÓN
La XV Reunión Viceministerial de la Conferencia Regional sobre Migración tuvo lugar en la \
Antigua Guatemala, Guatemala, los días 1º y 2 de julio de 2010, con la participación de Belice, \
Canadá, Costa Rica y Guatemala.

Los Viceministros(as) reafirman su compromiso con la protección de los derechos humanos de las \
personas migrantes.

Reconocen el trabajo de la Red de Funcionarios de Enlace para el Combate a la Trata de Personas \
y al Tráfico Ilícito de Migrantes.

Agradecen al Gobierno de Guatemala su hospitalidad.
"""

COMMUNIQUE_EN = """JOINT COMMUNIQUÉ
The Regional Consultation Group on Migration (RCGM) met in Washington, DC on March 23rd and 24th, \
2011, with the participation of Canada, Mexico and the United States of America.

The delegations welcomed the report of the liaison network.

They agreed to meet again in the second half of the year.
"""


def test_a_declaration_is_its_paragraphs() -> None:
    report = parse(DECLARATION_ES)
    assert report.kind == "declaration"
    assert report.body == "vice-ministerial"
    assert [p.level for p in report.points] == [0, 0, 0]
    assert report.points[0].text.startswith("Los Viceministros(as) reafirman")
    assert report.points[2].text == "Agradecen al Gobierno de Guatemala su hospitalidad."
    assert (report.city, report.country) == ("Antigua Guatemala", "GTM")
    assert (report.start_date, report.end_date) == (day(2010, 7, 1), day(2010, 7, 2))
    assert report.participants == ["BLZ", "CAN", "CRI", "GTM"]
    assert not any("presents its report" in w for w in report.warnings)


def test_a_joint_communique_without_place_or_date_lines() -> None:
    report = parse(COMMUNIQUE_EN)
    assert report.kind == "communique"
    assert report.body == "grcm"
    assert (report.city, report.country) == ("Washington, DC", "USA")
    assert (report.start_date, report.end_date) == (day(2011, 3, 23), day(2011, 3, 24))
    assert texts(report) == [
        (0, "The delegations welcomed the report of the liaison network."),
        (0, "They agreed to meet again in the second half of the year."),
    ]


# --- markers ------------------------------------------------------------------------------------

MARKERS_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE
Omoa, Honduras
27 al 29 de octubre de 1999
La Red, con la participación de Honduras y Guatemala, presenta su informe:
I. Primer tema.
\uf0b7 una viñeta de PDF;
* una estrella;
– una raya;
II. Segundo tema, escrito en dos
líneas cortadas a mano.
-
Un guion solo en su línea antes de su texto.
III. Tercer tema.
"""


def test_roman_numerals_every_bullet_and_a_dash_alone_on_its_line() -> None:
    report = parse(MARKERS_ES)
    assert texts(report) == [
        (0, "Primer tema."),
        (1, "una viñeta de PDF;"),
        (1, "una estrella;"),
        (1, "una raya;"),
        (0, "Segundo tema, escrito en dos líneas cortadas a mano."),
        (1, "Un guion solo en su línea antes de su texto."),
        (0, "Tercer tema."),
    ]
    assert [p.marker for p in report.points if p.level == 0] == ["I.", "II.", "III."]
    assert (report.city, report.country) == ("Omoa", "HND")
    assert (report.start_date, report.end_date) == (day(1999, 10, 27), day(1999, 10, 29))
    assert report.warnings == []


def test_numbering_that_restarts_because_a_web_copy_broke_the_lists() -> None:
    report = parse(
        "INFORME DE LA RED DE FUNCIONARIOS DE ENLACE\nTegucigalpa, Honduras\n2 de abril de 2016\n"
        "La Red, con la participación de Honduras, presenta su informe:\n"
        "1. Primero.\n1. Segundo.\n1. Tercero.\n"
    )
    assert texts(report) == [(0, "Primero."), (0, "Segundo."), (0, "Tercero.")]
    assert len(report.warnings) == 1
    assert "restart" in report.warnings[0]


# --- layouts ------------------------------------------------------------------------------------

COVER_LETTER_ES = """Tegucigalpa, M.D.C., 10 de junio de 2010
Oficio No. 45-2010
Señora Secretaria Técnica:
Tengo el honor de remitirle el informe de la reunión de la Red.
1. Adjunto el informe.
INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE \
PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
La Red de Funcionarios de Enlace, reunida en Tapachula, Chiapas, México, el 3 de junio de 2010, en \
la que participaron los representantes de México, Guatemala y Belice, y como observadores \
Colombia y Ecuador, presenta su informe al Grupo Regional de Consulta:
1. Tomar nota del informe de la Secretaría.
2. Agradecer al país anfitrión.
Atentamente,
"""


def test_a_report_wrapped_in_a_cover_letter() -> None:
    report = parse(COVER_LETTER_ES)
    assert report.title.startswith("INFORME DE LA REUNIÓN DE LA RED")
    assert (report.start_date, report.end_date) == (day(2010, 6, 3), day(2010, 6, 3))
    assert (report.city, report.country) == ("Tapachula", "MEX")
    assert report.participants == ["MEX", "GTM", "BLZ"]
    assert report.observer_countries == ["COL", "ECU"]
    assert texts(report) == [
        (0, "Tomar nota del informe de la Secretaría."),
        (0, "Agradecer al país anfitrión."),
    ]
    assert report.body == "trafficking-network"


def test_the_opening_sentence_is_the_whole_heading() -> None:
    report = parse(
        "La Red de Funcionarios de Enlace, en reunión celebrada en Ciudad de Panamá, Panamá, el "
        "12 de noviembre de 2019, con la participación de Panamá y Costa Rica, presenta su "
        "informe:\n1. Primero.\n2. Segundo.\n"
    )
    assert (report.city, report.country) == ("Ciudad de Panamá", "PAN")
    assert report.start_date == day(2019, 11, 12)
    assert report.participants == ["PAN", "CRI"]
    assert report.title == ""


def test_the_opening_date_wins_over_a_header_date() -> None:
    report = parse(
        "INFORME DE LA RED DE FUNCIONARIOS DE ENLACE\n20 de mayo de 2012\n"
        "La Red, reunida en San José, Costa Rica, el 14 y 15 de mayo de 2012, con la "
        "participación de Costa Rica y Panamá, presenta su informe:\n1. Primero.\n"
    )
    assert (report.start_date, report.end_date) == (day(2012, 5, 14), day(2012, 5, 15))


# --- dates and places ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("18 y 19 de mayo de 2010", (2010, 5, 18), (2010, 5, 19)),
        ("November 17-18, 2016", (2016, 11, 17), (2016, 11, 18)),
        ("27 al 29 de octubre de 1999", (1999, 10, 27), (1999, 10, 29)),
        ("March 23rd and 24th, 2011", (2011, 3, 23), (2011, 3, 24)),
        ("1º y 2 de febrero de 2007", (2007, 2, 1), (2007, 2, 2)),
        ("los días 1° y 2 de febrero del 2007", (2007, 2, 1), (2007, 2, 2)),
    ],
)
def test_multi_day_dates(text: str, start: tuple[int, ...], end: tuple[int, ...]) -> None:
    found = find_date(text)
    assert found is not None
    assert (found.start, found.end) == (day(*start), day(*end))


def test_a_year_written_once_for_the_whole_document() -> None:
    report = parse(
        "REPORT OF THE LIAISON OFFICER NETWORK 2011\nWashington, DC\nMarch 23rd and 24th\n"
        "The Network, with the participation of Canada and Mexico, presents its report:\n"
        "1. One.\n"
    )
    assert (report.start_date, report.end_date) == (day(2011, 3, 23), day(2011, 3, 24))
    assert (report.city, report.country) == ("Washington, DC", "USA")


def test_a_document_without_any_date_is_refused_with_that_reason() -> None:
    with pytest.raises(NotAReport, match="date"):
        parse(
            "INFORME DE LA RED DE FUNCIONARIOS DE ENLACE\nTela, Honduras\n"
            "La Red, con la participación de Honduras, presenta su informe:\n1. Uno.\n"
        )


def test_the_kinds_the_parser_tells_apart_are_the_reports_own() -> None:
    kinds = {value for name, value in vars(Kind).items() if not name.startswith("_")}
    assert kinds == set(ReportKind.values)
