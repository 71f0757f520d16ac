"""TaskForm: one task of a plan — number, title, text, deadline (words and date), ongoing,
its units by role, the numbers it asks units to report; errors by their fields."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from models.ledger import Ledger
from models.records import ROLE_LABELS, Task
from models.validation import ValidationError, normalise_date
from ui.unsaved import GuardedDialog, save_cancel_buttons, watch
from ui.widgets import add_field, fit_to_screen, form_layout, set_error
from ui.write_guard import guard_writes

_SPLIT = re.compile(r"[、，,；;]\s*")


class TaskForm(GuardedDialog):
    """populate / read / accept for a task and its units."""

    saved = Signal(int)

    def __init__(self, ledger: Ledger, task: Task, parent=None):
        super().__init__(parent)
        self.ledger, self.task = ledger, task
        self.setWindowTitle("编辑任务" if task.id else "新增任务")
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
        form = form_layout()
        rows = [("number", "序号", self.number), ("title", "任务名称＊", self.title),
                ("text", "任务内容", self.text), ("deadline_text", "时限要求", self.deadline_text),
                ("deadline", "完成时限", self.deadline), ("ongoing", "", self.ongoing)]
        rows += [(role, f"{label}单位", self.units[role]) for role, label in ROLE_LABELS.items()]
        rows += [("numbers_asked", "报送数据项", self.numbers)]
        for name, label, widget in rows:
            self.errors[name] = add_field(form, label, widget)
        self.number.setMaximumWidth(120)
        self.deadline.setMaximumWidth(160)
        buttons = save_cancel_buttons(self)
        guard_writes(ledger, buttons.button(QDialogButtonBox.StandardButton.Save))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        fit_to_screen(self, 600, layout.sizeHint().height() + 20)
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
                    deadline=normalise_date(self.deadline.text().strip()) or None,
                    deadline_text=self.deadline_text.text().strip() or None, ongoing=self.ongoing.isChecked(),
                    position=self.task.position, closed_on=self.task.closed_on,
                    closing_note=self.task.closing_note, report_day=self.task.report_day,
                    numbers_asked=[n for n in _SPLIT.split(self.numbers.text().strip()) if n],
                    extended_to=self.task.extended_to, phase_id=self.task.phase_id, id=self.task.id)
        units = {role: [n for n in _SPLIT.split(edit.text().strip()) if n] for role, edit in self.units.items()}
        return task, units

    def accept(self) -> None:
        for error in self.errors.values():
            set_error(error, None)
        task, units = self.read()
        try:
            with self.ledger.atomic():
                task_id = self.ledger.save(task)
                self.ledger.set_task_units(task_id, units)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name in self.errors:
                    set_error(self.errors[name], message)
            return
        self.dirty = False
        self.saved.emit(task_id)
        super().accept()
