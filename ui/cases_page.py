"""CasesPage (典型案例) and ListsPage (红黑名单): browse pages over the two big tables."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from models.entries import CASE_KINDS, LIST_KINDS, Case, ListEntry
from ui.browse_page import BrowsePage
from ui.case_form import CaseForm, ListEntryForm
from ui.widgets import compact


class CasesPage(BrowsePage):
    """Cases, also filtered by plan and domain."""

    table, kinds, record_class, form_class, noun = "cases", CASE_KINDS, Case, CaseForm, "案例"
    widths = (80, 280, 220, 170, 90, 150)

    def extra_filters(self):
        self.plan, self.domain = compact(QComboBox(), 12), compact(QComboBox(), 12)
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self.domain.currentIndexChanged.connect(self.apply_filter)
        return self.plan, self.domain

    def extra_filter_values(self) -> dict:
        return {"plan_id": self.plan.currentData(), "domain_id": self.domain.currentData()}

    def reload_choices(self) -> None:
        self.plan.blockSignals(True)
        self.plan.clear()
        self.plan.addItem("全部方案", None)
        for plan in self.ledger.plans():
            self.plan.addItem(plan.title[:24], plan.id)
        self.plan.blockSignals(False)
        self._fill_domains()
        super().reload_choices()

    def _fill_domains(self) -> None:
        self.domain.blockSignals(True)
        self.domain.clear()
        self.domain.addItem("全部领域", None)
        if self.plan.currentData():
            for task in self.ledger.tasks(self.plan.currentData()):
                if task.parent_id is None:
                    self.domain.addItem(f"{task.number}{task.title}"[:28], task.id)
        self.domain.blockSignals(False)

    def _plan_changed(self) -> None:
        self._fill_domains()
        self.apply_filter()

    # names the tests and the window use
    add_case, edit_case, delete_case = BrowsePage.add_record, BrowsePage.edit_record, BrowsePage.delete_record


class ListsPage(BrowsePage):
    """Red lists, black lists and watch lists; local and national apart."""

    table, kinds, record_class, form_class, noun = "list_entries", LIST_KINDS, ListEntry, ListEntryForm, "名单主体"
    widths = (90, 60, 240, 170, 90, 130)
