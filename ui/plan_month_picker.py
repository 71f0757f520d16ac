"""PlanMonthPicker: the 方案 and 月份 choosers the month pages share; a plan's months are those
of its 报送期 begun by today, and the latest month whose reports are already due is chosen
first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from models.cycle import month_label
from models.ledger import Ledger
from ui.widgets import compact


class PlanMonthPicker(QWidget):
    """Two combos; `changed` says the plan or the month changed."""

    changed = Signal()

    def __init__(self, ledger: Ledger, today, parent=None, *, first_item: tuple[str, object] | None = None):
        super().__init__(parent)
        self.ledger, self.today, self.first_item = ledger, today, first_item
        self.plan_combo, self.period_combo = compact(QComboBox(), 18), compact(QComboBox(), 8)
        self.plan_combo.currentIndexChanged.connect(
            lambda: self.plan_combo.setToolTip(self.plan_combo.currentText()))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((QLabel("方案"), 0), (self.plan_combo, 3), (QLabel("月份"), 0),
                                (self.period_combo, 1)):
            layout.addWidget(widget, stretch)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.period_combo.currentIndexChanged.connect(self.changed)

    def reload_plans(self) -> None:
        """Re-read the plans, keeping the chosen one."""
        current = self.plan_combo.currentData()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan in self.ledger.plans():
            self.plan_combo.addItem(plan.title, plan.id)
        if current is not None and self.plan_combo.findData(current) >= 0:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(current))
        self.plan_combo.blockSignals(False)
        self._plan_changed()

    def _plan_changed(self) -> None:
        plan_id = self.plan_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        if self.first_item:
            self.period_combo.addItem(*self.first_item)
        if plan_id is not None:  # the months of the plan's 报送期 begun by today
            for period in reversed(self.ledger.periods(plan_id, self.today())):
                self.period_combo.addItem(month_label(period), period)
            default = self.ledger.default_period(plan_id, self.today())
            if default and not self.first_item:  # the latest month whose reports are already due
                self.period_combo.setCurrentIndex(self.period_combo.findData(default))
        self.period_combo.blockSignals(False)
        self.changed.emit()
