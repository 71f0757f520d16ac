"""CasesPage (典型案例) and ListsPage (红黑名单): browse pages over the two big tables, filtered
by plan — with the records that belong to no plan yet listed for the office to assign."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QMessageBox, QPushButton

from models.entries import CASE_KINDS, LIST_KINDS, Case, ListEntry
from models.labels import plan_labels
from models.ledger_browse import UNASSIGNED
from ui.browse_page import BrowsePage
from ui.case_form import CaseForm, ListEntryForm
from ui.widgets import compact


class PlanFilteredPage(BrowsePage):
    """A browse page with a plan filter (全部 / 未归入方案 / each plan) and 归入方案…."""

    def extra_filters(self):
        self.plan = compact(QComboBox(), 12)
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self.assign_button = QPushButton("归入方案…")
        self.assign_button.setToolTip("把所选的记录归入一个方案（未归入方案的记录不进入任何方案的统计和公文）")
        self.assign_button.clicked.connect(self.assign_selected)
        return (self.plan,)

    def extra_buttons(self):
        return (self.assign_button,)

    def extra_filter_values(self) -> dict:
        return {"plan_id": self.plan.currentData()}

    def reload_choices(self) -> None:
        self.plan.blockSignals(True)
        chosen = self.plan.currentData()
        self.plan.clear()
        self.plan.addItem("全部方案", None)
        waiting = self.ledger.unassigned_count(self.table)
        self.plan.addItem(f"未归入方案（{waiting}）", UNASSIGNED)
        for plan_id, label in plan_labels(self.ledger.plans()).items():
            self.plan.addItem(label, plan_id)
            self.plan.setItemData(self.plan.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.plan.setCurrentIndex(max(self.plan.findData(chosen), 0))
        self.plan.blockSignals(False)
        self.fill_plan_dependents()
        super().reload_choices()

    def fill_plan_dependents(self) -> None:
        """Choices that depend on the plan (a subclass's domains)."""

    def _plan_changed(self) -> None:
        self.apply_filter()

    def default_plan_id(self) -> int | None:
        """The plan a new record starts in: the one the page shows."""
        plan_id = self.plan.currentData()
        return plan_id if plan_id and plan_id != UNASSIGNED else None

    def assign_selected(self, plan_id: int | None = None) -> int:
        """File the selected rows under a plan (asked for when not given); returns how many."""
        rows = [self.model.record_at(i.row()).id for i in self.view.selectionModel().selectedRows()]
        if not rows:
            QMessageBox.information(self, "归入方案", "请先选择要归入方案的记录。")
            return 0
        if plan_id is None:
            labels = plan_labels(self.ledger.plans())
            titles = list(labels.values())
            title, ok = QInputDialog.getItem(self, "归入方案", f"把所选的 {len(rows)} 条记录归入：", titles, 0, False)
            if not ok:
                return 0
            plan_id = list(labels)[titles.index(title)]
        self.ledger.assign_records(self.table, rows, plan_id)
        self.reload_choices()
        return len(rows)


class CasesPage(PlanFilteredPage):
    """Cases, also filtered by plan and domain."""

    table, kinds, record_class, form_class, noun = "cases", CASE_KINDS, Case, CaseForm, "案例"
    widths = (80, 280, 220, 170, 90, 150)

    def extra_filters(self):
        self.domain = compact(QComboBox(), 12)
        self.domain.currentIndexChanged.connect(self.apply_filter)
        return (*super().extra_filters(), self.domain)

    def extra_filter_values(self) -> dict:
        return {**super().extra_filter_values(), "domain_id": self.domain.currentData()}

    def fill_plan_dependents(self) -> None:
        self.domain.blockSignals(True)
        self.domain.clear()
        self.domain.addItem("全部领域", None)
        if self.default_plan_id():
            for task in self.ledger.tasks(self.default_plan_id()):
                if task.parent_id is None:
                    self.domain.addItem(f"{task.number}{task.title}"[:28], task.id)
        self.domain.blockSignals(False)

    def _plan_changed(self) -> None:
        self.fill_plan_dependents()
        self.apply_filter()

    # names the tests and the window use
    add_case, edit_case, delete_case = BrowsePage.add_record, BrowsePage.edit_record, BrowsePage.delete_record


class ListsPage(PlanFilteredPage):
    """Red lists, black lists and watch lists; local and national apart."""

    table, kinds, record_class, form_class, noun = "list_entries", LIST_KINDS, ListEntry, ListEntryForm, "名单主体"
    widths = (90, 60, 240, 170, 90, 130)
