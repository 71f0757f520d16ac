"""Ruled tables on a fixed-layout page (PDF, OFD): the grid from its ruling lines, merged
cells from missing rules, and each glyph in the cell that holds it.

A row becomes what the .docx reader gives for the same table: one entry per cell, a
horizontally merged cell once, a vertically merged continuation as an empty cell.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(slots=True)
class Glyph:
    """One character placed on a page; coordinates grow rightwards and downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class Rule:
    """An axis-aligned ruling line (a table border, an underline)."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Cell:
    """A cell's glyphs; `text`, `room` and `first_piece` are filled in when the table is finished."""

    x0: float
    x1: float
    continued: bool = False  # the lower part of a vertically merged cell
    owner: "Cell | None" = None  # for such a part, the cell at the merge's top (holds the text)
    glyphs: list[Glyph] = field(default_factory=list)
    text: str = ""
    room: float = 0.0  # space left after its last line (a split row's text goes on if small)
    first_piece: float = 0.0  # width of what no wrap could break at its start
    size: float = 0.0


@dataclass
class Table:
    """A ruled table on one page, rows of cells in reading order."""

    x0: float
    top: float
    x1: float
    bottom: float
    columns: list[float]
    rows: list[list[Cell]]
    ys: list[float] = field(default_factory=list)  # row boundaries


def axis_rules(runs: list[list[tuple[float, float]]], tol: float) -> list[Rule]:
    """The straight pieces of drawn paths (runs of points) that lie along an axis: a table's
    borders, as rules; a slanted piece is no border."""
    rules = []
    for run in runs:
        for (ax, ay), (bx, by) in zip(run, run[1:]):
            if abs(ay - by) <= tol or abs(ax - bx) <= tol:
                rules.append(Rule(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    return rules


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def find_tables(rules: list[Rule], glyphs: list[Glyph], tol: float) -> tuple[list[Table], list[Glyph]]:
    """Tables made by the rules, with the glyphs inside them; and the glyphs outside any."""
    horizontal = [((r.top + r.bottom) / 2, r.x0, r.x1) for r in rules if r.bottom - r.top <= tol]
    vertical = [((r.x0 + r.x1) / 2, r.top, r.bottom) for r in rules if r.x1 - r.x0 <= tol]
    tables = []
    for hs, vs in _components(horizontal, vertical, tol):
        table = _grid(hs, vs, tol)
        if table is not None:
            tables.append(table)
    if not tables:
        return tables, glyphs
    rest = []
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
        table = next((t for t in tables if t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom), None)
        if table is None or not _place(table, g, cx, cy):
            rest.append(g)
    return tables, rest


def _components(horizontal, vertical, tol):
    """Groups of rules that touch each other (each a table candidate)."""
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(horizontal):
        for j, (x, vy0, vy1) in enumerate(vertical):
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                parent[root(i)] = root(len(horizontal) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if g[0] and g[1]]


class _Grid:
    def __init__(self, hs, vs, tol):
        self.hs, self.vs, self.tol = hs, vs, tol

    def vline(self, x: float, y: float) -> bool:
        return any(abs(vx - x) <= self.tol and y0 - self.tol <= y <= y1 + self.tol for vx, y0, y1 in self.vs)

    def hline(self, y: float, x: float) -> bool:
        return any(abs(hy - y) <= self.tol and x0 - self.tol <= x <= x1 + self.tol for hy, x0, x1 in self.hs)


def _grid(hs, vs, tol) -> Table | None:
    ys = _cluster([h[0] for h in hs], tol)
    xs = _cluster([v[0] for v in vs], tol)
    if len(ys) < 2 or len(xs) < 2 or (len(ys) == 2 and len(xs) == 2):
        return None  # a frame around text is not a table
    grid = _Grid(hs, vs, tol)
    rows: list[list[Cell]] = []
    for i in range(len(ys) - 1):
        mid_y = (ys[i] + ys[i + 1]) / 2
        row, j = [], 0
        while j < len(xs) - 1:
            k = j
            while k + 1 < len(xs) - 1 and not grid.vline(xs[k + 1], mid_y):
                k += 1
            mid_x = (xs[j] + xs[j + 1]) / 2
            cell = Cell(xs[j], xs[k + 1], continued=i > 0 and not grid.hline(ys[i], mid_x))
            if cell.continued:
                above = _cell_at(rows[-1], mid_x)
                cell.owner = (above.owner or above) if above is not None else None
                cell.continued = cell.owner is not None
            row.append(cell)
            j = k + 1
        rows.append(row)
    return Table(xs[0], ys[0], xs[-1], ys[-1], xs, rows, ys)


def _place(table: Table, g: Glyph, cx: float, cy: float) -> bool:
    """Put a glyph in the cell that owns its spot (the top of a vertical merge)."""
    i = bisect.bisect_right(table.ys, cy) - 1
    if not 0 <= i < len(table.rows):
        return False
    cell = _cell_at(table.rows[i], cx)
    if cell is None:
        return False
    (cell.owner or cell).glyphs.append(g)
    return True


def _cell_at(row: list[Cell], x: float) -> Cell | None:
    return next((c for c in row if c.x0 <= x <= c.x1), None)
