"""Proposing commitments from the text of a report point, in Spanish or English.

Pure functions: no database. The caller passes a ``Vocabulary`` (the countries and
organisations that can be actors) and a ``Context`` (the meeting's date and, when known, the
date of the next meeting of the same body).

A sentence proposes a commitment when it names an actor in one of these roles:

- the addressee of a request: "Solicitar a la Secretaría Técnica la creación…",
  "request the TS to circulate…", "encargar a la OIM y al ACNUR…";
- the subject of a commitment verb: a Spanish future ("la ST enviará"), "deberá(n)",
  "se compromete(n) a", "will", "shall", "agreed to", "undertook to", "offered to"…;
- or, for a point that starts with an infinitive ("Enviar a la ST, a más tardar el…",
  "To send the TS…") and carries a deadline, the member countries (the network speaks for them).

Anything else ("Reconocer los esfuerzos de los países miembros…", "la RROCM expuso…")
proposes nothing. Deadlines are read in either language: "a más tardar el 21 de julio [de
2014]", "by July 21st, at the latest", "by 21 July", "antes de la próxima reunión", "before
the next meeting", "en un plazo de 30 días", "within 30 days". A date without a year takes the
meeting's year, and rolls to the next year when it would fall before the meeting.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

from enlace.core.text import fold_keeping_length

# The actor kinds, as stored in Commitment.actor_kind.
COUNTRY = "country"
ORGANISATION = "organisation"
SECRETARIAT = "secretariat"
PPT = "ppt"
ALL_MEMBERS = "all_member_countries"

MAX_TEXT = 2000


@dataclass(frozen=True)
class Named:
    """A country or an organisation that can be named in a text."""

    id: int
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    countries: tuple[Named, ...] = ()
    organisations: tuple[Named, ...] = ()


@dataclass(frozen=True)
class Context:
    meeting_date: datetime.date
    next_meeting_date: datetime.date | None = None


@dataclass(frozen=True)
class Deadline:
    text: str
    date: datetime.date | None
    kind: str  # "date", "month", "next_meeting", "within"


@dataclass(frozen=True)
class Proposal:
    actor_kind: str
    text: str
    country_id: int | None = None
    organisation_id: int | None = None
    due_date: datetime.date | None = None
    due_text: str = ""

    @property
    def actor_key(self) -> tuple[str, int | None, int | None]:
        return (self.actor_kind, self.country_id, self.organisation_id)


# Spanish organisation acronyms and their English (stored) forms.
ACRONYM_ALIASES = {"OIM": "IOM", "ACNUR": "UNHCR", "OIT": "ILO", "ONUDD": "UNODC"}


# --- folding --------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, one character for one: spans map back to the original."""
    return fold_keeping_length(text)


def _norm_name(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name).strip())


# --- actors ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str
    id: int | None = None

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.kind, self.id)


_ARTICLE = r"(?:(?:la|el|los|las|al|the)\s+)?"
_FIXED_ACTORS: list[tuple[str, str]] = [
    (
        r"(?:secretaria\s+(?:tecnica|ejecutiva)|(?:technical|executive)\s+secretariat)"
        r"(?:\s+(?:de\s+la\s+crm|of\s+the\s+(?:crm|rcm)))?",
        SECRETARIAT,
    ),
    (r"presidencia\s+pro\s+tempore|pro\s+tempore\s+presidency", PPT),
    (
        r"(?:all\s+(?:the\s+)?)?member\s+(?:countries|states)(?:\s+of\s+the\s+(?:crm|rcm))?"
        r"|(?:todos\s+)?(?:los\s+)?(?:paises|estados)\s+miembros(?:\s+de\s+la\s+crm)?",
        ALL_MEMBERS,
    ),
    (r"red\s+de\s+funcionarios\s+de\s+enlace|la\s+red|the\s+network", ALL_MEMBERS),
]
# Upper-case acronyms, matched on the original text.
_FIXED_ACRONYMS: list[tuple[str, str]] = [(r"ST|TS", SECRETARIAT), (r"PPT", PPT)]
_COUNTRY_PREFIX = (
    r"(?:(?:el\s+)?gobierno\s+de\s+|(?:la\s+)?delegacion\s+de\s+"
    r"|(?:the\s+)?government\s+of\s+|(?:the\s+)?delegation\s+of\s+)?"
)


def _country_variants(name: str) -> set[str]:
    folded = _norm_name(name)
    variants = {folded}
    for suffix in (" de america", " of america"):
        if folded.endswith(suffix):
            variants.add(folded[: -len(suffix)])
    if folded.startswith("republica "):
        variants.add(folded[len("republica ") :])
    return {v for v in variants if len(v) >= 3}


