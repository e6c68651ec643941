"""Recognises the parts of a meeting report from its plain text. Pure functions, no database.

A report of the network has the shape of the Tela 2008 report, in Spanish or English::

    INFORME DE LA REUNIÓN DE LA RED …            <- title (one or more heading lines)
    Tela, Honduras                                <- place line: city, country
    6 de mayo, 2008                               <- date line: a day or a range of days
    La Red …, con la participación de …, presenta al Grupo Regional … los siguientes puntos:
    1. …                                          <- points: numbered, lettered sub-points a), …
    2. …                                             or bulleted; continuation lines join

The parser is told the network's bodies and countries (their names in each language) and
returns a ``ParsedReport`` with what it recognised and a warning for what it did not.
"""

import datetime
import functools
import re
from collections.abc import Iterable, Sequence, Set
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from enlace.core.text import strip_accents

# A report with more points than this is refused (the setting ENLACE_MAX_REPORT_POINTS).
DEFAULT_MAX_POINTS = 5000


class NotAReport(ValueError):
    """The text cannot be a meeting report; the message says why."""


@dataclass(frozen=True)
class BodyName:
    slug: str
    names: tuple[str, ...]
    acronym: str = ""
    kind: str = ""  # Body.Kind: vice_ministerial, grcm, network, working_group


@dataclass(frozen=True)
class CountryName:
    code: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class OrganisationName:
    acronym: str
    names: tuple[str, ...]


@dataclass
class ParsedPoint:
    level: int  # 0: a point; 1: a sub-point a), b), … of the point before it
    text: str
    marker: str = ""  # as written: "1.", "b)", "•"


class Kind:
    """What a document of the archive is: its points are numbered, or its paragraphs."""

    REPORT = "report"
    CONCLUSIONS = "conclusions"
    DECLARATION = "declaration"
    COMMUNIQUE = "communique"


# How sure the parser is of a field: it read it where such a document writes it (high), it
# inferred it from elsewhere in the text (medium), or it did not find it (low).
HIGH, MEDIUM, LOW = "high", "medium", "low"


