"""The country reports demo: yearly reporting rounds of the ten years before the one the demo
is loaded in, for the 11 member countries, with figures along the four P's, narratives,
programmes, agreements, and the legislation matrix.

**Everything here is invented** (deterministic random numbers with a fixed seed, scaled
roughly to each country's size): the rounds are marked ``is_demo`` and the dashboard, the
public statistics and the reports say so with a banner. The figures are consistent (every
breakdown adds up to its total), so the demo's reports pass the checks.

The last round (last year's) shows every state of the review: Honduras's report is a draft,
Mexico's is submitted, Guatemala's queried by the secretariat, Costa Rica's accepted, the others
published; earlier rounds are all published, and one of them carries a correction (revision 2).

Safe to run again: a round that exists (by its period) is left as it is.
"""

import datetime
import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from enlace.audit.services import audit_record, snapshot
from enlace.countryreports.indicators import (
    AGE_BANDS,
    CATEGORIES,
    INDICATORS,
    FigureKey,
)
from enlace.countryreports.models import (
    Agreement,
    CountryReport,
    Figure,
    LegislationEntry,
    Programme,
    ReportingRound,
    ReviewEvent,
)
from enlace.countryreports.totals import rebuild_totals
from enlace.network.models import Country

YEARS = 10


def round_years(today: datetime.date) -> tuple[int, int]:
    """The first and the last year the demo's rounds report on: the ten years before today's."""
    return today.year - YEARS, today.year - 1


SEED = 2008
# A rough size of each country's yearly figures (victims identified), for plausible numbers.
SCALE = {
    "BLZ": 6,
    "CAN": 180,
    "CRI": 35,
    "DOM": 60,
    "SLV": 70,
    "GTM": 220,
    "HND": 110,
    "MEX": 650,
    "NIC": 25,
    "PAN": 40,
    "USA": 1800,
}
LAST_ROUND_STATES = {
    "HND": CountryReport.Status.DRAFT,
    "MEX": CountryReport.Status.SUBMITTED,
    "GTM": CountryReport.Status.QUERIED,
    "CRI": CountryReport.Status.ACCEPTED,
}
NARRATIVE = {
    "advances": (
        "Se fortaleció la coordinación interinstitucional para la identificación de víctimas "
        "y se actualizó el protocolo nacional de atención."
    ),
    "challenges": (
        "Aumento de la migración irregular extrarregional en tránsito y limitaciones de "
        "albergues especializados."
    ),
    "cooperation_needs": (
        "Intercambio de información para investigaciones conjuntas y capacitación en "
        "investigación financiera."
    ),
}


def split(total: int, weights: Sequence[float], rng: random.Random) -> list[int]:
    """``total`` divided among the weights (with some noise), in whole numbers that add up."""
    noisy = [w * rng.uniform(0.7, 1.3) for w in weights]
    scale = sum(noisy) or 1.0
    parts = [int(total * w / scale) for w in noisy]
    for i in rng.sample(range(len(parts)), len(parts)):
        if sum(parts) >= total:
            break
        parts[i] += 1
    while sum(parts) < total:
        parts[0] += 1
    return parts


def figures_for(code: str, year: int, rng: random.Random, first_year: int) -> dict[FigureKey, int]:
    """One country's consistent figures for one year."""
    size = SCALE.get(code, 20) * (1 + 0.04 * (year - first_year)) * rng.uniform(0.75, 1.25)
    out: dict[FigureKey, int] = {}

    def breakdowns(indicator: str, crime: str, total: int) -> None:
        dims = INDICATORS[indicator].dimensions
        out[FigureKey(indicator, crime)] = total
        weights = {
            "sex": [0.68, 0.3, 0.02],
            "citizenship": [0.7, 0.28, 0.02],
            "form": [0.55, 0.3, 0.03, 0.05, 0.0, 0.07],
        }
        for dim in dims:
            if dim == "age":
                child, adult, unknown = split(total, [0.35, 0.62, 0.03], rng)
                for cat, value in zip(
                    ("child", "adult", "age_unknown"), (child, adult, unknown), strict=True
                ):
                    out[FigureKey(indicator, crime, "age", cat)] = value
                for group, value in (("child", child), ("adult", adult)):
                    bands = AGE_BANDS[group]
                    for band, part in zip(
                        bands, split(value, [1.0] * len(bands), rng), strict=True
                    ):
                        out[FigureKey(indicator, crime, "age", band)] = part
                continue
            cats = list(CATEGORIES[dim])
            for cat, value in zip(cats, split(total, weights[dim], rng), strict=True):
                out[FigureKey(indicator, crime, dim, cat)] = value

    identified = max(0, round(size))
    breakdowns("victims_identified", "", identified)
    breakdowns("victims_assisted", "", round(identified * rng.uniform(0.6, 0.95)))
    breakdowns("victims_repatriated", "", round(identified * rng.uniform(0.05, 0.2)))
    for crime, factor in (("tip", 0.6), ("som", 1.4)):
        investigations = round(size * factor * rng.uniform(0.8, 1.2))
        prosecuted = round(investigations * rng.uniform(0.3, 0.6))
        convicted = round(prosecuted * rng.uniform(0.3, 0.7))
        out[FigureKey("investigations", crime)] = investigations
        breakdowns("prosecutions", crime, prosecuted)
        breakdowns("convictions", crime, convicted)
        out[FigureKey("prison_sentences", crime)] = round(convicted * rng.uniform(0.7, 1.0))
        out[FigureKey("assets_confiscated", crime)] = round(convicted * rng.uniform(2000, 30000))
    out[FigureKey("campaigns")] = rng.randint(1, 8)
    out[FigureKey("campaign_reach")] = round(size * rng.uniform(200, 800))
    breakdowns("officials_trained", "", round(size * rng.uniform(1.5, 4)))
    out[FigureKey("agreements")] = rng.randint(0, 4)
    out[FigureKey("joint_operations")] = rng.randint(0, 6)
    return out


