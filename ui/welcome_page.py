"""WelcomePage: what an empty ledger shows — two clear ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# every kind of file 导入方案 reads, as a clerk names them
ACCEPTED = ("Word 文档（.docx .doc）、WPS 文字（.wps）、PDF（.pdf，需带文字）、OFD（.ofd）、"
            "文本文件（.txt）、Excel 任务分解表（.xlsx .xls）")


class WelcomePage(QWidget):
    """导入方案 or 载入示例, instead of empty tables."""

    import_requested = Signal()
    samples_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel("欢迎使用专项治理台账")
        title.setObjectName("welcome_title")
        self.context = QLabel()  # which page was asked for, and why it waits for a plan
        self.context.setObjectName("hint")
        self.context.hide()
        text = QLabel("台账还是空的。导入本地的实施方案或任务分解表，程序会识别其中的任务、"
                      "牵头和责任单位、完成时限和目标，核对后存入台账；"
                      "或者先载入五份真实方案组成的示例台账（含各月的进展、案例和名单），看看各项功能。")
        types = QLabel(f"可以导入的文件：{ACCEPTED}。也可以把文件直接拖到窗口里。")
        for label in (text, types):
            label.setObjectName("welcome_text")
            label.setWordWrap(True)
            label.setFixedWidth(560)  # a fixed width lets the wrapped text take the height it needs
            label.setMinimumHeight(label.heightForWidth(560))
        types.setObjectName("hint")
        self.import_button = QPushButton("导入方案…")
        self.samples_button = QPushButton("载入示例")
        for button in (self.import_button, self.samples_button):
            button.setObjectName("big")
            button.setMinimumSize(180, 48)
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
        for widget in (title, self.context, text, types):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_for(self, page_label: str | None) -> None:
        """Say which page was chosen and that it needs a plan first (none: the plain welcome)."""
        self.context.setText(f"“{page_label}”要先有方案才有内容：请先导入方案，或载入示例。" if page_label else "")
        self.context.setVisible(bool(page_label))
