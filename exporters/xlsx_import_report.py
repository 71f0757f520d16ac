"""导入报告 (.xlsx) of an import of returned templates: per file what was taken, and every
problem that refused a file with its sheet, row and column, so the office can forward the
rows to the unit concerned."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from exporters.xlsx_common import body_row, header_cells, print_as_table, title_rows
from models.files import save_atomically
from models.returns import ImportOutcome

HEADER = ("序号", "文件", "单位", "月份", "结果", "工作表", "行", "列", "说明")
WIDTHS = (6, 34, 18, 10, 8, 12, 6, 6, 70)


def report_rows(outcome: ImportOutcome) -> list[tuple]:
    """One row per taken file, and one per problem of a refused file."""
    rows = []
    for f in outcome.files:
        if f.taken or f.held:
            said = "；".join([f.summary if f.taken else f.held, *f.notes])
            verb = "待确认" if f.held else "可导入" if outcome.dry_run else "已导入"
            rows.append((f.name, f.unit_name, f.period, verb, "", None, "", said))
            continue
        for problem in f.problems:
            rows.append((f.name, f.unit_name, f.period, "拒绝", problem.sheet, problem.row,
                         problem.column, problem.message))
    return rows


def build_import_report(outcome: ImportOutcome, *, font: str = "仿宋", title_font: str = "黑体") -> Workbook:
    """The report workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "导入报告"
    taken, refused = len(outcome.taken), len(outcome.refused)
    state = ("试导入，未写入台账" if outcome.dry_run else
             f"导入批次 {outcome.import_id}" if outcome.import_id else "未写入任何文件")
    title_rows(sheet, "报送模板导入报告",
               f"收到日期：{outcome.received_on}　{state}　共 {len(outcome.files)} 个文件："
               f"导入 {taken} 个，拒绝 {refused} 个" + (f"，待确认月份 {len(outcome.held)} 个" if outcome.held else "")
               + (f"。{outcome.failure}" if outcome.failure else ""), len(HEADER), font=font, title_font=title_font)
    header_cells(sheet, 3, HEADER, WIDTHS, font=title_font)
    body, red = Font(name=font, size=11), Font(name=font, size=11, color="C00000")
    for index, values in enumerate(report_rows(outcome), start=1):
        body_row(sheet, 3 + index, (index, *values), red if values[3] == "拒绝" else body,
                 left=(2, 3, 9))
    print_as_table(sheet, header_row=3)
    return book


def export_import_report(outcome: ImportOutcome, path: str | Path, **fonts) -> Path:
    """Build and save the 导入报告."""
    path = Path(path)
    save_atomically(build_import_report(outcome, **fonts).save, path)
    return path
