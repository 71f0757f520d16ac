"""Printing the month's statistics table from inside the program: A4 landscape, the header
row repeated on every page, with a print preview."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QFont, QFontDatabase, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from models.cycle import LATE, MISSING, NOT_DUE, ON_TIME, month_label
from models.ledger import Ledger
from models.plan_names import campaign_name
from ui.widgets import fit_to_screen

PREFERRED_FONTS = ("Microsoft YaHei", "微软雅黑", "SimSun", "宋体", "Noto Sans CJK SC", "Source Han Sans SC",
                   "WenQuanYi Micro Hei")
HEADER = ("序号", "单位", "联系人", "电话", "应报", "按时", "逾期", "未报", "未到期", "催报记录")


def statistics_html(ledger: Ledger, plan_id: int, period: str, today) -> str:
    """The table as HTML for QTextDocument (thead repeats on every printed page)."""
    report = ledger.month_report(plan_id, period, today)
    rows = []
    for i, unit in enumerate(sorted(report.units, key=lambda u: (-u.states[MISSING], u.name)), 1):
        cells = (i, unit.name, unit.contact_person or "", unit.phone or "", unit.owed,
                 unit.states[ON_TIME], unit.states[LATE], unit.states[MISSING], unit.states[NOT_DUE],
                 "；".join(unit.chased))
        rows.append("<tr>" + "".join(f"<td valign='middle'>{escape(str(c))}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in HEADER)
    title = f"{month_label(period)}{campaign_name(report.plan.title)}进展报送情况统计表"
    return (f"<h3 align='center'>{escape(title)}</h3>"
            f"<p>报送时限：{report.due.isoformat()}　统计日期：{today.isoformat()}</p>"
            "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def table_font() -> QFont:
    """One font with Chinese in it for digits and words alike: a Latin font with a Chinese
    fallback sets a row's cells on different lines (序号 and numbers sat above the names)."""
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    family = QApplication.font().family()
    if family not in chinese:
        family = next((f for f in PREFERRED_FONTS if f in chinese), chinese[0] if chinese else family)
    return QFont(family, 10)


def statistics_document(ledger: Ledger, plan_id: int, period: str, today) -> QTextDocument:
    """A QTextDocument of the statistics table."""
    document = QTextDocument()
    document.setDefaultFont(table_font())
    document.setDefaultStyleSheet("th { background: #eeeeee; } td, th { font-size: 10pt; vertical-align: middle; }")
    document.setHtml(statistics_html(ledger, plan_id, period, today))
    return document


def landscape_printer(printer: QPrinter | None = None) -> QPrinter:
    """A4 landscape."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def preview_statistics(parent, ledger: Ledger, plan_id: int, period: str, today) -> QPrintPreviewDialog:
    """Open the print preview of the month's statistics table."""
    document = statistics_document(ledger, plan_id, period, today)
    printer = landscape_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览：进展报送情况统计表")
    fit_to_screen(dialog, 1100, 780)  # a page a reader can see, never larger than the screen
    dialog.paintRequested.connect(document.print_)
    # the dialog only points at the printer and document: keep both alive with it
    dialog._printer, dialog._document = printer, document
    return dialog
