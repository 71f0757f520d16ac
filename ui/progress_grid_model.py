"""ProgressGridTableModel: a month's reports as a task × unit grid, each cell's report state."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from models.cycle import MISSING
from ui.colors import NOT_OWED, STATE_COLORS

HEADER_CHARS = 5  # characters per line of a unit's column header
HEADER_LINES = 3
ROW_CHARS = 18  # characters per line of a task's row header, two lines at most
_NO_LINE_START = "、，。；：）》”’"  # punctuation that never opens a line


def header_lines(name: str, width: int = HEADER_CHARS, lines: int = HEADER_LINES) -> str:
    """A unit's name broken into short lines for a narrow column (the whole name stays in
    the tooltip): 人行杭州中心支行 → 人行杭州 / 中心支行, never clipped at both ends."""
    if len(name) <= width:
        return name
    rows = -(-len(name) // width)  # lines needed at `width` characters…
    per_line = -(-len(name) // rows)  # …then filled evenly
    parts = [name[i:i + per_line] for i in range(0, len(name), per_line)]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


def row_lines(label: str, width: int = ROW_CHARS, lines: int = 2) -> str:
    """A task's label on at most `lines` lines of `width` characters: two lines of even
    length when it fits in them, else full lines cut with “…”; a punctuation mark stays with
    the line before it. The whole label stays in the tooltip."""
    if width < len(label) <= width * lines:
        width = -(-len(label) // lines)
    parts, rest = [], label
    while rest:
        cut = width + 1 if len(rest) > width and rest[width] in _NO_LINE_START else width
        parts.append(rest[:cut])
        rest = rest[cut:]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][:-1] + "…"
    return "\n".join(parts)


class ProgressGridTableModel(QAbstractTableModel):
    """Rows are the tasks units report on, columns the units; read-only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tasks: list[tuple[int, str]] = []
        self.units: list[tuple[int, str]] = []
        self.states: dict[tuple[int, int], str] = {}

    def set_report(self, report) -> None:
        """Show a MonthReport (None: an empty grid)."""
        rows = report.rows if report is not None else []
        self.beginResetModel()
        self.tasks = list(dict.fromkeys((r.task_id, r.task_label) for r in rows))
        self.units = list(dict.fromkeys((r.unit_id, r.unit_name) for r in rows))
        self.states = {(r.task_id, r.unit_id): r.state for r in rows}
        self.endResetModel()

    def key_at(self, index: QModelIndex) -> tuple[int, int]:
        """(task id, unit id) of a cell."""
        return self.tasks[index.row()][0], self.units[index.column()][0]

    def owes(self, index: QModelIndex) -> bool:
        """Whether the cell's unit reports on the cell's task this month."""
        return self.states.get(self.key_at(index)) is not None

    def index_of(self, task_id: int, unit_id: int) -> QModelIndex | None:
        """The cell of a task and a unit, when the grid has one."""
        rows = [t for t, _ in self.tasks]
        columns = [u for u, _ in self.units]
        if task_id in rows and unit_id in columns:
            return self.index(rows.index(task_id), columns.index(unit_id))
        return None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        state = self.states.get(self.key_at(index))
        if role == Qt.ItemDataRole.DisplayRole:
            return state or ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return (QBrush(QColor(STATE_COLORS[state])) if state
                    else QBrush(QColor(NOT_OWED), Qt.BrushStyle.BDiagPattern))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self.tasks[index.row()][1]}\n{self.units[index.column()][1]}：{state or '无需报送'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = self.units[section][1]
            return name if role == Qt.ItemDataRole.ToolTipRole else header_lines(name)
        label = self.tasks[section][1]
        return label if role == Qt.ItemDataRole.ToolTipRole else row_lines(label)

    def next_missing(self, after: QModelIndex | None = None) -> QModelIndex | None:
        """The next cell, row by row, whose report is missing."""
        start = (after.row() * len(self.units) + after.column() + 1) if after and after.isValid() else 0
        cells = len(self.tasks) * len(self.units)
        for offset in range(cells):
            n = (start + offset) % cells if cells else 0
            index = self.index(n // len(self.units), n % len(self.units))
            if self.states.get(self.key_at(index)) == MISSING:
                return index
        return None
