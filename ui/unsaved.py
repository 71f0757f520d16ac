"""Never losing what was typed: forms notice edits since they were filled, and closing one
with unsaved edits asks first."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QMessageBox, QPlainTextEdit, QSpinBox


def watch(form, widgets) -> None:
    """Mark `form.dirty` when any of these editors changes."""
    form.dirty = False

    def touched(*_args):
        form.dirty = True

    for widget in widgets:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(touched)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(touched)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(touched)
        elif isinstance(widget, (QSpinBox, QDateEdit)):
            widget.editingFinished.connect(touched)
        elif isinstance(widget, QCheckBox):
            widget.clicked.connect(touched)


def may_discard(parent, form) -> bool:
    """True when the form has nothing unsaved, or the user agrees to drop it."""
    if not getattr(form, "dirty", False):
        return True
    answer = QMessageBox.question(parent, "未保存的修改", "填写的内容还没有保存，确定放弃这些修改吗？")
    return answer == QMessageBox.StandardButton.Yes
