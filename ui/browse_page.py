"""BrowsePage: a big ledger table with filters (kind, unit, date range, words) computed in
SQL, a page of rows at a time, and a form to add, edit and delete. The 典型案例 and 红黑名单
pages are its two uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.ledger import Ledger
from models.ledger_browse import BrowseFilter
from ui.browse_table_model import BrowseTableModel
from ui.widgets import compact
from ui.write_guard import enable_write, guard_writes


class BrowsePage(QWidget):
    """Filters on top, the table, and the buttons; subclasses name the table and the form."""

    table = "cases"
    kinds: tuple[str, ...] = ()
    record_class = None
    form_class = None
    noun = "记录"
    widths: tuple[int, ...] = ()

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger, self.form = ledger, None
        self.model = BrowseTableModel(ledger, self.table, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        for column, width in enumerate(self.widths):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.doubleClicked.connect(lambda _index: self.edit_record())
        self.kind, self.unit = compact(QComboBox(), 6), compact(QComboBox(), 10)
        self.date_from, self.date_to, self.text = QLineEdit(), QLineEdit(), QLineEdit()
        self.kind.addItem("全部类型", None)
        for kind in self.kinds:
            self.kind.addItem(kind, kind)
        self.date_from.setPlaceholderText("起始日期")
        self.date_to.setPlaceholderText("截止日期")
        self.text.setPlaceholderText("查找文字（回车）")
        self.count = QLabel()
        filters = QHBoxLayout()
        for widget in (self.kind, *self.extra_filters(), self.unit, self.date_from, self.date_to, self.text):
            filters.addWidget(widget)
        buttons = QHBoxLayout()
        self.write_buttons = []
        for text, slot in ((f"新增{self.noun}…", self.add_record), ("编辑…", self.edit_record),
                           ("删除", self.delete_record)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.write_buttons.append(button)
        for button in self.extra_buttons():
            buttons.addWidget(button)
            self.write_buttons.append(button)
        guard_writes(ledger, *self.write_buttons)  # a double-click still shows a record
        self.selection_buttons = self.write_buttons[1:]  # all but 新增 act on the chosen rows
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._sync_buttons())
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        for combo in (self.kind, self.unit):
            combo.currentIndexChanged.connect(self.apply_filter)
        for edit in (self.date_from, self.date_to, self.text):
            edit.returnPressed.connect(self.apply_filter)
        self.reload_choices()

    def extra_filters(self) -> tuple[QWidget, ...]:
        """Filters a subclass adds after the kind."""
        return ()

    def extra_filter_values(self) -> dict:
        """The BrowseFilter fields those filters set."""
        return {}

    def extra_buttons(self) -> tuple[QWidget, ...]:
        """Buttons a subclass adds after 删除."""
        return ()

    def default_plan_id(self) -> int | None:
        """The plan a new record starts in (None: the form asks)."""
        return None

    def reload_choices(self) -> None:
        """Re-read the units for the filter list."""
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("全部单位", None)
        for unit in self.ledger.units():
            self.unit.addItem(unit.name, unit.id)
        self.unit.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show what the filters let through (computed in SQL)."""
        self.model.set_filter(BrowseFilter(
            kind=self.kind.currentData(), unit_id=self.unit.currentData(),
            date_from=self.date_from.text().strip() or None, date_to=self.date_to.text().strip() or None,
            text=self.text.text().strip() or None, **self.extra_filter_values()))
        self.count.setText(f"共 {self.model.total} 条")
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        """编辑, 删除 and the like only with a row chosen (and never on a read-only ledger)."""
        chosen = bool(self.view.selectionModel().selectedRows())
        for button in getattr(self, "selection_buttons", ()):
            enable_write(self.ledger, button, chosen)

    def selected(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def _open_form(self, record):
        self.form = self.form_class(self.ledger, record, self, plan_id=self.default_plan_id())
        self.form.undo = getattr(self, "undo", None)
        self.form.saved.connect(lambda _id: self.apply_filter())
        self.form.show()
        return self.form

    def show_record(self, record_id: int):
        """Open one record's form, its row selected when the list shows it (from a search)."""
        record = self.ledger.get(self.record_class, record_id)
        for row in range(self.model.rowCount()):
            if self.model.rows[row].get("id") == record_id:
                self.view.selectRow(row)
                self.view.scrollTo(self.model.index(row, 0))
                break
        return self._open_form(record)

    def add_record(self):
        return self._open_form(None)

    def edit_record(self):
        record = self.selected()
        return self._open_form(record) if record is not None else None

    def delete_record(self) -> None:
        record = self.selected()
        if record is None:
            return
        name = getattr(record, "title", None) or record.subject_name
        answer = QMessageBox.question(self, f"删除{self.noun}", f"确定删除“{name}”吗？删除会记入审计日志。")
        if answer == QMessageBox.StandardButton.Yes:
            undo = getattr(self, "undo", None)
            if undo is not None:
                undo.delete(self.record_class, record.id, f"{self.noun}“{name}”")
            else:
                self.ledger.delete(self.record_class, record.id)
            self.apply_filter()
