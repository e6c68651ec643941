"""Every value a reader sees is a word of the reader's language: the main pages of each kind of
user (an officer of Honduras, the secretariat, an observer, the public), in Spanish and French,
in the demo, show no raw code of a choice field or of an HTCDS vocabulary, no True, False or
None, and no ISO date.

The codes are read from the models' choices (and the vocabularies the cooperation app keeps in
JSON fields and request details), so a new choice field is guarded as soon as it exists. A code
is not looked for where it is also its label in the page's language ("Migration" in French), or
where it is an ordinary word of Spanish or French text (``WORDS``)."""

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import translation

from enlace.accounts.models import User
from enlace.contributions.models import Contribution
from enlace.cooperation import forms as cooperation_forms
from enlace.cooperation import models as cooperation_models
from enlace.cooperation.models import CooperationRequest, ProtectedCase
from enlace.meetings.models import Meeting
from enlace.workplan.models import Activity

LANGUAGES = ("es", "fr")

# Codes that are also ordinary words of the pages' text, in Spanish or French.
WORDS = {
    "active",  # fr "est active"
    "archive",  # fr "fiche d'archive"
    "institution",  # fr "nom, institution ou fonction"
    "international",  # fr
    "legal",  # es "tutor legal"
    "message",  # fr "Message"
    "organisation",  # fr "pays ou organisation"
    "points",  # fr "les points"
    "programme",  # fr "un programme"
    "psychosocial",  # fr "soutien psychosocial"
    "public",  # fr "portail public"
    "Servitude",  # fr "Servitude, y compris domestique"
    "virtual",  # es "curso virtual"
}

PYTHON_VALUE = re.compile(r"\b(True|False|None)\b")
ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")


class _VisibleText(HTMLParser):
    """The text a reader sees: no markup, scripts or styles, and no <code> or <pre> (the audit
    log shows the stored action code and the snapshots of the objects on purpose)."""

    HIDDEN = frozenset({"script", "style", "template", "code", "pre", "textarea"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


def _vocabularies() -> Iterator[tuple[str, list[tuple[str, object]]]]:
    for model in apps.get_models():
        if not model.__module__.startswith("enlace."):
            continue
        for field in model._meta.get_fields():
            choices = getattr(field, "choices", None)
            if choices:
                yield f"{model.__name__}.{field.name}", list(choices)
    for name in dir(cooperation_models):
        found = getattr(cooperation_models, name)
        if (
            isinstance(found, type)
            and issubclass(found, models.Choices)
            and found.__module__ == cooperation_models.__name__
        ):
            yield name, list(found.choices)
    for name in ("DOCUMENT_KINDS", "SERVICES", "URGENCY"):
        yield name, list(getattr(cooperation_forms, name))


def raw_codes(language: str) -> dict[str, str]:
    """Each code worth looking for on a page in ``language``, with where it comes from."""
    codes: dict[str, str] = {}
    with translation.override(language):
        for where, choices in _vocabularies():
            for code, label in choices:
                if not isinstance(code, str) or len(code) < 3 or code in WORDS:
                    continue
                if code.casefold() == str(label).casefold():
                    continue
                codes.setdefault(code, where)
    return codes


def _pages() -> dict[str, list[str]]:
    meeting = Meeting.objects.get(city="Tela")
    report = meeting.reports.get(language="es")
    request = CooperationRequest.objects.filter(parties__country__code="HND").order_by("pk")
    cases = ProtectedCase.objects.filter(owner_country__code="HND").order_by("pk")
    contribution = Contribution.objects.order_by("pk").first()
    activity = Activity.objects.order_by("pk").first()
    everyone = [
        "/",
        "/public/",
        "/network/",
        "/directory/",
        "/meetings/",
        f"/meetings/{meeting.pk}/",
        f"/reports/{report.pk}/",
        "/workplan/",
        "/workplan/archive/",
        "/statistics/",
        "/legislation/",
        "/mechanisms/",
        "/public/recommendations/",
    ]
    if activity is not None:
        everyone.append(f"/workplan/activities/{activity.pk}/")
    signed_in = [
        *everyone,
        "/contributions/",
        "/commitments/",
        "/workplan/dashboard/",
        "/statistics/dashboard/",
        "/country-reports/",
        "/accounts/",
    ]
    if contribution is not None:
        signed_in.append(f"/contributions/{contribution.pk}/")
    officer = [
        *signed_in,
        "/cooperation/",
        "/cooperation/?state=all",
        "/cooperation/cases/",
        "/cooperation/statistics/",
        "/workplan/mine/",
        *(f"/cooperation/requests/{r.pk}/" for r in request.distinct()),
        *(f"/cooperation/cases/{c.code}/" for c in cases),
    ]
    secretariat = [
        *signed_in,
        "/cooperation/?state=all",
        "/cooperation/statistics/",
        "/manage/",
        f"/manage/reports/{report.pk}/",
        "/imports/",
        "/audit/",
    ]
    return {
        "": everyone,
        "honduras": officer,
        "secretariat": secretariat,
        "observer": [*signed_in, "/cooperation/statistics/"],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_raw_code_nor_iso_date_on_the_main_pages(demo: None, language: str) -> None:
    codes = raw_codes(language)
    pattern = re.compile(
        r"(?<![\w@./-])("
        + "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
        + r")(?![\w@/-])"
    )
    usernames = set(User.objects.values_list("username", flat=True))
    found: list[str] = []
    for username, urls in _pages().items():
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        client.cookies["enlace_language"] = language
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 200, (username, url, response.status_code)
            words = visible_text(response.content.decode()).split(" ")
            # A user name or an address is no value of a choice ("secretariat", "observer").
            text = " ".join(w for w in words if w not in usernames and "@" not in w)
            who = username or "public"
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 40) : match.end() + 20]
                found.append(f"{who} {url}: {match.group(1)} ({codes[match.group(1)]}): {context}")
            for match in PYTHON_VALUE.finditer(text):
                context = text[max(0, match.start() - 40) : match.end() + 20]
                found.append(f"{who} {url}: {match.group(1)}: {context}")
            for match in ISO_DATE.finditer(text):
                if url == "/audit/":
                    continue  # the audit log keeps its exact timestamps
                context = text[max(0, match.start() - 40) : match.end() + 20]
                found.append(f"{who} {url}: ISO date: {context}")
    assert not found, "raw values on the pages:\n" + "\n".join(found)


def test_the_guard_sees_a_raw_code_and_an_iso_date() -> None:
    """The guard's own check: a page that shows codes is caught, one that shows words is not."""
    codes = raw_codes("es")
    assert "SexualExploitation" in codes
    assert "in_progress" in codes
    assert "Migration" in codes  # the Spanish label is "Migración"
    assert "Migration" not in raw_codes("fr")  # the French label is the same word
    assert "normal" not in codes  # "Normal" in Spanish
    text = visible_text("<p>Formas: SexualExploitation</p><script>in_progress</script>")
    assert text == "Formas: SexualExploitation"
    assert ISO_DATE.search("Enviada 2026-10-24")
    assert not ISO_DATE.search("Expediente DEMO-2026-001")
