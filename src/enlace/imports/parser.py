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


@dataclass
class ParsedReport:
    language: str = "es"
    title: str = ""
    place_line: str = ""
    date_line: str = ""
    opening: str = ""
    body: str | None = None  # Body.slug
    city: str = ""
    country: str | None = None  # Country.code of the host country
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    participants: list[str] = field(default_factory=list)  # Country.code, in the text's order
    organisations: list[str] = field(default_factory=list)  # Organisation.acronym, likewise
    points: list[ParsedPoint] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

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


def _find_tokens(needle: list[str], haystack: list[str]) -> int:
    """The index where ``needle`` occurs as consecutive tokens in ``haystack``, or -1."""
    if not needle:
        return -1
    for i in range(len(haystack) - len(needle) + 1):
        if haystack[i : i + len(needle)] == needle:
            return i
    return -1


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


def find_date(text: str) -> DateMatch | None:
    """The first date or range of dates in the text, in Spanish or English."""
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
            month = MONTHS[fold(match["month"])]
            days = [int(d) for d in re.findall(r"\d{1,2}", match["days"])]
            try:
                start = datetime.date(int(match["year"]), month, min(days))
                end = datetime.date(int(match["year"]), month, max(days))
            except ValueError:
                continue
            found.append(DateMatch(start, end, match.span()))
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


def find_body(title: str, opening: str, bodies: Sequence[BodyName]) -> str | None:
    """The body whose name the title carries, or else the opening's first body (the subject of
    "La Red … presenta al Grupo Regional …": the first named)."""
    for text, use_acronym in ((title, True), (opening, False)):
        tokens = _tokens(text)
        best: tuple[int, int, str] | None = None
        for body in bodies:
            for name in body.names:
                needle = _tokens(name)
                at = _find_tokens(needle, tokens)
                if at >= 0 and (best is None or (at, -len(needle)) < (best[0], -best[1])):
                    best = (at, len(needle), body.slug)
            if use_acronym and body.acronym:
                at = _find_tokens([fold(body.acronym)], tokens)
                if at >= 0 and (best is None or (at, -1) < (best[0], -best[1])):
                    best = (at, 1, body.slug)
        if best is not None:
            return best[2]
    return None


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
_BULLET = re.compile(r"^(?P<mark>[•▪◦·●○■\-*–])\s*(?P<text>\S.*)$")
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
        lines.append(_Line(line, blank))
        blank = False
    return lines


# (kind, marker, text) of a line that starts a point: kind is number, letter or bullet.
_Marker = tuple[str, str, str] | None


def _point_marker(line: str) -> _Marker:
    """(kind, marker, text) if the line starts a point: kind is number, letter or bullet."""
    if match := _NUMBERED.match(line):
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
            number = int(re.sub(r"\D", "", mark))
            expected = level_0 + 1
            if previous_number is not None and number == previous_number:
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


# --- the heading --------------------------------------------------------------------------------

_OPENING_VERB = re.compile(r"\b(presenta|presentan|present|presents|submits|somete)\b", re.I)
_PARTICIPANTS = re.compile(
    r"(?:participaci[oó]n|asistencia|presencia|participation|attendance|presence)\s+"
    r"(?:de|of)\s+(?P<list>.+?)(?:,?\s+(?:presenta|presentan|presents|present|submits|somete)\b|$)",
    re.I | re.S,
)
_DELEGATION_WORDS = re.compile(
    r"^(?:(?:los|las|the)\s+)?(?:representantes|delegaciones|delegados|representatives|"
    r"delegations|delegates)\s+(?:de|of)\s+(?:(?:los|las|the)\s+)?"
    r"(?:(?:pa[ií]ses|gobiernos|countries|governments)\s+(?:de|of)\s+)?",
    re.I,
)
_PLACE_IN_TEXT = re.compile(
    r"\b(?:en|in)\s+(?:la\s+ciudad\s+de\s+|the\s+city\s+of\s+)?"
    r"(?P<city>[A-ZÁÉÍÓÚÑ][\w'.\- ]{1,40}?),\s*(?P<country>[A-ZÁÉÍÓÚÑ][\w'. ]{1,40}?)"
    r"(?=[,.;:]|\s+(?:con|with|el|on)\b)"
)


def _split_place(place: str, countries: Sequence[CountryName]) -> tuple[str, str | None]:
    """(city, country code) from "Tela, Honduras" or "Washington, D.C., United States"."""
    parts = [p.strip() for p in place.strip(" ,.;").split(",") if p.strip()]
    if not parts:
        return "", None
    code = match_country(parts[-1], countries)
    if code is not None:
        return ", ".join(parts[:-1]), code
    return ", ".join(parts), None


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


def _find_place_line(
    head: list[_Line], indices: Iterable[int], countries: Sequence[CountryName]
) -> int | None:
    for i in indices:
        if (
            0 <= i < len(head)
            and len(head[i].text) <= 80
            and _split_place(head[i].text, countries)[1] is not None
        ):
            return i
    return None


def parse_report(
    text: str,
    *,
    bodies: Sequence[BodyName],
    countries: Sequence[CountryName],
    organisations: Sequence[OrganisationName] = (),
) -> ParsedReport:
    """Recognise a report's parts. Raises ``NotAReport`` when the text is empty, has neither
    a date nor points, or has more points than ``ENLACE_MAX_REPORT_POINTS``.

    Runs in time linear in the size of the text."""
    lines = _lines(text)
    if not lines:
        raise NotAReport(_("The file is empty."))
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
    head = lines[:first_point]
    _parse_points(lines[first_point:], markers[first_point:], report)

    # The date line: the first heading line that is (nearly) only a date.
    date_index: int | None = None
    place_index: int | None = None
    for i, line in enumerate(head):
        found = find_date(line.text)
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
    else:
        title_lines, opening_lines = head[:1], head[1:]
    report.title = " ".join(line.text for line in title_lines)
    if opening_lines:
        opening = _Text(opening_lines[0].text)
        for line in opening_lines[1:]:
            opening.add(line.text, line.after_blank)
        report.opening = str(opening)

    if report.place_line:
        report.city, report.country = _split_place(report.place_line, countries)
    elif match := _PLACE_IN_TEXT.search(report.opening):
        code = match_country(match["country"], countries)
        if code is not None:
            report.city, report.country = match["city"].strip(), code
            report.warnings.append(_("No place line: the place was taken from the opening."))
    if report.start_date is None:
        found = find_date(report.opening)
        if found is not None:
            report.start_date, report.end_date = found.start, found.end
            report.warnings.append(_("No date line: the date was taken from the opening."))
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
    if not report.place_line:
        report.warnings.append(_("No place line was found."))
    if report.country is None:
        report.warnings.append(_("The host country was not recognised."))
    if not report.city:
        report.warnings.append(_("The city was not recognised."))
    if not report.opening:
        report.warnings.append(_("No opening paragraph was found."))
    elif not _OPENING_VERB.search(report.opening):
        report.warnings.append(
            _("The opening paragraph does not say that the body presents its report.")
        )
    report.body = find_body(report.title, report.opening, bodies)
    if report.body is None:
        report.warnings.append(_("The body that met was not recognised."))
    if report.opening:
        _participants(report.opening, countries, organisations, report)
    return report


def names_of(rows: Iterable[tuple[str, Sequence[str]]]) -> list[CountryName]:
    """CountryName rows from (code, names) pairs."""
    return [CountryName(code, tuple(n for n in names if n)) for code, names in rows]
