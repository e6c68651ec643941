"""Report benchmark: import throughput of generated report texts, and search at 1x and 10x.

Run from the repository root:

    uv run python bench/reports.py                  # about three minutes
    uv run python bench/reports.py --scale 3        # a smaller "10x" when time is short
    uv run python bench/reports.py --repeat 30 --json out.json

Everything happens in throw-away SQLite databases in a temporary folder (never the demo's, never
``DATABASE_URL``; see bench_settings.py, whose databases this script replaces with its own four):

1. **Import.** A corpus of report texts in the network's style is generated (Spanish and
   English; title, place, date, opening naming the participating countries, numbered points
   with sub-points; a fixed seed). Two fresh databases: the large one is first filled with 900
   reports; then batches of ten reports go through ``enlace.imports.services.import_file``
   (text extraction, recognition, the meeting, delegations, report and points in one
   transaction, then the search index at commit) into the small one (growing from 0 to 100)
   and the large one (from 900 to 1,000) in turn, so that the machine's other work weighs on
   both alike. It prints reports per second and the median cost of one report at 100 and at
   1,000: a cost that grows with the archive would show in their ratio (target: at most 1.1).
2. **Search.** Two databases get 10,000 reports with 100,000 points (1x) and ten times as much
   (10x; ``--scale`` makes it smaller, and the sizes printed are the ones used), written in
   bulk with their search entries (normalised by the same function as the index). Then the
   search page ``/search/?q=…`` is requested through ``django.test.Client`` as the public and
   as a liaison officer, for several queries, alternating the two databases in a random order.
   It prints the median time at 1x and 10x, their ratio (target: at most 2) and the SQL
   queries of each (they must be equal).

See bench/README.md for how to read the numbers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent

_TMP = tempfile.TemporaryDirectory(prefix="enlace-bench-reports-")
os.environ["ENLACE_DATA_DIR"] = _TMP.name
os.environ.pop("DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
os.environ["ENLACE_DEBUG"] = "false"
# The public's searches are measured, not the kept copy of their page (enlace.core.pagecache).
os.environ["ENLACE_PAGE_CACHE"] = "false"
os.environ["ENLACE_ALLOWED_HOSTS"] = "testserver"
sys.path.insert(0, str(BENCH_DIR))

import bench_settings  # noqa: E402

# "default" is the import databases in turn (see _use_default); the search data at 1x and 10x.
bench_settings.DATABASES = {
    "default": bench_settings._sqlite("reports-default.sqlite3"),
    "search1": bench_settings._sqlite("reports-search1.sqlite3"),
    "search10": bench_settings._sqlite("reports-search10.sqlite3"),
}

import django  # noqa: E402

django.setup()

from bench_settings import ScaleRouter  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from enlace import access  # noqa: E402
from enlace.accounts.models import User  # noqa: E402
from enlace.demo.load import load_demo  # noqa: E402
from enlace.network.models import Body, Country  # noqa: E402
from enlace.reports.models import Report, ReportPoint  # noqa: E402
from enlace.search.models import SearchEntry  # noqa: E402
from enlace.search.text import normalise, tags  # noqa: E402

# --- the corpus -----------------------------------------------------------------------------

CITIES = [
    ("Tela", "HND"), ("Tegucigalpa", "HND"), ("San Pedro Sula", "HND"), ("Antigua", "GTM"),
    ("Guatemala", "GTM"), ("San Salvador", "SLV"), ("Managua", "NIC"), ("San José", "CRI"),
    ("Panamá", "PAN"), ("Ciudad de México", "MEX"), ("Cancún", "MEX"), ("Santo Domingo", "DOM"),
    ("Ottawa", "CAN"), ("Washington", "USA"), ("Belmopán", "BLZ"),
]  # fmt: skip
MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
MONTHS_EN = "January February March April May June July August September October November December"
ACTORS_ES = [
    "La Secretaría Técnica", "La Presidencia Pro Tempore", "La RROCM", "La OIM", "El ACNUR",
    "Los países miembros", "La delegación de México", "La delegación de Guatemala",
]  # fmt: skip
ACTORS_EN = [
    "The Technical Secretariat", "The Pro Tempore Presidency", "The RROCM", "IOM", "UNHCR",
    "The member countries", "The delegation of Mexico", "The delegation of Guatemala",
]  # fmt: skip
TOPICS_ES = [
    "la protección de las víctimas de trata", "el tráfico ilícito de migrantes",
    "la repatriación de niñas, niños y adolescentes no acompañados", "el plan de trabajo de la Red",
    "los lineamientos regionales de protección", "la capacitación de funcionarios consulares",
    "el intercambio de información entre las fiscalías", "las estadísticas regionales de trata",
    "la cooperación con las organizaciones de la sociedad civil", "los albergues para víctimas",
    "la identificación de víctimas en las fronteras", "el fondo de reintegración",
]  # fmt: skip
TOPICS_EN = [
    "the protection of victims of trafficking", "the smuggling of migrants",
    "the return of unaccompanied children and adolescents", "the Network's work plan",
    "the regional protection guidelines", "the training of consular officers",
    "the exchange of information between prosecutors", "regional statistics on trafficking",
    "cooperation with civil society organisations", "shelters for victims",
    "the identification of victims at the borders", "the reintegration fund",
]  # fmt: skip
VERBS_ES = [
    "presentó un informe sobre", "expuso los avances en", "propuso un documento sobre",
    "se comprometió a enviar a la Secretaría Técnica la información sobre",
    "reiteró su interés en", "solicitó apoyo técnico para",
]  # fmt: skip
VERBS_EN = [
    "presented a report on", "described the progress made in", "proposed a document on",
    "undertook to send the Technical Secretariat the information on",
    "reiterated its interest in", "requested technical support for",
]  # fmt: skip
DEADLINES_ES = ["", " a más tardar el 21 de julio", " antes de la próxima reunión", ""]
DEADLINES_EN = ["", " by July 21st, at the latest", " before the next meeting", ""]


def _sentence(rng: random.Random, english: bool) -> str:
    actors, verbs, topics, deadlines = (
        (ACTORS_EN, VERBS_EN, TOPICS_EN, DEADLINES_EN)
        if english
        else (ACTORS_ES, VERBS_ES, TOPICS_ES, DEADLINES_ES)
    )
    return f"{rng.choice(actors)} {rng.choice(verbs)} {rng.choice(topics)}{rng.choice(deadlines)}."


def report_text(i: int, rng: random.Random, names: dict[str, tuple[str, str]]) -> str:
    """One report as the network writes it, in Spanish (3 in 4) or English."""
    english = i % 4 == 3
    day = datetime.date(1996, 3, 1) + datetime.timedelta(days=2 * i)  # one meeting per file
    city, host = rng.choice(CITIES)
    codes = sorted([*rng.sample(sorted(names), rng.randrange(5, 11)), host])
    present = sorted({names[c][1 if english else 0] for c in codes})
    if english:
        month = MONTHS_EN.split()[day.month - 1]
        lines = [
            "REPORT OF THE MEETING OF THE NETWORK OF LIAISON OFFICERS TO COMBAT TRAFFICKING IN "
            "PERSONS AND THE SMUGGLING OF MIGRANTS",
            f"{city}, {names[host][1]}",
            f"{month} {day.day}, {day.year}",
            "The Network of Liaison Officers to Combat Trafficking in Persons and the Smuggling "
            f"of Migrants, meeting on {month} {day.day}, {day.year} in {city}, with the "
            f"participation of the representatives of {', '.join(present[:-1])} and "
            f"{present[-1]}, presents to the Regional Consultation Group on Migration its report "
            "in the following points:",
        ]
    else:
        month = MONTHS_ES.split()[day.month - 1]
        lines = [
            "INFORME DE LA REUNIÓN DE LA RED DE FUNCIONARIOS DE ENLACE PARA EL COMBATE A LA TRATA "
            "DE PERSONAS Y AL TRÁFICO ILÍCITO DE MIGRANTES",
            f"{city}, {names[host][0]}",
            f"{day.day} de {month}, {day.year}",
            "La Red de Funcionarios de Enlace para el Combate a la Trata de Personas y al Tráfico "
            f"Ilícito de Migrantes, en reunión celebrada el {day.day} de {month} de {day.year} en "
            f"{city}, con la participación de los representantes de {', '.join(present[:-1])} y "
            f"{present[-1]}, presenta al Grupo Regional de Consulta sobre Migración su informe "
            "contenido en los siguientes puntos:",
        ]
    for n in range(1, rng.randrange(6, 13)):
        lines.append(
            f"{n}. " + " ".join(_sentence(rng, english) for _ in range(rng.randrange(1, 4)))
        )
        if rng.random() < 0.2:
            lines += [f"{letter}) {_sentence(rng, english)}" for letter in "ab"]
    return "\n".join(lines) + "\n"


# --- import ---------------------------------------------------------------------------------


def import_with_importer(name: str, text: str) -> None:
    """One file through the archive importer (what ``enlace import-report`` does)."""
    from enlace.imports.services import import_file

    outcome = import_file(user=access.SYSTEM, name=name, content=text.encode(), publish=True)
    if outcome.status != "created":
        raise RuntimeError(f"{name}: {outcome.status} {outcome.messages}")


def _use_default(name: str) -> None:
    """Point the ``default`` connection at a fresh file: the services open their transactions
    on ``default``, so what they write must go there, not through the router."""
    connection = connections["default"]
    connection.close()
    connection.settings_dict["NAME"] = str(Path(_TMP.name) / name)


def _prepare(alias: str) -> None:
    if alias.startswith("import"):
        _use_default(f"reports-{alias}.sqlite3")
        alias = "default"
    ScaleRouter.alias = alias
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    with transaction.atomic(using=alias):
        load_demo()


@dataclass
class ImportRun:
    reports: int
    seconds: float
    points: int
    entries: int
    batch_ms: list[float]

    @property
    def per_second(self) -> float:
        return self.reports / self.seconds

    @property
    def ms_per_report(self) -> float:
        """The median cost of one report over the timed batches."""
        return statistics.median(self.batch_ms)


IMPORT_BATCH = 10


def _import_batch(alias: str, names: list[str], texts: list[str]) -> float:
    _use_default(f"reports-{alias}.sqlite3")
    begin = time.perf_counter()
    for name, text in zip(names, texts, strict=True):
        import_with_importer(name, text)
    return (time.perf_counter() - begin) * 1000 / len(texts)


def bench_import(small: int, large: int) -> list[ImportRun]:
    """The cost of one report while the archive grows from 0 to ``small`` reports, against its
    cost while it grows from ``large - small`` to ``large``: both databases are prepared, the
    large one is filled with its first ``large - small`` reports (timed apart), then batches of
    ten go to one and the other in turn, so that whatever else the machine is doing weighs on
    both sizes alike."""
    for alias in ("import100", "import1000"):
        _prepare(alias)
    names = {c.code: (c.name_es, c.name_en) for c in Country.objects.filter(status="member")}
    rng = random.Random(1996)  # noqa: S311 (the same corpus on every run)
    texts = [report_text(i, rng, names) for i in range(large)]
    files = [f"report-{i:05}.txt" for i in range(large)]
    # One throw-away file first, so that neither size pays for compiling the recogniser.
    warm = report_text(large, random.Random(1), names)  # noqa: S311
    _use_default("reports-import100.sqlite3")
    before_small = Report.objects.count()
    _import_batch("import100", ["warm-up.txt"], [warm])
    _use_default("reports-import1000.sqlite3")
    before_large = Report.objects.count()
    fill = large - small
    fill_ms = _import_batch("import1000", files[:fill], texts[:fill]) if fill else 0.0
    batches: dict[str, list[float]] = {"import100": [], "import1000": []}
    for start in range(0, small, IMPORT_BATCH):
        order = ["import100", "import1000"]
        if (start // IMPORT_BATCH) % 2:
            order.reverse()
        for alias in order:
            offset = start if alias == "import100" else fill + start
            stop = min(offset + IMPORT_BATCH, (small if alias == "import100" else large))
            batches[alias].append(_import_batch(alias, files[offset:stop], texts[offset:stop]))
    runs = []
    for alias, count, before, extra_ms in (
        ("import100", small, before_small, 0.0),
        ("import1000", large, before_large, fill_ms * fill),
    ):
        _use_default(f"reports-{alias}.sqlite3")
        imported = Report.objects.count() - before - (1 if alias == "import100" else 0)
        if imported != count:
            raise RuntimeError(f"{imported} reports imported of {count}")
        timed = sum(batches[alias]) * IMPORT_BATCH / 1000
        runs.append(
            ImportRun(
                reports=count,
                seconds=timed + extra_ms / 1000,
                points=ReportPoint.objects.count(),
                entries=SearchEntry.objects.count(),
                batch_ms=batches[alias],
            )
        )
    return runs


# --- search data ----------------------------------------------------------------------------

REPORTS_PER_UNIT = 10_000
POINTS_PER_REPORT = 10
BATCH = 2_000


def _next_id(cursor: Any, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (our names)
    return int(cursor.fetchone()[0])


def _insert(cursor: Any, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join("%s" for _ in columns.split(","))
    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def grow_search(alias: str, reports: int, rng: random.Random) -> None:
    """``reports`` reports of ten points each, with their search entries, written in bulk
    straight to SQLite (the ORM would take minutes at 10x; the FTS5 index is filled by its
    triggers as in the platform).

    The texts are made of the corpus's sentences, each normalised once (the index is word by
    word, so an entry's normalised text is its sentences' normalised texts joined)."""
    _prepare(alias)
    bodies = [Body.objects.get(slug="trafficking-network").pk, Body.objects.get(slug="grcm").pk]
    countries = list(Country.objects.filter(status="member").values_list("pk", flat=True))
    codes = dict(Country.objects.values_list("pk", "code"))
    slugs = dict(Body.objects.values_list("pk", "slug"))
    sentences: dict[str, list[tuple[str, str]]] = {}
    for language in ("es", "en"):
        pool = {_sentence(rng, language == "en") for _ in range(3000)}
        sentences[language] = [(s, normalise(s, language)) for s in sorted(pool)]
    opening = (
        "La Red de Funcionarios de Enlace se reunió con la participación de los representantes "
        "de los países miembros y presenta su informe."
    )
    now = datetime.datetime.now(datetime.UTC).isoformat()
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        meeting_id = _next_id(cursor, "meetings_meeting")
        report_id = _next_id(cursor, "meetings_report")
        point_id = _next_id(cursor, "meetings_reportpoint")
        for first in range(0, reports, BATCH):
            meetings, participations, report_rows, points, entries = [], [], [], [], []
            for i in range(first, min(first + BATCH, reports)):
                # Spread over the 30 years at every size (7919 is prime to 11000), so that a
                # year filter finds meetings at 1x too.
                day = datetime.date(1996, 1, 1) + datetime.timedelta(days=i * 7919 % 11000)
                city, _ = rng.choice(CITIES)
                meetings.append(
                    (meeting_id, bodies[i % 3 == 0], f"Reunión n.º {i + 1}", day, day, city,
                     rng.choice(countries), "in_person", "public" if i % 10 else "network", now,
                     False)
                )  # fmt: skip
                taking_part = rng.sample(countries, 6)
                participations += [(meeting_id, c) for c in taking_part]
                language = "en" if i % 4 == 3 else "es"
                title = f"Informe de la reunión de la Red en {city}"
                published = bool(i % 5)
                report_rows.append(
                    (report_id, meeting_id, language, "report", title, city, f"{day:%d/%m/%Y}",
                     opening, "adopted" if published else "draft", published, False, now)
                )  # fmt: skip
                heading = f"{title}\n{city}\n{day:%d/%m/%Y}\n{opening}"
                filters = tags(
                    body=slugs[bodies[i % 3 == 0]],
                    year=day.year,
                    visibility="public" if i % 10 else "network",
                    countries=[codes[c] for c in taking_part],
                    status="adopted" if published else "draft",
                    published=published,
                )
                entries.append(
                    (report_id, None, language, heading, normalise(heading, language), filters)
                )
                for position in range(1, POINTS_PER_REPORT + 1):
                    chosen = [rng.choice(sentences[language]) for _ in range(rng.randrange(1, 4))]
                    text = " ".join(s for s, _ in chosen)
                    points.append((point_id, report_id, position, 0, text))
                    entries.append(
                        (report_id, point_id, language, text, " ".join(n for _, n in chosen),
                         filters)
                    )  # fmt: skip
                    point_id += 1
                meeting_id += 1
                report_id += 1
            _insert(
                cursor,
                "meetings_meeting",
                "id, body_id, title, start_date, end_date, city, country_id, format, visibility, "
                "updated_at, is_demo",
                meetings,
            )
            _insert(cursor, "meetings_participation", "meeting_id, country_id, note",
                    [(m, c, "") for m, c in participations])  # fmt: skip
            _insert(
                cursor,
                "meetings_report",
                "id, meeting_id, language, kind, title, place_line, date_line, opening, status, "
                "is_published, observers_invited, updated_at",
                report_rows,
            )
            _insert(cursor, "meetings_reportpoint", "id, report_id, position, level, text", points)
            _insert(
                cursor,
                "search_searchentry",
                "report_id, point_id, language, text, normalised, tags",
                entries,
            )


# --- search measurement ---------------------------------------------------------------------

QUERIES = [
    ("víctimas", "q=víctimas"),
    ("plan de trabajo", "q=plan+de+trabajo"),
    ("RROCM + filters", "q=RROCM&country=GTM&year=2005&status=adopted"),
    ("reintegration", "q=reintegration+fund"),
    ("no match", "q=inexistentísimo"),
]


@dataclass
class SearchSample:
    query: str
    user: str
    scale: int
    median_ms: float
    queries: int
    found: int


def _found(path: str, user: str, scale: int, scales: dict[int, str]) -> int:
    """How many reports the page says it found (read through the selector)."""
    from urllib.parse import parse_qsl

    from enlace.search.selectors import search
    from enlace.search.views import filters_from

    params = dict(parse_qsl(path))
    ScaleRouter.alias = scales[scale]
    who = User.objects.get(username="honduras") if user == "officer" else None
    results = search(who, params["q"], filters_from(params))
    return results.count() if results is not None else 0


def bench_search(scales: dict[int, str], repeat: int, rng: random.Random) -> list[SearchSample]:
    clients: dict[tuple[int, str], Client] = {}
    for scale, alias in scales.items():
        ScaleRouter.alias = alias
        officer = Client()
        officer.force_login(User.objects.get(username="honduras"))
        clients[(scale, "public")] = Client()
        clients[(scale, "officer")] = officer
    targets = [
        (label, path, user, scale)
        for label, path in QUERIES
        for user in ("public", "officer")
        for scale in scales
    ]

    def get(target: tuple[str, str, str, int]) -> Any:
        _, path, user, scale = target
        ScaleRouter.alias = scales[scale]
        response = clients[(scale, user)].get(f"/search/?{path}")
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        return response

    for target in targets:  # warm up
        get(target)
    times: dict[int, list[float]] = {i: [] for i in range(len(targets))}
    order = list(range(len(targets)))
    for _ in range(repeat):
        rng.shuffle(order)
        for i in order:
            begin = time.perf_counter()
            get(targets[i])
            times[i].append(time.perf_counter() - begin)
    samples = []
    for i, target in enumerate(targets):
        label, path, user, scale = target
        with CaptureQueriesContext(connections[scales[scale]]) as captured:
            get(target)
        found = _found(path, user, scale, scales)
        samples.append(
            SearchSample(
                query=label,
                user=user,
                scale=scale,
                median_ms=statistics.median(times[i]) * 1000,
                queries=len(captured),
                found=found,
            )
        )
    return samples


# --- main -----------------------------------------------------------------------------------


def _build_search(scale: int, alias: str, unit: int) -> tuple[float, dict[str, int]]:
    begin = time.perf_counter()
    grow_search(alias, unit * scale, random.Random(2008 + scale))  # noqa: S311
    seconds = time.perf_counter() - begin
    counts = {
        "reports": Report.objects.count(),
        "points": ReportPoint.objects.count(),
        "entries": SearchEntry.objects.count(),
    }
    return seconds, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=10, help="size of the large search data (10)")
    parser.add_argument("--budget", type=float, default=150, help="seconds for the data (150)")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per search (15)")
    parser.add_argument("--unit", type=int, default=REPORTS_PER_UNIT, help="reports at 1x (10,000)")
    parser.add_argument(
        "--imports", type=int, nargs=2, default=(100, 1000), help="the two import sizes"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args()
    started = time.perf_counter()
    print(
        f"Enlace report benchmark · Python {platform.python_version()} · Django "
        f"{django.get_version()} · SQLite {sqlite3.sqlite_version} · {os.cpu_count()} CPU"
    )

    small, large = args.imports
    runs = bench_import(small, large)
    print("\nImport (generated report texts through enlace.imports.services.import_file)")
    for run in runs:
        print(
            f"  {run.reports:>5} reports: {run.seconds:6.1f} s, {run.per_second:6.1f} reports/s, "
            f"{run.ms_per_report:6.1f} ms per report, median of the interleaved batches "
            f"({run.points} points, "
            f"{run.entries} search entries in the database)"
        )
    growth = runs[1].ms_per_report / runs[0].ms_per_report
    print(
        f"  cost of one report at {large:,} / at {small:,}: {growth:.2f} "
        "(target: at most 1.1; the last batches at each size, interleaved)"
    )

    seconds_1x, counts_1x = _build_search(1, "search1", args.unit)
    # The large data within the time budget: building grows linearly with the size.
    elapsed = time.perf_counter() - started
    affordable = int(max(args.budget - elapsed, 0) / seconds_1x)
    scale = max(2, min(args.scale, affordable))
    seconds_nx, counts_nx = _build_search(scale, "search10", args.unit)
    print(f"\nSearch data 1x: {counts_1x} (built in {seconds_1x:.0f} s)")
    print(
        f"Search data {scale}x: {counts_nx} (built in {seconds_nx:.0f} s)"
        + ("" if scale == args.scale else f"  [reduced from {args.scale}x to fit the budget]")
    )
    samples = bench_search({1: "search1", scale: "search10"}, args.repeat, random.Random(7))  # noqa: S311
    by_key = {(s.query, s.user, s.scale): s for s in samples}
    header = (
        f"{'query':<18} {'user':<7} {'found 1x':>8} {f'found {scale}x':>9} {'ms 1x':>7} "
        f"{f'ms {scale}x':>7} {'ratio':>6} {'q 1x':>4} {f'q {scale}x':>5}"
    )
    print(f"\nSearch page /search/ (median of {args.repeat} requests, in-process)\n{header}")
    print("-" * len(header))
    ratios = []
    equal = True
    for label, _ in QUERIES:
        for user in ("public", "officer"):
            a, b = by_key[(label, user, 1)], by_key[(label, user, scale)]
            ratio = b.median_ms / a.median_ms
            ratios.append(ratio)
            equal = equal and a.queries == b.queries
            print(
                f"{label:<18} {user:<7} {a.found:>8} {b.found:>9} {a.median_ms:>7.1f} "
                f"{b.median_ms:>7.1f} {ratio:>6.2f} {a.queries:>4} {b.queries:>5}"
            )
    print(f"\nQuery counts equal at 1x and {scale}x: {'yes' if equal else 'NO'}")
    print(
        f"Time {scale}x/1x: median {statistics.median(ratios):.2f}, worst {max(ratios):.2f} "
        f"(target for 10x: at most 2)"
    )
    print(f"(run took {time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "imports": [asdict(r) for r in runs],
                    "search_counts": {"1": counts_1x, str(scale): counts_nx},
                    "search": [asdict(s) for s in samples],
                },
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    try:
        main()
    finally:
        for conn in connections.all():
            conn.close()
        _TMP.cleanup()
