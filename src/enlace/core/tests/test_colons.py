"""French puts a no-break space before a colon: a label's colon belongs to its translation,
never written by the template after it (where French would lose the space)."""

import re
from pathlib import Path

import polib

import enlace

ROOT = Path(enlace.__file__).parent
OUTSIDE = re.compile(
    r"\{%\s*(?:(?:translate|trans)\s+(?:\"[^\"]*\"|'[^']*')|endblocktranslate)\s*%\}:"
)


def test_no_template_writes_a_colon_after_a_translation() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("*/templates/**/*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found, "a colon outside its translation:\n" + "\n".join(found)


def test_french_labels_put_a_no_break_space_before_their_colon() -> None:
    catalog = polib.pofile(str(ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    glued = [
        entry.msgid
        for entry in catalog
        if not entry.obsolete
        and entry.msgid.endswith(":")
        and entry.msgstr
        and not entry.msgstr.endswith(("\u00a0:", "\u202f:", " :"))
    ]
    assert not glued, "French labels without a space before the colon: " + ", ".join(glued)
