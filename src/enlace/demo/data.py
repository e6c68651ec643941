"""The demo: the network as the design notes describe it, and the Tela meeting of 6 May 2008.

People and accounts here are invented (``Person.is_demo``, shown with the demo marker; addresses
at example.org); so are the presidencies after the record and the meetings of demo/meetings.py.
Tela 2008 and the recorded presidencies are the record.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

TELA_REPORT = Path(__file__).with_name("2008-05-06_tela_honduras.es.txt")

# code, Spanish, English, French, status
COUNTRIES = [
    ("BLZ", "Belice", "Belize", "Belize", "member"),
    ("CAN", "Canadá", "Canada", "Canada", "member"),
    ("CRI", "Costa Rica", "Costa Rica", "Costa Rica", "member"),
    ("DOM", "República Dominicana", "Dominican Republic", "République dominicaine", "member"),
    ("SLV", "El Salvador", "El Salvador", "El Salvador", "member"),
    ("GTM", "Guatemala", "Guatemala", "Guatemala", "member"),
    ("HND", "Honduras", "Honduras", "Honduras", "member"),
    ("MEX", "México", "Mexico", "Mexique", "member"),
    ("NIC", "Nicaragua", "Nicaragua", "Nicaragua", "member"),
    ("PAN", "Panamá", "Panama", "Panama", "member"),
    (
        "USA",
        "Estados Unidos de América",
        "United States of America",
        "États-Unis d'Amérique",
        "member",
    ),
    ("ARG", "Argentina", "Argentina", "Argentine", "observer"),
    ("COL", "Colombia", "Colombia", "Colombie", "observer"),
    ("ECU", "Ecuador", "Ecuador", "Équateur", "observer"),
    ("JAM", "Jamaica", "Jamaica", "Jamaïque", "observer"),
    ("PER", "Perú", "Peru", "Pérou", "observer"),
]

# acronym, Spanish, English, French, kind, observer
ORGANISATIONS = [
    (
        "ST",
        "Secretaría Técnica de la CRM",
        "CRM Technical Secretariat",
        "Secrétariat technique de la CRM",
        "secretariat",
        False,
    ),
    (
        "IOM",
        "Organización Internacional para las Migraciones",
        "International Organization for Migration",
        "Organisation internationale pour les migrations",
        "international",
        True,
    ),
    (
        "UNHCR",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Office of the United Nations High Commissioner for Refugees",
        "Haut-Commissariat des Nations unies pour les réfugiés",
        "international",
        True,
    ),
    (
        "UNICEF",
        "Fondo de las Naciones Unidas para la Infancia",
        "United Nations Children's Fund",
        "Fonds des Nations unies pour l'enfance",
        "international",
        True,
    ),
    (
        "UNODC",
        "Oficina de las Naciones Unidas contra la Droga y el Delito",
        "United Nations Office on Drugs and Crime",
        "Office des Nations unies contre la drogue et le crime",
        "international",
        True,
    ),
    (
        "ILO",
        "Organización Internacional del Trabajo",
        "International Labour Organization",
        "Organisation internationale du travail",
        "international",
        True,
    ),
    (
        "RROCM",
        "Red Regional de Organizaciones Civiles para las Migraciones",
        "Regional Network of Civil Organizations for Migration",
        "Réseau régional d'organisations civiles pour les migrations",
        "civil_society",
        True,
    ),
]

# slug, kind, acronym, Spanish, English, French, reports to
BODIES = [
    (
        "vice-ministerial",
        "vice_ministerial",
        "",
        "Reunión Viceministerial",
        "Vice-Ministerial Meeting",
        "Réunion vice-ministérielle",
        None,
    ),
    (
        "grcm",
        "grcm",
        "GRCM",
        "Grupo Regional de Consulta sobre Migración",
        "Regional Consultation Group on Migration",
        "Groupe régional de consultation sur les migrations",
        "vice-ministerial",
    ),
    (
        "trafficking-network",
        "network",
        "",
        "Red de Funcionarios de Enlace para el Combate a la Trata de Personas y al Tráfico Ilícito "
        "de Migrantes",
        "Network of Liaison Officers to Combat Trafficking in Persons and the Smuggling "
        "of Migrants",
        "Réseau des fonctionnaires de liaison pour la lutte contre la traite des personnes et le "
        "trafic illicite de migrants",
        "grcm",
    ),
    (
        "consular-network",
        "network",
        "",
        "Red de Funcionarios de Enlace de Protección Consular",
        "Network of Liaison Officers on Consular Protection",
        "Réseau des fonctionnaires de liaison pour la protection consulaire",
        "grcm",
    ),
    (
        "ad-hoc-children",
        "working_group",
        "",
        "Grupo Ad Hoc sobre Niñez Migrante",
        "Ad Hoc Working Group on Migrant Children",
        "Groupe ad hoc sur les enfants migrants",
        "grcm",
    ),
]

# The Pro Tempore Presidencies on record (the design notes).
RECORDED_PRESIDENCIES = [
    (2008, "HND"),
    (2018, "PAN"),
    (2019, "GTM"),
    (2020, "CRI"),
    (2021, "MEX"),
    (2022, "SLV"),
    (2023, "PAN"),
    (2024, "BLZ"),
]
# After the record: an invented rotation fills the years up to the current one, which Honduras
# (the country of the `honduras` demo account) holds, so the PPT's rights can be tried.
INVENTED_ROTATION = ["CRI", "GTM", "MEX", "SLV", "DOM", "PAN", "NIC", "BLZ"]
CURRENT_PPT = "HND"


def presidencies(today: datetime.date) -> list[tuple[int, str, bool]]:
    """(year, country code, invented) for every presidency the demo holds, up to ``today``'s
    year: the recorded ones, then invented ones, Honduras in the current year."""
    out = [(year, code, False) for year, code in RECORDED_PRESIDENCIES if year < today.year]
    last = max(year for year, _code, _invented in out)
    for i, year in enumerate(range(last + 1, today.year)):
        out.append((year, INVENTED_ROTATION[i % len(INVENTED_ROTATION)], True))
    out.append((today.year, CURRENT_PPT, True))
    return out


# The invented liaison officer of each member country without a demo account.
OFFICERS = {
    "BLZ": ("Andrea", "Young"),
    "CAN": ("Claire", "Tremblay"),
    "CRI": ("Diego", "Vargas Solís"),
    "DOM": ("Luis", "Peña Almonte"),
    "SLV": ("Ana", "Hernández Ríos"),
    "GTM": ("Julio", "Pérez Ajú"),
    "NIC": ("Sofía", "Castillo Rivas"),
    "PAN": ("Ricardo", "Ortega Him"),
    "USA": ("Emily", "Carter"),
}
FORMER_HND_OFFICER = ("José", "Turcios Banegas")

TELA_COUNTRIES = ["CAN", "CRI", "SLV", "USA", "GTM", "HND", "MEX", "NIC", "PAN", "DOM"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    given_name: str
    family_name: str
    country: str | None = None
    organisation: str | None = None
    post_role: str = "liaison_officer"
    institution: str = ""
    position: str = ""


ACCOUNTS = [
    DemoAccount(
        "secretariat",
        "enlace-demo-st",
        "Technical Secretariat",
        "Laura",
        "Quesada Mora",
        organisation="ST",
        post_role="secretariat",
        position="Oficial de la ST",
    ),
    DemoAccount(
        "honduras",
        "enlace-demo-hnd",
        "Liaison officer, Honduras",
        "Carlos",
        "Mejía Zelaya",
        country="HND",
        institution="Secretaría de Seguridad",
        position="Funcionario de enlace",
    ),
    DemoAccount(
        "mexico",
        "enlace-demo-mex",
        "Liaison officer, Mexico",
        "Fernanda",
        "Ruiz Ochoa",
        country="MEX",
        institution="Instituto Nacional de Migración",
        position="Funcionaria de enlace",
    ),
    DemoAccount(
        "observer",
        "enlace-demo-obs",
        "Observer (RROCM)",
        "Marta",
        "Aguilar Soto",
        organisation="RROCM",
        post_role="observer",
        position="Representante",
    ),
    DemoAccount(
        "supervisor",
        "enlace-demo-sup",
        "Case supervisor, Honduras (reads who saw the identity of protected cases)",
        "Rosa",
        "Padilla Castro",
        country="HND",
        post_role="case_supervisor",
        institution="Secretaría de Seguridad",
        position="Supervisora de casos",
    ),
]
ADMIN_ACCOUNT = ("admin", "enlace-demo-admin")


def demo_usernames() -> list[str]:
    """The accounts the demo creates (and the only ones `enlace demo-otp` answers for)."""
    return [account.username for account in ACCOUNTS] + [ADMIN_ACCOUNT[0]]


@dataclass
class ParsedReport:
    title: str
    place_line: str
    date_line: str
    opening: str
    points: list[str]


_POINT = re.compile(r"^(\d+)\.\s+(.*)$")


def parse_tela_report(text: str) -> ParsedReport:
    """The Tela report's parts: title, place, date, the opening paragraph, the points."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, place, date, opening = lines[0], lines[1], lines[2], lines[3]
    points: list[str] = []
    for line in lines[4:]:
        match = _POINT.match(line)
        if match:
            points.append(match.group(2))
        else:
            points[-1] += "\n" + line
    return ParsedReport(title, place, date, opening, points)


TELA_DATE = datetime.date(2008, 5, 6)
