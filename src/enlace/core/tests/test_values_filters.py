"""A day and a moment as the reader's language writes them, on one line."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

NB = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("language", "day"),
    [
        ("es", f"23{NB}de{NB}octubre{NB}de{NB}2026"),
        ("fr", f"23{NB}octobre{NB}2026"),
        ("en", f"Oct.{NB}23,{NB}2026"),
    ],
)
def test_a_day_in_words_that_never_wrap(language: str, day: str) -> None:
    template = Template("{% load values %}[{{ when|day }}][{{ nothing|day|default:'—' }}]")
    with translation.override(language):
        shown = template.render(Context({"when": datetime.date(2026, 10, 23), "nothing": None}))
    assert shown == f"[{day}][—]"
    assert "2026-10-23" not in shown


def test_a_moment_in_the_local_time(settings: object) -> None:
    settings.TIME_ZONE = "America/Tegucigalpa"  # type: ignore[attr-defined]
    moment = datetime.datetime(2026, 10, 23, 18, 5, tzinfo=datetime.UTC)
    with translation.override("es"):
        shown = Template("{% load values %}{{ when|daytime }}").render(Context({"when": moment}))
    assert shown == f"23{NB}de{NB}octubre{NB}de{NB}2026{NB}a{NB}las{NB}12:05"
