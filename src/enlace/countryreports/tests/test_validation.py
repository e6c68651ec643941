"""The figures' rules (enlace.countryreports.validation), each with the message a user reads."""

import pytest
from django.utils import translation

from enlace.countryreports.indicators import FigureKey, parse_key
from enlace.countryreports.validation import check_figures, parse_value

from .conftest import VALID

K = FigureKey
TOTAL = K("victims_identified")
FEMALE = K("victims_identified", "", "sex", "female")
MALE = K("victims_identified", "", "sex", "male")


@pytest.mark.parametrize(
    ("raw", "value"),
    [(12, 12), (12.0, 12), ("12", 12), (" 1 200 ", 1200), ("", None), (None, None), (0, 0)],
)
def test_whole_numbers_are_accepted_as_typed_or_from_a_spreadsheet(
    raw: object, value: int | None
) -> None:
    assert parse_value(raw) == (value, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (12.5, "Enter a whole number, without decimals."),
        ("12,5", "Enter a whole number."),
        ("doce", "Enter a whole number."),
        (-3, "A figure cannot be negative."),
        ("-1", "A figure cannot be negative."),
        (True, "Enter a whole number."),
        (float("nan"), "Enter a whole number."),
    ],
)
def test_other_values_are_refused_with_a_message(raw: object, message: str) -> None:
    with translation.override("en"):
        assert parse_value(raw) == (None, message)


def test_a_consistent_report_passes() -> None:
    assert check_figures(VALID).ok


def test_an_error_names_the_figure_in_the_users_language() -> None:
    with translation.override("en"):
        checked = check_figures({FEMALE: "abc"})
    assert [e.key for e in checked.errors] == [FEMALE]
    assert checked.errors[0].message.startswith("Victims identified, by sex: female:")
    assert checked.invalid == {FEMALE: "abc"}
    with translation.override("es"):
        spanish = check_figures({FEMALE: "abc"}).errors[0].message
    assert "Víctimas identificadas" in spanish


def test_a_breakdown_must_add_up_to_its_total() -> None:
    with translation.override("en"):
        checked = check_figures({TOTAL: 10, FEMALE: 6, MALE: 5})
    assert len(checked.errors) == 1
    assert "add up to 11, but the total is 10" in checked.errors[0].message
    assert "by sex" in checked.errors[0].message


def test_a_breakdown_needs_its_total() -> None:
    with translation.override("en"):
        checked = check_figures({FEMALE: 6})
    assert checked.errors[0].key == TOTAL
    assert "give the total" in checked.errors[0].message


@pytest.mark.parametrize("dimension", ["age", "form", "citizenship"])
def test_every_breakdown_is_checked(dimension: str) -> None:
    category = {"age": "child", "form": "sexual", "citizenship": "foreign"}[dimension]
    checked = check_figures({TOTAL: 10, K("victims_identified", "", dimension, category): 11})
    assert not checked.ok


def test_age_bands_add_up_to_their_group() -> None:
    figures = {
        TOTAL: 10,
        K("victims_identified", "", "age", "child"): 4,
        K("victims_identified", "", "age", "adult"): 6,
        K("victims_identified", "", "age", "b0_11"): 1,
        K("victims_identified", "", "age", "b12_17"): 2,
        K("victims_identified", "", "age", "b18_29"): 7,
    }
    with translation.override("en"):
        errors = [e.message for e in check_figures(figures).errors]
    assert any("children (under 18)" in m and "add up to 3" in m for m in errors)
    figures[K("victims_identified", "", "age", "b12_17")] = 3
    figures[K("victims_identified", "", "age", "b18_29")] = 6
    assert check_figures(figures).ok


def test_sums_are_per_crime() -> None:
    figures = {
        K("convictions", "tip"): 5,
        K("convictions", "tip", "sex", "female"): 5,
        K("convictions", "som"): 9,
        K("convictions", "som", "sex", "male"): 8,
    }
    checked = check_figures(figures)
    assert [e.key.crime for e in checked.errors] == ["som"]


def test_keys_are_parsed_from_their_names() -> None:
    assert parse_key("victims_identified.sex.female") == FEMALE
    assert parse_key("convictions.tip.total") == K("convictions", "tip")
    assert parse_key("convictions.total") is None  # the crime is required
    assert parse_key("campaigns.sex.female") is None  # campaigns have no breakdown
    assert parse_key("nonsense.total") is None
