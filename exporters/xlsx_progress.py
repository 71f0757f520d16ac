"""进展统计表 (.xlsx) of a month: every report owed (task × unit) with its report state,
progress status, texts and numbers — domains and tasks merged down their rows, a totals row —
and a second sheet, 单位汇总, with a row per unit: its reports by state. Pages break between
rows (a domain's heading kept with its first row), and a task merged down its units' rows is
named again at the top of a page it runs onto."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from exporters.xlsx_common import (
    BORDER,
    body_row,
    header_cells,
    print_as_table,
    put,
    row_height,
    title_rows,
)
from exporters.xlsx_print import break_pages, largest_scale, new_workbook, repeat_merged_across
from models.cycle import LATE, MISSING, NOT_DUE, ON_TIME, month_label
from models.doc_records import ProgressTableData
from models.files import save_atomically
from models.plan_names import campaign_name

FIXED = ("序号", "重点工作任务", "责任单位", "职责", "报送状态", "进展状态",
         "工作进展", "存在问题", "下步计划")
FIXED_WIDTHS = (5, 24, 14, 5, 7, 7, 34, 20, 20)
TAIL, TAIL_WIDTH = "收到日期", 11
NUMBER_WIDTH = 9
STATES = (ON_TIME, LATE, MISSING, NOT_DUE)
UNIT_HEADER = ("序号", "单位", "应报", *STATES, "已报率")


def build_progress_workbook(data: ProgressTableData, *, body_font: str = "仿宋",
                            title_font: str = "黑体") -> Workbook:
    """The month's 进展统计表 and 单位汇总."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "进展统计表"
    names = [*FIXED, *data.number_names, TAIL]
    widths = [*FIXED_WIDTHS, *([NUMBER_WIDTH] * len(data.number_names)), TAIL_WIDTH]
    counts = {state: sum(1 for line in data.lines if line.state == state) for state in STATES}
    summary = "、".join(f"{state} {n}" for state, n in counts.items() if n)
    title_rows(sheet, f"{month_label(data.period)}{campaign_name(data.plan.title)}进展统计表",
               f"报送时限：{data.due}　应报 {len(data.lines)} 项（{summary or '无'}）", len(names),
               font=body_font, title_font=title_font)
    header_cells(sheet, 3, names, widths, font=title_font)
    body = Font(name=body_font, size=11)
    row, index, blocks = 3, 0, []
    for domain, in_domain in groupby(data.lines, key=lambda line: line.domain):
        in_domain = list(in_domain)
        heading = None
        if any(line.task != domain for line in in_domain):  # measures under a domain: its own row
            row += 1
            heading = row
            _domain_row(sheet, row, domain, len(names), title_font)
        for _, units in groupby(in_domain, key=lambda line: line.task):
            first = row + 1
            for line in units:
                row, index = row + 1, index + 1
                _line_row(sheet, row, index, line, data.number_names, body)
                blocks.append((heading or row, row))  # a domain's heading stays with its first row
                heading = None
            if row > first:  # one task cell down the rows of its units
                sheet.merge_cells(start_row=first, start_column=2, end_row=row, end_column=2)
    _totals(sheet, data, len(names), body)
    if blocks:  # the totals stay with the last row
        blocks[-1] = (blocks[-1][0], row + 1)
    print_as_table(sheet, header_row=3)
    starts = break_pages(sheet, blocks, top_rows=3, header=(3, 3), scale=largest_scale(widths))
    repeat_merged_across(sheet, starts, [2])  # a task merged down its units: named on each page
    _units_sheet(book, data, body_font, title_font)
    return book


def _domain_row(sheet, row: int, label: str, columns: int, font: str) -> None:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = put(sheet, row, 1, label)
    cell.font = Font(name=font, size=11, bold=True)
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column in range(1, columns + 1):
        sheet.cell(row, column).border = BORDER
    sheet.row_dimensions[row].height = row_height([label], [sum(FIXED_WIDTHS)])


def _line_row(sheet, row: int, index: int, line, number_names: list[str], font: Font) -> None:
    values = (index, line.task, line.unit, line.role, line.state, line.status, line.text,
              line.problems, line.next_steps, *(line.numbers.get(n) for n in number_names),
              line.received_on)
    body_row(sheet, row, values, font, left=(2, 3, 7, 8, 9))
    sheet.row_dimensions[row].height = row_height(
        [line.unit, line.text, line.problems, line.next_steps],
        [FIXED_WIDTHS[2], *FIXED_WIDTHS[6:9]])


def _totals(sheet, data: ProgressTableData, columns: int, font: Font) -> None:
    row = sheet.max_row + 1
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(FIXED))
    reported = sum(1 for line in data.lines if line.state in (ON_TIME, LATE))
    statuses = "、".join(f"{k} {v}" for k, v in sorted(data.task_status.items()))
    put(sheet, row, 1, f"合计：应报 {len(data.lines)} 项，已报 {reported} 项；任务状态：{statuses or '无'}")
    for offset, name in enumerate(data.number_names):
        total = sum(line.numbers.get(name) or 0 for line in data.lines)
        sheet.cell(row, len(FIXED) + 1 + offset, total)
    for column in range(1, columns + 1):
        cell = sheet.cell(row, column)
        cell.font = Font(name=font.name, size=11, bold=True)
        cell.border = BORDER
        cell.alignment = Alignment(vertical="center", horizontal="left" if column == 1 else "center")
    sheet.row_dimensions[row].height = 26


def _units_sheet(book: Workbook, data: ProgressTableData, body_font: str, title_font: str) -> None:
    sheet = book.create_sheet("单位汇总")
    title_rows(sheet, f"{month_label(data.period)}各单位报送情况", f"报送时限：{data.due}",
               len(UNIT_HEADER), font=body_font, title_font=title_font)
    header_cells(sheet, 3, UNIT_HEADER, (6, 30, 8, 8, 8, 8, 8, 10), font=title_font)
    body = Font(name=body_font, size=11)
    totals = [0] * (1 + len(STATES))
    units = sorted(data.units, key=lambda u: (-u.states[MISSING], -u.states[LATE], u.name))
    for index, unit in enumerate(units, start=1):
        figures = [unit.owed, *(unit.states[s] for s in STATES)]
        totals = [a + b for a, b in zip(totals, figures)]
        _unit_row(sheet, 3 + index, [index, unit.name, *figures], body)
    _unit_row(sheet, 4 + len(units), ["", "合计", *totals], Font(name=body_font, size=11, bold=True))
    print_as_table(sheet, header_row=3)


def _unit_row(sheet, row: int, values: list, font: Font) -> None:
    owed, on_time, late = values[2], values[3], values[4]
    rate = (on_time + late) / owed if owed else None
    body_row(sheet, row, [*values, rate], font, left=(2,))[-1].number_format = "0.0%"


def export_progress_workbook(data: ProgressTableData, path: str | Path, **fonts) -> Path:
    """Build and save the 进展统计表."""
    path = Path(path)
    save_atomically(build_progress_workbook(data, **fonts).save, path)
    return path
