"""PlanTableModel: the plans of a ledger as a read-only Qt table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.fields import field_map
from models.records import Plan

_COLUMNS = ("doc_number", "title", "issuer", "date")


class PlanTableModel(QAbstractTableModel):
    """Plans, one per row; headers come from the field metadata."""

    def __init__(self, plans: list[Plan] | None = None, parent=None):
        super().__init__(parent)
        self._plans = list(plans or [])
        fields = field_map(Plan.FIELDS)
        self._headers = [fields[name].label for name in _COLUMNS]

    def set_records(self, plans: list[Plan]) -> None:
        """Show these plans instead of the current ones."""
        self.beginResetModel()
        self._plans = list(plans)
        self.endResetModel()

    def record_at(self, row: int) -> Plan:
        """The plan shown in a row."""
        return self._plans[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._plans)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        value = getattr(self._plans[index.row()], _COLUMNS[index.column()])
        return "" if value is None else str(value)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return str(section + 1)
