"""RecordForm: a form for one record built from its field metadata (labels, kinds, required
marks); a 统一社会信用代码/身份证号 is checked as it is typed, with the message next to it.
CaseForm and ListEntryForm are its two uses; each asks for the plan the record belongs to
(the page's plan first), a case also for its task within that plan."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.entries import Case, ListEntry
from models.fields import CHOICE, DATE, LONGTEXT, REF, SUBJECT_CODE, field_map
from models.identifiers import normalise_code
from models.labels import plan_labels
from models.ledger import Ledger
from models.validation import ValidationError, field_problem, normalise_date, validate
from ui.errors import tell_unwritable
from ui.unsaved import GuardedDialog, save_cancel_buttons, watch
from ui.widgets import add_field, compact, fit_to_screen, form_layout, scrolled, set_error
from ui.write_guard import guard_writes

CASE_FIELDS = ("plan_id", "task_id", "kind", "title", "subject_name", "subject_type", "subject_code",
               "behaviour", "basis", "measures", "implementing_units", "occurred_on", "publicity_site",
               "publicity_date", "outcome", "unit_id")
LIST_FIELDS = ("plan_id", "list_kind", "scope", "subject_name", "subject_code", "reason", "unit_id",
               "listed_on", "removed_on", "repair_status")


class RecordForm(GuardedDialog):
    """populate(record) / read() / accept(); errors shown by their fields."""

    saved = Signal(int)
    record_class = Case
    edited: tuple[str, ...] = CASE_FIELDS
    required_here: tuple[str, ...] = ("plan_id",)  # every record the office types belongs to a plan
    noun = "记录"

    def __init__(self, ledger: Ledger, record=None, parent=None, *, plan_id: int | None = None):
        super().__init__(parent)
        self.ledger, self.record, self.default_plan_id = ledger, record, plan_id
        self.setWindowTitle(("编辑" if record and record.id else "新增") + self.noun)
        self.fields = field_map(self.record_class.FIELDS)
        self.editors, self.errors = {}, {}
        form = form_layout()
        for name in self.edited:
            field = self.fields[name]
            editor = self._editor(name, field)
            label = field.label + ("＊" if field.required or name in self.required_here else "")
            self.errors[name] = add_field(form, label, editor)
            self.editors[name] = editor
        code = next((n for n in self.edited if self.fields[n].kind == SUBJECT_CODE), None)
        if code:
            self.editors[code].textChanged.connect(self._check_code)
        if "subject_type" in self.editors:
            self.editors["subject_type"].currentIndexChanged.connect(self._check_code)
        if "task_id" in self.editors:
            self.editors["plan_id"].currentIndexChanged.connect(self._fill_tasks)
        self.editors["plan_id"].currentIndexChanged.connect(self._fill_units)
        buttons = save_cancel_buttons(self)
        guard_writes(ledger, buttons.button(QDialogButtonBox.StandardButton.Save))
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addStretch(1)  # spare height goes below the fields, never between them
        layout = QVBoxLayout(self)
        layout.addWidget(scrolled(body), 1)
        layout.addWidget(buttons)
        self.populate(record or self.blank())
        watch(self, self.editors.values())
        fit_to_screen(self, 560, body.sizeHint().height() + buttons.sizeHint().height() + 40)

    def _editor(self, name: str, field):
        """The widget for one field: a list for choices and units, a box for long text."""
        if field.kind == CHOICE:
            editor = QComboBox()
            editor.addItem("", None)
            for choice in field.choices:
                editor.addItem(choice, choice)
        elif field.kind == REF:
            editor = compact(self._ref_editor(name), 16)
        elif field.kind == LONGTEXT:
            editor = QPlainTextEdit()
            editor.setTabChangesFocus(True)
            editor.setFixedHeight(64)
        else:
            editor = QLineEdit()
            if name.endswith(("_on", "_date")):
                editor.setPlaceholderText("如 2021-01-15")
                editor.setMaximumWidth(160)
        return editor

    def _ref_editor(self, name: str) -> QComboBox:
        """A chooser of plans, of the chosen plan's tasks, or of units."""
        editor = QComboBox()
        if name == "plan_id":
            editor.addItem("（请选择方案）", None)
            for plan_id, label in plan_labels(self.ledger.plans()).items():
                editor.addItem(label, plan_id)
        elif name == "task_id":
            editor.addItem("（不指定任务）", None)
        else:
            self.units = self.ledger.units()  # listed again, plan's first, when the plan changes
            editor.addItem("", None)
        return editor

    def _fill_units(self, *_args) -> None:
        """The 报送单位 list: the chosen plan's units first (those its tasks name), then, after
        a line, the rest of the directory — a ledger holds several cities' 市公安局."""
        combo, plan_id = self.editors["unit_id"], self.editors["plan_id"].currentData()
        chosen = combo.currentData()
        mine = self.ledger.plan_unit_ids(plan_id) if plan_id else []
        by_id = {u.id: u for u in self.units}
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for unit in [by_id[i] for i in mine if i in by_id]:
            combo.addItem(_unit_label(unit), unit.id)
        if mine:
            combo.insertSeparator(combo.count())
        for unit in (u for u in self.units if u.id not in set(mine)):
            combo.addItem(_unit_label(unit), unit.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def _fill_tasks(self, *_args) -> None:
        """The tasks of the chosen plan (domains and their measures), keeping the choice."""
        combo, plan_id = self.editors["task_id"], self.editors["plan_id"].currentData()
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("（不指定任务）", None)
        for task in self.ledger.tasks(plan_id) if plan_id else []:
            combo.addItem(("　" if task.parent_id else "") + f"{task.number}{task.title}"[:40], task.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)

    def blank(self):
        """The record a new form starts from (in the page's plan)."""
        return Case(kind="失信惩戒", title="", subject_name="", plan_id=self.default_plan_id)

    def populate(self, record) -> None:
        """Copy a record into the editors."""
        if "plan_id" in self.editors:  # the plan first: it decides which tasks are offered
            self.editors["plan_id"].setCurrentIndex(max(self.editors["plan_id"].findData(record.plan_id), 0))
        if "task_id" in self.editors:
            self._fill_tasks()
        self._fill_units()
        for name, editor in self.editors.items():
            value = getattr(record, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value or "")
            else:
                editor.setText(value or "")

    def read(self):
        """A new record from the editors (nothing else)."""
        values = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                values[name] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                values[name] = editor.toPlainText().strip() or None
            else:
                values[name] = editor.text().strip() or None
        if values.get("subject_code"):
            values["subject_code"] = normalise_code(values["subject_code"])
        for name, fld in self.fields.items():
            if fld.kind == DATE and values.get(name):
                values[name] = normalise_date(values[name])
        required = {f.name: "" for f in self.record_class.FIELDS if f.required and not values.get(f.name)}
        return self.record_class(**{**values, **required, "id": self.record.id if self.record else None})

    def _check_code(self, *_args) -> None:
        """The check character, checked as it is typed (once the code is full length)."""
        if "subject_code" not in self.editors:
            return
        code = normalise_code(self.editors["subject_code"].text())
        problem = None
        if len(code) >= 18:
            problem = field_problem(self.read(), self.fields["subject_code"], code)
        self._show("subject_code", problem)

    def _show(self, name: str, message: str | None) -> None:
        set_error(self.errors[name], message)

    def accept(self) -> None:
        for name in self.errors:
            self._show(name, None)
        record = self.read()
        errors = {n: field_problem(record, replace(self.fields[n], required=True), getattr(record, n))
                  for n in self.required_here if n in self.editors}
        errors = {n: m for n, m in errors.items() if m}
        if errors:  # show every problem at once, the missing plan with the others
            try:
                validate(record)
            except ValidationError as exc:
                errors.update(exc.errors)
            for name, message in errors.items():
                if name in self.errors:
                    self._show(name, message)
            return
        before = self.ledger.row_of(self.record_class, record.id) if record.id else None
        try:
            case_id = self.ledger.save(record)
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name in self.errors:
                    self._show(name, message)
            return
        except sqlite3.DatabaseError as exc:  # a read-only or full disk: the form stays open
            if not tell_unwritable(self, exc):
                raise
            return
        self.dirty = False
        if before and getattr(self, "undo", None) is not None:
            self.undo.edited(self.record_class, before, self.noun)
        self.saved.emit(case_id)
        super().accept()


def _unit_label(unit) -> str:
    return f"{unit.name}（{unit.region}）" if unit.region else unit.name


class CaseForm(RecordForm):
    """A typical case (典型案例) in the 规范格式."""

    record_class, edited, noun = Case, CASE_FIELDS, "典型案例"


class ListEntryForm(RecordForm):
    """A red/black-list entry (红黑名单)."""

    record_class, edited, noun = ListEntry, LIST_FIELDS, "名单主体"

    def blank(self):
        return ListEntry(list_kind="黑名单", subject_name="", plan_id=self.default_plan_id)
