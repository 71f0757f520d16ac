"""SettingsPage (设置): the office's settings kept in the ledger — names, 发文机关标志, 文号,
report day, backups, masking, font names — as a form built from their field metadata."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models.fields import BOOL, INT
from models.ledger import Ledger
from models.settings import SETTING_FIELDS
from models.validation import ValidationError


class SettingsPage(QWidget):
    """One editor per setting, labelled from the metadata; errors shown by the field."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for field in SETTING_FIELDS:
            if field.kind == BOOL:
                editor = QCheckBox()
            elif field.kind == INT:
                editor = QSpinBox()
                editor.setRange(0, 9999)
            else:
                editor = QLineEdit()
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(editor)
            box.addWidget(error)
            form.addRow(field.label, box)
            self.editors[field.name], self.errors[field.name] = editor, error
        self.save_button = QPushButton("保存设置")
        self.save_button.clicked.connect(self.accept)
        self.message = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.save_button)
        layout.addWidget(self.message)
        from ui.font_check_dialog import add_font_check_button

        add_font_check_button(self, layout)
        layout.addStretch(1)
        self.populate(ledger.settings())

    def populate(self, values: dict) -> None:
        """Copy settings into the editors."""
        for name, editor in self.editors.items():
            value = values[name]
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
            else:
                editor.setText(str(value or ""))

    def populate_from_ledger(self) -> None:
        """Show the settings the ledger holds now."""
        self.populate(self.ledger.settings())

    def read(self) -> dict:
        """The settings as edited."""
        out = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                out[name] = editor.value()
            else:
                out[name] = editor.text().strip()
        return out

    def accept(self) -> bool:
        """Save; a bad value gets its message next to its field and nothing is written."""
        for error in self.errors.values():
            error.hide()
        try:
            self.ledger.set_settings(self.read())
        except ValidationError as exc:
            for name, text in exc.errors.items():
                self.errors[name].setText(text)
                self.errors[name].show()
            self.message.setText("有设置项不正确，未保存。")
            return False
        self.message.setText("设置已保存。")
        return True