@dataclass
class ParsedReport:
    language: str = "es"
    kind: str = Kind.REPORT
    title: str = ""
    place_line: str = ""
    date_line: str = ""
    opening: str = ""
    body: str | None = None  # Body.slug of the body that met
    presented_to: str | None = None  # Body.slug of the body the document is presented to
    city: str = ""
    country: str | None = None  # Country.code of the host country
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    participants: list[str] = field(default_factory=list)  # Country.code, in the text's order
    observer_countries: list[str] = field(default_factory=list)  # listed apart as observers
    organisations: list[str] = field(default_factory=list)  # Organisation.acronym, likewise
    points: list[ParsedPoint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    confidence: dict[str, str] = field(default_factory=dict)  # field → HIGH, MEDIUM or LOW

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start_date"] = self.start_date.isoformat() if self.start_date else None
        data["end_date"] = self.end_date.isoformat() if self.end_date else None
        return data


# --- text normalisation -------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, punctuation as spaces, single spaces: for comparing names."""
    plain = strip_accents(text).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


_STOPWORDS = frozenset(
    [
        "de",
        "del",
        "la",
        "las",
        "el",
        "los",
        "al",
        "a",
        "y",
        "e",
        "para",
        "en",
        "the",
        "of",
        "and",
        "to",
        "in",
        "on",
        "for",
    ]
)


def _tokens(text: str) -> list[str]:
    return [t for t in fold(text).split() if t not in _STOPWORDS]


# --- dates --------------------------------------------------------------------------------------

MONTHS = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_DAY = r"\d{1,2}(?:st|nd|rd|th|º|°|o)?"
_JOIN = r"\s*(?:,|-|–|—|/|&|\by\b|\be\b|\bal\b|\ba\b|\bto\b|\band\b|\bthrough\b)\s*"
# At most 31 days in one list: a month has no more. Unbounded, a long line of numbers ("1, 2, 3,
# …" without a month) made every number start a scan to the end of the list: quadratic.
_DAYS = rf"(?P<days>{_DAY}(?:{_JOIN}{_DAY}){{0,30}})"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = [
    # 6 de mayo, 2008 · 6 de mayo de 2008 · 24 y 25 de junio de 2014 · del 3 al 5 de marzo de 2015
    # 6 May 2008 · from 3 to 5 March 2015 · 6th of May, 2008
    re.compile(
        rf"\b(?:(?:del|from)\s+)?{_DAYS}\s+(?:de\s+|of\s+)?{_MONTH}\b\.?\s*(?:,|de|del)?\s*{_YEAR}\b",
        re.IGNORECASE,
    ),
    # May 6th, 2008 · June 24-25, 2014 · from June 24 to 25, 2014
    re.compile(rf"\b(?:from\s+)?{_MONTH}\s+{_DAYS},?\s+{_YEAR}\b", re.IGNORECASE),
]
# 30 de junio al 2 de julio de 2015 · 30 June to 2 July 2015 · June 30 to July 2, 2015
_CROSS_MONTH = [
    re.compile(
        rf"\b(?:(?:del|from)\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th|º|°)?\s+(?:de\s+|of\s+)?"
        rf"(?P<m1>[a-záéíóú]+){_JOIN}(?P<d2>\d{{1,2}})(?:st|nd|rd|th|º|°)?\s+(?:de\s+|of\s+)?"
        rf"(?P<m2>[a-záéíóú]+),?\s*(?:de\s+)?{_YEAR}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:from\s+)?(?P<m1>[a-z]+)\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{_JOIN}"
        rf"(?P<m2>[a-z]+)\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
        re.IGNORECASE,
    ),
]


@dataclass(frozen=True)
class DateMatch:
    start: datetime.date
    end: datetime.date
    span: tuple[int, int]


# A date written without its year ("March 23rd and 24th"): the document's year completes it.
_YEARLESS = [
    re.compile(rf"\b(?:(?:del|from)\s+)?{_DAYS}\s+(?:de\s+|of\s+)?{_MONTH}\b", re.IGNORECASE),
    re.compile(rf"\b(?:from\s+)?{_MONTH}\s+{_DAYS}\b", re.IGNORECASE),
]


def _days_of(match: re.Match[str], year: int) -> DateMatch | None:
    month = MONTHS[fold(match["month"])]
    days = [int(d) for d in re.findall(r"\d{1,2}", match["days"])]
    try:
        start = datetime.date(year, month, min(days))
        end = datetime.date(year, month, max(days))
    except ValueError:
        return None
    return DateMatch(start, end, match.span())


def find_date(text: str, year: int | None = None) -> DateMatch | None:
    """The first date or range of dates in the text, in Spanish or English; a date without
    its year takes ``year`` when given (the year the document names elsewhere)."""
    found = _find_date(text)
    if found is None and year is not None:
        for pattern in _YEARLESS:
            for match in pattern.finditer(text):
                if (dated := _days_of(match, year)) is not None:
                    return dated
    return found


def _find_date(text: str) -> DateMatch | None:
    found: list[DateMatch] = []
    for pattern in _CROSS_MONTH:
        for match in pattern.finditer(text):
            m1 = MONTHS.get(fold(match["m1"]))
            m2 = MONTHS.get(fold(match["m2"]))
            if m1 is None or m2 is None:
                continue
            try:
                year = int(match["year"])
                start = datetime.date(year, m1, int(match["d1"]))
                end = datetime.date(year, m2, int(match["d2"]))
            except ValueError:
                continue
            if end >= start:
                found.append(DateMatch(start, end, match.span()))
                break
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if (dated := _days_of(match, int(match["year"]))) is not None:
                found.append(dated)
                break
    if not found:
        return None
    # The earliest in the text; at the same place the longest (a cross-month range).
    return min(found, key=lambda d: (d.span[0], -(d.span[1] - d.span[0])))


# --- countries and bodies -----------------------------------------------------------------------

_COUNTRY_PREFIXES = ("republica de ", "republic of ", "the ", "la ", "el ")
_EXTRA_ALIASES = {
    # Estados Unidos de América, the United States of America, EE.UU.
    "estados unidos de america": ("estados unidos", "ee uu", "eeuu", "eua", "usa", "u s a"),
    "united states of america": ("united states", "usa", "u s a", "u s", "us"),
    "mexico": ("estados unidos mexicanos", "united mexican states"),
}


# The names of a country or an organisation are folded once, not once for every item of a list
# of participants (the work of each item would otherwise grow with the network's names).
@functools.lru_cache(maxsize=1024)
def _aliases(country: CountryName) -> frozenset[str]:
    names: set[str] = set()
    for name in country.names:
        folded = fold(name)
        if not folded:
            continue
        names.add(folded)
        names.update(_EXTRA_ALIASES.get(folded, ()))
    return frozenset(names)


def _strip_prefixes(name: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _COUNTRY_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix) :]
                changed = True
    return name


@functools.lru_cache(maxsize=1024)
def _all_aliases(country: CountryName) -> frozenset[str]:
    """The country's names, also without "the", "República de", …"""
    aliases = _aliases(country)
    return aliases | {_strip_prefixes(a) for a in aliases}


def match_country(name: str, countries: Sequence[CountryName]) -> str | None:
    """The code of the country a name means (any language, with or without "the" or
    "República"), or None."""
    folded = fold(name)
    candidates = {folded, _strip_prefixes(folded)}
    for country in countries:
        if candidates & _all_aliases(country):
            return country.code
    return None


def find_countries(text: str, countries: Sequence[CountryName]) -> list[str]:
    """The codes of the countries named in a text, in order of first mention."""
    return _first_mentions(text, ((country.code, _all_aliases(country)) for country in countries))


# The acronyms international organisations go by in Spanish and French, beside their own.
_ORGANISATION_ACRONYMS = {
    "iom": ("oim",),
    "unhcr": ("acnur", "hcr"),
    "ilo": ("oit",),
    "unodc": ("onudd",),
    "unicef": (),
}


@functools.lru_cache(maxsize=1024)
def _organisation_aliases(organisation: OrganisationName) -> frozenset[str]:
    acronym = fold(organisation.acronym)
    names = {fold(name) for name in organisation.names} | {acronym}
    names.update(_ORGANISATION_ACRONYMS.get(acronym, ()))
    return frozenset(name for name in names if name)


