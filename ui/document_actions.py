"""The 导出 and 打印 menus: open the export dialog of a document or the 文号登记簿, write a
workbook, or show the print preview of the month's statistics table, for the plan chosen in
the window."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from exporters.kinds import WORD_KINDS
from ui.workbook_actions import add_workbook_actions, export_workbook_kind


def add_export_menu(window) -> list[QAction]:
    """Add 导出 (one action per document, then the workbooks) to a window with `ledger` and
    `current_plan_id()`; returns the document actions, which record a 文号 in the ledger."""
    export_menu = window.menuBar().addMenu("导出(&E)")
    documents = []
    for kind, name in WORD_KINDS.items():
        action = QAction(f"{name}…", window)
        action.triggered.connect(lambda _checked=False, k=kind: open_export(window, k))
        export_menu.addAction(action)
        documents.append(action)
    register = QAction("文号登记簿(&R)…", window)
    register.triggered.connect(lambda: open_register(window))
    export_menu.addAction(register)
    export_menu.addSeparator()
    add_workbook_actions(export_menu, window)
    return documents


def open_export(window, kind: str):
    """The export dialog of one document for the chosen plan (python-docx loads here, not at
    start-up)."""
    from ui.export_dialog import ExportDialog

    if not window.ledger.plans():
        QMessageBox.information(window, "没有方案", "台账中还没有方案，请先导入方案。")
        return None
    plan_id = window.current_plan_id()
    today = window.today() if callable(getattr(window, "today", None)) else date.today()
    period = window.ledger.default_period(plan_id, today) if plan_id and kind != "casebook" else None
    dialog = ExportDialog(window.ledger, kind, window, plan_id=plan_id, period=period)
    window.export_dialog = dialog
    dialog.exported.connect(lambda path: window.statusBar().showMessage(f"已导出：{path}", 15000))
    dialog.show()
    return dialog


def open_register(window):
    """The 文号登记簿, a year at a time."""
    from ui.doc_register_dialog import DocRegisterDialog

    dialog = DocRegisterDialog(window.ledger, window)
    window.register_dialog = dialog
    dialog.show()
    return dialog


def export_breakdown(window, path: str | None = None) -> str | None:
    """Write the chosen plan's 任务分解表 where the user says (asked for when `path` is None)."""
    return export_workbook_kind(window, "breakdown", path)


def open_print_preview(window, today: date | None = None):
    """The print preview of the chosen plan's latest month."""
    from ui.print_statistics import preview_statistics

    today = today or (window.today() if callable(getattr(window, "today", None)) else date.today())
    plan_id = window.current_plan_id()
    page_month = getattr(window.current_page(), "period_combo", None)  # the month in view first
    period = page_month.currentData() if page_month is not None else None
    if plan_id is None or period not in window.ledger.periods(plan_id, today):
        period = window.ledger.default_period(plan_id, today) if plan_id else None
    if period is None:
        QMessageBox.information(window, "无可打印内容", "台账中还没有方案，请先导入方案。" if plan_id is None
                                else window.ledger.months_note(plan_id, today))
        return None
    dialog = preview_statistics(window, window.ledger, plan_id, period, today)
    window.print_dialog = dialog
    dialog.show()
    return dialog
