"""UnitTableModel: the unit directory as a read-only table (small: sorted and filtered by a
proxy)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.fields import field_map
from models.records import Unit

COLUMNS = ("name", "short_name", "aliases", "region", "contact_person", "phone", "email")


class UnitTableModel(QAbstractTableModel):
    """Units, one per row; headers from the field metadata."""

    def __init__(self, units: list[Unit] | None = None, parent=None):
        super().__init__(parent)
        self.units = list(units or [])
        fields = field_map(Unit.FIELDS)
        self.headers = [fields[c].label for c in COLUMNS]

    def set_records(self, units: list[Unit]) -> None:
        self.beginResetModel()
        self.units = list(units)
        self.endResetModel()

    def record_at(self, row: int) -> Unit:
        return self.units[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        value = getattr(self.units[index.row()], COLUMNS[index.column()])
        if isinstance(value, list):
            value = "、".join(value)
        return "" if value is None else str(value)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)
