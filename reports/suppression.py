"""Small-cell suppression for published tables, so that a small group cannot be re-identified.

A count below the threshold (but above zero) is hidden and shown as "<N". Hiding one cell is not
enough when the table also shows totals: the hidden count would be the total minus the others.
So, as statistical agencies do (complementary suppression), whenever a row or a column of a table
with totals has exactly one hidden cell, the smallest other non-zero cell of that line is hidden
too; this repeats until no row or column has a single hidden cell. Totals themselves are shown
unless they are small, in which case they are hidden like any cell (and the line's cells with them).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Table:
    """A breakdown: rows (categories) by columns (quarters), with a total per row and per column."""

    key: str
    title: str
    row_heading: str
    columns: list[str]
    rows: list[tuple[str, list[int]]]
    suppressed: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of hidden cells

    @property
    def row_totals(self) -> list[int]:
        return [sum(values) for _label, values in self.rows]

    @property
    def column_totals(self) -> list[int]:
        return [sum(values[c] for _label, values in self.rows) for c in range(len(self.columns))]

    @property
    def total(self) -> int:
        return sum(self.row_totals)

    def matrix(self) -> list[list[int]]:
        """Cells with the row totals as a last column and the column totals as a last row."""
        body = [[*values, total] for (_label, values), total in zip(self.rows, self.row_totals, strict=True)]
        return [*body, [*self.column_totals, self.total]]


def suppress(table: Table, threshold: int) -> Table:
    """Marks the cells to hide (in place) and returns the table. Threshold 0 or 1 hides nothing."""
    if threshold <= 1:
        return table
    grid = table.matrix()
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0
    hidden = {(r, c) for r in range(n_rows) for c in range(n_cols) if 0 < grid[r][c] < threshold}

    def lines():
        for r in range(n_rows):
            yield [(r, c) for c in range(n_cols)]
        for c in range(n_cols):
            yield [(r, c) for r in range(n_rows)]

    changed = True
    while changed:
        changed = False
        for line in lines():
            hidden_here = [cell for cell in line if cell in hidden]
            if len(hidden_here) != 1:
                continue
            candidates = [cell for cell in line if cell not in hidden and grid[cell[0]][cell[1]] > 0]
            if not candidates:
                continue
            # The smallest other count: the least information lost to protect the hidden one.
            hidden.add(min(candidates, key=lambda cell: (grid[cell[0]][cell[1]], cell)))
            changed = True
    table.suppressed = hidden
    return table


def display(table: Table, threshold: int) -> list[tuple[str, list[str]]]:
    """Rows as text, the last row being the totals; hidden cells read "<threshold"."""
    grid = table.matrix()
    labels = [label for label, _values in table.rows] + ["Total"]
    out = []
    for r, label in enumerate(labels):
        cells = [f"<{threshold}" if (r, c) in table.suppressed else str(v) for c, v in enumerate(grid[r])]
        out.append((label, cells))
    return out
