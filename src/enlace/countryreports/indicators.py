"""The fixed catalogue of the figures a country reports, along the four P's.

A figure is one number of a report in a long table: ``(indicator, crime, dimension, category,
value)``. ``dimension`` is empty for the total; otherwise the figure is one category of one
breakdown of that total (by sex, by age, by form of exploitation, by citizenship), never a cross
of two breakdowns. ``crime`` is ``tip`` (trafficking in persons) or ``som`` (smuggling of
migrants) for the prosecution indicators, which are reported for each crime apart, and empty
for the others.

The ``key`` of a figure, used as the form's field name, in the API and in the XLSX template,
is ``indicator[.crime].total`` or ``indicator[.crime].dimension.category``, e.g.
``victims_identified.total``, ``victims_identified.sex.female``, ``convictions.tip.total``.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

TIP, SOM = "tip", "som"
CRIMES: dict[str, Promise] = {
    TIP: _("trafficking in persons"),
    SOM: _("smuggling of migrants"),
}

SEX, AGE, FORM, CITIZENSHIP = "sex", "age", "form", "citizenship"
DIMENSIONS: dict[str, Promise] = {
    SEX: _("by sex"),
    AGE: _("by age"),
    FORM: _("by form of exploitation"),
    CITIZENSHIP: _("by citizenship"),
}

# The categories of each breakdown. Age has two groups (child, adult) and, within them, age
# bands; the groups and the bands each add up to the total, and the bands to their group.
CATEGORIES: dict[str, dict[str, Promise]] = {
    SEX: {
        "female": _("female"),
        "male": _("male"),
        "sex_unknown": pgettext_lazy("sex", "unknown"),
    },
    AGE: {
        "child": _("children (under 18)"),
        "adult": _("adults (18 and over)"),
        "age_unknown": pgettext_lazy("age", "unknown"),
        "b0_11": _("0–11 years"),
        "b12_17": _("12–17 years"),
        "b18_29": _("18–29 years"),
        "b30_49": _("30–49 years"),
        "b50_plus": _("50 years and over"),
    },
    FORM: {
        "sexual": _("sexual exploitation"),
        "forced_labour": _("forced labour"),
        "forced_marriage": _("forced marriage"),
        "begging": _("forced begging"),
        "organ_removal": _("organ removal"),
        "form_other": _("other forms of exploitation"),
    },
    CITIZENSHIP: {
        "national": _("nationals"),
        "foreign": _("foreign nationals"),
        "citizenship_unknown": pgettext_lazy("citizenship", "unknown"),
    },
}
AGE_GROUPS = ("child", "adult", "age_unknown")
AGE_BANDS = {"child": ("b0_11", "b12_17"), "adult": ("b18_29", "b30_49", "b50_plus")}

# UNODC's words for the categories, in the long CSV.
UNODC_CATEGORY = {
    "female": "Female",
    "male": "Male",
    "sex_unknown": "Unknown",
    "child": "Minor",
    "adult": "Adult",
    "age_unknown": "Unknown",
    "b0_11": "0-11",
    "b12_17": "12-17",
    "b18_29": "18-29",
    "b30_49": "30-49",
    "b50_plus": "50+",
    "sexual": "Sexual exploitation",
    "forced_labour": "Forced labour",
    "forced_marriage": "Forced marriage",
    "begging": "Forced begging",
    "organ_removal": "Removal of organs",
    "form_other": "Other purposes",
    "national": "Nationals",
    "foreign": "Foreign nationals",
    "citizenship_unknown": "Unknown",
}

# UN M49 (the UN Statistics Division's standard country or area codes for statistical use): the
# region and, as UNODC's data lays out the Americas, the intermediate region of Latin America and
# the Caribbean (Central America, the Caribbean, South America) or the sub-region Northern America.
M49_AMERICAS = "Americas"  # 019
M49_SUBREGIONS = {
    "BLZ": "Central America",  # 013
    "CRI": "Central America",
    "SLV": "Central America",
    "GTM": "Central America",
    "HND": "Central America",
    "MEX": "Central America",
    "NIC": "Central America",
    "PAN": "Central America",
    "CAN": "Northern America",  # 021
    "USA": "Northern America",
    "DOM": "Caribbean",  # 029
    "JAM": "Caribbean",
    "HTI": "Caribbean",
    "CUB": "Caribbean",
    "ARG": "South America",  # 005
    "COL": "South America",
    "ECU": "South America",
    "PER": "South America",
    "BRA": "South America",
    "CHL": "South America",
    "VEN": "South America",
    "BOL": "South America",
    "PRY": "South America",
    "URY": "South America",
}


def m49_region(iso3: str) -> tuple[str, str]:
    """(region, subregion) of a country by its ISO 3166-1 alpha-3 code; empty if not known."""
    subregion = M49_SUBREGIONS.get(iso3, "")
    return (M49_AMERICAS if subregion else "", subregion)


PILLARS: dict[str, Promise] = {
    "prevention": _("Prevention"),
    "protection": _("Protection"),
    "prosecution": _("Prosecution"),
    "partnership": _("Partnership"),
}


@dataclass(frozen=True)
class Indicator:
    code: str
    pillar: str
    label: Promise
    unit: str  # "persons", "cases", "count", "usd"
    crimes: tuple[str, ...] = ("",)
    dimensions: tuple[str, ...] = ()
    unodc: str = ""

    @property
    def counts_people(self) -> bool:
        return self.unit == "persons"


UNITS: dict[str, Promise] = {
    "persons": _("persons"),
    "cases": _("cases"),
    "count": _("number"),
    "usd": _("US dollars"),
}
UNODC_UNIT = {"persons": "Counts", "cases": "Counts", "count": "Counts", "usd": "US dollars"}

_VICTIMS = (SEX, AGE, FORM, CITIZENSHIP)
_CRIMES = (TIP, SOM)

INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in [
        Indicator("campaigns", "prevention", _("Awareness campaigns"), "count"),
        Indicator("campaign_reach", "prevention", _("People reached by campaigns"), "persons"),
        Indicator(
            "officials_trained", "prevention", _("Officials trained"), "persons", dimensions=(SEX,)
        ),
        Indicator(
            "victims_identified",
            "protection",
            _("Victims identified"),
            "persons",
            dimensions=_VICTIMS,
            unodc="Detected victims",
        ),
        Indicator(
            "victims_assisted",
            "protection",
            _("Victims assisted"),
            "persons",
            dimensions=_VICTIMS,
            unodc="Assisted victims",
        ),
        Indicator(
            "victims_repatriated",
            "protection",
            _("Victims repatriated or returned"),
            "persons",
            dimensions=(SEX, AGE, CITIZENSHIP),
            unodc="Repatriated victims",
        ),
        Indicator(
            "investigations",
            "prosecution",
            _("Investigations opened"),
            "cases",
            crimes=_CRIMES,
            unodc="Persons brought into formal contact with the police",
        ),
        Indicator(
            "prosecutions",
            "prosecution",
            _("Persons prosecuted"),
            "persons",
            crimes=_CRIMES,
            dimensions=(SEX,),
            unodc="Persons prosecuted",
        ),
        Indicator(
            "convictions",
            "prosecution",
            _("Persons convicted"),
            "persons",
            crimes=_CRIMES,
            dimensions=(SEX,),
            unodc="Persons convicted",
        ),
        Indicator(
            "prison_sentences",
            "prosecution",
            _("Prison sentences handed down"),
            "persons",
            crimes=_CRIMES,
            unodc="Persons sentenced to imprisonment",
        ),
        Indicator(
            "assets_confiscated",
            "prosecution",
            _("Assets confiscated"),
            "usd",
            crimes=_CRIMES,
            unodc="Assets confiscated",
        ),
        Indicator("agreements", "partnership", _("Agreements and memoranda signed"), "count"),
        Indicator("joint_operations", "partnership", _("Joint operations"), "count"),
    ]
}


class FigureKey(NamedTuple):
    indicator: str
    crime: str = ""
    dimension: str = ""
    category: str = ""

    @property
    def slug(self) -> str:
        parts = [self.indicator]
        if self.crime:
            parts.append(self.crime)
        parts += [self.dimension, self.category] if self.dimension else ["total"]
        return ".".join(parts)

    @property
    def total(self) -> "FigureKey":
        return FigureKey(self.indicator, self.crime)

    @property
    def is_total(self) -> bool:
        return not self.dimension

    def label(self) -> str:
        """The figure's name in the UI language, e.g. "Persons convicted (trafficking in
        persons), by sex: female"."""
        indicator = INDICATORS[self.indicator]
        text = str(indicator.label)
        if self.crime:
            text += f" ({CRIMES[self.crime]})"
        if self.dimension:
            text += f", {DIMENSIONS[self.dimension]}: {CATEGORIES[self.dimension][self.category]}"
        else:
            text += f", {_('total')}"
        return text


