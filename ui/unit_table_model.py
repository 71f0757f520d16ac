"""UnitTableModel: the unit directory as a read-only table (small: sorted and filtered by a
proxy)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.fields import field_map
from models.records import Unit

COLUMNS = ("name", "short_name", "aliases", "region", "contact_person", "phone", "email")
_SHOWN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole)


def _text(value) -> str:
    if isinstance(value, list):
        return "、".join(value)
    return "" if value is None else str(value)


class UnitTableModel(QAbstractTableModel):
    """Units, one per row; headers from the field metadata."""

    def __init__(self, units: list[Unit] | None = None, parent=None):
        super().__init__(parent)
        fields = field_map(Unit.FIELDS)
        self.headers = [fields[c].label for c in COLUMNS]
        self._set(units or [])

    def set_records(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self._set(units)
        self.endResetModel()

    def _set(self, units: list[Unit]) -> None:
        # the cells as text once: sorting, filtering and sizing ask for each many times
        self.units = list(units)
        self.cells = [tuple(_text(getattr(unit, c)) for c in COLUMNS) for unit in self.units]

    def column_texts(self, column: int) -> list[str]:
        """Every cell of a column, as shown (to size the column to what it holds)."""
        return [row[column] for row in self.cells]

    def record_at(self, row: int) -> Unit:
        return self.units[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in _SHOWN or not index.isValid():
            return None
        return self.cells[index.row()][index.column()]

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
