from collections.abc import Iterator

import pytest
from django.utils import translation

from enlace.demo import data
from enlace.network.models import Body, Country, Organisation


@pytest.fixture
def network_only(db: None) -> None:
    """An empty platform with only the network's data: the demo's countries, organisations and
    bodies, without its meetings."""
    for code, es, en, fr, status in data.COUNTRIES:
        Country.objects.create(code=code, name_es=es, name_en=en, name_fr=fr, status=status)
    for acronym, es, en, fr, kind, observer in data.ORGANISATIONS:
        Organisation.objects.create(
            acronym=acronym, name_es=es, name_en=en, name_fr=fr, kind=kind, is_observer=observer
        )
    bodies: dict[str, Body] = {}
    for slug, kind, acronym, es, en, fr, parent in data.BODIES:
        bodies[slug] = Body.objects.create(
            slug=slug,
            kind=kind,
            acronym=acronym,
            name_es=es,
            name_en=en,
            name_fr=fr,
            reports_to=bodies.get(parent) if parent else None,
        )


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages are asserted in English (the msgids), whatever the catalogs say: the page's
    language, and the operator's for the command."""
    monkeypatch.setenv("LANGUAGE", "en")
    with translation.override("en"):
        yield