def parse_key(slug: str) -> FigureKey | None:
    """The key named by ``slug``, or ``None`` if the catalogue has no such figure."""
    parts = slug.strip().split(".")
    if not parts or parts[0] not in INDICATORS:
        return None
    indicator = INDICATORS[parts[0]]
    rest = parts[1:]
    crime = ""
    if indicator.crimes != ("",):
        if not rest or rest[0] not in indicator.crimes:
            return None
        crime, rest = rest[0], rest[1:]
    if rest == ["total"]:
        return FigureKey(indicator.code, crime)
    if len(rest) == 2 and rest[0] in indicator.dimensions and rest[1] in CATEGORIES[rest[0]]:
        return FigureKey(indicator.code, crime, rest[0], rest[1])
    return None


def series_keys(indicator: Indicator) -> list[FigureKey]:
    """Every figure of an indicator: the total and every category of every breakdown, for each
    crime."""
    keys = []
    for crime in indicator.crimes:
        keys.append(FigureKey(indicator.code, crime))
        for dimension in indicator.dimensions:
            keys += [
                FigureKey(indicator.code, crime, dimension, category)
                for category in CATEGORIES[dimension]
            ]
    return keys


def all_keys() -> list[FigureKey]:
    return [key for indicator in INDICATORS.values() for key in series_keys(indicator)]


def series_choices() -> list[tuple[str, str]]:
    """The (indicator[.crime], label) pairs of the dashboard's indicator filter."""
    choices = []
    for indicator in INDICATORS.values():
        for crime in indicator.crimes:
            code = f"{indicator.code}.{crime}" if crime else indicator.code
            label = str(indicator.label) + (f" ({CRIMES[crime]})" if crime else "")
            choices.append((code, label))
    return choices


def parse_series(code: str) -> tuple[Indicator, str] | None:
    name, _dot, crime = code.partition(".")
    indicator = INDICATORS.get(name)
    if indicator is None or crime not in indicator.crimes:
        return None
    return indicator, crime
