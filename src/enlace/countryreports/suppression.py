"""Statistical disclosure control of the public statistics: k-anonymity of counts, with primary
and complementary (secondary) cell suppression in a two-way table with its margins.

A table is a grid of counts (rows × columns, ``None`` where nothing was reported) published with
its row totals, its column totals and its grand total. The rules, with k = 11 as the Counter
Trafficking Data Collaborative publishes:

- **Primary suppression.** Every cell — and every total — from 1 to k − 1 is suppressed.
- **Zeros are published.** A true zero reveals nothing about a person, and hiding zeros would
  hide most of a sparse table. A zero is never a primary suppression; it is used as a
  complementary one only when no non-zero cell can do the job.
- **Not reported** cells (``None``) are not part of the table (they count as nothing in the
  totals) and are never suppressed: their absence is public.
- **Complementary suppression.** A suppressed value must not be recoverable from the published
  cells and totals. Write the table with its margins as an (R+1) × (C+1) grid in which every
  row and every column adds up to zero (the totals with a minus sign). The suppressed positions
  are the edges of a bipartite graph between the R+1 rows and the C+1 columns; the values that
  the published numbers leave free are exactly the combinations along cycles of that graph. So a
  suppressed position is determined by the equations **if and only if it is a bridge** of that
  graph (on no cycle). Note that "every row and column has 0 or at least 2 suppressed cells" is
  not enough: two suppressed 2 × 2 blocks joined by one suppressed cell satisfy it, and that
  cell is a bridge. While a bridge remains, the cheapest path between its two ends through
  published positions (small non-zero cells first, zeros and totals last) is suppressed too,
  which closes a cycle through the bridge. Adding edges never turns a cycle edge into a bridge,
  so the number of bridges falls at every step and the loop ends.

The tests check the result independently, by exact rank computations over the rationals
(``enlace/countryreports/tests/test_suppression.py``, with hypothesis).
"""

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

K = 11

# Costs of suppressing a published position as a complement: small counts first (they carry
# the least information), zeros and totals only when needed.
_ZERO_COST = 10**9
_TOTAL_COST = 10**12


@dataclass(frozen=True)
class Cell:
    """A published position: its value, or ``None`` when suppressed (or not reported)."""

    value: int | None
    suppressed: bool = False
    reported: bool = True

    @property
    def shown(self) -> int | None:
        return None if self.suppressed or not self.reported else self.value


@dataclass(frozen=True)
class ProtectedTable:
    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell

    @property
    def suppressed_count(self) -> int:
        everything = [c for row in self.cells for c in row] + self.row_totals
        everything += [*self.column_totals, self.total]
        return sum(1 for c in everything if c.suppressed)


def needs_primary(value: int | None, k: int = K) -> bool:
    return value is not None and 0 < value < k


