"""The 导出 menu's workbooks: 任务分解表, 进展统计表, 典型案例报送表, 红黑名单统计表, and every
unit's 报送模板 for a month (written in the background, with a zip of them all)."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from exporters.kinds import EXCEL_KINDS
from models.cycle import month_label
from models.ledger_stats import MONTHLY_WORKBOOKS
from models.validation import ValidationError

MENU_KINDS = ("breakdown", "progress", "cases", "lists", "templates")


def add_workbook_actions(menu, window) -> None:
    """One action per workbook on the 导出 menu."""
    for kind in MENU_KINDS:
        label = "报送模板（每个单位一份）…" if kind == "templates" else f"{EXCEL_KINDS[kind]}（Excel）…"
        action = QAction(label, window)
        action.triggered.connect(lambda _checked=False, k=kind: export_workbook_kind(window, k))
        menu.addAction(action)


def choose_period(window, plan_id: int) -> str | None:
    """Ask for a month of the plan's 报送期, the latest one already due proposed."""
    periods = window.ledger.periods(plan_id, date.today())
    if not periods:
        return None
    latest = window.ledger.default_period(plan_id, date.today())
    labels = [month_label(p) for p in periods]
    label, ok = QInputDialog.getItem(window, "选择月份", "报送月份：", labels,
                                     periods.index(latest) if latest in periods else len(periods) - 1, False)
    return periods[labels.index(label)] if ok else None


def export_workbook_kind(window, kind: str, path: str | None = None, period: str | None = None):
    """Write one workbook of the chosen plan (asking for the month and place when not given).
    Returns the path written, or for templates the background job's progress dialog."""
    plan_id = window.current_plan_id()
    if plan_id is None:
        QMessageBox.information(window, "没有方案", "台账中还没有方案，请先导入方案。")
        return None
    if kind in MONTHLY_WORKBOOKS and period is None:
        period = choose_period(window, plan_id)
        if period is None:
            return None
    try:
        data = window.ledger.workbook_data(kind, plan_id, period=period, today=date.today())
    except ValidationError as exc:
        QMessageBox.information(window, "无法导出", str(exc))
        return None
    settings = window.ledger.settings()
    fonts = {"body_font": settings["font_fang"], "title_font": settings["font_hei"]}
    name = EXCEL_KINDS[kind]
    if kind == "templates":
        return _write_templates(window, data, path, fonts)
    if path is None:
        suggested = f"{month_label(period)}{name}.xlsx" if period else f"{name}.xlsx"
        path, _ = QFileDialog.getSaveFileName(window, f"保存{name}", suggested, "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
    from exporters.workbooks import export_workbook

    try:
        export_workbook(kind, data, path, **fonts)
    except PermissionError:
        QMessageBox.warning(window, "文件被占用", f"无法写入“{path}”：文件可能正在 WPS 或 Excel 中打开，请关闭后重试。")
        return None
    window.statusBar().showMessage(f"已导出{name}：{path}", 8000)
    return path


def _write_templates(window, templates: list, folder: str | None, fonts: dict):
    from exporters.workbooks import export_template_folder
    from ui.workers import run_in_background

    if folder is None:
        folder = QFileDialog.getExistingDirectory(window, "选择存放报送模板的文件夹")
        if not folder:
            return None

    def done(paths: list[Path]) -> None:
        window.statusBar().showMessage(f"已生成 {len(paths) - 1} 个单位的报送模板：{folder}", 8000)
        QMessageBox.information(window, "报送模板已生成",
                                f"已为 {len(paths) - 1} 个单位各生成一份报送模板，并打包为“{paths[-1].name}”，"
                                f"均在文件夹“{folder}”中。")

    def failed(message: str) -> None:
        QMessageBox.warning(window, "生成失败", message)

    dialog, _ = run_in_background(window, f"正在生成 {len(templates)} 个单位的报送模板…",
                                  partial(export_template_folder, **fonts), templates, folder,
                                  on_done=done, on_error=failed)
    return dialog
