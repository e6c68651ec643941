"""Importing files: the seed file gives the demo's Tela meeting; each file all or nothing."""

import datetime
import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from enlace import access
from enlace.accounts.models import User
from enlace.audit.models import AuditEvent
from enlace.commitments.models import Commitment
from enlace.conftest import Net
from enlace.demo import data
from enlace.demo.load import load_demo
from enlace.imports import services
from enlace.imports.models import ImportedFile
from enlace.imports.services import ImportRefused, import_batch, import_file
from enlace.imports.tests.test_extract import build_docx
from enlace.imports.tests.test_parser_archive import DECLARATION_ES
from enlace.meetings.models import Meeting, Participation
from enlace.reports.models import Report, ReportPoint
from enlace.reports.selectors import point_versions

logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

SEED = data.TELA_REPORT.read_bytes()

TELA_EN = b"""REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN \
PERSONS AND THE SMUGGLING OF MIGRANTS
Tela, Honduras
May 6, 2008
The Network of Liaison Officers to Combat Trafficking in Persons and the Smuggling of Migrants of \
the RCM member countries, at its meeting held on May 6, 2008 in Tela, Honduras, with the \
participation of the representatives of Canada, Costa Rica, El Salvador, the United States of \
America, Guatemala, Honduras, Mexico, Nicaragua, Panama and the Dominican Republic, presents its \
report to the Regional Consultation Group on Migration in the following points:
1. To acknowledge the efforts of the member countries.
2. The Network discussed the efforts to assist victims of trafficking.
"""

SAN_JOSE = """INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA \
TRATA DE PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES
San José, Costa Rica
6 de mayo de 2009
La Red de Funcionarios de Enlace, con la participación de los representantes de Costa Rica y \
Panamá, presenta al Grupo Regional de Consulta sobre Migración su informe:
1. Tomar nota de los avances.
2. Solicitar a la Secretaría Técnica el informe.
""".encode()

MANAGUA = """INFORME DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA DE PERSONAS \
Y AL TRÁFICO ILÍCITO DE MIGRANTES
MANAGUA, NICARAGUA
27, 28 Y 29 DE OCTUBRE DE 1999
LA RED, CON LA PARTICIPACIÓN DE CANADÁ Y NICARAGUA, PRESENTA SU INFORME:
1. PRIMER ACUERDO.
""".encode()

OTTAWA = b"""REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN \
PERSONS AND THE SMUGGLING OF MIGRANTS
Ottawa, Canada
September 10-11, 2012
The Network, with the participation of Canada and Mexico, presents its report:
1. The Network agreed:
(a) to meet again in 2013;
(b) to invite the RROCM.
"""


def _meeting_record(meeting: Meeting) -> dict[str, Any]:
    report = meeting.reports.get(language="es")
    return {
        "body": meeting.body.slug,
        "title": meeting.title,
        "dates": (meeting.start_date, meeting.end_date),
        "city": meeting.city,
        "country": meeting.country.code if meeting.country else None,
        "format": meeting.format,
        "visibility": meeting.visibility,
        "countries": sorted(
            p.country.code for p in meeting.participations.all() if p.country is not None
        ),
        "report": {
            field: getattr(report, field)
            for field in (
                "language",
                "title",
                "place_line",
                "date_line",
                "opening",
                "status",
                "adopted_on",
                "is_published",
                "observers_invited",
            )
        },
        "points": [(p.position, p.level, p.text) for p in report.points.all()],
    }


def _counts() -> tuple[int, ...]:
    return (
        Meeting.objects.count(),
        Report.objects.count(),
        ReportPoint.objects.count(),
        Participation.objects.count(),
        ImportedFile.objects.count(),
        AuditEvent.objects.count(),
    )


def test_seed_file_into_an_empty_platform_gives_the_demo_meeting(network_only: None) -> None:
    outcome = import_file(
        user=access.SYSTEM, name=data.TELA_REPORT.name, content=SEED, publish=True
    )
    assert outcome.status == "created"
    assert outcome.parsed.warnings == []
    imported = _meeting_record(Meeting.objects.get())
    assert len(imported["countries"]) == 10
    # Point 4's request to the ST is proposed as a commitment, as the demo has it.
    proposed = Commitment.objects.get()
    assert (proposed.actor_kind, proposed.point.position) == ("secretariat", 4)

    # What the demo loader makes of the same report, on the same network.
    Commitment.objects.all().delete()
    ImportedFile.objects.all().delete()
    Report.objects.all().delete()
    Meeting.objects.all().delete()
    load_demo()
    assert imported == _meeting_record(Meeting.objects.get(city="Tela"))


