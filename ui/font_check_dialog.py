"""检查本机字体: which 公文 fonts this machine has, what a missing one means on paper, and the
best fonts it has instead — on first start, from 设置, and as a warning in the export dialog."""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from models.fonts import check_fonts, describe, missing_warning, proposed_settings
from models.validation import ValidationError
from ui.write_guard import enable_write, guard_writes

SAMPLE = "关于开展失信专项治理的通知"
COLUMNS = ("用途", "设置中的字体", "本机", "建议", "字样")


def machine_has_family(name: str) -> bool:
    """Whether Qt finds the font family `name` on this machine (aliases resolved)."""
    return QFontDatabase.hasFamily(name)


class FontCheckDialog(QDialog):
    """The five font roles of a 公文 against this machine's fonts, with one button that
    writes the proposed fonts into the office's settings."""

    def __init__(self, ledger, parent=None, *, has_family: Callable[[str], bool] = machine_has_family):
        super().__init__(parent)
        self.ledger, self.has_family = ledger, has_family
        self.setWindowTitle("检查本机字体")
        self.resize(900, 420)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.apply_button = QPushButton("采用建议的字体")
        self.apply_button.clicked.connect(self.apply_proposals)
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        guard_writes(ledger, self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        """Check the ledger's font settings against the machine again and show the result."""
        self.checks = check_fonts(self.ledger.settings(), self.has_family)
        self.table.setRowCount(len(self.checks))
        for row, check in enumerate(self.checks):
            cells = (check.role.label, check.configured or "（未设置）",
                     "有" if check.configured_present else "没有",
                     check.proposal or ("—" if check.ok else "本机没有可代替的字体"), SAMPLE)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4 and check.configured_present:
                    item.setFont(QFont(check.configured, 12))
                self.table.setItem(row, column, item)
        missing = [c for c in self.checks if not c.ok]
        if not missing:
            self.summary.setText("本机具备台账设置中的全部公文字体，导出的公文在本机打印时字体与设置一致。")
        else:
            self.summary.setText(
                f"本机缺少 {len(missing)} 种公文所用的字体。缺少的字体在打印时会被 WPS 或 Word 换成其他字体，"
                "字形与公文格式不符，每行字数、每页行数也可能改变。")
        self.details.setText("\n".join(describe(c) for c in self.checks))
        enable_write(self.ledger, self.apply_button, bool(proposed_settings(self.checks)))

    def apply_proposals(self) -> None:
        """Write the proposed fonts into the office's settings."""
        try:
            self.ledger.set_settings(proposed_settings(self.checks))
        except ValidationError as exc:
            self.details.setText("；".join(exc.errors.values()))
            return
        self.refresh()
        self.summary.setText(self.summary.text() + " 已改用本机已有的字体。")


def font_warning_label(settings: dict, has_family: Callable[[str], bool] = machine_has_family) -> QLabel:
    """A warning for the export dialog, hidden when this machine has every font in use."""
    label = QLabel()
    label.setWordWrap(True)
    label.setObjectName("font_warning")
    label.setStyleSheet("color: #8a5300;")
    text = missing_warning(check_fonts(settings, has_family))
    label.setText(text or "")
    label.setVisible(bool(text))
    return label


def add_font_check_button(page, layout) -> QPushButton:
    """The 设置 page's entry point: a button that opens the check and refreshes the form."""
    button = QPushButton("检查本机字体…")
    button.setObjectName("font_check_button")

    def open_check() -> None:
        dialog = FontCheckDialog(page.ledger, page)
        dialog.finished.connect(lambda _result: page.populate_from_ledger())
        dialog.open()
        page.font_dialog = dialog

    button.clicked.connect(open_check)
    layout.addWidget(button)
    return button


FIRST_CHECK_KEY = "fonts/checked_on/"


def check_fonts_on_first_start(window, ledger, state,
                               has_family: Callable[[str], bool] = machine_has_family) -> FontCheckDialog | None:
    """On this machine's first start, open the check when a font in use is missing."""
    key = FIRST_CHECK_KEY + (socket.gethostname() or "本机")
    if state is None or state.value(key, False, type=bool):
        return None
    state.setValue(key, True)
    state.sync()
    if all(c.ok for c in check_fonts(ledger.settings(), has_family)):
        return None
    dialog = FontCheckDialog(ledger, window, has_family=has_family)
    dialog.open()
    return dialog