def _bridges(n_rows: int, n_cols: int, edges: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The bridges of the bipartite graph rows × columns whose edges are ``edges`` (Tarjan's
    low-link, iterative). Vertices: rows 0..n_rows-1, columns n_rows..n_rows+n_cols-1."""
    adjacency: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for r, c in edges:
        adjacency.setdefault(r, []).append((n_rows + c, (r, c)))
        adjacency.setdefault(n_rows + c, []).append((r, (r, c)))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    found: set[tuple[int, int]] = set()
    counter = 0
    for start in adjacency:
        if start in order:
            continue
        order[start] = low[start] = counter
        counter += 1
        stack: list[tuple[int, tuple[int, int] | None, int]] = [(start, None, 0)]
        while stack:
            vertex, via, index = stack[-1]
            neighbours = adjacency[vertex]
            if index < len(neighbours):
                stack[-1] = (vertex, via, index + 1)
                nxt, edge = neighbours[index]
                if edge == via:
                    continue
                if nxt in order:
                    low[vertex] = min(low[vertex], order[nxt])
                else:
                    order[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append((nxt, edge, 0))
            else:
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[vertex])
                    if low[vertex] > order[parent]:
                        found.add(via)
    return found


def _cheapest_path(
    n_rows: int,
    n_cols: int,
    cost: dict[tuple[int, int], int],
    suppressed: set[tuple[int, int]],
    bridge: tuple[int, int],
) -> list[tuple[int, int]]:
    """The positions to add so that ``bridge`` lies on a cycle: the cheapest path from its row to
    its column that does not use it (suppressed positions cost nothing)."""
    source, target = bridge[0], n_rows + bridge[1]
    best: dict[int, int] = {source: 0}
    previous: dict[int, tuple[int, tuple[int, int]]] = {}
    queue = [(0, source)]
    while queue:
        spent, vertex = heapq.heappop(queue)
        if vertex == target:
            break
        if spent > best.get(vertex, spent):
            continue
        if vertex < n_rows:
            steps = [((vertex, c), n_rows + c) for c in range(n_cols)]
        else:
            steps = [((r, vertex - n_rows), r) for r in range(n_rows)]
        for edge, nxt in steps:
            if edge == bridge or (edge not in suppressed and edge not in cost):
                continue
            price = spent + (0 if edge in suppressed else cost[edge])
            if price < best.get(nxt, price + 1):
                best[nxt] = price
                previous[nxt] = (vertex, edge)
                heapq.heappush(queue, (price, nxt))
    if target not in previous:
        return []
    path = []
    vertex = target
    while vertex != source:
        vertex, edge = previous[vertex]
        path.append(edge)
    return [edge for edge in path if edge not in suppressed]


def protect(grid: Sequence[Sequence[int | None]], k: int = K) -> ProtectedTable:
    """The table ``grid`` (rows of counts, ``None`` = not reported) with its margins, each
    position marked suppressed or published by the rules above."""
    n_rows = len(grid)
    n_cols = len(grid[0]) if n_rows else 0
    values: dict[tuple[int, int], int] = {}
    for r, row in enumerate(grid):
        if len(row) != n_cols:
            raise ValueError("every row of the table needs the same number of columns")
        for c, value in enumerate(row):
            if value is not None:
                if value < 0:
                    raise ValueError("counts cannot be negative")
                values[(r, c)] = value
    row_totals = [sum(values.get((r, c), 0) for c in range(n_cols)) for r in range(n_rows)]
    col_totals = [sum(values.get((r, c), 0) for r in range(n_rows)) for c in range(n_cols)]
    grand = sum(row_totals)
    # The extended grid: row n_rows holds the column totals, column n_cols the row totals.
    for r in range(n_rows):
        values[(r, n_cols)] = row_totals[r]
    for c in range(n_cols):
        values[(n_rows, c)] = col_totals[c]
    values[(n_rows, n_cols)] = grand

    suppressed = {pos for pos, value in values.items() if needs_primary(value, k)}
    if n_rows and n_cols:
        cost = {}
        for (r, c), value in values.items():
            if (r, c) in suppressed:
                continue
            price = value + 1 if value else _ZERO_COST
            if r == n_rows or c == n_cols:
                price += _TOTAL_COST
            cost[(r, c)] = price
        while True:
            bridges = _bridges(n_rows + 1, n_cols + 1, suppressed)
            if not bridges:
                break
            bridge = min(bridges)
            added = _cheapest_path(n_rows + 1, n_cols + 1, cost, suppressed, bridge)
            if not added:  # cannot happen in a complete grid; never loop for ever
                raise RuntimeError("no complementary suppression found")
            for edge in added:
                suppressed.add(edge)
                cost.pop(edge, None)

    def cell(pos: tuple[int, int]) -> Cell:
        if pos not in values:
            return Cell(value=None, reported=False)
        return Cell(value=values[pos], suppressed=pos in suppressed)

    return ProtectedTable(
        cells=[[cell((r, c)) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[cell((r, n_cols)) for r in range(n_rows)],
        column_totals=[cell((n_rows, c)) for c in range(n_cols)],
        total=cell((n_rows, n_cols)),
    )