def find_mentions(text: str, vocabulary: Vocabulary) -> list[Mention]:
    """Every actor named in ``text``; overlapping matches keep the longest."""
    folded = fold(text)
    found: list[Mention] = []
    for pattern, kind in _FIXED_ACTORS:
        for match in re.finditer(rf"\b{_ARTICLE}(?:{pattern})\b", folded):
            found.append(Mention(match.start(), match.end(), kind))
    for pattern, kind in _FIXED_ACRONYMS:
        for match in re.finditer(rf"(?<![\w-])(?:(?i:la|el|the)\s+)?(?:{pattern})(?![\w-])", text):
            found.append(Mention(match.start(), match.end(), kind))
    for country in vocabulary.countries:
        variants = set()
        for name in country.names:
            variants |= _country_variants(name)
        for variant in sorted(variants, key=len, reverse=True):
            words = r"\s+".join(re.escape(w) for w in variant.split())
            pattern = rf"\b{_COUNTRY_PREFIX}(?:the\s+)?{words}\b"
            for match in re.finditer(pattern, folded):
                found.append(Mention(match.start(), match.end(), COUNTRY, country.id))
    for organisation in vocabulary.organisations:
        for name in organisation.names:
            words = r"\s+".join(re.escape(w) for w in _norm_name(name).split())
            if not words:
                continue
            for match in re.finditer(rf"\b{_ARTICLE}{words}\b", folded):
                found.append(Mention(match.start(), match.end(), ORGANISATION, organisation.id))
        acronyms = set(organisation.acronyms)
        acronyms |= {a for a, b in ACRONYM_ALIASES.items() if b in acronyms}
        for acronym in sorted(a for a in acronyms if a):
            pattern = rf"(?<![\w-])(?:(?i:la|el|the)\s+)?{re.escape(acronym)}(?![\w-])"
            for match in re.finditer(pattern, text):
                found.append(Mention(match.start(), match.end(), ORGANISATION, organisation.id))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        # "… para las Migraciones (RROCM)": the acronym in brackets is the same mention.
        if kept and kept[-1].key == mention.key:
            between = text[kept[-1].end : mention.start]
            if re.fullmatch(r"\s*\(\s*", between):
                close = re.match(r"\s*\)", text[mention.end :])
                end = mention.end + (close.end() if close else 0)
                kept[-1] = Mention(kept[-1].start, end, mention.kind, mention.id)
                continue
        kept.append(mention)
    return kept


# Groups of actors: "la ST y la OIM", "a la ST, a la PPT y al ACNUR", "Mexico and Guatemala".
_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:y\s+|and\s+|e\s+)?|\s+(?:y|e|and)\s+)(?:a\s+)?")


