"""The checks of a report's figures, in one place: pure functions of the values as submitted, used
by the report's form, by the XLSX upload and by the API, so the three cannot disagree.

Rules:
- a figure is a whole number (``12``, ``12.0`` from a spreadsheet, ``"1 200"`` as typed are
  whole numbers; ``12.5``, ``"doce"`` are not), and never negative; an empty value is "not
  reported";
- a breakdown (by sex, by age group, by age band, by form of exploitation, by citizenship) that
  is reported must add up to its total, and a total must be given with its breakdown;
- the age bands of a group add up to that group (0–11 and 12–17 to the children).

Every error carries the key of the figure it is about (``FigureError.key``), so that the form
shows it beside the field, the XLSX upload names the sheet, row and column, and the API the
field; its message names the figure in the user's language.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from enlace.countryreports.indicators import (
    AGE,
    AGE_BANDS,
    AGE_GROUPS,
    CATEGORIES,
    DIMENSIONS,
    INDICATORS,
    FigureKey,
    series_keys,
)

MAX_VALUE = 10**12


@dataclass(frozen=True)
class FigureError:
    key: FigureKey
    message: str


@dataclass
class Checked:
    """The figures that are whole, non-negative numbers, and every error found."""

    values: dict[FigureKey, int]
    errors: list[FigureError]
    invalid: dict[FigureKey, str]  # what was typed where it is not a whole number

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_value(raw: object) -> tuple[int | None, str | None]:
    """``(value, None)`` for a whole non-negative number or an empty value (``None``), else
    ``(None, message)``."""
    if raw is None or isinstance(raw, bool):
        if isinstance(raw, bool):
            return None, _("Enter a whole number.")
        return None, None
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, _("Enter a whole number.")
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None, None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, _("Enter a whole number.")
        if not number.is_finite():
            return None, _("Enter a whole number.")
    if number != number.to_integral_value():
        return None, _("Enter a whole number, without decimals.")
    if number < 0:
        return None, _("A figure cannot be negative.")
    if number > MAX_VALUE:
        return None, _("This number is too large.")
    return int(number), None


def _sum_error(total_key: FigureKey, what: str, parts: int, total: int) -> str:
    return _(
        "%(figure)s: the figures %(breakdown)s add up to %(parts)s, but the total is %(total)s."
    ) % {"figure": total_key.label(), "breakdown": what, "parts": parts, "total": total}


def _check_breakdown(
    values: Mapping[FigureKey, int],
    total_key: FigureKey,
    keys: Iterable[FigureKey],
    what: str,
    errors: list[FigureError],
) -> None:
    given = [k for k in keys if k in values]
    if not given:
        return
    parts = sum(values[k] for k in given)
    total = values.get(total_key)
    if total is None:
        errors.append(
            FigureError(
                total_key,
                _("%(figure)s: give the total of the figures %(breakdown)s.")
                % {"figure": total_key.label(), "breakdown": what},
            )
        )
    elif parts != total:
        errors.append(FigureError(given[0], _sum_error(total_key, what, parts, total)))


def check_figures(raw: Mapping[FigureKey, object]) -> Checked:
    """Check every figure of a report; ``raw`` maps keys of the catalogue to what was entered."""

    values: dict[FigureKey, int] = {}
    errors: list[FigureError] = []
    invalid: dict[FigureKey, str] = {}
    for key, entered in raw.items():
        value, message = parse_value(entered)
        if message is not None:
            errors.append(FigureError(key, f"{key.label()}: {message}"))
            invalid[key] = str(entered)
        elif value is not None:
            values[key] = value
    # A series's sums are checked once every figure of it is a number.
    unsure = {(key.indicator, key.crime) for key in invalid}
    for indicator in INDICATORS.values():
        for crime in indicator.crimes:
            if (indicator.code, crime) in unsure:
                continue
            total = FigureKey(indicator.code, crime)
            for dimension in indicator.dimensions:
                what = str(DIMENSIONS[dimension])
                if dimension == AGE:
                    groups = [FigureKey(indicator.code, crime, AGE, g) for g in AGE_GROUPS]
                    _check_breakdown(values, total, groups, _("by age group"), errors)
                    bands = [
                        FigureKey(indicator.code, crime, AGE, b)
                        for group in AGE_BANDS.values()
                        for b in group
                    ]
                    if any(b in values for b in bands):
                        unknown = FigureKey(indicator.code, crime, AGE, "age_unknown")
                        _check_breakdown(values, total, [*bands, unknown], _("by age band"), errors)
                        for group, group_bands in AGE_BANDS.items():
                            group_key = FigureKey(indicator.code, crime, AGE, group)
                            band_group = [
                                FigureKey(indicator.code, crime, AGE, b) for b in group_bands
                            ]
                            if group_key in values and any(b in values for b in band_group):
                                parts = sum(values.get(b, 0) for b in band_group)
                                if parts != values[group_key]:
                                    errors.append(
                                        FigureError(
                                            band_group[0],
                                            _sum_error(
                                                group_key,
                                                _("by age band"),
                                                parts,
                                                values[group_key],
                                            ),
                                        )
                                    )
                    continue
                keys = [
                    FigureKey(indicator.code, crime, dimension, category)
                    for category in CATEGORIES[dimension]
                ]
                _check_breakdown(values, total, keys, what, errors)
    return Checked(values=values, errors=errors, invalid=invalid)


def known_keys() -> set[FigureKey]:
    return {key for indicator in INDICATORS.values() for key in series_keys(indicator)}
