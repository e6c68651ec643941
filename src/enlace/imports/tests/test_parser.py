"""The parser on reports written in the network's style, in Spanish and English.

The samples below are invented for the tests, in the shape of the network's real reports.
"""

import datetime

import pytest

from enlace.demo import data
from enlace.imports.parser import (
    BodyName,
    CountryName,
    NotAReport,
    OrganisationName,
    ParsedReport,
    detect_language,
    find_date,
    match_country,
    parse_report,
)

BODIES = [
    BodyName(slug, (es, en, fr), acronym) for slug, _k, acronym, es, en, fr, _p in data.BODIES
]
COUNTRIES = [CountryName(code, (es, en, fr)) for code, es, en, fr, _s in data.COUNTRIES]
ORGANISATIONS = [
    OrganisationName(acronym, (es, en, fr)) for acronym, es, en, fr, _k, _o in data.ORGANISATIONS
]


def parse(text: str) -> ParsedReport:
    return parse_report(text, bodies=BODIES, countries=COUNTRIES)


def texts(report: ParsedReport) -> list[tuple[int, str]]:
    return [(p.level, p.text) for p in report.points]


# --- the samples --------------------------------------------------------------------------------

SAN_JOSE_ES = """INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA \
TRATA DE PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
San José, Costa Rica
6 de mayo de 2009
La Red de Funcionarios de Enlace para el Combate a la Trata de Personas y al Tráfico Ilícito de \
Migrantes, en reunión celebrada el 6 de mayo de 2009 en San José, Costa Rica, con la participación \
de los representantes de Belice, Costa Rica, Guatemala y Panamá, presenta al Grupo Regional de \
Consulta sobre Migración su informe contenido en los siguientes puntos:
1. Tomar nota de los avances presentados por los países miembros.
2. Solicitar a la Secretaría Técnica que circule la versión final del Plan de Trabajo.
"""

WASHINGTON_EN = """REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING \
IN PERSONS AND THE SMUGGLING OF MIGRANTS
Washington, D.C., the United States of America
June 24-25, 2014
The Network of Liaison Officers to Combat Trafficking in Persons and the Smuggling of Migrants, \
at its meeting held on June 24-25, 2014 in Washington, D.C., with the participation of the \
representatives of Canada, the Dominican Republic, Mexico, Panama and the United States of \
America, presents the following report to the Regional Consultation Group on Migration:
1) The Network welcomed the progress reported by the member countries.
2) The Network agreed to send the TS the information by July 21st, at the latest.
"""

GUATEMALA_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE \
PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
Ciudad de Guatemala, Guatemala
24 y 25 de junio de 2014
La Red de Funcionarios de Enlace, reunida en la Ciudad de Guatemala, con la participación de los \
representantes de EE.UU., México, República de Guatemala, República de Honduras y El Salvador, \
presenta al GRCM su informe:
1- Reconocer el trabajo de la Presidencia Pro Témpore.
2- Acordar la próxima reunión virtual.
"""

MANAGUA_CAPS_ES = """INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE \
A LA TRATA DE PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
MANAGUA, NICARAGUA
27, 28 Y 29 DE OCTUBRE DE 1999
LA RED DE FUNCIONARIOS DE ENLACE, CON LA PARTICIPACIÓN DE LOS REPRESENTANTES DE CANADÁ, \
HONDURAS Y NICARAGUA, PRESENTA AL GRUPO REGIONAL DE CONSULTA SOBRE MIGRACIÓN SU INFORME:
1. PRIMER ACUERDO.
2. SEGUNDO ACUERDO.
2. TERCER ACUERDO, CON EL NÚMERO REPETIDO.
4. CUARTO ACUERDO.
"""

BELIZE_EN = """REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN \
PERSONS AND THE SMUGGLING OF MIGRANTS
Belize City, Belize
May 6th, 2008
The Network of Liaison Officers, with the participation of the delegations of Belize, Costa \
Rica and Honduras, presents the following points:
1. The Network agreed on the following:
a) to update the directory of liaison officers;
b) to share the national protocols.
2. The TS will circulate the minutes.
"""

SAN_SALVADOR_EN_BULLETS = """REPORT OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN \
PERSONS AND THE SMUGGLING OF MIGRANTS
San Salvador, El Salvador
from 3 to 5 March 2015
The Network, with the participation of El Salvador, Guatemala and Mexico, presents its report:
• The Network reviewed the work plan.
• The Network thanked the host country.
"""

PANAMA_SUB_BULLETS_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA \
TRATA DE PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
Ciudad de Panamá, Panamá
12 de noviembre de 2019
La Red, con la participación de Panamá y Costa Rica, presenta su informe:
1. Los países acordaron:
▪ compartir buenas prácticas;
- elaborar un directorio.
2. Agradecer al país anfitrión.
"""