def _groups(text: str, mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and _LIST_JOINER.fullmatch(text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


_REQUEST_BEFORE = re.compile(
    r"\b(?:"
    r"solicitar|solicita|solicitan|solicito|solicitaron|pedir|pide|piden|pidio|pidieron"
    r"|encargar|encarga|encargan|encargo|encargaron|encomendar|encomienda|encomiendan|encomendo"
    r"|instruir|instruye|instruyen|instruyo|invitar|invita|invitan|invito|invitaron"
    r"|exhortar|exhorta|exhortan|exhorto|recomendar|recomienda|recomiendan|recomendo"
    r"|request|requests|requested|requesting|ask|asks|asked|asking|instruct|instructs"
    r"|instructed|task|tasks|tasked|mandate|mandates|mandated|invite|invites|invited"
    r"|urge|urges|urged|entrust|entrusts|entrusted|encourage|encourages|encouraged"
    r")(?:\s+(?:a|al|que|that))?\s*$"
)

_FUTURE = r"\w+(?:ará|erá|irá|arán|erán|irán)"
_COMMIT_AFTER = re.compile(
    r"^(?:\s*,[^,.;]{1,80},)?\s*(?:"
    # A Spanish future, but not a passive one ("la OIM será invitada").
    rf"(?!ser[áa]n?\s+\w+(?:ad|id)[oa]s?\b)(?:se\s+)?{_FUTURE}"
    r"|se\s+compromete[n]?\s+a|se\s+comprometi[óo]\s+a|se\s+comprometieron\s+a"
    r"|queda[n]?\s+encargad[oa]s?|queda[n]?\s+a\s+cargo|asume[n]?\s+el\s+compromiso"
    r"|acord[óo]\s+\w+(?:ar|er|ir)\b|acordaron\s+\w+(?:ar|er|ir)\b"
    r"|ofreci[óo]\s+\w+(?:ar|er|ir)\b|ofrecieron\s+\w+(?:ar|er|ir)\b"
    r"|ofrece[n]?\s+\w+(?:ar|er|ir)\b|tiene[n]?\s+a\s+su\s+cargo"
    r"|will|shall|is\s+to|are\s+to|agreed\s+to|agrees\s+to|agree\s+to"
    r"|undert(?:ook|akes|ake)\s+to|commit(?:s|ted)?\s+(?:itself\s+|themselves\s+)?to"
    r"|offer(?:s|ed)?\s+to|(?:is|are)\s+responsible\s+for"
    r"|(?:is|are)\s+(?:requested|asked|invited|expected)\s+to"
    r"|(?:has|have)\s+to|must"
    r")\b",
    re.IGNORECASE,
)
# "los países miembros remitirán … a la ST": what follows a preposition is not a subject.
_NOT_SUBJECT_BEFORE = re.compile(
    r"\b(?:a|al|de|del|en|por|con|para|sobre|to|of|by|with|for|from|in|on|about)\s*$"
)

_INFINITIVE_START = re.compile(r"^\s*(?:[a-z]\)|\d+[.)])?\s*(?:to\s+)?([a-z]+)\b")
_NOT_VERBS = {
    "lugar", "hogar", "militar", "particular", "similar", "par", "mar", "ser", "mujer",
    "regular", "popular", "titular", "circular", "familiar", "singular",
}  # fmt: skip
_ENGLISH_VERBS = {
    "send", "submit", "share", "provide", "prepare", "circulate", "present", "update",
    "organise", "organize", "hold", "designate", "appoint", "report", "forward", "deliver",
    "draft", "review", "compile", "inform", "identify", "establish", "create", "develop",
}  # fmt: skip
_AGREED_START = re.compile(
    r"^\s*(?:se\s+acord[oó]|se\s+acuerda|se\s+decidi[oó]|se\s+decide|it\s+was\s+agreed"
    r"|it\s+is\s+agreed)\s+(?:to\s+)?\w+"
)


def _starts_with_infinitive(folded_sentence: str) -> bool:
    if _AGREED_START.match(folded_sentence):
        return True
    match = _INFINITIVE_START.match(folded_sentence)
    if not match:
        return False
    word = match.group(1)
    if folded_sentence.lstrip().startswith("to "):
        return word in _ENGLISH_VERBS
    return len(word) > 3 and word.endswith(("ar", "er", "ir")) and word not in _NOT_VERBS


# --- deadlines ------------------------------------------------------------------------------

_MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "january": 1, "february": 2, "march": 3, "april": 4, "may": 5,
    "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_NUMBERS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6,
    "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "quince": 15, "veinte": 20, "treinta": 30,
    "cuarenta y cinco": 45, "sesenta": 60, "noventa": 90, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45, "forty five": 45,
    "sixty": 60, "ninety": 90,
}  # fmt: skip
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_NUMBER = (
    r"(?P<count>\d{1,3}|"
    + "|".join(sorted((re.escape(n) for n in _NUMBERS), key=len, reverse=True))
    + r")(?:\s*\(\s*(?:\d{1,3}|[a-z -]+)\s*\))?"
)
_ES_MARK = (
    r"(?:a\s+mas\s+tardar(?:\s+(?:el|para\s+el|en))?|antes\s+del?|hasta\s+el|para\s+el"
    r"|no\s+mas\s+tarde\s+del?|con\s+fecha\s+limite(?:\s+(?:el|del))?|fecha\s+limite:?)"
)
_EN_MARK = r"(?:(?:at\s+the\s+latest\s+)?by|before|no\s+later\s+than|not\s+later\s+than|until)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_DEADLINES: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b{_ES_MARK}\s+(?:el\s+)?(?:dia\s+)?(?P<day>\d{{1,2}})(?:\s+de)?\s+{_MONTH}"
            rf"(?:(?:\s+(?:de|del)\s+|,\s*){_YEAR})?"
            r"(?:,?\s+a\s+mas\s+tardar)?"
        ),
    ),
    (
        "date",
        re.compile(
            rf"\b{_EN_MARK}\s+(?:the\s+)?(?:{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH2})"
            rf"(?:,?\s+{_YEAR})?(?:,?\s+at\s+the\s+latest)?"
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:a\s+mas\s+tardar\s+(?:en|a\s+finales\s+de)|antes\s+de\s+finales\s+de"
            rf"|(?:by|before)\s+the\s+end\s+of)\s+(?:(?:el\s+mes\s+de)\s+)?{_MONTH}"
            rf"(?:(?:\s+(?:de|del)\s+|,?\s+){_YEAR})?"
        ),
    ),
    (
        "next_meeting",
        re.compile(
            r"\b(?:(?:antes\s+de|para|hasta|en)\s+la\s+(?:proxima|siguiente)\s+reunion"
            r"|(?:before|by|at|prior\s+to|ahead\s+of)\s+the\s+(?:next|following|upcoming)"
            r"\s+meeting)\b"
        ),
    ),
    (
        "within",
        re.compile(
            rf"\b(?:(?:en|dentro\s+de)\s+(?:un|el)\s+plazo\s+(?:maximo\s+)?de\s+|dentro\s+de"
            rf"\s+(?:los\s+)?(?:proximos\s+)?|within\s+(?:the\s+next\s+)?){_NUMBER}\s+"
            r"(?P<unit>dias?|semanas?|mes(?:es)?|days?|weeks?|months?)"
            r"(?:\s+(?P<business>habiles|laborables|working|business)(?:\s+days)?)?"
            r"(?:\s+(?:calendario|naturales|siguientes|calendar\s+days))?"
        ),
    ),
]


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = _last_day(year, month)
    return datetime.date(year, month, min(day.day, last))


