"""The main toolbar: 导入方案, 导入回执, 导出, 打印, and the search box."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMenu, QToolButton

from exporters.kinds import WORD_KINDS
from ui.document_actions import open_export, open_print_preview
from ui.workbook_actions import add_workbook_actions


def add_toolbar(window) -> QLineEdit:
    """Build the toolbar on `window`; returns the search box."""
    bar = window.addToolBar("常用")
    bar.setObjectName("main_toolbar")
    bar.addAction("导入方案", window.import_plan)
    returns = bar.addAction("导入回执", window.import_returns)
    returns.setToolTip("读取各单位交回的报送模板（可选多个文件或整个文件夹）")
    export = QToolButton()
    export.setText("导出")
    export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(export)
    for kind, name in WORD_KINDS.items():
        menu.addAction(name, lambda k=kind: open_export(window, k))
    menu.addSeparator()
    add_workbook_actions(menu, window)
    export.setMenu(menu)
    bar.addWidget(export)
    bar.addAction("打印", lambda: open_print_preview(window))
    bar.addSeparator()
    search = QLineEdit()
    search.setPlaceholderText("搜索任务、进展、案例（回车）")
    search.setClearButtonEnabled(True)
    search.setMaximumWidth(320)
    search.returnPressed.connect(lambda: window.search(search.text()))
    bar.addWidget(search)
    return search