OTTAWA_EN_PAREN_LETTERS = """REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT \
TRAFFICKING IN PERSONS AND THE SMUGGLING OF MIGRANTS
Ottawa, Canada
September 10, 2012
The Network, with the participation of Canada and Mexico, presents its report:
1. The Network agreed:
(a) to meet again in 2013;
(b) to invite the RROCM.
2. Other matters.
"""

MISSING_NUMBERS_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE \
PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
Tegucigalpa, Honduras
2 de abril de 2016
La Red, con la participación de Honduras y Nicaragua, presenta su informe:
1. Primer punto.
2. Segundo punto.
4. Tercer punto, escrito como cuarto.
"""

WRAPPED_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE PERSONAS
Y AL TRÁFICO ILÍCITO DE MIGRANTES
Santo Domingo, República Dominicana
15 de agosto de 2017
La Red de Funcionarios de Enlace, con la participación de los representantes de la República
Dominicana, Haití y Costa Rica, presenta al Grupo Regional de Consulta sobre Migración su
informe:
1. La Red revisó los avances del Plan de Trabajo y acordó solicitar a la
Secretaría Técnica un informe de seguimiento.

Este informe se presentará en la próxima reunión.
2. Agradecer al país anfitrión.
"""

PLACE_AND_DATE_ONE_LINE_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE DE PROTECCIÓN CONSULAR
Ciudad de Panamá, Panamá, 30 de junio al 2 de julio de 2015
La Red de Funcionarios de Enlace de Protección Consular, con la participación de Panamá y \
México, presenta al Grupo Regional de Consulta sobre Migración su informe:
1. Acordar el intercambio de información consular.
"""

NO_HEADING_LINES_EN = """REPORT OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN \
PERSONS AND THE SMUGGLING OF MIGRANTS
The Network of Liaison Officers, at its meeting held on 14 November 2013 in Belmopan, Belize, \
with the participation of Belize, Guatemala, Narnia and the IOM, presents its report:
1. The Network took note of the progress made.
"""


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("6 de mayo, 2008", (2008, 5, 6), (2008, 5, 6)),
        ("6 de mayo de 2008", (2008, 5, 6), (2008, 5, 6)),
        ("June 24-25, 2014", (2014, 6, 24), (2014, 6, 25)),
        ("24 y 25 de junio de 2014", (2014, 6, 24), (2014, 6, 25)),
        ("27, 28 Y 29 DE OCTUBRE DE 1999", (1999, 10, 27), (1999, 10, 29)),
        ("May 6th, 2008", (2008, 5, 6), (2008, 5, 6)),
        ("from 3 to 5 March 2015", (2015, 3, 3), (2015, 3, 5)),
        ("del 3 al 5 de marzo de 2015", (2015, 3, 3), (2015, 3, 5)),
        ("1º de septiembre de 2010", (2010, 9, 1), (2010, 9, 1)),
        ("30 de junio al 2 de julio de 2015", (2015, 6, 30), (2015, 7, 2)),
        ("June 30 to July 2, 2015", (2015, 6, 30), (2015, 7, 2)),
        ("en reunión celebrada el 6 de mayo de 2008 en Tela", (2008, 5, 6), (2008, 5, 6)),
    ],
)
def test_dates_in_either_language(
    text: str, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    found = find_date(text)
    assert found is not None
    assert (found.start, found.end) == (datetime.date(*start), datetime.date(*end))


@pytest.mark.parametrize("text", ["Tela, Honduras", "31 de febrero de 2010", "punto 6 de la red"])
def test_no_date_where_there_is_none(text: str) -> None:
    assert find_date(text) is None


# --- countries ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Estados Unidos de América", "USA"),
        ("the United States of America", "USA"),
        ("United States", "USA"),
        ("EE.UU.", "USA"),
        ("República de Guatemala", "GTM"),
        ("la República de Honduras", "HND"),
        ("República Dominicana", "DOM"),
        ("the Dominican Republic", "DOM"),
        ("MÉXICO", "MEX"),
        ("Mexico", "MEX"),
        ("panama", "PAN"),
        ("Belize", "BLZ"),
    ],
)
def test_country_names_normalised(name: str, code: str) -> None:
    assert match_country(name, COUNTRIES) == code


def test_unknown_country_is_none() -> None:
    assert match_country("Narnia", COUNTRIES) is None


# --- whole reports ------------------------------------------------------------------------------


def test_spanish_report_with_single_date() -> None:
    report = parse(SAN_JOSE_ES)
    assert report.language == "es"
    assert report.body == "trafficking-network"
    assert (report.city, report.country) == ("San José", "CRI")
    assert report.start_date == report.end_date == datetime.date(2009, 5, 6)
    assert report.participants == ["BLZ", "CRI", "GTM", "PAN"]
    assert report.title.startswith("INFORME DE LA REUNIÓN")
    assert report.place_line == "San José, Costa Rica"
    assert report.date_line == "6 de mayo de 2009"
    assert report.opening.startswith("La Red de Funcionarios")
    assert "presenta" in report.opening
    assert texts(report) == [
        (0, "Tomar nota de los avances presentados por los países miembros."),
        (0, "Solicitar a la Secretaría Técnica que circule la versión final del Plan de Trabajo."),
    ]
    assert report.warnings == []


def test_english_report_with_range_and_the_united_states() -> None:
    report = parse(WASHINGTON_EN)
    assert report.language == "en"
    assert report.body == "trafficking-network"
    assert (report.city, report.country) == ("Washington, D.C.", "USA")
    assert (report.start_date, report.end_date) == (
        datetime.date(2014, 6, 24),
        datetime.date(2014, 6, 25),
    )
    assert report.participants == ["CAN", "DOM", "MEX", "PAN", "USA"]
    assert [p.marker for p in report.points] == ["1)", "2)"]
    assert report.points[1].text.endswith("by July 21st, at the latest.")
    assert report.warnings == []


def test_spanish_report_with_republica_and_eeuu_and_dash_numbers() -> None:
    report = parse(GUATEMALA_ES)
    assert report.body == "trafficking-network"
    assert (report.city, report.country) == ("Ciudad de Guatemala", "GTM")
    assert (report.start_date, report.end_date) == (
        datetime.date(2014, 6, 24),
        datetime.date(2014, 6, 25),
    )
    assert report.participants == ["USA", "MEX", "GTM", "HND", "SLV"]
    assert texts(report) == [
        (0, "Reconocer el trabajo de la Presidencia Pro Témpore."),
        (0, "Acordar la próxima reunión virtual."),
    ]


def test_capitals_and_repeated_number() -> None:
    report = parse(MANAGUA_CAPS_ES)
    assert (report.city, report.country) == ("MANAGUA", "NIC")
    assert (report.start_date, report.end_date) == (
        datetime.date(1999, 10, 27),
        datetime.date(1999, 10, 29),
    )
    assert report.participants == ["CAN", "HND", "NIC"]
    assert len(report.points) == 4
    assert report.points[2].text == "TERCER ACUERDO, CON EL NÚMERO REPETIDO."
    assert any("2" in w and "repeated" in w for w in report.warnings)


def test_ordinal_date_and_lettered_sub_points() -> None:
    report = parse(BELIZE_EN)
    assert report.start_date == datetime.date(2008, 5, 6)
    assert (report.city, report.country) == ("Belize City", "BLZ")
    assert report.participants == ["BLZ", "CRI", "HND"]
    assert texts(report) == [
        (0, "The Network agreed on the following:"),
        (1, "to update the directory of liaison officers;"),
        (1, "to share the national protocols."),
        (0, "The TS will circulate the minutes."),
    ]


def test_bulleted_points_without_numbers() -> None:
    report = parse(SAN_SALVADOR_EN_BULLETS)
    assert (report.start_date, report.end_date) == (
        datetime.date(2015, 3, 3),
        datetime.date(2015, 3, 5),
    )
    assert (report.city, report.country) == ("San Salvador", "SLV")
    assert report.participants == ["SLV", "GTM", "MEX"]
    assert texts(report) == [
        (0, "The Network reviewed the work plan."),
        (0, "The Network thanked the host country."),
    ]


def test_bullets_under_numbered_points_are_sub_points() -> None:
    report = parse(PANAMA_SUB_BULLETS_ES)
    assert texts(report) == [
        (0, "Los países acordaron:"),
        (1, "compartir buenas prácticas;"),
        (1, "elaborar un directorio."),
        (0, "Agradecer al país anfitrión."),
    ]
    assert report.country == "PAN"


def test_parenthesised_letters() -> None:
    report = parse(OTTAWA_EN_PAREN_LETTERS)
    assert [p.level for p in report.points] == [0, 1, 1, 0]
    assert [p.marker for p in report.points] == ["1.", "(a)", "(b)", "2."]
    assert report.points[1].text == "to meet again in 2013;"


def test_missing_number_is_a_warning_and_points_stay_in_order() -> None:
    report = parse(MISSING_NUMBERS_ES)
    assert [p.text for p in report.points] == [
        "Primer punto.",
        "Segundo punto.",
        "Tercer punto, escrito como cuarto.",
    ]
    assert any("4" in w and "3" in w for w in report.warnings)


def test_wrapped_lines_join_their_point_and_title() -> None:
    report = parse(WRAPPED_ES)
    assert report.title == (
        "INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE PERSONAS "
        "Y AL TRÁFICO ILÍCITO DE MIGRANTES"
    )
    assert report.opening.endswith(
        "presenta al Grupo Regional de Consulta sobre Migración su informe:"
    )
    assert "\n" not in report.opening
    assert texts(report) == [
        (
            0,
            "La Red revisó los avances del Plan de Trabajo y acordó solicitar a la Secretaría "
            "Técnica un informe de seguimiento.\nEste informe se presentará en la próxima reunión.",
        ),
        (0, "Agradecer al país anfitrión."),
    ]
    assert (report.city, report.country) == ("Santo Domingo", "DOM")
    # Haití is not a country of the network: left out, with a warning naming it.
    assert report.participants == ["DOM", "CRI"]
    assert any("Haití" in w for w in report.warnings)


def test_place_and_cross_month_range_on_one_line_and_the_consular_network() -> None:
    report = parse(PLACE_AND_DATE_ONE_LINE_ES)
    assert report.body == "consular-network"
    assert report.place_line == "Ciudad de Panamá, Panamá"
    assert report.date_line == "30 de junio al 2 de julio de 2015"
    assert (report.city, report.country) == ("Ciudad de Panamá", "PAN")
    assert (report.start_date, report.end_date) == (
        datetime.date(2015, 6, 30),
        datetime.date(2015, 7, 2),
    )
    assert report.participants == ["PAN", "MEX"]


def test_date_and_place_from_the_opening_with_warnings() -> None:
    report = parse(NO_HEADING_LINES_EN)
    assert report.start_date == datetime.date(2013, 11, 14)
    assert (report.city, report.country) == ("Belmopan", "BLZ")
    assert report.participants == ["BLZ", "GTM"]
    joined = " ".join(report.warnings)
    assert "No date line" in joined
    assert "No place line" in joined
    assert "Narnia" in joined
    assert "IOM" in joined


def test_the_tela_report_is_recognised_as_the_demo_reads_it() -> None:
    text = data.TELA_REPORT.read_text(encoding="utf-8")
    expected = data.parse_tela_report(text)
    report = parse(text)
    assert (report.title, report.place_line, report.date_line, report.opening) == (
        expected.title,
        expected.place_line,
        expected.date_line,
        expected.opening,
    )
    assert [p.text for p in report.points] == expected.points
    assert report.participants == data.TELA_COUNTRIES
    assert report.warnings == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Lista de compras:\npan\nleche\n",
        "Carta de invitación\nEstimados colegas, les invitamos a la próxima reunión.",
    ],
)
def test_not_a_report(text: str) -> None:
    with pytest.raises(NotAReport):
        parse(text)


def test_language_detection() -> None:
    assert detect_language(SAN_JOSE_ES) == "es"
    assert detect_language(WASHINGTON_EN) == "en"


DASHED_NUMBERS_ES = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE \
PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
La Red de Funcionarios de Enlace, reunida el 14 de marzo de 2018 en
Tegucigalpa, Honduras, con la participación de Honduras y Guatemala, presenta
su informe:
1.- Acordar el calendario de reuniones.
2.- Solicitar a la ST el informe de avances.
"""


