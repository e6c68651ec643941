"""The interface is complete in Spanish, English and French.

The catalogs are checked as files (every entry translated, nothing fuzzy, placeholders and
markup kept, the committed .mo compiled from the .po, every string of the code extracted), and
the pages are checked as a visitor sees them in each language.
"""

import ast
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation.template import templatize

import enlace

LANGUAGES = ["es", "en", "fr"]
PACKAGE_DIR = Path(enlace.__file__).resolve().parent
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])

# %(name)s, %s, %d in Python strings and blocktranslate; {{ name }} if a template variable
# ever ends up in a msgid.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi]|\{\{\s*[\w.]+\s*\}\}")
# {% translate %} output is not escaped: a translation must carry the same tags and entities.
MARKUP = re.compile(r"<[^>]*>|&#?\w+;")

GETTEXT_FUNCTIONS = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
TEMPLATE_CALL = re.compile(r"\b(np|n|p)?gettext\(")


def catalog(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def translations(entries: list[polib.POEntry]) -> dict[tuple[str | None, str], object]:
    """(context, msgid) -> msgstr, or the plural forms in order."""
    result: dict[tuple[str | None, str], object] = {}
    for e in entries:
        if not e.msgid:
            continue
        if e.msgid_plural:
            result[(e.msgctxt, e.msgid)] = tuple(
                e.msgstr_plural[k] for k in sorted(e.msgstr_plural, key=int)
            )
        else:
            result[(e.msgctxt, e.msgid)] = e.msgstr
    return result


def msgstrs(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def source_files(suffixes: set[str]) -> list[Path]:
    """The files makemessages reads (it is run with --ignore=*/tests/* --ignore=conftest.py)."""
    return [
        path
        for path in sorted(PACKAGE_DIR.rglob("*"))
        if path.suffix in suffixes
        and path.is_file()
        and not {"tests", "locale", "__pycache__"} & set(path.relative_to(PACKAGE_DIR).parts)
        and path.name != "conftest.py"
    ]


def python_msgids(path: Path) -> set[tuple[str | None, str]]:
    found: set[tuple[str | None, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in GETTEXT_FUNCTIONS:
            continue
        strings = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        has_context = name.startswith(("pgettext", "npgettext"))
        context, msgid = (strings[0], strings[1]) if has_context else (None, strings[0])
        if isinstance(msgid, str) and (context is None or isinstance(context, str)):
            found.add((context, msgid))
    return found


def template_msgids(path: Path) -> set[tuple[str | None, str]]:
    """The msgids of a template, read the way makemessages reads them (Django's templatize)."""
    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    found: set[tuple[str | None, str]] = set()
    for match in TEMPLATE_CALL.finditer(code):
        line_end = code.find("\n", match.end())
        line_end = len(code) if line_end == -1 else line_end
        # The arguments are Python literals; the call ends at the first ")" that parses.
        call = None
        for close in (m.end() for m in re.finditer(r"\)", code[match.end() : line_end])):
            try:
                call = ast.parse(code[match.start() : match.end() + close], mode="eval").body
                break
            except SyntaxError:
                continue
        assert isinstance(call, ast.Call), f"unreadable translation call in {path}"
        strings = [a.value for a in call.args if isinstance(a, ast.Constant)]
        has_context = match.group(1) in {"p", "np"}
        found.add((strings[0], strings[1]) if has_context else (None, strings[0]))
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    po = catalog(code)
    assert po.metadata.get("Language") == code
    assert "Plural-Forms" in po.metadata
    assert not po.metadata_is_fuzzy, "the header is fuzzy: msgfmt would drop it"
    untranslated = [e.msgid for e in live_entries(po) if not e.translated()]
    fuzzy = [e.msgid for e in live_entries(po) if "fuzzy" in e.flags]
    assert untranslated == []
    assert fuzzy == []


def test_the_three_catalogs_hold_the_same_messages():
    keys = {code: set(translations(live_entries(catalog(code)))) for code in LANGUAGES}
    assert keys["es"] == keys["en"] == keys["fr"]


def test_english_is_the_msgid():
    for entry in live_entries(catalog("en")):
        if entry.msgid_plural:
            assert msgstrs(entry) == [entry.msgid, entry.msgid_plural]
        else:
            assert entry.msgstr == entry.msgid


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_placeholders_and_markup(code):
    wrong = []
    for entry in live_entries(catalog(code)):
        for pattern in (PLACEHOLDER, MARKUP):
            expected = Counter(pattern.findall(entry.msgid))
            for text in msgstrs(entry):
                got = Counter(pattern.findall(text))
                # A plural form may leave the count out (“one report”), never add or change one.
                if got != expected and not (entry.msgid_plural and got <= expected):
                    wrong.append((entry.msgid, text))
    assert wrong == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_committed_mo_is_compiled_from_the_po(code):
    mo_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run `enlace compilemessages`"
    compiled = translations(list(polib.mofile(str(mo_path))))
    written = translations([e for e in live_entries(catalog(code)) if e.translated()])
    assert compiled == written, "the .mo is stale: run `enlace compilemessages`"


def test_every_string_of_the_code_is_in_the_catalogs():
    in_code: set[tuple[str | None, str]] = set()
    for path in source_files({".py"}):
        in_code |= python_msgids(path)
    for path in source_files({".html", ".txt"}):
        in_code |= template_msgids(path)
    # The check must read the code: the menu and the language names are known to be there.
    assert {(None, "Directory"), (None, "Spanish"), (None, "English"), (None, "French")} <= in_code
    for code in LANGUAGES:
        in_catalog = set(translations(live_entries(catalog(code))))
        missing = sorted(msgid for _context, msgid in in_code - in_catalog)
        assert missing == [], f"not in the {code} catalog: run `enlace makemessages` and translate"


# What a visitor reads in the menu and on the network page, in each language.
MENU = {
    "es": ["La red", "Directorio", "Reuniones", "Iniciar sesión", "Saltar al contenido"],
    "en": ["The network", "Directory", "Meetings", "Log in", "Skip to content"],
    "fr": ["Le réseau", "Annuaire", "Réunions", "Se connecter", "Aller au contenu"],
}
NETWORK_PAGE = {
    "es": ["Países miembros", "Países observadores", "México"],
    "en": ["Member countries", "Observer countries", "Mexico"],
    "fr": ["Pays membres", "Pays observateurs", "Mexique"],
}


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("url", ["/", "/network/"])
def test_pages_follow_the_language_cookie(client, net, code, url):
    client.cookies["enlace_language"] = code
    html = page(client, url)
    assert f'<html lang="{code}"' in html
    for word in MENU[code]:
        assert word in html
    for other in set(LANGUAGES) - {code}:
        assert MENU[other][1] not in html  # "Directory" is not in the French page, and so on


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_network_page_names_countries_in_the_language(client, net, code):
    client.cookies["enlace_language"] = code
    html = page(client, "/network/")
    for text in NETWORK_PAGE[code]:
        assert text in html


@pytest.mark.django_db
def test_spanish_without_cookie_or_browser_language(client, net):
    html = page(client, "/")
    assert '<html lang="es"' in html
    assert "Directorio" in html


@pytest.mark.django_db
def test_browser_language_is_followed_without_a_cookie(client, net):
    html = client.get("/", headers={"accept-language": "fr"}).content.decode()
    assert '<html lang="fr"' in html
    assert "Annuaire" in html


@pytest.mark.django_db
def test_switching_language_keeps_it_for_the_next_pages(client, net):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/network/"})
    assert response.status_code == 302
    assert response.cookies["enlace_language"].value == "fr"
    html = page(client, "/network/")
    assert '<html lang="fr"' in html
    assert "Pays membres" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "labels"),
    [
        ("es", ["Nombre en español", "Nombre en francés", "- Seleccione una opción -"]),
        ("en", ["Name in Spanish", "Name in French", "- Select an option -"]),
        ("fr", ["Nom en espagnol", "Nom en français", "- Choisir une option -"]),
    ],
)
def test_country_form_speaks_the_language(secretariat_client, code, labels):
    secretariat_client.cookies["enlace_language"] = code
    html = page(secretariat_client, "/manage/countries/new/")
    for label in labels:
        assert label in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_profile_shows_the_token_header_as_text(officer_client, code):
    officer_client.cookies["enlace_language"] = code
    html = page(officer_client, "/accounts/")
    assert "<code>Authorization: Bearer &lt;token&gt;</code>" in html


def test_french_puts_a_no_break_space_before_double_punctuation():
    """« Période : … », « Pourquoi ? »: French typography wants a (no-break) space before
    : ; ! ? and none may be an ordinary space, which lets the sign wrap alone to the next line."""
    wrong = [
        text
        for entry in live_entries(catalog("fr"))
        for text in msgstrs(entry)
        if re.search(r"(?<=\S) [:;!?]", text) or re.search(r"[A-Za-zÀ-ÿ)][:;!?](?=\s|$)", text)
    ]
    assert wrong == []
