"""WelcomePage: what an empty ledger shows — two clear ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """导入方案 or 载入示例, instead of empty tables."""

    import_requested = Signal()
    samples_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("欢迎使用专项治理台账")
        title.setStyleSheet("font-size: 24px; font-weight: bold;")
        text = QLabel("台账还是空的。导入本地的实施方案（Word 的 .docx、.doc、.wps，文字版 PDF（.pdf），"
                      "OFD（.ofd），.txt 文本，或 .xlsx、.xls 任务分解表；也可以直接拖到窗口里），"
                      "程序会识别其中的任务、牵头和责任单位、完成时限和目标，确认后存入台账；"
                      "或者先载入五份真实方案组成的示例台账（含三个月的进展、案例和名单），看看各项功能。")
        text.setWordWrap(True)
        text.setFixedWidth(560)  # a fixed width lets the wrapped text take the height it needs
        text.setMinimumHeight(text.heightForWidth(560))
        self.import_button = QPushButton("导入方案…")
        self.samples_button = QPushButton("载入示例")
        for button in (self.import_button, self.samples_button):
            button.setMinimumSize(180, 48)
            button.setStyleSheet("font-size: 16px;")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_requested)
        self.samples_button.clicked.connect(self.samples_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.samples_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (title, text):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(2)
