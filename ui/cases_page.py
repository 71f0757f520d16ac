"""CasesPage (典型案例): the cases, filtered by kind, plan and domain, unit, date range and
words — all in SQL, a page at a time — with forms to add, edit and delete."""

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

from models.entries import CASE_KINDS, Case
from models.ledger import Ledger
from models.ledger_browse import BrowseFilter
from ui.browse_table_model import BrowseTableModel
from ui.case_form import CaseForm


class CasesPage(QWidget):
    """Filters on top, the table, and the buttons."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.model = BrowseTableModel(ledger, "cases", self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        for column, width in enumerate((80, 280, 220, 170, 90, 150)):
            self.view.setColumnWidth(column, width)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.doubleClicked.connect(lambda _index: self.edit_case())
        self.kind, self.plan, self.domain, self.unit = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        self.date_from, self.date_to, self.text = QLineEdit(), QLineEdit(), QLineEdit()
        self.kind.addItem("全部类型", None)
        for kind in CASE_KINDS:
            self.kind.addItem(kind, kind)
        self.date_from.setPlaceholderText("起 2021-01-01")
        self.date_to.setPlaceholderText("止 2021-12-31")
        self.text.setPlaceholderText("标题、主体、行为等文字")
        self.count = QLabel()
        filters = QHBoxLayout()
        for widget in (self.kind, self.plan, self.domain, self.unit, self.date_from, self.date_to,
                       self.text):
            filters.addWidget(widget)
        buttons = QHBoxLayout()
        for text, slot in (("新增案例…", self.add_case), ("编辑…", self.edit_case), ("删除", self.delete_case)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        for combo in (self.kind, self.domain, self.unit):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.plan.currentIndexChanged.connect(self._plan_changed)
        for edit in (self.date_from, self.date_to, self.text):
            edit.returnPressed.connect(self.apply_filter)
        self.reload_choices()

    def reload_choices(self) -> None:
        """Re-read plans and units for the filter lists."""
        for combo in (self.plan, self.unit):
            combo.blockSignals(True)
            combo.clear()
        self.plan.addItem("全部方案", None)
        for plan in self.ledger.plans():
            self.plan.addItem(plan.title[:24], plan.id)
        self.unit.addItem("全部单位", None)
        for unit in self.ledger.units():
            self.unit.addItem(unit.name, unit.id)
        for combo in (self.plan, self.unit):
            combo.blockSignals(False)
        self._plan_changed()

    def _plan_changed(self) -> None:
        self.domain.blockSignals(True)
        self.domain.clear()
        self.domain.addItem("全部领域", None)
        if self.plan.currentData():
            for task in self.ledger.tasks(self.plan.currentData()):
                if task.parent_id is None:
                    self.domain.addItem(f"{task.number}{task.title}"[:28], task.id)
        self.domain.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show what the filters let through (computed in SQL)."""
        self.model.set_filter(BrowseFilter(
            kind=self.kind.currentData(), plan_id=self.plan.currentData(),
            domain_id=self.domain.currentData(), unit_id=self.unit.currentData(),
            date_from=self.date_from.text().strip() or None, date_to=self.date_to.text().strip() or None,
            text=self.text.text().strip() or None))
        self.count.setText(f"共 {self.model.total} 件")

    def selected(self) -> Case | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record_at(rows[0].row()) if rows else None

    def add_case(self) -> CaseForm:
        form = CaseForm(self.ledger, None, self)
        form.saved.connect(lambda _id: self.apply_filter())
        form.show()
        self.form = form
        return form

    def edit_case(self) -> CaseForm | None:
        case = self.selected()
        if case is None:
            return None
        form = CaseForm(self.ledger, case, self)
        form.saved.connect(lambda _id: self.apply_filter())
        form.show()
        self.form = form
        return form

    def delete_case(self) -> None:
        case = self.selected()
        if case is None:
            return
        answer = QMessageBox.question(self, "删除案例", f"确定删除“{case.title}”吗？删除会记入审计日志。")
        if answer == QMessageBox.StandardButton.Yes:
            self.ledger.delete(Case, case.id)
            self.apply_filter()
