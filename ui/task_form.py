"""TaskForm: one task of a plan — number, title, text, deadline (words and date), ongoing,
its units by role, the numbers it asks units to report; errors by their fields."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from models.ledger import Ledger
from models.records import ROLE_LABELS, Task
from models.validation import ValidationError
from ui.unsaved import GuardedDialog, save_cancel_buttons, watch

_SPLIT = re.compile(r"[、，,；;]\s*")


class TaskForm(GuardedDialog):
    """populate / read / accept for a task and its units."""

    saved = Signal(int)

    def __init__(self, ledger: Ledger, task: Task, parent=None):
        super().__init__(parent)
        self.ledger, self.task = ledger, task
        self.setWindowTitle("编辑任务" if task.id else "新增任务")
        self.resize(640, 620)
        self.number, self.title, self.deadline_text = QLineEdit(), QLineEdit(), QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("如 2020-11-30")
        self.ongoing = QCheckBox("长期推进")
        self.numbers = QLineEdit()
        self.numbers.setPlaceholderText("需各单位报送的数据项，如 排查数、整治数")
        self.units = {role: QLineEdit() for role in ROLE_LABELS}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = [("number", "序号", self.number), ("title", "任务名称＊", self.title),
                ("text", "任务内容", self.text), ("deadline_text", "时限要求", self.deadline_text),
                ("deadline", "完成时限", self.deadline), ("ongoing", "", self.ongoing)]
        rows += [(role, f"{label}单位", self.units[role]) for role, label in ROLE_LABELS.items()]
        rows += [("numbers_asked", "报送数据项", self.numbers)]
        for name, label, widget in rows:
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.hide()
            box = QVBoxLayout()
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
            self.errors[name] = error
        buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.populate(task)
        watch(self, [self.number, self.title, self.text, self.deadline_text, self.deadline, self.ongoing,
                     self.numbers, *self.units.values()])

    def populate(self, task: Task) -> None:
        self.number.setText(task.number)
        self.title.setText(task.title)
        self.text.setPlainText(task.text or "")
        self.deadline_text.setText(task.deadline_text or "")
        self.deadline.setText(task.deadline or "")
        self.ongoing.setChecked(task.ongoing)
        self.numbers.setText("、".join(task.numbers_asked))
        linked = self.ledger.task_units(task.id) if task.id else []
        for role, edit in self.units.items():
            edit.setText("、".join(u.name for u, r in linked if r == role))

    def read(self) -> tuple[Task, dict[str, list[str]]]:
        task = Task(plan_id=self.task.plan_id, parent_id=self.task.parent_id, number=self.number.text().strip(),
                    title=self.title.text().strip(), text=self.text.toPlainText().strip() or None,
                    deadline=self.deadline.text().strip() or None,
                    deadline_text=self.deadline_text.text().strip() or None, ongoing=self.ongoing.isChecked(),
                    position=self.task.position, closed_on=self.task.closed_on,
                    closing_note=self.task.closing_note, report_day=self.task.report_day,
                    numbers_asked=[n for n in _SPLIT.split(self.numbers.text().strip()) if n],
                    extended_to=self.task.extended_to, phase_id=self.task.phase_id, id=self.task.id)
        units = {role: [n for n in _SPLIT.split(edit.text().strip()) if n] for role, edit in self.units.items()}
        return task, units

    def accept(self) -> None:
        for error in self.errors.values():
            error.hide()
        task, units = self.read()
        try:
            with self.ledger.atomic():
                task_id = self.ledger.save(task)
                self.ledger.set_task_units(task_id, units)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name in self.errors:
                    self.errors[name].setText(message)
                    self.errors[name].show()
            return
        self.dirty = False
        self.saved.emit(task_id)
        super().accept()