def test_dot_dash_numbers_and_a_date_inside_the_opening() -> None:
    report = parse(DASHED_NUMBERS_ES)
    assert [p.text for p in report.points] == [
        "Acordar el calendario de reuniones.",
        "Solicitar a la ST el informe de avances.",
    ]
    # The wrapped opening mentions the date: it is not taken for a date line.
    assert report.date_line == ""
    assert report.start_date == datetime.date(2018, 3, 14)
    assert report.opening.startswith("La Red de Funcionarios de Enlace, reunida el 14 de marzo")
    assert report.opening.endswith("presenta su informe:")
    assert (report.city, report.country) == ("Tegucigalpa", "HND")
    assert report.participants == ["HND", "GTM"]


def test_organisation_delegations_by_acronym_in_any_language_or_by_name() -> None:
    text = """INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE
San José, Costa Rica
6 de mayo de 2009
La Red de Funcionarios de Enlace, con la participación de los representantes de Costa Rica y \
Panamá, así como de la OIM, el ACNUR, la Organización Internacional del Trabajo y la RROCM, \
presenta al Grupo Regional de Consulta sobre Migración su informe:
1. Tomar nota de los avances.
"""
    report = parse_report(text, bodies=BODIES, countries=COUNTRIES, organisations=ORGANISATIONS)
    assert report.participants == ["CRI", "PAN"]
    assert report.organisations == ["IOM", "UNHCR", "ILO", "RROCM"]
    assert report.warnings == []


def test_an_unknown_delegation_is_still_a_warning_when_organisations_are_known() -> None:
    text = """REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN \
PERSONS AND THE SMUGGLING OF MIGRANTS
Ottawa, Canada
June 24, 2014
The Network, with the participation of the representatives of Canada, Mexico, the International \
Organization for Migration and the Atlantis Foundation, presents its report:
1. To take note.
"""
    report = parse_report(text, bodies=BODIES, countries=COUNTRIES, organisations=ORGANISATIONS)
    assert report.participants == ["CAN", "MEX"]
    assert report.organisations == ["IOM"]
    assert report.warnings == [
        "“the Atlantis Foundation” is not a country of the network; it was left out."
    ]
