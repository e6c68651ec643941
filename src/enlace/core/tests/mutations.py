"""Hypothesis strategies that break a good file the ways files break: bytes overwritten, the
file cut short, random bytes, and (for spreadsheets) cells filled with anything at all."""

import io
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Bounded: these run in every CI run, on both databases.
FILE_FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@st.composite
def broken_bytes(draw: Any, good: bytes) -> bytes:
    """The good file with a few bytes overwritten, cut short, or replaced by noise."""
    kind = draw(st.sampled_from(["overwrite", "truncate", "noise"]))
    if kind == "noise":
        return bytes(draw(st.binary(max_size=4096)))
    if kind == "truncate":
        return good[: draw(st.integers(0, max(len(good) - 1, 0)))]
    data = bytearray(good)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    return bytes(data)


ANY_CELL = st.one_of(
    st.none(),
    st.text(max_size=60),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.booleans(),
)


@st.composite
def scribbled_workbook(draw: Any, good: bytes, *, max_row: int, max_column: int) -> bytes:
    """The good workbook with some cells of its first sheet set to anything at all."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(good))
    sheet = book.worksheets[0]
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.integers(1, max_row))
        column = draw(st.integers(1, max_column))
        value = draw(ANY_CELL)
        if isinstance(value, str):
            # openpyxl refuses control characters in cells; a real file cannot hold them.
            value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
        sheet.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
