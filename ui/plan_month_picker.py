"""PlanMonthPicker: the 方案 and 月份 choosers the month pages share; a plan's months are those
of its 报送期 begun by today, and the latest month whose reports are already due is chosen
first. A plan that owes no month yet gets no month, and a line under the choosers says why
(the pages then show nothing of another plan's month)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from models.cycle import month_label
from models.labels import plan_labels
from models.ledger import Ledger
from ui.widgets import NoteLabel, compact

NO_PLANS = "台账中还没有方案：请先从“文件”菜单导入方案。"


class PlanMonthPicker(QWidget):
    """Two combos and the reason a plan has no month; `changed` says the plan or month changed."""

    changed = Signal()

    def __init__(self, ledger: Ledger, today, parent=None, *, first_item: tuple[str, object] | None = None,
                 say_why: bool = True):
        super().__init__(parent)
        self.ledger, self.today, self.first_item, self.say_why = ledger, today, first_item, say_why
        self.note = None  # why the chosen plan has no month (None: it has some)
        self.plan_combo, self.period_combo = compact(QComboBox(), 18), compact(QComboBox(), 8)
        self.plan_combo.currentIndexChanged.connect(
            lambda: self.plan_combo.setToolTip(self.plan_combo.currentText()))
        self.hint = NoteLabel()
        self.hint.setObjectName("hint")
        self.hint.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((QLabel("方案"), 0), (self.plan_combo, 3), (QLabel("月份"), 0),
                                (self.period_combo, 1)):
            row.addWidget(widget, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.period_combo.currentIndexChanged.connect(self.changed)

    def reload_plans(self) -> None:
        """Re-read the plans, keeping the chosen one."""
        current = self.plan_combo.currentData()
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        plans = self.ledger.plans()
        for plan_id, label in plan_labels(plans).items():
            self.plan_combo.addItem(label, plan_id)
        if current is not None and self.plan_combo.findData(current) >= 0:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(current))
        self.plan_combo.blockSignals(False)
        self._plan_changed()

    def month(self) -> str | None:
        """The month chosen (a YYYY-MM, or the first item's value), None when there is none."""
        return self.period_combo.currentData()

    def _plan_changed(self) -> None:
        plan_id = self.plan_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        months = self.ledger.periods(plan_id, self.today()) if plan_id is not None else []
        self.note = (NO_PLANS if plan_id is None else
                     None if months else self.ledger.months_note(plan_id, self.today()))
        if self.first_item and months:
            self.period_combo.addItem(*self.first_item)
        for period in reversed(months):  # the months of the plan's 报送期 begun by today
            self.period_combo.addItem(month_label(period), period)
        default = self.ledger.default_period(plan_id, self.today()) if months else None
        if default and not self.first_item:  # the latest month whose reports are already due
            self.period_combo.setCurrentIndex(self.period_combo.findData(default))
        self.period_combo.setEnabled(bool(months))
        self.period_combo.blockSignals(False)
        self.hint.setText(self.note or "")
        self.hint.setVisible(bool(self.note) and self.say_why)  # else the page says it
        self.changed.emit()
