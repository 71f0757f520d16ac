"""The main toolbar: 导入方案, 导入回执, 导出, 打印, and the search box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMenu, QToolButton

from exporters.kinds import WORD_KINDS
from ui.document_actions import open_export, open_print_preview
from ui.icons import icon
from ui.workbook_actions import add_workbook_actions


def add_toolbar(window) -> tuple[QLineEdit, list]:
    """Build the toolbar on `window`; returns the search box and the actions that change the
    ledger (switched off on a read-only ledger)."""
    bar = window.addToolBar("常用")
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    plan = bar.addAction(icon("file-arrow-down"), "导入方案", window.import_plan)
    plan.setToolTip("读取实施方案或任务分解表，核对后存入台账（Ctrl+I）")
    returns = bar.addAction(icon("tray-arrow-down"), "导入回执", window.import_returns)
    returns.setToolTip("读取各单位交回的报送模板（可选多个文件或整个文件夹；Ctrl+R）")
    export = QToolButton()
    export.setText("导出")
    export.setIcon(icon("export"))
    export.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(export)
    documents = [menu.addAction(name, lambda k=kind: open_export(window, k))
                 for kind, name in WORD_KINDS.items()]
    menu.addSeparator()
    add_workbook_actions(menu, window)
    export.setMenu(menu)
    bar.addWidget(export)
    printing = bar.addAction(icon("printer"), "打印", lambda: open_print_preview(window))
    printing.setToolTip("打印所选方案最近一个月的进展报送情况统计表（Ctrl+P）")
    bar.addSeparator()
    search = QLineEdit()
    search.setObjectName("search_box")
    search.setPlaceholderText("搜索任务、进展、案例、名单、单位（回车）")
    search.addAction(icon("magnifying-glass"), QLineEdit.ActionPosition.LeadingPosition)
    search.setClearButtonEnabled(True)
    search.setMinimumWidth(220)
    search.setMaximumWidth(360)
    search.returnPressed.connect(lambda: window.search(search.text()))
    bar.addWidget(search)
    return search, [plan, returns, *documents]
