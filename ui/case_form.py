"""CaseForm: one typical case (典型案例) in the 规范格式, its labels from the field metadata;
the 统一社会信用代码/身份证号 is checked as it is typed, with the message next to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from models.entries import Case
from models.fields import CHOICE, LONGTEXT, REF, field_map
from models.identifiers import normalise_code
from models.ledger import Ledger
from models.validation import ValidationError, field_problem

EDITED = ("kind", "title", "subject_name", "subject_type", "subject_code", "behaviour", "basis",
          "measures", "implementing_units", "occurred_on", "publicity_site", "publicity_date",
          "outcome", "unit_id")


class CaseForm(QDialog):
    """populate(case) / read() / accept(); errors shown by their fields."""

    saved = Signal(int)

    def __init__(self, ledger: Ledger, case: Case | None = None, parent=None):
        super().__init__(parent)
        self.ledger, self.case = ledger, case
        self.setWindowTitle("编辑典型案例" if case and case.id else "新增典型案例")
        self.resize(620, 720)
        self.fields = field_map(Case.FIELDS)
        self.editors, self.errors = {}, {}
        form = QFormLayout()
        for name in EDITED:
            field = self.fields[name]
            if field.kind == CHOICE:
                editor = QComboBox()
                editor.addItem("", None)
                for choice in field.choices:
                    editor.addItem(choice, choice)
            elif field.kind == REF:
                editor = QComboBox()
                editor.addItem("", None)
                for unit in ledger.units():
                    editor.addItem(f"{unit.name}（{unit.region}）" if unit.region else unit.name, unit.id)
            elif field.kind == LONGTEXT:
                editor = QPlainTextEdit()
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(60)
            else:
                editor = QLineEdit()
                if name.endswith(("_on", "_date")):
                    editor.setPlaceholderText("如 2021-01-15")
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(editor)
            box.addWidget(error)
            error.hide()
            form.addRow(field.label + ("＊" if field.required else ""), box)
            self.editors[name], self.errors[name] = editor, error
        self.editors["subject_code"].textChanged.connect(self._check_code)
        self.editors["subject_type"].currentIndexChanged.connect(self._check_code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.populate(case or Case(kind="失信惩戒", title="", subject_name=""))

    def populate(self, case: Case) -> None:
        """Copy a case into the editors."""
        for name, editor in self.editors.items():
            value = getattr(case, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value or "")
            else:
                editor.setText(value or "")

    def read(self) -> Case:
        """A new Case from the editors (nothing else)."""
        values = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                values[name] = editor.currentData()
            elif isinstance(editor, QPlainTextEdit):
                values[name] = editor.toPlainText().strip() or None
            else:
                values[name] = editor.text().strip() or None
        if values["subject_code"]:
            values["subject_code"] = normalise_code(values["subject_code"])
        return Case(**{**values, "kind": values["kind"] or "", "title": values["title"] or "",
                       "subject_name": values["subject_name"] or "",
                       "task_id": self.case.task_id if self.case else None,
                       "id": self.case.id if self.case else None})

    def _check_code(self, *_args) -> None:
        """The check character, checked as it is typed (once the code is full length)."""
        code = normalise_code(self.editors["subject_code"].text())
        problem = None
        if len(code) >= 18:
            problem = field_problem(self.read(), self.fields["subject_code"], code)
        self._show("subject_code", problem)

    def _show(self, name: str, message: str | None) -> None:
        self.errors[name].setText(message or "")
        self.errors[name].setVisible(bool(message))

    def accept(self) -> None:
        for name in self.errors:
            self._show(name, None)
        try:
            case_id = self.ledger.save(self.read())
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name in self.errors:
                    self._show(name, message)
            return
        self.saved.emit(case_id)
        super().accept()
