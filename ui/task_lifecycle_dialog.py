"""TaskLifecycleDialog: close (办结) or reopen a task, or record a unit's 延期, with the
task's history of such events."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from models.cycle import month_label
from models.ledger import Ledger
from models.records import Task
from models.validation import ValidationError
from ui.write_guard import enable_write


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class TaskLifecycleDialog(QDialog):
    """A task's 办结 / 重新打开 / 延期."""

    changed = Signal()

    def __init__(self, ledger: Ledger, task_id: int, parent=None, *, today: date | None = None):
        super().__init__(parent)
        self.ledger, self.task_id, self.today = ledger, task_id, today or date.today()
        self.setWindowTitle("任务办结与延期")
        self.resize(560, 480)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.history = QListWidget()
        self.note_edit = QLineEdit()
        self.close_button, self.reopen_button = QPushButton("办结"), QPushButton("重新打开")
        self.unit_combo = QComboBox()
        self.new_date = QDateEdit(_qdate(self.today))
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("yyyy-MM-dd")
        self.reason_edit = QLineEdit()
        self.extend_button = QPushButton("记录延期")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(QLabel("办结、延期记录"))
        layout.addWidget(self.history)
        close_box = QGroupBox("办结")
        close_form = QFormLayout(close_box)
        close_form.addRow("办结说明", self.note_edit)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addWidget(self.reopen_button)
        close_form.addRow(row)
        extend_box = QGroupBox("延期")
        extend_form = QFormLayout(extend_box)
        extend_form.addRow("申请单位", self.unit_combo)
        extend_form.addRow("延期至", self.new_date)
        extend_form.addRow("延期理由", self.reason_edit)
        extend_form.addRow(self.extend_button)
        layout.addWidget(close_box)
        layout.addWidget(extend_box)
        layout.addWidget(self.error_label)
        self.close_button.clicked.connect(self.close_task)
        self.reopen_button.clicked.connect(self.reopen_task)
        self.extend_button.clicked.connect(self.extend_task)
        for unit, role in ledger.task_units(task_id):
            self.unit_combo.addItem(unit.name, unit.id)
        self.populate()

    def populate(self) -> None:
        """Show the task's deadline, state and history."""
        task = self.ledger.get(Task, self.task_id)
        deadline = task.deadline or "未定"
        if task.extended_to:
            deadline = f"{task.deadline or '未定'} → 延期至 {task.extended_to}"
        self.heading.setText(f"{task.number}{task.title}\n完成时限：{deadline}；状态：{self._state(task)}")
        enable_write(self.ledger, self.close_button, not task.closed_on)
        enable_write(self.ledger, self.reopen_button, bool(task.closed_on))
        enable_write(self.ledger, self.extend_button)
        self.history.clear()
        for event in self.ledger.task_events(self.task_id):
            extra = f" 至 {event['new_deadline']}" if event["new_deadline"] else ""
            who = f"（{event['unit_name']}）" if event["unit_name"] else ""
            self.history.addItem(f"{event['on_date']} {event['kind']}{extra}{who} {event['note'] or ''}")

    def _state(self, task: Task) -> str:
        """The task status the tree and the dashboard show (as of the latest month already
        due), with that month's report states beside it."""
        if task.closed_on:
            return f"已办结（{task.closed_on}）"
        period = self.ledger.default_period(task.plan_id, self.today)
        if period is None:
            return "未启动"
        report = self.ledger.month_report(task.plan_id, period, self.today)
        states = report.task_states(task.id)
        shown = "、".join(f"{k}{v}项" for k, v in states.items() if v)
        return f"{report.task_status[task.id]}（截至{month_label(period)}）" + (
            f"；{month_label(period)}报送：{shown}" if shown else "")

    def _run(self, action) -> None:
        try:
            action()
        except ValidationError as exc:
            self.error_label.setText("；".join(exc.errors.values()))
            return
        self.error_label.clear()
        self.populate()
        self.changed.emit()

    def close_task(self) -> None:
        self._run(lambda: self.ledger.close_task(self.task_id, self.today.isoformat(),
                                                 self.note_edit.text().strip() or "已办结"))

    def reopen_task(self) -> None:
        self._run(lambda: self.ledger.reopen_task(self.task_id, self.today.isoformat(),
                                                  self.note_edit.text().strip()))

    def extend_task(self) -> None:
        self._run(lambda: self.ledger.extend_task(
            self.task_id, unit_id=self.unit_combo.currentData(),
            new_deadline=self.new_date.date().toPython().isoformat(),
            reason=self.reason_edit.text(), on=self.today.isoformat()))
