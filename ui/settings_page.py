"""SettingsPage (设置): the office's settings kept in the ledger, in groups — the office and
its 文号, reports and warnings, backups, privacy, and the fonts of official documents (its
own widget, FontSettings, with font pickers) — labelled from their field metadata."""

from __future__ import annotations

import sqlite3

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFontComboBox,
    QGroupBox,
    QHBoxLayout,
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
from ui.errors import tell_unwritable
from ui.widgets import add_field, form_layout, set_error
from ui.write_guard import guard_writes

GROUPS = (
    ("办公室与发文", ("office_name", "issuer_mark", "doc_prefix", "signer"),
     "名称印在公文的署名和版头上；文号机关代字如“杭信办”；上行文在文号旁标注签发人。"),
    ("报送与预警", ("report_day", "warn_days", "expand_groups"), "各方案可在“方案列表 → 报送设置”中另定报送日。"),
    ("备份", ("backups_kept", "backup_days"), "备份在台账文件旁的 backups 文件夹中，每次关闭窗口和每天自动备份。"),
    ("隐私", ("mask_ids",), None),
)
FONT_FIELDS = ("font_fang", "font_kai", "font_hei", "font_song", "font_title")
FIELD_WIDTH = 420  # text fields wide enough for an office's name, not the whole screen
_LABELS = {f.name: f.label for f in SETTING_FIELDS}
_KINDS = {f.name: f.kind for f in SETTING_FIELDS}


def _editor(name: str) -> QWidget:
    if _KINDS[name] == BOOL:  # the label is the box's own text: a long one pushes no field aside
        return QCheckBox(_LABELS[name])
    if _KINDS[name] == INT:
        spin = QSpinBox()
        spin.setRange(0, 9999)
        spin.setMaximumWidth(110)
        return spin
    edit = QLineEdit()
    edit.setMaximumWidth(FIELD_WIDTH)
    return edit


def _align_labels(forms) -> None:
    """One label width for every group, so the fields of all groups start at one line."""
    from PySide6.QtWidgets import QFormLayout

    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for form in forms for row in range(form.rowCount())]
    labels = [item.widget() for item in labels if item is not None and item.widget() is not None]
    widest = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(widest)


class FontSettings(QGroupBox):
    """The fonts official documents are written in: one picker per role, showing the
    Chinese fonts installed here; a name typed that this machine lacks is kept as typed
    (the office's Word machines may have it)."""

    def __init__(self, parent=None):
        super().__init__("公文字体", parent)
        self.form = form_layout()
        self.editors: dict[str, QFontComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        for name in FONT_FIELDS:
            combo = QFontComboBox()
            combo.setWritingSystem(QFontDatabase.WritingSystem.SimplifiedChinese)
            combo.setEditable(True)
            combo.setMaximumWidth(FIELD_WIDTH)
            self.editors[name] = combo
            self.errors[name] = add_field(self.form, _LABELS[name], combo)
        hint = QLabel("应与办公电脑上安装的字体一致（如仿宋_GB2312、方正小标宋简体）；"
                      "列表中是本机已安装的中文字体，也可以直接输入字体名称。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(hint)

    def populate(self, values: dict) -> None:
        for name, combo in self.editors.items():
            combo.setEditText(str(values[name] or ""))

    def read(self) -> dict:
        return {name: combo.currentText().strip() for name, combo in self.editors.items()}


class SettingsPage(QWidget):
    """The settings in groups, labelled from the metadata; errors shown by the field."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.forms = []  # every group's form, their label columns made one width
        column, second = QVBoxLayout(), QVBoxLayout()
        grouped = {n for _, names, _ in GROUPS for n in names} | set(FONT_FIELDS)
        others = tuple(f.name for f in SETTING_FIELDS if f.name not in grouped)
        for title, names, note in (*GROUPS, *((("其他", others, None),) if others else ())):
            column.addWidget(self._group(title, names, note))
        self.fonts = FontSettings(self)
        self.forms.append(self.fonts.form)
        second.addWidget(self.fonts)
        second.addStretch(1)
        self.editors.update(self.fonts.editors)
        self.errors.update(self.fonts.errors)
        self.save_button = QPushButton("保存设置")
        self.save_button.clicked.connect(self.accept)
        guard_writes(ledger, self.save_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.message, 1)
        column.addLayout(row)  # under the fields, not at the foot of a tall window
        column.addStretch(1)
        groups = QHBoxLayout()  # two columns: a 1366×768 screen shows every setting at once
        groups.addLayout(column, 1)
        groups.addLayout(second, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(groups, 1)
        from ui.font_check_dialog import add_font_check_button

        add_font_check_button(self, self.fonts.layout())  # the check sits with the font pickers
        _align_labels(self.forms)
        self.populate(ledger.settings())

    def _group(self, title: str, names: tuple[str, ...], note: str | None) -> QGroupBox:
        box = QGroupBox(title)
        form = form_layout()
        self.forms.append(form)
        for name in names:
            self.editors[name] = _editor(name)
            label = " " if _KINDS[name] == BOOL else _LABELS[name]  # a blank label keeps the column
            self.errors[name] = add_field(form, label, self.editors[name])
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        if note:
            hint = QLabel(note)
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        return box

    def populate(self, values: dict) -> None:
        """Copy settings into the editors."""
        for name, editor in self.editors.items():
            value = values[name]
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value or ""))
        self.fonts.populate(values)

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
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text().strip()
        out.update(self.fonts.read())
        return out

    def accept(self) -> bool:
        """Save; a bad value gets its message next to its field and nothing is written."""
        for error in self.errors.values():
            set_error(error, None)
        try:
            self.ledger.set_settings(self.read())
        except ValidationError as exc:
            for name, text in exc.errors.items():
                set_error(self.errors[name], text)
            self.message.setText("有设置项不正确，未保存。")
            return False
        except sqlite3.DatabaseError as exc:
            if not tell_unwritable(self, exc):
                raise
            self.message.setText("设置没有保存：台账不能写入。")
            return False
        self.message.setText("设置已保存。")
        return True