def find_organisations(text: str, organisations: Sequence[OrganisationName]) -> list[str]:
    """The acronyms of the organisations named in a text (by a name in any language or an
    acronym: "la OIM", "the International Organization for Migration"), in order of mention."""
    return _first_mentions(text, ((o.acronym, _organisation_aliases(o)) for o in organisations))


@functools.lru_cache(maxsize=4096)
def _mention(alias: str) -> re.Pattern[str]:
    """A folded name as a whole word in a folded text (between the spaces around it)."""
    return re.compile(" " + re.escape(alias) + " ")


def _first_mentions(text: str, candidates: Iterable[tuple[str, Set[str]]]) -> list[str]:
    """The keys whose aliases stand in the text as whole words, in order of first mention."""
    folded = " " + fold(text) + " "
    hits: list[tuple[int, int, str]] = []
    for key, aliases in candidates:
        for alias in aliases:
            if len(alias) < 2 or (alias in {"us", "u s"}):  # "us" is an English word
                continue
            for match in _mention(alias).finditer(folded):
                hits.append((match.start(), match.end(), key))
    # Longest first at each place, no overlaps: "República Dominicana" is not "Dominica".
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    taken_until = -1
    keys: dict[str, None] = {}  # an ordered set
    for start, end, key in hits:
        if start < taken_until:
            continue
        taken_until = end - 1
        keys.setdefault(key)
    return list(keys)


# How the CRM's bodies have been named over the years, in both languages, beside the names the
# network keeps for each (matched first): folded text, a whole phrase. A name of a network or a
# working group says its kind; the words around it ("…de Protección Consular", "…to Combat
# Migrant Smuggling") say which body of that kind.
_KIND_PHRASES = {
    "grcm": (
        r"(?:reunion del )?grupo regional de consulta(?: sobre (?:la )?migracion)?"
        r"(?: de la (?:crm|conferencia regional sobre migracion))?(?: grcm| rcgm| crm)?",
        r"regional consultation group(?: on migration)?"
        r"(?: of the (?:rcm|regional conference on migration))?(?: rcgm| grcm)?",
        r"rcgm",
        r"grcm",
    ),
    "vice_ministerial": (
        r"(?:[xvi]+ )?reunion viceministerial(?: de la conferencia regional sobre migracion)?",
        r"(?:declaracion de )?(?:los )?(?:as )?vice ?ministr[oa]s?(?: as)?",
        r"(?:[xvi]+ )?vice ministerial meeting(?: of the regional conference on migration)?",
        r"vice ministers",
        r"(?:la )?(?:[xvi]+ )?conferencia regional sobre migracion",
        r"(?:the )?(?:[xvi]+ )?regional conference on migration",
    ),
    "network": (
        r"red(?: regional)? de (?:funcionari[oa]s|oficiales) de enlace",
        r"red de enlace",
        r"(?:regional )?network of liaison officers?",
        r"liaison officers? network",
        r"reseau des fonctionnaires de liaison",
    ),
    "working_group": (
        r"grupo (?:de trabajo )?ad hoc",
        r"grupo de trabajo",
        r"ad hoc (?:working )?group",
        r"working group",
        r"groupe (?:de travail )?ad hoc",
    ),
}
# Words of a body's names that say nothing of which body it is.
_GENERIC_WORDS = frozenset(
    [
        "red",
        "network",
        "reseau",
        "funcionarios",
        "funcionarias",
        "oficiales",
        "fonctionnaires",
        "officers",
        "officer",
        "liaison",
        "enlace",
        "grupo",
        "group",
        "groupe",
        "ad",
        "hoc",
        "working",
        "trabajo",
        "travail",
        "reunion",
        "meeting",
        "regional",
        "sobre",
        "materia",
        "combate",
        "combat",
        "lutte",
        "contre",
        "contra",
        "against",
        "les",
        "des",
        "le",
        "sur",
        "pour",
        "par",
        "con",
        "with",
        "by",
    ]
)


def _stem(word: str) -> str:
    """A word's first five letters: "migrantes", "migrant", "migrants" are one."""
    return word[:5]


@functools.lru_cache(maxsize=256)
def _topic(body: BodyName) -> frozenset[str]:
    return frozenset(
        _stem(word)
        for name in body.names
        for word in _tokens(name)
        if word not in _GENERIC_WORDS and len(word) > 2
    )


@functools.lru_cache(maxsize=64)
def _kind_pattern(kind: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(_KIND_PHRASES[kind]) + r")(?![a-z0-9])")


