"""A word-level comparison of two texts, as HTML with <ins> and <del> (the texts escaped)."""

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> SafeString:
    """``new`` compared with ``old``: removed words in <del>, added words in <ins>."""
    a = _TOKENS.findall(old or "")
    b = _TOKENS.findall(new or "")
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if tag in {"replace", "delete"}:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if tag in {"replace", "insert"}:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text above is escaped