def _status_for(code: str, year: int, last_year: int) -> str:
    if year == last_year:
        return LAST_ROUND_STATES.get(code, CountryReport.Status.PUBLISHED)
    return CountryReport.Status.PUBLISHED


@transaction.atomic
def load_countryreports_demo() -> None:
    members = {c.code: c for c in Country.objects.filter(status=Country.Status.MEMBER)}
    if not members:
        return
    rng = random.Random(SEED)  # noqa: S311 (demo figures, the same on every run)
    now = timezone.now()
    first_year, last_year = round_years(timezone.localdate())
    for year in range(first_year, last_year + 1):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        # Draw the numbers even when the round exists, so every year gets the same figures.
        drawn = {code: figures_for(code, year, rng, first_year) for code in sorted(members)}
        if ReportingRound.objects.filter(period_start=start, period_end=end).exists():
            continue
        round_ = ReportingRound.objects.create(
            title=f"Informe anual {year}",
            period_start=start,
            period_end=end,
            deadline=datetime.date(year + 1, 3, 31),
            is_demo=True,
        )
        audit_record(
            actor=None, action="reportinground.create", instance=round_, after=snapshot(round_)
        )
        for code, country in sorted(members.items()):
            status = _status_for(code, year, last_year)
            report = CountryReport.objects.create(
                round=round_,
                country=country,
                status=status,
                submitted_at=None if status == CountryReport.Status.DRAFT else now,
                published_at=now if status == CountryReport.Status.PUBLISHED else None,
                **NARRATIVE,
            )
            Figure.objects.bulk_create(
                Figure(
                    report=report,
                    country=country,
                    year=year,
                    published=status == CountryReport.Status.PUBLISHED,
                    indicator=key.indicator,
                    crime=key.crime,
                    dimension=key.dimension,
                    category=key.category,
                    value=value,
                )
                for key, value in drawn[code].items()
            )
            Programme.objects.create(
                report=report,
                kind=Programme.Kind.CAMPAIGN,
                name=f"Campaña «Abre los ojos» {year}",
                audience="Población general, zonas fronterizas",
                reach=drawn[code][FigureKey("campaign_reach")],
                period=str(year),
            )
            Agreement.objects.create(
                report=report,
                kind=Agreement.Kind.COUNTRIES,
                title="Memorando de entendimiento sobre repatriación de víctimas",
                partners="Países vecinos",
                signed_on=datetime.date(year, 6, 15),
            )
            events = []
            if status != CountryReport.Status.DRAFT:
                events.append(ReviewEvent.Action.SUBMITTED)
            if status == CountryReport.Status.QUERIED:
                events.append(ReviewEvent.Action.QUERIED)
            if status in (CountryReport.Status.ACCEPTED, CountryReport.Status.PUBLISHED):
                events.append(ReviewEvent.Action.ACCEPTED)
            if status == CountryReport.Status.PUBLISHED:
                events.append(ReviewEvent.Action.PUBLISHED)
            ReviewEvent.objects.bulk_create(
                ReviewEvent(
                    report=report,
                    action=action,
                    message=(
                        "Por favor confirme el total de víctimas identificadas."
                        if action == ReviewEvent.Action.QUERIED
                        else ""
                    ),
                )
                for action in events
            )
            if year == last_year - 2 and code == "PAN":
                report.revision = 2
                report.save(update_fields=["revision"])
                ReviewEvent.objects.create(
                    report=report,
                    action=ReviewEvent.Action.REVISED,
                    revision=2,
                    message="Corrección del número de investigaciones tras la auditoría anual.",
                )
    rebuild_totals()
    _load_legislation(members, random.Random(SEED + 1))  # noqa: S311


def _load_legislation(members: dict[str, Country], rng: random.Random) -> None:
    if LegislationEntry.objects.exists():
        return
    today = datetime.date.today()
    states = [LegislationEntry.State.IN_FORCE] * 6 + [
        LegislationEntry.State.PARTIAL,
        LegislationEntry.State.BILL,
    ]
    entries = []
    for _code, country in sorted(members.items()):
        for topic in LegislationEntry.Topic.values:
            entries.append(
                LegislationEntry(
                    country=country,
                    topic=topic,
                    status=rng.choice(states),
                    reference=f"Ley (demo) {rng.randint(10, 99)}-{rng.randint(2005, 2020)}",
                    last_confirmed=today - datetime.timedelta(days=rng.randint(20, 900)),
                )
            )
    # Every state at least once, whatever the draw.
    for entry, state in zip(entries, LegislationEntry.State.values, strict=False):
        entry.status = state
    LegislationEntry.objects.bulk_create(entries)