def find_bodies(text: str, bodies: Sequence[BodyName]) -> list[tuple[int, str, bool]]:
    """Each mention of a body in the text as (position in the folded text, slug, sure), in
    order: by one of its names or its acronym (sure), or by a name the CRM's documents have used
    for a body of its kind, the words that follow saying which one (sure when they do, or when
    the network has one body of that kind)."""
    folded = " " + fold(text) + " "
    hits: list[tuple[int, int, str, bool]] = []
    for body in bodies:
        for name in (*body.names, body.acronym):
            alias = fold(name)
            if len(alias) >= 3:
                hits.extend(
                    (m.start(), m.end(), body.slug, True) for m in _mention(alias).finditer(folded)
                )
    by_kind: dict[str, list[BodyName]] = {}
    for body in bodies:
        by_kind.setdefault(body.kind, []).append(body)
    for kind, candidates in by_kind.items():
        if kind not in _KIND_PHRASES:
            continue
        for match in _kind_pattern(kind).finditer(folded):
            window = {_stem(w) for w in folded[match.start() : match.end() + 90].split()}
            scored = [(len(_topic(body) & window), -i, body) for i, body in enumerate(candidates)]
            score, _order, best = max(scored, key=lambda item: item[:2])
            hits.append((match.start(), match.end(), best.slug, score > 0 or len(candidates) == 1))
    # Longest first at each place, no overlaps: the GRCM "de la Conferencia Regional sobre
    # Migración" is not also the Conference.
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    mentions: list[tuple[int, str, bool]] = []
    taken_until = -1
    for start, end, slug, sure in hits:
        if start < taken_until:
            continue
        taken_until = end - 1
        mentions.append((start, slug, sure))
    return mentions


_PRESENTS = re.compile(
    r"\b(?:presenta|presentan|presentado|presentada|somete|eleva|present|presents|presented|"
    r"submits|submitted)\b"
)