def test_seed_file_fields(network_only: None) -> None:
    import_file(user=access.SYSTEM, name="tela.txt", content=SEED)
    meeting = Meeting.objects.get()
    report = meeting.reports.get()
    assert (meeting.body.slug, meeting.start_date, meeting.city, meeting.country.code) == (
        "trafficking-network",
        data.TELA_DATE,
        "Tela",
        "HND",
    )
    assert sorted(p.country.code for p in meeting.participations.all()) == sorted(
        data.TELA_COUNTRIES
    )
    expected = data.parse_tela_report(SEED.decode())
    assert [p.text for p in report.points.all()] == expected.points
    assert report.status == Report.Status.ADOPTED
    assert report.is_published is False  # published only when asked
    record = ImportedFile.objects.get()
    assert (record.source_name, record.meeting, record.report, record.imported_by) == (
        "tela.txt",
        meeting,
        report,
        None,
    )
    actions = set(AuditEvent.objects.values_list("action", "actor_label"))
    assert {
        ("meeting.create", "system"),
        ("report.create", "system"),
        ("report.points", "system"),
        ("importedfile.create", "system"),
    } <= actions


@pytest.mark.parametrize("by", ["system", "secretariat"])
def test_imported_points_have_their_first_version_in_their_history(
    by: str, net: Net, secretariat: User, secretariat_client: Client
) -> None:
    """The command imports as the system, the import page as the secretariat's officer: either
    way every point starts its history with the imported text, as a drafted point does."""
    user = access.SYSTEM if by == "system" else secretariat
    outcome = import_file(user=user, name="tela.txt", content=SEED)
    report = Report.objects.get(pk=outcome.report_id)
    points = list(report.points.all())
    assert [p.text for p in points] == data.parse_tela_report(SEED.decode()).points
    author = None if by == "system" else secretariat
    for point in points:
        versions = point_versions(secretariat, point)
        assert [(v.number, v.level, v.text, v.author) for v in versions] == [
            (1, point.level, point.text, author)
        ]
        assert versions[0].pk is not None  # kept in the database, not read from the point

    point = points[-1]
    page = secretariat_client.get(reverse("reports:point_history", args=[report.pk, point.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="version-2"' not in html
    row = html.split('<tr id="version-1">', 1)[1].split("</tr>", 1)[0]
    assert escape(point.text) in row
    assert f"<td>{secretariat.get_username() if author else '–'}</td>" in row


def test_seed_file_when_the_demo_is_loaded_creates_nothing(demo: None) -> None:
    before = _counts()
    outcome = import_file(user=access.SYSTEM, name="tela.txt", content=SEED)
    assert outcome.status == "exists"
    assert outcome.meeting_id == Meeting.objects.get(city="Tela").pk
    assert _counts() == before


def test_same_file_twice_is_one_meeting(network_only: None) -> None:
    first = import_file(user=access.SYSTEM, name="a.txt", content=SAN_JOSE)
    before = _counts()
    second = import_file(user=access.SYSTEM, name="copy-of-a.txt", content=SAN_JOSE)
    assert (first.status, second.status) == ("created", "exists")
    assert second.meeting_id == first.meeting_id
    assert _counts() == before


def test_other_language_report_joins_the_existing_meeting(network_only: None) -> None:
    spanish = import_file(user=access.SYSTEM, name="tela.es.txt", content=SEED)
    english = import_file(user=access.SYSTEM, name="tela.en.txt", content=TELA_EN)
    assert english.status == "attached"
    assert english.meeting_id == spanish.meeting_id
    meeting = Meeting.objects.get()
    assert sorted(meeting.reports.values_list("language", flat=True)) == ["en", "es"]
    assert meeting.participations.count() == 10
    assert meeting.reports.get(language="en").points.count() == 2


def test_dry_run_saves_nothing(network_only: None) -> None:
    before = _counts()
    outcome = import_file(user=access.SYSTEM, name="a.txt", content=SAN_JOSE, dry_run=True)
    assert outcome.status == "preview"
    assert outcome.parsed.city == "San José"
    assert _counts() == before


def test_word_file_with_numbered_lists(network_only: None) -> None:
    outcome = import_file(user=access.SYSTEM, name="informe.docx", content=build_docx())
    report = Report.objects.get(pk=outcome.report_id)
    assert [(p.level, p.text) for p in report.points.all()] == [
        (0, "Reconocer los avances."),
        (0, "Acordar lo siguiente:"),
        (1, "actualizar el directorio;"),
        (1, "compartir protocolos."),
        (0, "Agradecer al país anfitrión."),
    ]
    assert report.meeting.city == "San José"
    assert sorted(report.meeting.participations.values_list("country__code", flat=True)) == [
        "CRI",
        "PAN",
    ]


def test_pdf_file(network_only: None) -> None:
    text = SAN_JOSE.decode()
    head, points = text.split("1. ")
    paragraphs = "".join(f"<p>{line}</p>" for line in head.strip().splitlines())
    items = "".join(f"<li>{p.split('. ', 1)[-1]}</li>" for p in ("1. " + points).splitlines())
    pdf = weasyprint.HTML(string=f"{paragraphs}<ol>{items}</ol>").write_pdf()
    outcome = import_file(user=access.SYSTEM, name="informe.pdf", content=pdf)
    assert outcome.status == "created"
    report = Report.objects.get(pk=outcome.report_id)
    assert [p.text for p in report.points.all()] == [
        "Tomar nota de los avances.",
        "Solicitar a la Secretaría Técnica el informe.",
    ]
    assert report.meeting.start_date == datetime.date(2009, 5, 6)
    assert report.opening.startswith("La Red de Funcionarios de Enlace, con la participación")


def test_scanned_pdf_and_empty_file_are_refused(network_only: None) -> None:
    scan = weasyprint.HTML(string="<svg width='90' height='90'><circle r='40'/></svg>").write_pdf()
    with pytest.raises(ImportRefused, match="scanned"):
        import_file(user=access.SYSTEM, name="scan.pdf", content=scan)
    with pytest.raises(ImportRefused, match="empty"):
        import_file(user=access.SYSTEM, name="empty.txt", content=b"")
    with pytest.raises(ImportRefused, match="not look like a meeting report"):
        import_file(user=access.SYSTEM, name="list.txt", content=b"pan\nleche\n")
    assert Meeting.objects.count() == 0


def test_unknown_body_is_refused(network_only: None) -> None:
    text = b"ACTA\nTela, Honduras\n6 de mayo de 2008\nEl club presenta:\n1. Algo.\n"
    with pytest.raises(ImportRefused, match="body"):
        import_file(user=access.SYSTEM, name="acta.txt", content=text)


def test_a_crash_in_a_batch_leaves_no_half_meeting(
    network_only: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_points = services._points
    calls: list[str] = []

    def crash_on_second(parsed: Any) -> Any:
        calls.append(parsed.city)
        if len(calls) == 2:  # the meeting and the report of the 2nd file are already written
            raise RuntimeError("disk on fire")
        return real_points(parsed)

    monkeypatch.setattr(services, "_points", crash_on_second)
    result = import_batch(
        user=access.SYSTEM, files=[("a.txt", SAN_JOSE), ("b.txt", MANAGUA), ("c.txt", OTTAWA)]
    )
    assert [o.source_name for o in result.outcomes] == ["a.txt", "c.txt"]
    assert [(f.source_name, "disk on fire" in f.reason) for f in result.failures] == [
        ("b.txt", True)
    ]
    assert sorted(Meeting.objects.values_list("city", flat=True)) == ["Ottawa", "San José"]
    assert Report.objects.count() == ImportedFile.objects.count() == 2
    assert not AuditEvent.objects.filter(object_label__icontains="managua").exists()


def test_only_the_secretariat_imports(
    net: Any, secretariat: Any, officer: Any, observer: Any, outsider: Any, ppt_honduras: Any
) -> None:
    for user in (officer, observer, outsider):
        with pytest.raises(PermissionDenied):
            import_file(user=user, name="a.txt", content=SEED, dry_run=True)
    outcome = import_file(user=secretariat, name="a.txt", content=SEED)
    assert outcome.status == "created"
    assert ImportedFile.objects.get().imported_by == secretariat
    assert AuditEvent.objects.filter(action="meeting.create", actor=secretariat).exists()


# --- the command --------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_command_dry_run_json(network_only: None, tmp_path: Path) -> None:
    out = io.StringIO()
    call_command(
        "import_report",
        _write(tmp_path, "tela.txt", SEED),
        "--dry-run",
        "--format",
        "json",
        stdout=out,
    )
    [item] = json.loads(out.getvalue())
    assert item["status"] == "preview"
    recognised = item["recognised"]
    assert recognised["body"] == "trafficking-network"
    assert (recognised["city"], recognised["country"]) == ("Tela", "HND")
    assert recognised["start_date"] == recognised["end_date"] == "2008-05-06"
    assert recognised["participants"] == data.TELA_COUNTRIES
    assert [p["text"] for p in recognised["points"]] == data.parse_tela_report(SEED.decode()).points
    assert recognised["warnings"] == []
    assert Meeting.objects.count() == 0


def test_command_batch_goes_on_after_a_bad_file(network_only: None, tmp_path: Path) -> None:
    files = [
        _write(tmp_path, "a.txt", SAN_JOSE),
        _write(tmp_path, "empty.txt", b""),
        str(tmp_path / "missing.txt"),
        _write(tmp_path, "c.txt", OTTAWA),
    ]
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="2 of 4"):
        call_command("import_report", *files, "--publish", stdout=out, stderr=err)
    assert "empty.txt: refused: The file is empty." in err.getvalue()
    assert "missing.txt: refused" in err.getvalue()
    assert sorted(Meeting.objects.values_list("city", flat=True)) == ["Ottawa", "San José"]
    assert all(Report.objects.values_list("is_published", flat=True))


def test_enlace_import_report_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from django.core import management

    from enlace.__main__ import main

    seen: list[list[str]] = []
    monkeypatch.setattr(management, "execute_from_command_line", seen.append)
    monkeypatch.setattr(sys, "argv", ["enlace", "import-report", "a.txt", "--dry-run"])
    main()
    assert seen == [["enlace", "import_report", "a.txt", "--dry-run"]]


def test_organisation_delegations_become_the_meetings_organisation_delegations(
    network_only: None,
) -> None:
    text = SAN_JOSE.decode().replace(
        "Costa Rica y Panamá,", "Costa Rica y Panamá, así como de la OIM y la RROCM,"
    )
    assert "RROCM" in text
    outcome = import_file(user=access.SYSTEM, name="san-jose.txt", content=text.encode())
    assert outcome.status == "created"
    meeting = Meeting.objects.get()
    delegations = Participation.objects.filter(meeting=meeting)
    assert sorted(d.country.code for d in delegations if d.country) == ["CRI", "PAN"]
    assert sorted(d.organisation.acronym for d in delegations if d.organisation) == [
        "IOM",
        "RROCM",
    ]
    event = AuditEvent.objects.get(action="meeting.delegations_agenda")
    assert event.after["organisations"] == ["IOM", "RROCM"]


def test_nobody_imports_nothing(net):
    """Without a user (``None``), the import is refused: only a person with the right, or the
    server's own command acting as the system, imports."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_file(user=None, name="tela.txt", content=SEED)
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("environment", "option", "message"),
    [
        ({"LANGUAGE": "fr_CA:en"}, [], "empty.txt: refused: Le fichier est vide."),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "en_GB.UTF-8"}, [], "The file is empty."),
        ({"LANGUAGE": "en"}, ["--language", "fr"], "Le fichier est vide."),
    ],
)
def test_the_command_speaks_the_operators_language(
    network_only: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    environment: dict[str, str],
    option: list[str],
    message: str,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_report", _write(tmp_path, "empty.txt", b""), *option, stderr=err)
    assert message in err.getvalue()


def test_a_declaration_is_imported_as_one_its_paragraphs_the_points(network_only: None) -> None:
    outcome = import_file(
        user=access.SYSTEM, name="declaracion.txt", content=DECLARATION_ES.encode()
    )
    report = Report.objects.get(pk=outcome.report_id)
    assert report.kind == "declaration"
    assert report.get_kind_display() == "Declaration"
    assert report.meeting.body.slug == "vice-ministerial"
    assert (report.meeting.city, report.meeting.country.code) == ("Antigua Guatemala", "GTM")
    assert [p.text[:30] for p in report.points.order_by("position")] == [
        "Los Viceministros(as) reafirma",
        "Reconocen el trabajo de la Red",
        "Agradecen al Gobierno de Guate",
    ]


AD_HOC = """INFORME DE LA REUNIÓN DEL GRUPO AD HOC SOBRE NIÑEZ MIGRANTE
Ciudad de Guatemala, Guatemala
14 de marzo de 2011
El Grupo Ad Hoc sobre Niñez Migrante, con la participación de Guatemala, Honduras y México, \
presenta al Grupo Regional de Consulta sobre Migración su informe:
1. Intercambiar los protocolos de atención a la niñez no acompañada.
""".encode()

CONSULAR = b"""REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS ON CONSULAR PROTECTION
Washington, DC
June 2-3, 2015
The Network of Liaison Officers on Consular Protection, with the participation of Canada, \
Mexico and the United States of America, presents its report to the RCGM:
1. To share the consular protection guides.
"""


@pytest.mark.parametrize(
    ("content", "slug", "city", "country"),
    [
        (AD_HOC, "ad-hoc-children", "Ciudad de Guatemala", "GTM"),
        (CONSULAR, "consular-network", "Washington, DC", "USA"),
    ],
)
def test_the_other_groups_of_the_crm_are_their_own_bodies(
    network_only: None, content: bytes, slug: str, city: str, country: str
) -> None:
    outcome = import_file(user=access.SYSTEM, name=f"{slug}.txt", content=content)
    assert outcome.status == "created"
    meeting = Meeting.objects.get(pk=outcome.meeting_id)
    assert meeting.body.slug == slug
    assert meeting.body.slug != "trafficking-network"
    assert (meeting.city, meeting.country.code) == (city, country)
