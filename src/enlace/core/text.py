"""Accent folding, the one implementation: names and words compared without their accents
("México" and "Mexico", "Víctimas" and "victimas")."""

import unicodedata


def strip_accents(text: str) -> str:
    """The text without its accents (compatibility decomposition, marks dropped): "Ñandú" →
    "Nandu", "ﬁ" → "fi"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_keeping_length(text: str) -> str:
    """Lower case without accents, one character for one, so that a span found in the folded
    text is the same span of the original."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0].lower()
        out.append(base if len(base) == 1 else char)
    return "".join(out)
