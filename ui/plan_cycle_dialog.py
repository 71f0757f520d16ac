"""PlanCycleDialog: a plan's clock — its report day (this month or the next), its 报送期 (the
months it owes, worked out or set by the office), the 总结报告 date — and the 总结报告 each
lead unit owes: received or not, on time or late."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.ledger import Ledger
from models.records import Plan
from models.validation import ValidationError, normalise_date
from ui.write_guard import guard_writes

COLUMNS = ("牵头单位", "应交日期", "收到日期", "状态")


class PlanCycleDialog(QDialog):
    """Edit the report rules of one plan and record the summary reports received."""

    saved = Signal()

    def __init__(self, ledger: Ledger, plan_id: int, parent=None, *, today=date.today):
        super().__init__(parent)
        self.ledger, self.plan_id, self.today = ledger, plan_id, today
        plan = ledger.get(Plan, plan_id)
        self.setWindowTitle(f"报送设置 — {plan.title}")
        self.resize(640, 520)
        self.report_day = QSpinBox()
        self.report_day.setRange(0, 31)
        self.report_day.setSpecialValueText(f"按办公室设置（每月{ledger.setting('report_day')}日）")
        self.next_month = QCheckBox("次月报送（如 1 月的进展在 2 月报送日前报送）")
        self.issued = QLineEdit()
        self.issued.setPlaceholderText("如 2020-06-28；报送期从成文日期后的首个报送时限算起")
        self.summary_due = QLineEdit()
        self.summary_due.setPlaceholderText("如 2020-12-31")
        self.first_month, self.last_month = QLineEdit(), QLineEdit()
        for edit in (self.first_month, self.last_month):
            edit.setPlaceholderText("如 2020-07；留空则按方案推算")
        self.span_label = QLabel()
        self.span_label.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        save = QPushButton("保存报送设置")
        save.clicked.connect(self.accept_rules)
        form = QFormLayout()
        form.addRow("成文日期", self.issued)
        form.addRow("每月报送日", self.report_day)
        form.addRow("", self.next_month)
        form.addRow("总结报告时限", self.summary_due)
        form.addRow("首个报送月份", self.first_month)
        form.addRow("最后报送月份", self.last_month)
        form.addRow("报送期", self.span_label)
        form.addRow(self.error)
        form.addRow(save)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.received = QLineEdit(today().isoformat())
        record = QPushButton("登记收到总结报告")
        record.clicked.connect(self.record_received)
        row = QHBoxLayout()
        row.addWidget(QLabel("收到日期"))
        row.addWidget(self.received)
        row.addWidget(record)
        guard_writes(ledger, save, record)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("各牵头单位的总结报告"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.populate(plan)

    def populate(self, plan: Plan) -> None:
        """Show the plan's rules and the deliverables' states."""
        self.issued.setText(plan.date or "")
        self.report_day.setValue(plan.report_day or 0)
        self.next_month.setChecked(plan.report_next_month)
        self.summary_due.setText(plan.summary_due or "")
        first, last = self.ledger.report_months_setting(self.plan_id)
        self.first_month.setText(first or "")
        self.last_month.setText(last or "")
        span = self.ledger.report_span(self.plan_id)
        self.span_label.setText(f"{span.label()}（起：{span.first_source or '—'}；止：{span.last_source or '—'}）。"
                                "报送期外的月份不需报送，不催报、不通报、不考核。")
        rows = self.ledger.deliverables(self.plan_id, self.today())
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for column, value in enumerate((r.unit_name, r.due or "", r.received_on or "", r.state)):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, r.unit_id)
                self.table.setItem(i, column, item)
        self.table.resizeColumnsToContents()

    def accept_rules(self) -> bool:
        """Save the 成文日期, report day, next-month rule, summary date and 报送期."""
        plan = self.ledger.get(Plan, self.plan_id)
        plan.date = normalise_date(self.issued.text().strip()) or None
        plan.report_day = self.report_day.value() or None
        plan.report_next_month = self.next_month.isChecked()
        plan.summary_due = normalise_date(self.summary_due.text().strip()) or None
        try:
            with self.ledger.atomic():
                self.ledger.save(plan)
                self.ledger.set_report_months(self.plan_id, self.first_month.text().strip() or None,
                                              self.last_month.text().strip() or None)
        except ValidationError as exc:
            self.error.setText("；".join(exc.errors.values()))
            return False
        self.error.clear()
        self.populate(plan)
        self.saved.emit()
        return True

    def record_received(self) -> None:
        """The selected lead units handed in their summary reports on the given date."""
        try:
            for index in self.table.selectionModel().selectedRows():
                unit_id = self.table.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)
                self.ledger.record_deliverable(self.plan_id, unit_id, received_on=self.received.text().strip())
        except ValidationError as exc:
            self.error.setText("；".join(exc.errors.values()))
            return
        self.populate(self.ledger.get(Plan, self.plan_id))
