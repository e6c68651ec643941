"""The public statistics' cell suppression: k = 11, primary and complementary.

The check is independent of the algorithm: a suppressed position is recoverable exactly when
its unit vector lies in the row space of the published equations (row sums, column sums and
the grand total, restricted to the unknown positions), which is decided by exact rank
computations over the rationals."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from enlace.countryreports.suppression import K, protect


def _rank(rows: list[list[Fraction]]) -> int:
    matrix = [row[:] for row in rows]
    rank = 0
    columns = len(matrix[0]) if matrix else 0
    for col in range(columns):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col] / matrix[rank][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        rank += 1
    return rank


def recoverable(
    grid: list[list[int | None]], suppressed: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The suppressed positions of the extended table (R+1 × C+1, margins last) whose value
    follows from the published values and the additivity equations."""
    n_rows, n_cols = len(grid), len(grid[0])
    unknown = sorted(suppressed)
    index = {pos: i for i, pos in enumerate(unknown)}
    equations: list[list[Fraction]] = []

    def equation(cells: list[tuple[int, int]], total: tuple[int, int]) -> None:
        row = [Fraction(0)] * len(unknown)
        for pos in cells:
            if pos in index:
                row[index[pos]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            equations.append(row)

    for r in range(n_rows + 1):
        equation(
            [(r, c) for c in range(n_cols) if r == n_rows or grid[r][c] is not None], (r, n_cols)
        )
    for c in range(n_cols + 1):
        equation(
            [(r, c) for r in range(n_rows) if c == n_cols or grid[r][c] is not None], (n_rows, c)
        )
    if not equations:
        return set()
    base = _rank(equations)
    found = set()
    for pos, i in index.items():
        unit = [Fraction(0)] * len(unknown)
        unit[i] = Fraction(1)
        if _rank([*equations, unit]) == base:
            found.add(pos)
    return found


def _positions(
    grid: list[list[int | None]],
) -> tuple[dict[tuple[int, int], object], set[tuple[int, int]]]:
    table = protect(grid)
    n_rows, n_cols = len(grid), len(grid[0])
    cells: dict[tuple[int, int], object] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            cells[(r, c)] = table.cells[r][c]
        cells[(r, n_cols)] = table.row_totals[r]
    for c in range(n_cols):
        cells[(n_rows, c)] = table.column_totals[c]
    cells[(n_rows, n_cols)] = table.total
    suppressed = {pos for pos, cell in cells.items() if cell.suppressed}  # type: ignore[attr-defined]
    return cells, suppressed


counts = st.one_of(
    st.none(), st.just(0), st.integers(1, 10), st.integers(11, 60), st.integers(1, 30)
)
tables = st.integers(1, 6).flatmap(
    lambda rows: st.integers(1, 6).flatmap(
        lambda cols: st.lists(
            st.lists(counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_published_count_below_k_and_no_suppressed_value_recoverable(
    grid: list[list[int | None]],
) -> None:
    cells, suppressed = _positions(grid)
    for cell in cells.values():
        shown = cell.shown  # type: ignore[attr-defined]
        assert shown is None or shown == 0 or shown >= K
    assert not recoverable(grid, suppressed)


@settings(max_examples=100, deadline=None)
@given(tables)
def test_published_values_are_the_true_counts(grid: list[list[int | None]]) -> None:
    table = protect(grid)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            cell = table.cells[r][c]
            assert cell.reported == (value is not None)
            if cell.shown is not None:
                assert cell.shown == value
        assert table.row_totals[r].value == sum(v or 0 for v in row)


def test_a_lone_small_cell_takes_others_of_its_row_and_column_with_it() -> None:
    grid: list[list[int | None]] = [[5, 40, 50], [30, 60, 70]]
    table = protect(grid)
    assert table.cells[0][0].suppressed
    assert table.cells[0][0].shown is None
    assert table.suppressed_count >= 4  # a cycle: two rows × two columns at least
    _cells, suppressed = _positions(grid)
    assert not recoverable(grid, suppressed)


def test_two_blocks_joined_by_one_cell_do_not_leave_it_recoverable() -> None:
    # Each row and column of the small cells has two suppressed cells, but the joint (1, 2)
    # would be a bridge between two 2×2 blocks: the algorithm must close a cycle through it.
    grid: list[list[int | None]] = [
        [3, 4, 90, 80, 70],
        [2, 5, 6, 90, 80],
        [90, 80, 7, 3, 70],
        [90, 80, 90, 4, 2],
    ]
    _cells, suppressed = _positions(grid)
    assert (1, 2) in suppressed
    assert not recoverable(grid, suppressed)


def test_totals_below_k_are_suppressed_and_zeros_published() -> None:
    table = protect([[0, 4], [0, 3]])
    assert table.cells[0][0].shown == 0
    assert table.column_totals[0].shown == 0
    assert table.column_totals[1].suppressed
    assert table.total.suppressed


def test_the_independent_check_does_find_a_recoverable_cell() -> None:
    # Without complementary suppression the small cell follows from its row total.
    grid: list[list[int | None]] = [[5, 40], [30, 60]]
    assert recoverable(grid, {(0, 0)}) == {(0, 0)}
