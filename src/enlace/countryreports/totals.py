"""The published figures summed by country and year (``FigureTotal``), kept in step with the
reports: recomputed by the database (one grouped query) for the country and year of a report
whenever it is published or corrected, and rebuilt whole by ``enlace countryreports_totals``
after a bulk load."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Sum

from enlace.countryreports.models import Figure, FigureTotal

_FIELDS = ("country_id", "year", "indicator", "crime", "dimension", "category")


def _grouped(figures: object) -> list[FigureTotal]:
    return [
        FigureTotal(**{name: row[name] for name in _FIELDS}, value=row["v"])
        for row in figures.order_by().values(*_FIELDS).annotate(v=Sum("value"))  # type: ignore[attr-defined]
    ]


@transaction.atomic
def refresh_totals(cells: Iterable[tuple[int, int]]) -> None:
    """Recompute the totals of these (country id, year) pairs."""
    for country_id, year in set(cells):
        FigureTotal.objects.filter(country_id=country_id, year=year).delete()
        FigureTotal.objects.bulk_create(
            _grouped(Figure.objects.filter(published=True, country_id=country_id, year=year))
        )


@transaction.atomic
def rebuild_totals() -> int:
    """Recompute every total; returns how many there are."""
    FigureTotal.objects.all().delete()
    totals = _grouped(Figure.objects.filter(published=True))
    FigureTotal.objects.bulk_create(totals, batch_size=5000)
    return len(totals)
