"""The 文号登记簿: every 文号 the office has put on a document, a year at a time — number,
document, date, file — with re-issues marked."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from models.ledger import Ledger
from ui.empty_hint import EmptyHint

COLUMNS = ("文号", "文件种类", "标题", "成文日期", "文件", "登记时间", "备注")


class RegisterTableModel(QAbstractTableModel):
    """A year of the register, read-only."""

    def __init__(self, entries=(), parent=None):
        super().__init__(parent)
        self.entries = list(entries)
        self.notes = _notes(self.entries)

    def set_entries(self, entries) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.notes = _notes(self.entries)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        e = self.entries[index.row()]
        return (e.doc_number, e.document, e.title, e.issued_on, e.file,
                e.recorded_at.replace("T", " "), self.notes[index.row()])[index.column()]


def _notes(entries: list) -> list[str]:
    """Each entry's 备注: a re-issue names when the number was first issued."""
    by_id = {e.id: e for e in entries}
    notes = []
    for e in entries:
        first = by_id.get(e.reissue_of)
        notes.append(("重新印发" + (f"（首次：{first.issued_on or first.recorded_at[:10]}）" if first else ""))
                     if e.reissue_of else "")
    return notes


class DocRegisterDialog(QDialog):
    """Chooses a year and lists its numbers."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle("文号登记簿")
        self.resize(1000, 520)
        self.year_combo = QComboBox()
        self.year_combo.setPlaceholderText("暂无年份")  # nothing registered yet
        for year in ledger.register_years():
            self.year_combo.addItem(f"{year}年", year)
        self.year_combo.setEnabled(self.year_combo.count() > 0)
        self.model = RegisterTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.empty = EmptyHint(self.table, "暂无登记的文号：导出公文时使用的文号会记在这里。")
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("年份"))
        top.addWidget(self.year_combo)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.year_combo.currentIndexChanged.connect(self.show_year)
        self.show_year()

    def show_year(self) -> None:
        year = self.year_combo.currentData()
        entries = self.ledger.doc_register(year) if year is not None else []
        self.model.set_entries(entries)
        self.table.resizeColumnsToContents()
        self.summary.setText(f"共 {len(entries)} 条" if year is not None
                             else "还没有登记过文号：导出公文时使用的文号会记在这里。")
