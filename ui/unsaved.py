"""Never losing what was typed: forms notice edits since they were filled, and closing one
with unsaved edits asks first. Also the 保存 / 取消 buttons every form dialog has."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
)


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


def save_cancel_buttons(dialog: QDialog, save_text: str = "保存") -> QDialogButtonBox:
    """保存 (renamed to `save_text`) and 取消, wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(save_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class GuardedDialog(QDialog):
    """A form dialog whose 取消, Esc and close box ask before unsaved edits are dropped."""

    def reject(self) -> None:
        if may_discard(self, self):
            super().reject()

    def closeEvent(self, event) -> None:
        if may_discard(self, self):
            event.accept()
        else:
            event.ignore()
