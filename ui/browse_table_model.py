"""BrowseTableModel: a big ledger table (cases, list entries) fetched a page at a time,
sorted and filtered in SQL; ID numbers shown masked unless the office chose otherwise."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from models.fields import field_map
from models.identifiers import mask_id_number
from models.ledger import Ledger
from models.ledger_browse import BROWSABLE, BrowseFilter

PAGE = 200
EXTRA_LABELS = {"unit_name": "单位", "domain": "所属领域"}


class BrowseTableModel(QAbstractTableModel):
    """Read-only rows of one table; more are fetched as the view scrolls."""

    def __init__(self, ledger: Ledger, table: str, parent=None):
        super().__init__(parent)
        self.ledger, self.table = ledger, table
        cls, date_col, _code, self.columns = BROWSABLE[table]
        fields = field_map(cls.FIELDS)
        self.headers = [fields[c].label if c in fields else EXTRA_LABELS[c] for c in self.columns]
        self.filter = BrowseFilter()
        self.order_by, self.descending = date_col, True
        self.rows: list[dict] = []
        self.total = 0
        self.mask = ledger.setting("mask_ids")
        self.reload()

    def set_filter(self, browse_filter: BrowseFilter) -> None:
        """Show only what the filter lets through."""
        self.filter = browse_filter
        self.reload()

    def reload(self) -> None:
        """Start again from the first page."""
        self.beginResetModel()
        self.total = self.ledger.browse_count(self.table, self.filter)
        self.rows = self.ledger.browse(self.table, self.filter, order_by=self.order_by,
                                       descending=self.descending, limit=PAGE)
        self.endResetModel()

    def record_at(self, row: int):
        """The record shown in a row."""
        return self.ledger.browse_record(self.table, self.rows[row])

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:
        more = self.ledger.browse(self.table, self.filter, order_by=self.order_by,
                                  descending=self.descending, offset=len(self.rows), limit=PAGE)
        if not more:
            self.total = len(self.rows)
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
        self.rows += more
        self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = self.columns[index.column()]
        value = self.rows[index.row()].get(column)
        if column == "subject_code" and value and self.mask:
            value = mask_id_number(value)
        return "" if value is None else str(value)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        wanted = (self.columns[column], order == Qt.SortOrder.DescendingOrder)
        if wanted == (self.order_by, self.descending):
            return  # already in that order (the view asks again when sorting is switched on)
        self.order_by, self.descending = wanted
        self.reload()

    def sort_column(self) -> int:
        """The column the rows are sorted by."""
        return self.columns.index(self.order_by)
