"""CountedSlices: a page's keys and the number of rows in one query, as a paginator reads them."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enlace.core.paging import CountedSlices, expected_page
from enlace.network.models import Country

pytestmark = pytest.mark.django_db


def _codes(keys: list[int]) -> list[str]:
    names = dict(Country.objects.filter(pk__in=keys).values_list("pk", "code"))
    return [names[k] for k in keys]


def _countries(**filters: str) -> "CountedSlices":
    return CountedSlices(Country.objects.filter(**filters).order_by("code"), read=_codes)


def test_a_slice_and_the_count_are_one_query(net: object) -> None:
    every = list(Country.objects.order_by("code").values_list("code", flat=True))
    assert len(every) >= 4  # the page of 3 below is the last: the paginator asks for less
    found = _countries()
    with CaptureQueriesContext(connection) as queries:
        assert found[1:3] == every[1:3]
        assert found.count() == len(every)
        assert len(found) == len(every)
        assert found[1:2] == every[1:2]  # within the slice read: no query
        assert found[1:0] == []  # an empty slice of it, not its end cut off
    # The slice with its count, then the rows of the keys (the ``read`` of each slice).
    assert len(queries) == 1 + 2


def test_a_slice_past_the_end_is_counted_apart(net: object) -> None:
    total = Country.objects.count()
    found = _countries()
    assert found[total + 5 : total + 10] == []
    assert found.count() == total
    nothing = _countries(code="ZZZ")
    with CaptureQueriesContext(connection) as queries:
        assert nothing[0:10] == []
        assert nothing.count() == 0
    assert len(queries) == 1  # the empty slice (reading no keys is no query); no count


def test_django_paginator_counts_with_the_expected_page(net: object) -> None:
    every = list(Country.objects.order_by("code").values_list("code", flat=True))
    found = CountedSlices(
        Country.objects.order_by("code"), read=_codes, expected=expected_page("2", 3)
    )
    with CaptureQueriesContext(connection) as queries:
        page = Paginator(found, 3).get_page("2")
        assert list(page.object_list) == every[3:6]
        assert page.paginator.count == len(every)
    assert len(queries) == 2  # the keys with the count, the rows


def test_only_an_ordered_list_without_duplicates_is_paged() -> None:
    with pytest.raises(ValueError, match="ordered"):
        CountedSlices(Country.objects.order_by())
    with pytest.raises(ValueError, match="DISTINCT"):
        CountedSlices(Country.objects.order_by("code").distinct())


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (None, slice(0, 10)),
        ("", slice(0, 10)),
        ("1", slice(0, 10)),
        ("3", slice(20, 30)),
        ("abc", slice(0, 10)),
        ("-2", None),
        ("0", None),
        (str(10**30), None),
    ],
)
def test_the_expected_page_is_the_one_django_shows(
    number: str | None, expected: slice | None
) -> None:
    assert expected_page(number, 10) == expected


def test_one_row_and_the_whole_list(net: object) -> None:
    every = list(Country.objects.order_by("code").values_list("code", flat=True))
    found = _countries()
    assert (found[0], found[len(every) - 1]) == (every[0], every[-1])
    assert list(found) == every
    with pytest.raises(IndexError):
        found[len(every)]
    with pytest.raises(TypeError):
        found[::2]
