"""Pages of a list whose rows and total are read by one query.

A paginator (Django's for a page, django-ninja's for the API) asks a list for its number of rows
and for one slice of them: two queries, each of which finds every row that matches. Where finding
them is most of the cost (a word search matching thousands of entries, sorted), the second finds
them all again. ``CountedSlices`` reads a slice's keys with ``COUNT(*) OVER ()`` beside each, so
the number comes with the page.
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from django.db.models import Count, QuerySet, Window

_TOTAL = "counted_slices_total"


class CountedSlices[T]:
    """A countable, sliceable list of ``queryset``'s rows (ordered, not distinct) for a
    paginator: a slice's primary keys and the number of rows come from one query, and ``read``
    turns the keys, in order, into what the page shows (the keys themselves by default).

    Django's paginator counts before it slices: ``expected`` is the slice the page will ask for,
    read when the count is asked first. A slice that starts past the last row holds no number:
    the rows are then counted apart."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        read: Callable[[list[Any]], Sequence[T]] = list,
        expected: slice | None = None,
    ) -> None:
        if not queryset.ordered or queryset.query.distinct:
            # The window counts rows before DISTINCT; an unordered page is not a page.
            raise ValueError("CountedSlices needs an ordered queryset without DISTINCT.")
        self.queryset = queryset.select_related(None).prefetch_related(None)
        self.read = read
        self.expected = expected
        self._count: int | None = None
        self._keys: dict[int, tuple[int | None, list[Any]]] = {}

    def count(self) -> int:
        if self._count is None and self.expected is not None:
            self.keys(self.expected.start or 0, self.expected.stop)
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[T]:
        """Every row (a paginator reads slices; this is for whoever reads the whole list)."""
        return iter(self[0:None])

    @overload
    def __getitem__(self, item: int) -> T: ...
    @overload
    def __getitem__(self, item: slice) -> Sequence[T]: ...
    def __getitem__(self, item: int | slice) -> T | Sequence[T]:
        if isinstance(item, int):
            if item < 0:
                raise IndexError("CountedSlices reads no negative index.")
            found = self.read(self.keys(item, item + 1))
            if not found:
                raise IndexError(item)
            return found[0]
        if item.step not in (None, 1) or (item.start or 0) < 0:
            raise TypeError("CountedSlices reads forward slices only.")
        return self.read(self.keys(item.start or 0, item.stop))

    def keys(self, start: int, stop: int | None) -> list[Any]:
        """The primary keys of rows ``start`` to ``stop``, in order: read once, with the count."""
        known = self._keys.get(start)
        if known is not None:
            known_stop, keys = known
            if known_stop is None or (stop is not None and stop <= known_stop):
                return keys if stop is None else keys[: max(stop - start, 0)]
        rows = list(
            self.queryset.annotate(**{_TOTAL: Window(Count("*"))}).values_list("pk", _TOTAL)[
                start:stop
            ]
        )
        keys = [pk for pk, _total in rows]
        if rows:
            self._count = int(rows[0][1])
        elif start == 0:
            self._count = 0
        self._keys[start] = (stop, keys)
        return keys


# Beyond this, a page number is read as Django's paginator reads it (the last page) after the
# count: no slice is expected of it (nor an offset the database would refuse).
MAX_EXPECTED_PAGE = 10**6


def expected_page(number: object, size: int) -> slice | None:
    """The slice that Django's paginator will ask for page ``number`` (as a query string gives
    it) while that page exists: page 1 for what is not a number; none below 1 or past
    ``MAX_EXPECTED_PAGE`` (Django shows the last page, which only the count tells)."""
    try:
        page = int(str(number)) if number not in (None, "") else 1
    except ValueError:
        page = 1
    if not 1 <= page <= MAX_EXPECTED_PAGE:
        return None
    first = (page - 1) * size
    return slice(first, first + size)