def find_body(
    title: str, opening: str, bodies: Sequence[BodyName]
) -> tuple[str | None, str | None, bool]:
    """(the body that met, the body the document is presented to, whether the first is sure).

    The body that met is the opening's subject (a body named before "presenta"/"submits"), or
    else the title's, or else the opening's first; the one named after the verb is the body it
    presents to ("…submits its report to the RCGM")."""

    def split(text: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
        folded = " " + fold(text) + " "
        verb = _PRESENTS.search(folded)
        cut = verb.start() if verb else len(folded)
        mentions = find_bodies(text, bodies)
        return (
            [(slug, sure) for at, slug, sure in mentions if at < cut],
            [(slug, sure) for at, slug, sure in mentions if at >= cut],
        )

    title_before, title_after = split(title)
    opening_before, opening_after = split(opening)
    met = next(iter(opening_before or title_before or opening_after or title_after), None)
    presented = [slug for slug, _sure in (*opening_after, *title_after) if met and slug != met[0]]
    return (
        met[0] if met else None,
        presented[0] if presented else None,
        bool(met and met[1]),
    )


# --- language -----------------------------------------------------------------------------------

_ES_WORDS = frozenset(
    [
        "de",
        "la",
        "el",
        "los",
        "las",
        "que",
        "y",
        "en",
        "del",
        "para",
        "con",
        "por",
        "se",
        "su",
        "al",
    ]
)
_EN_WORDS = frozenset(
    ["the", "of", "and", "to", "in", "for", "with", "that", "on", "by", "its", "was", "were"]
)


def detect_language(text: str) -> str:
    words = fold(text).split()
    spanish = sum(1 for w in words if w in _ES_WORDS)
    english = sum(1 for w in words if w in _EN_WORDS)
    return "en" if english > spanish else "es"


# --- points -------------------------------------------------------------------------------------

_NUMBERED = re.compile(
    r"^(?P<n>\d{1,3})\s*(?P<mark>\.-|\.–|[.)]|[-–])(?:\s+|(?=[A-ZÁÉÍÓÚÑ“\"«(]))(?P<text>\S.*)$"
)
_LETTERED = re.compile(
    r"^(?:\((?P<a>[a-zA-Z])\)|(?P<b>[a-zA-Z])\)|(?P<c>[a-z])\.)\s*(?P<text>\S.*)$"
)
# Bullets of any glyph: those of word processors, the private-use glyphs a PDF of Word's
# Symbol font gives (U+F0B7, U+F0A7, U+F0D8, …), dashes and asterisks.
_BULLET_GLYPHS = "•▪◦·●○■□◆◇►▶➢➤✓✔‣⁃∙\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\\-*–—−"
_BULLET = re.compile(rf"^(?P<mark>[{_BULLET_GLYPHS}])\s*(?P<text>\S.*)$")
_BULLET_ALONE = re.compile(rf"^[{_BULLET_GLYPHS}]$")
# Roman numerals from I to 39, upper case (lower-case "i." is a lettered sub-point).
_ROMAN = re.compile(r"^(?P<n>X{0,3}(?:IX|IV|V?I{0,3}))\s*(?P<mark>[.)]|\.-|[-–])\s+(?P<text>\S.*)$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


_PAGE_FURNITURE = re.compile(
    r"^(?:\d{1,3}|(?:página|pagina|page)\s+\d+(?:\s+(?:de|of)\s+\d+)?)$", re.I
)
_SENTENCE_END = (".", ":", ";", "!", "?", "…", '"', "”", "»")


class _Text:
    """A text made of a line and its continuation lines: a wrapped line joins with a space, a
    new paragraph with a newline. The pieces are joined once at the end; joining each line to
    the text so far would copy that text at every line (quadratic in a long point)."""

    __slots__ = ("pieces",)

    def __init__(self, first: str) -> None:
        self.pieces = [first]

    def add(self, line: str, after_blank: bool) -> None:
        # The text so far ends with its last piece, a line without trailing spaces.
        ends_sentence = self.pieces[-1].rstrip().endswith(_SENTENCE_END)
        self.pieces.append("\n" if after_blank or ends_sentence else " ")
        self.pieces.append(line)

    def __str__(self) -> str:
        return "".join(self.pieces)


@dataclass
class _Line:
    text: str
    after_blank: bool


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n"):
        line = " ".join(raw.replace("\u00a0", " ").split())
        if not line or _PAGE_FURNITURE.match(line):
            blank = True
            continue
        if lines and _BULLET_ALONE.match(lines[-1].text):
            # A marker alone on its line, its text on the next: "-" then "El país…".
            lines[-1].text = f"{lines[-1].text} {line}"
        else:
            lines.append(_Line(line, blank))
        blank = False
    return lines


# (kind, marker, text) of a line that starts a point: kind is number, letter or bullet.
_Marker = tuple[str, str, str] | None


def _point_marker(line: str) -> _Marker:
    """(kind, marker, text) if the line starts a point: kind is number, letter or bullet."""
    if match := _NUMBERED.match(line):
        return "number", match["n"] + match["mark"], match["text"]
    if (match := _ROMAN.match(line)) and match["n"]:
        return "number", match["n"] + match["mark"], match["text"]
    if match := _LETTERED.match(line):
        letter = match["a"] or match["b"] or match["c"]
        marker = f"({letter})" if match["a"] else letter + (")" if match["b"] else ".")
        return "letter", marker, match["text"]
    if match := _BULLET.match(line):
        return "bullet", match["mark"], match["text"]
    return None


def _parse_points(lines: list[_Line], markers: list[_Marker], report: ParsedReport) -> None:
    """The points of ``lines``, whose point markers (``_point_marker``) are ``markers``.

    Linear in the lines: the points so far are counted as they come, and each point's text is
    joined once at the end."""
    has_numbers = any(m is not None and m[0] == "number" for m in markers)
    previous_number: int | None = None
    restarts = 0
    level_0 = 0  # the points of level 0 so far
    texts: list[_Text] = []  # each point's text, in the order of report.points

    def add(point: ParsedPoint) -> None:
        nonlocal level_0
        if point.level == 0:
            level_0 += 1
        report.points.append(point)
        texts.append(_Text(point.text))

    for line, marker in zip(lines, markers, strict=True):
        if marker is None:
            if texts:
                texts[-1].add(line.text, line.after_blank)
            continue
        kind, mark, text = marker
        if kind == "number":
            digits = re.sub(r"\D", "", mark)
            number = int(digits) if digits else _roman(re.sub(r"[^IVX]", "", mark))
            expected = level_0 + 1
            if number == 1 and level_0 > 0:
                # A web copy that broke its lists numbers every list from 1 again.
                restarts += 1
            elif previous_number is not None and number == previous_number:
                report.warnings.append(
                    _("Point number %(n)s is repeated; the points are numbered in order.")
                    % {"n": number}
                )
            elif number != expected:
                report.warnings.append(
                    _(
                        "Point number %(n)s where %(expected)s was expected; the points are "
                        "numbered in order."
                    )
                    % {"n": number, "expected": expected}
                )
            previous_number = number
            add(ParsedPoint(0, text, mark))
        elif kind == "letter" or (kind == "bullet" and has_numbers):
            if report.points:
                add(ParsedPoint(1, text, mark))
            else:
                report.warnings.append(
                    _("The sub-point “%(text)s” comes before any point; it was made a point.")
                    % {"text": f"{mark} {text[:40]}"}
                )
                add(ParsedPoint(0, text, mark))
        else:
            add(ParsedPoint(0, text, mark))
    for point, joined in zip(report.points, texts, strict=True):
        point.text = str(joined)
    if restarts:
        report.warnings.append(
            ngettext(
                "The numbering restarts at 1 (%(count)s time); the points were numbered in order.",
                "The numbering restarts at 1 (%(count)s times); the points were numbered in order.",
                restarts,
            )
            % {"count": restarts}
        )


# --- the heading --------------------------------------------------------------------------------

_OPENING_VERB = re.compile(r"\b(presenta|presentan|present|presents|submits|somete|eleva)\b", re.I)
# The words that end the list of participants: the verb of the opening sentence.
_LIST_END = (
    r"presenta|presentan|presents|present|submits|somete|eleva|formul\w*|acord\w*|adopt\w*|"
    r"aprob\w*|decid\w*|reached|agreed|approved|decided|made|issued|emiti\w*|reafirm\w*|reaffirm\w*"
)
_PARTICIPANTS = re.compile(
    r"(?:(?:participaci[oó]n|asistencia|presencia|participation|attendance|presence)\s+"
    r"(?:de|of)|(?:en\s+la\s+(?:que|cual)\s+)?participaron|(?:which|that)\s+was\s+attended\s+by|"
    r"attended\s+by)\s+(?P<list>.+?)(?:,?\s+(?:" + _LIST_END + r")\b|$)",
    re.I | re.S,
)
# "…, y como observadores Colombia y Ecuador", "and, as observers, Argentina and Peru".
_OBSERVERS = re.compile(
    r",?\s*(?:\b(?:y|and|así\s+como|as\s+well\s+as)\b\s*,?\s*)?"
    r"(?:\bcomo\s+observador(?:es|as)?|\ben\s+calidad\s+de\s+observador(?:es|as)?|"
    r"\bas\s+observers?|\bobservador(?:es|as)?\s*:|\bobservers?\s*:)\s*,?",
    re.I,
)
_DELEGATION_WORDS = re.compile(
    r"^(?:(?:los|las|the)\s+)?(?:representantes|delegaciones|delegados|representatives|"
    r"delegations|delegates)\s+(?:de|of)\s+(?:(?:los|las|the)\s+)?"
    r"(?:(?:pa[ií]ses|gobiernos|countries|governments)\s+(?:de|of)\s+)?",
    re.I,
)
_PLACE_WORD = r"[A-ZÁÉÍÓÚÑ][\w'.\-]*"
_PLACE_NAME = rf"{_PLACE_WORD}(?:\s+(?:(?:de|del|la|las|los|el)\s+)?{_PLACE_WORD})*"
_PLACE_IN_TEXT = re.compile(
    r"\b(?:en|in)\s+(?:la\s+ciudad\s+de\s+|the\s+city\s+of\s+|la\s+(?=Antigua))?"
    rf"(?P<place>{_PLACE_NAME}(?:,\s*{_PLACE_NAME}){{0,3}})"
)
# Cities that documents name without their country ("Washington, DC", "la Antigua Guatemala").
_CITIES = {
    "washington dc": "USA",
    "washington d c": "USA",
    "antigua guatemala": "GTM",
    "la antigua guatemala": "GTM",
    "ciudad de guatemala": "GTM",
    "ciudad de mexico": "MEX",
    "ciudad de panama": "PAN",
    "tegucigalpa": "HND",
    "san salvador": "SLV",
    "managua": "NIC",
    "belmopan": "BLZ",
    "ottawa": "CAN",
    "santo domingo": "DOM",
}
_DISTRICT = frozenset(["dc", "d c", "mdc", "m d c", "d f", "df", "cdmx"])


def _split_place(place: str, countries: Sequence[CountryName]) -> tuple[str, str | None]:
    """(city, country code) from "Tela, Honduras", "Tapachula, Chiapas, México" (the city, not
    its state), "Washington, D.C., United States" or "la Antigua Guatemala"."""
    parts = [p.strip() for p in place.strip(" ,.;").split(",") if p.strip()]
    if not parts:
        return "", None
    code = match_country(parts[-1], countries) if len(parts) > 1 else None
    named = parts[:-1] if code is not None else parts
    city = named[0]
    if len(named) > 1 and fold(named[1]) in _DISTRICT and fold(city) == "washington":
        city = f"{city}, {named[1]}"
    city = re.sub(r"^(?:la|el)\s+(?=[A-ZÁÉÍÓÚÑ])", "", city)
    if code is None and len(parts) <= 2:
        code = _CITIES.get(fold(", ".join(parts))) or _CITIES.get(fold(city))
    if code is None:
        return ", ".join(parts), None
    return city, code


def _participants(
    opening: str,
    countries: Sequence[CountryName],
    organisations: Sequence[OrganisationName],
    report: ParsedReport,
) -> None:
    match = _PARTICIPANTS.search(opening)
    if match is None:
        report.warnings.append(
            _("The participating countries were not found in the opening paragraph.")
        )
        return
    segment = _DELEGATION_WORDS.sub("", match["list"].strip())
    observers = ""
    if split := _OBSERVERS.search(segment):
        segment, observers = segment[: split.start()], segment[split.end() :]
        report.observer_countries = find_countries(observers, countries)
    report.participants = find_countries(segment, countries)
    report.organisations = find_organisations(segment, organisations)
    for item in re.split(r",|;|\s+y\s+|\s+e\s+|\s+and\s+|\s+as well as\s+|\s+así como\s+", segment):
        item = _DELEGATION_WORDS.sub("", item.strip(" .")).strip()
        if (
            item
            and not find_countries(item, countries)
            and not find_organisations(item, organisations)
        ):
            report.warnings.append(
                _("“%(name)s” is not a country of the network; it was left out.") % {"name": item}
            )
    if not report.participants:
        report.warnings.append(_("No participating country was recognised."))


def _place_in_text(text: str, countries: Sequence[CountryName]) -> tuple[str, str | None]:
    """The first "en Tela, Honduras" / "in Washington, DC" of a sentence that names a place."""
    for match in _PLACE_IN_TEXT.finditer(text):
        parts = match["place"].split(",")
        # The longest run of parts that ends with a country, or names a known city.
        for end in range(len(parts), 0, -1):
            city, code = _split_place(",".join(parts[:end]), countries)
            if code is not None:
                return city, code
    return "", None


def _find_place_line(
    head: list[_Line], indices: Iterable[int], countries: Sequence[CountryName]
) -> int | None:
    for i in indices:
        if (
            0 <= i < len(head)
            and len(head[i].text) <= 80
            and find_date(head[i].text) is None
            and _split_place(head[i].text, countries)[1] is not None
        ):
            return i
    return None


# The first line of a document of the network: its title says what it is.
_TITLE_WORDS = re.compile(
    r"^(?:informe|report|reporte|conclusiones|conclusions|declaraci[oó]n|declaration|"
    r"comunicado|joint\s+communiqu[eé]|communiqu[eé]|acta|minutes|reuni[oó]n|meeting)\b",
    re.I,
)
# A cover letter: "Tengo el honor de remitir…", "Señora Secretaria Técnica:", "Oficio No. 45".
_LETTER_WORDS = re.compile(
    r"\b(?:tengo el honor|me complace|me permito|remito|remitirle|adjunto|oficio|estimad[oa]s?|"
    r"señor(?:a|es)?|i have the hono(?:u)?r|please find|dear|enclosed)\b",
    re.I,
)
_LETTER_CLOSING = re.compile(
    r"^(?:atentamente|cordialmente|respetuosamente|sin otro particular|saludos cordiales|"
    r"sincerely|yours sincerely|yours faithfully|best regards|kind regards)\b",
    re.I,
)
_CONCLUSIONS_HEADING = re.compile(
    r"^(?:las\s+siguientes\s+)?(conclusiones|conclusions)\s*:?$", re.I
)
_CONCLUSIONS_OPENING = re.compile(
    r"\b(?:formul[oó]|adopt[oó]|alcanz[oó]|lleg[oó] a|reached|adopted|made)\s+(?:las|los|the)?\s*"
    r"(?:siguientes|following)\s*(?:conclusiones|conclusions)?\s*:?\s*$",
    re.I,
)
_DECLARATION = re.compile(r"\b(?:declaraci[oó]n|declaration)\b", re.I)
_COMMUNIQUE = re.compile(r"\b(?:comunicado|communiqu[eé])\b", re.I)


def _without_cover_letter(lines: list[_Line]) -> list[_Line]:
    """The document inside a cover letter: from its title to the letter's closing."""
    title = next(
        (i for i, line in enumerate(lines) if _TITLE_WORDS.match(line.text) and i > 0), None
    )
    if title is not None and any(_LETTER_WORDS.search(line.text) for line in lines[:title]):
        lines = lines[title:]
    closing = next((i for i, line in enumerate(lines) if _LETTER_CLOSING.match(line.text)), None)
    return lines[:closing] if closing else lines


def _is_heading(line: str) -> bool:
    """A title line: in capitals, or short and not a sentence."""
    letters = [c for c in line if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    if letters and capitals >= 0.7 * len(letters):
        return True
    return len(line) <= 160 and not line.endswith((":", ";", ",")) and find_date(line) is None


def _kind(head: list[_Line]) -> str:
    title = " ".join(line.text for line in head[:3] if _is_heading(line.text))
    if _DECLARATION.search(title):
        return Kind.DECLARATION
    if _COMMUNIQUE.search(title):
        return Kind.COMMUNIQUE
    if any(_CONCLUSIONS_HEADING.match(line.text) for line in head) or any(
        _CONCLUSIONS_OPENING.search(line.text) for line in head
    ):
        return Kind.CONCLUSIONS
    return Kind.REPORT


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if line.after_blank or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line)
    return paragraphs


def _document_year(lines: list[_Line]) -> int | None:
    """The year a document names first: the year of a date written without it."""
    for line in lines:
        if match := re.search(r"\b(?:19|20)\d{2}\b", line.text):
            return int(match.group())
    return None


def parse_report(
    text: str,
    *,
    bodies: Sequence[BodyName],
    countries: Sequence[CountryName],
    organisations: Sequence[OrganisationName] = (),
) -> ParsedReport:
    """Recognise a document's parts: a report or conclusions with numbered (or bulleted) points,
    a declaration or communiqué of paragraphs. Raises ``NotAReport`` when the text is empty, has
    no date, no points, or more points than ``ENLACE_MAX_REPORT_POINTS``.

    Runs in time linear in the size of the text."""
    lines = _lines(text)
    if not lines:
        raise NotAReport(_("The file is empty."))
    lines = _without_cover_letter(lines)
    markers = [_point_marker(line.text) for line in lines]
    first_point = next(
        (i for i, m in enumerate(markers) if m is not None and m[0] == "number"),
        None,
    )
    if first_point is None:
        # Without numbers, the first bulleted or lettered line after the heading starts the points.
        first_point = next(
            (i for i, m in enumerate(markers) if i > 0 and m is not None), len(lines)
        )
    # Every line with a point marker from the first point on is a point (or a sub-point).
    count = sum(1 for m in markers[first_point:] if m is not None)
    limit = getattr(settings, "ENLACE_MAX_REPORT_POINTS", DEFAULT_MAX_POINTS)
    if count > limit:
        raise NotAReport(
            _(
                "The text has %(count)s points and sub-points, more than the %(limit)s a report "
                "may have; it cannot be imported."
            )
            % {"count": count, "limit": limit}
        )
    report = ParsedReport(language=detect_language(text))
    year = _document_year(lines)
    head = lines[:first_point]
    report.kind = _kind(head)
    if first_point == len(lines):
        # No marker at all: a declaration or a communiqué, each paragraph after the opening one
        # a point. The opening paragraph is the first that holds a date.
        paragraphs = _paragraphs(lines)
        opening_at = next(
            (
                i
                for i, paragraph in enumerate(paragraphs)
                if any(find_date(line.text, year) for line in paragraph)
            ),
            0,
        )
        head = [line for paragraph in paragraphs[: opening_at + 1] for line in paragraph]
        for paragraph in paragraphs[opening_at + 1 :]:
            joined = _Text(paragraph[0].text)
            for line in paragraph[1:]:
                joined.add(line.text, False)
            report.points.append(ParsedPoint(0, str(joined)))
    else:
        _parse_points(lines[first_point:], markers[first_point:], report)
    head = [line for line in head if not _CONCLUSIONS_HEADING.match(line.text)]

    # The date line: the first heading line that is (nearly) only a date.
    date_index: int | None = None
    place_index: int | None = None
    for i, line in enumerate(head):
        found = find_date(line.text, year)
        if found is None:
            continue
        before = line.text[: found.span[0]].strip(" ,;-–")
        after = line.text[found.span[1] :].strip(" .,;")
        is_place = bool(before) and _split_place(before, countries)[1] is not None
        if after or (before and not is_place and len(before) > 12):
            continue  # a sentence that mentions a date, not the date line
        date_index = i
        report.start_date, report.end_date = found.start, found.end
        if is_place:
            # "Tela, Honduras, 6 de mayo de 2008": place and date on one line.
            report.place_line = before
            report.date_line = line.text[found.span[0] :].strip()
            place_index = i
        else:
            report.date_line = line.text
            place_index = _find_place_line(head, (i - 1, i + 1), countries)
            if place_index is not None:
                report.place_line = head[place_index].text
        break
    if date_index is None:
        place_index = _find_place_line(head, range(len(head) - 1), countries)
        if place_index is not None:
            report.place_line = head[place_index].text
    marks = [i for i in (date_index, place_index) if i is not None]
    if marks:
        title_lines, opening_lines = head[: min(marks)], head[max(marks) + 1 :]
    elif head and _is_heading(head[0].text):
        title_lines, opening_lines = head[:1], head[1:]
    else:
        title_lines, opening_lines = [], head
    report.title = " ".join(line.text for line in title_lines)
    if opening_lines:
        opening = _Text(opening_lines[0].text)
        for line in opening_lines[1:]:
            opening.add(line.text, line.after_blank)
        report.opening = str(opening)

    # The opening sentence says where and when the body met; a header's date or place may be
    # a letter's or the day the text was signed.
    in_text = _place_in_text(report.opening, countries)
    if report.place_line:
        report.city, report.country = _split_place(report.place_line, countries)
    # Declarations and communiqués have no place or date lines: their opening says both.
    expects_lines = report.kind not in (Kind.DECLARATION, Kind.COMMUNIQUE)
    if in_text[1] is not None and (not report.place_line or report.country is None):
        report.city, report.country = in_text
        if not report.place_line and expects_lines:
            report.warnings.append(_("No place line: the place was taken from the opening."))
    found = find_date(report.opening, year)
    if found is not None and (found.start, found.end) != (report.start_date, report.end_date):
        if report.start_date is None and expects_lines:
            report.warnings.append(_("No date line: the date was taken from the opening."))
        report.start_date, report.end_date = found.start, found.end
    if report.start_date is None and not report.points:
        raise NotAReport(
            _("This does not look like a meeting report: it has no date and no points.")
        )
    if report.start_date is None:
        raise NotAReport(_("The date of the meeting was not found."))
    if not report.points:
        raise NotAReport(_("No points were found."))

    if not report.title:
        report.warnings.append(_("No title was found."))
    if not report.place_line and report.country is None:
        report.warnings.append(_("No place line was found."))
    if report.country is None:
        report.warnings.append(_("The host country was not recognised."))
    if not report.city:
        report.warnings.append(_("The city was not recognised."))
    if not report.opening:
        report.warnings.append(_("No opening paragraph was found."))
    elif report.kind == Kind.REPORT and not _OPENING_VERB.search(report.opening):
        report.warnings.append(
            _("The opening paragraph does not say that the body presents its report.")
        )
    report.body, report.presented_to, body_sure = find_body(report.title, report.opening, bodies)
    if report.body is None:
        report.warnings.append(_("The body that met was not recognised."))
    warnings_before = len(report.warnings)
    if report.opening:
        _participants(report.opening, countries, organisations, report)
    report.confidence = {
        "kind": HIGH
        if report.kind != Kind.REPORT or _OPENING_VERB.search(report.opening)
        else MEDIUM,
        "body": HIGH if body_sure else (MEDIUM if report.body else LOW),
        "dates": HIGH if report.date_line else MEDIUM,
        "place": (
            LOW
            if report.country is None
            else HIGH
            if report.place_line and _split_place(report.place_line, countries)[1]
            else MEDIUM
        ),
        "participants": (
            LOW
            if not report.participants
            else HIGH
            if len(report.warnings) == warnings_before
            else MEDIUM
        ),
        "title": HIGH if report.title else LOW,
    }
    return report


def names_of(rows: Iterable[tuple[str, Sequence[str]]]) -> list[CountryName]:
    """CountryName rows from (code, names) pairs."""
    return [CountryName(code, tuple(n for n in names if n)) for code, names in rows]