def _last_day(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def _business_days(start: datetime.date, count: int) -> datetime.date:
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _resolve(match: re.Match[str], kind: str, context: Context) -> datetime.date | None:
    groups = match.groupdict()
    meeting = context.meeting_date
    if kind == "next_meeting":
        return context.next_meeting_date
    if kind == "within":
        raw = groups["count"]
        count = int(raw) if raw.isdigit() else _NUMBERS.get(re.sub(r"\s+", " ", raw), 0)
        unit = groups["unit"]
        if unit.startswith(("dia", "day")):
            if groups.get("business"):
                return _business_days(meeting, count)
            return meeting + datetime.timedelta(days=count)
        if unit.startswith(("semana", "week")):
            return meeting + datetime.timedelta(weeks=count)
        return _add_months(meeting, count)
    month = _MONTHS[groups.get("month") or groups["month2"]]
    year_text = groups.get("year")
    year = int(year_text) if year_text else meeting.year
    try:
        if kind == "month":
            due = datetime.date(year, month, _last_day(year, month))
        else:
            due = datetime.date(year, month, int(groups.get("day") or groups["day2"]))
    except ValueError:
        return None
    if not year_text and due < meeting:
        try:
            due = due.replace(year=year + 1)
        except ValueError:  # 29 February
            return None
    return due


def find_deadline(text: str, context: Context) -> tuple[Deadline, int, int] | None:
    """The first deadline of ``text`` with its span, or None."""
    folded = fold(text)
    best: tuple[re.Match[str], str] | None = None
    for kind, pattern in _DEADLINES:
        match = pattern.search(folded)
        if match and (best is None or match.start() < best[0].start()):
            best = (match, kind)
    if best is None:
        return None
    match, kind = best
    written = text[match.start() : match.end()].strip(" .,;")
    return Deadline(written, _resolve(match, kind, context), kind), match.start(), match.end()


# --- sentences and proposals ----------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÁÉÍÓÚÑ¿(\"“])|\n+")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a full stop in "21 de julio. La ST…" ends a sentence."""
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


_LEADING_MODAL = re.compile(
    r"^(?:will|shall|is\s+to|are\s+to|agreed\s+to|agrees\s+to|agree\s+to"
    r"|undert(?:ook|akes|ake)\s+to|commit(?:s|ted)?\s+(?:itself\s+|themselves\s+)?to"
    r"|offer(?:s|ed)?\s+to|(?:is|are)\s+(?:requested|asked|invited|expected)\s+to"
    r"|(?:has|have)\s+to|must|deber[áa]n?|se\s+compromete[n]?\s+a"
    r"|se\s+comprometi(?:ó|o|eron)\s+a|acord(?:ó|o|aron)|ofreci(?:ó|o|eron)|ofrece[n]?"
    r"|asume[n]?\s+el\s+compromiso\s+de|queda[n]?\s+encargad[oa]s?\s+de)\s+",
    re.IGNORECASE,
)


_LEADING_AGREED = re.compile(
    r"^(?:se\s+acord(?:ó|o)|se\s+acuerda|se\s+decidi(?:ó|o)|se\s+decide"
    r"|it\s+was\s+agreed(?:\s+to)?|it\s+is\s+agreed(?:\s+to)?)\s+",
    re.IGNORECASE,
)


def _clean_what(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:.-–—")
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = _LEADING_MODAL.sub("", text)
    text = _LEADING_AGREED.sub("", text)
    text = re.sub(r"\s+(?:y|e|and|o|or)$", "", text.strip(" ,;:."), flags=re.IGNORECASE)
    text = re.sub(r"^(?:que|to|de|a|con)\s+", "", text, flags=re.IGNORECASE)
    text = text.strip(" ,;:.")
    if not text:
        return ""
    return (text[0].upper() + text[1:])[:MAX_TEXT]


def _without(text: str, start: int, end: int) -> str:
    """``text`` without the span; "el informe, a más tardar el 21 de julio, a la ST" loses
    the commas around the deadline too."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    if before.endswith(",") and after.startswith(","):
        before, after = before[:-1], after[1:]
    elif before.endswith(",") and (not after or after[0] in ".;"):
        before = before[:-1]
    return f"{before} {after}"


@dataclass
class _Hit:
    actors: list[Mention]
    start: int  # where the commitment's own words begin (after the actor group)
    anchor: int  # where the clause begins (the request verb, or the first actor)


def _hits(sentence: str, mentions: list[Mention]) -> list[_Hit]:
    folded = fold(sentence)
    hits: list[_Hit] = []
    for group in _groups(sentence, mentions):
        first, last = group[0], group[-1]
        window = max(0, first.start - 60)
        verb = _REQUEST_BEFORE.search(folded[window : first.start])
        if verb is not None:
            hits.append(_Hit(group, last.end, window + verb.start()))
            continue
        if _NOT_SUBJECT_BEFORE.search(folded[max(0, first.start - 8) : first.start]):
            continue
        if _COMMIT_AFTER.match(sentence[last.end :]):
            hits.append(_Hit(group, last.end, first.start))
    return hits


def propose_for_sentence(sentence: str, vocabulary: Vocabulary, context: Context) -> list[Proposal]:
    """The commitments of one sentence: one per actor named in a commitment's role."""
    hits = _hits(sentence, find_mentions(sentence, vocabulary))
    proposals: list[Proposal] = []
    for index, hit in enumerate(hits):
        end = hits[index + 1].anchor if index + 1 < len(hits) else len(sentence)
        clause = sentence[hit.start : end]
        found = find_deadline(clause, context)
        what = clause if found is None else _without(clause, found[1], found[2])
        if found is None and len(hits) == 1:
            # "A más tardar el 21 de julio, la ST enviará…": the deadline before the actor.
            found = find_deadline(sentence[: hit.anchor], context)
        deadline = found[0] if found else None
        for mention in hit.actors:
            proposals.append(_proposal(mention, _clean_what(what), deadline))
    if hits:
        return proposals
    found = find_deadline(sentence, context)
    if found is not None and _starts_with_infinitive(fold(sentence)):
        what = _clean_what(_without(sentence, found[1], found[2]))
        proposals.append(_proposal(Mention(0, 0, ALL_MEMBERS), what, found[0]))
    return proposals


def _proposal(mention: Mention, what: str, deadline: Deadline | None) -> Proposal:
    return Proposal(
        actor_kind=mention.kind,
        text=what,
        country_id=mention.id if mention.kind == COUNTRY else None,
        organisation_id=mention.id if mention.kind == ORGANISATION else None,
        due_date=deadline.date if deadline else None,
        due_text=deadline.text[:200] if deadline else "",
    )


def propose(text: str, vocabulary: Vocabulary, context: Context) -> list[Proposal]:
    """The commitments a point's text proposes, in order, without duplicates."""
    proposals: list[Proposal] = []
    seen: set[tuple[object, ...]] = set()
    for _offset, sentence in split_sentences(text):
        for proposal in propose_for_sentence(sentence, vocabulary, context):
            key = (*proposal.actor_key, proposal.text)
            if proposal.text and key not in seen:
                seen.add(key)
                proposals.append(proposal)
    return proposals


def vocabulary_from(
    countries: Iterable[tuple[int, Iterable[str]]],
    organisations: Iterable[tuple[int, Iterable[str], Iterable[str]]],
) -> Vocabulary:
    return Vocabulary(
        countries=tuple(Named(pk, tuple(n for n in names if n)) for pk, names in countries),
        organisations=tuple(
            Named(pk, tuple(n for n in names if n), tuple(a for a in acronyms if a))
            for pk, names, acronyms in organisations
        ),
    )
