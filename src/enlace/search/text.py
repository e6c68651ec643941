"""Words for the search index: lower-cased, accents stripped, stemmed (Spanish or English).

The same function normalises the indexed text and the words of a query, so that "víctima",
"Víctimas" and "victimas" all become ``victim``. Accents are stripped *before* stemming: people
type queries without accents, and the stemmer must see the same word on both sides. A query word
is stemmed in both languages and either stem may match, so a query in Spanish finds English
reports and the other way round, whatever the interface language.
"""

import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer  # type: ignore[import-untyped]
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from enlace.core.text import strip_accents

WORD = re.compile(r"[^\W_]+")
STEMMERS = {"es": "spanish", "en": "english", "fr": "french"}
MIN_WORD = 2  # shorter query words ("a", "y") are left out
MAX_TERMS = 12
MAX_QUERY = 200


_STEMMERS = {code: snowballstemmer.stemmer(name) for code, name in STEMMERS.items()}
_LOCK = threading.Lock()  # a snowball stemmer keeps its word in itself while it works


@functools.lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    """The index form of one word: ``stem("Víctimas", "es") == "victim"``."""
    stemmer = _STEMMERS.get(language, _STEMMERS["es"])
    with _LOCK:
        return str(stemmer.stemWord(strip_accents(word.lower())))


def normalise(text: str, language: str) -> str:
    return " ".join(stem(word, language) for word in WORD.findall(text))


@dataclass(frozen=True)
class Query:
    """A parsed query: every word must match, in any of its stems."""

    terms: tuple[frozenset[str], ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def stems(self) -> frozenset[str]:
        return frozenset().union(*self.terms)

    def fts5(self) -> str:
        """FTS5 MATCH syntax; every stem is quoted (letters and digits only anyway)."""
        return " AND ".join(
            "(" + " OR ".join(f'"{s}"' for s in sorted(term)) + ")" for term in self.terms
        )

    def tsquery(self) -> str:
        """PostgreSQL to_tsquery syntax."""
        return " & ".join("(" + " | ".join(sorted(term)) + ")" for term in self.terms)


def parse_query(raw: str) -> Query:
    terms: list[frozenset[str]] = []
    for word in WORD.findall(raw[:MAX_QUERY]):
        if len(word) < MIN_WORD:
            continue
        term = frozenset(stem(word, language) for language in ("es", "en"))
        if term not in terms:
            terms.append(term)
    return Query(tuple(terms[:MAX_TERMS]))


def snippet(text: str, language: str, stems: frozenset[str], width: int = 240) -> SafeString:
    """The passage around the first matching word, HTML-escaped, matches in ``<mark>``."""
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    hits = [(a, b) for a, b in words if stem(text[a:b], language) in stems]
    if hits:
        first = hits[0][0]
        start = max(0, first - width // 3)
        if start:  # begin at a word
            start = next((a for a, _ in words if a >= start), first)
    else:
        start = 0
    end = min(len(text), start + width)
    if end < len(text):  # end at a word
        end = max((b for a, b in words if start < b <= end), default=end)
    parts = ["…" if start else ""]
    cursor = start
    for a, b in hits:
        if a < start or b > end:
            continue
        parts.append(escape(text[cursor:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    parts.append(escape(text[cursor:end]))
    parts.append("…" if end < len(text) else "")
    return mark_safe("".join(parts))


# --- the filters' values as words of the index ------------------------------------------------

TAG_PREFIX = "zq"  # no stem of the two languages starts so; tags live in a column of their own


def tag(kind: str, value: object) -> str:
    """One filter value as an index word: ``tag("c", "GTM") == "zqcgtm"`` (letters and digits
    only, so that every tokenizer keeps it whole)."""
    folded = "".join(
        ch for ch in strip_accents(str(value)).lower() if ch.isascii() and ch.isalnum()
    )
    return f"{TAG_PREFIX}{kind}{folded}"


def tags(
    *,
    body: str,
    year: int,
    visibility: str,
    countries: Iterable[str],
    status: str,
    published: bool,
) -> str:
    """The ``tags`` of a search entry: what the search filters (and the access rules) look at."""
    words = [
        tag("b", body),
        tag("y", year),
        tag("v", visibility),
        tag("s", status),
        tag("p", int(published)),
        *sorted({tag("c", code) for code in countries if code}),
    ]
    return " ".join(words)
