"""进展统计表 (.xlsx) of a month: every report owed (task × unit) with its report state,
progress status, texts and numbers — domains and tasks merged down their rows, a totals row —
and a second sheet, 单位汇总, with a row per unit: its reports by state. Every row is as tall
as the text of all its cells; a task merged down its units' rows keeps together until its
name is shown whole, then pages break between rows (a domain's heading kept with its first
row), and a page a task runs onto names it again by number and a short title, with （续）."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from exporters.xlsx_common import (
    BORDER,
    body_row,
    fit_row,
    header_cells,
    print_as_table,
    put,
    title_rows,
)
from exporters.xlsx_metrics import fitted, row_height, text_height
from exporters.xlsx_print import (
    break_pages,
    largest_scale,
    make_room,
    new_workbook,
    repeat_merged_across,
    rows_height,
)
from models.cycle import LATE, MISSING, NOT_DUE, ON_TIME, month_label
from models.doc_records import ProgressTableData
from models.files import save_atomically
from models.plan_names import campaign_name

# Headers broken where their words break, so a narrow column never splits a word.
FIXED = ("序号", "重点工作任务", "责任单位", "职责", "报送\n状态", "进展\n状态",
         "工作进展", "存在问题", "下步计划")
FIXED_WIDTHS = (5, 20, 12, 5, 6, 8, 50, 18, 18)
TASK = 2  # the column of the task's name
TAIL, TAIL_WIDTH = "收到日期", 11
NUMBER_WIDTH = 7
SHORT = 30  # characters of a task's name that a continuation page repeats
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
    sheet.row_dimensions[1].height = max(32, row_height([sheet["A1"].value], [sum(widths)], size=16))
    header_cells(sheet, 3, names, widths, font=title_font)
    blocks = _body(sheet, data, widths, Font(name=body_font, size=11), title_font)
    print_as_table(sheet, header_row=3)
    starts = break_pages(sheet, blocks, top_rows=3, header=(3, 3), scale=largest_scale(widths))
    repeat_merged_across(sheet, starts, [TASK], label=lambda text, column, first, last: fitted(
        text if len(text) <= SHORT else text[:SHORT - 1] + "…", widths[TASK - 1],
        rows_height(sheet, first, last), tail="（续）"))
    _units_sheet(book, data, body_font, title_font)
    return book


def _body(sheet, data: ProgressTableData, widths: list[float], font: Font, title_font: str) -> list:
    """The rows of every domain and task, and the totals; returns the blocks pages break
    between (the totals kept with the last row)."""
    row, index, blocks = 3, 0, []
    for domain, in_domain in groupby(data.lines, key=lambda line: line.domain):
        in_domain = list(in_domain)
        heading = None
        if any(line.task != domain for line in in_domain):  # measures under a domain: its own row
            row = heading = row + 1
            _domain_row(sheet, row, domain, widths, title_font)
        for name, units in groupby(in_domain, key=lambda line: line.task):
            first = row + 1
            for line in units:
                row, index = row + 1, index + 1
                _line_row(sheet, row, index, line, data.number_names, widths, font)
            task_blocks = _task_rows(sheet, name, first, row, widths[TASK - 1])
            if heading:  # a domain's heading stays with its first rows
                task_blocks[0] = (heading, task_blocks[0][1])
                heading = None
            blocks += task_blocks
    _totals(sheet, data, widths, font)
    if blocks:
        blocks[-1] = (blocks[-1][0], row + 1)
    return blocks


def _task_rows(sheet, name: str, first: int, last: int, width: float) -> list[tuple[int, int]]:
    """Merge a task's name down its units' rows, tall enough for it; the rows that show it
    whole keep together, the others may go to the next page one by one."""
    if last > first:
        sheet.merge_cells(start_row=first, start_column=TASK, end_row=last, end_column=TASK)
    need = text_height(name, width)
    make_room(sheet, first, last, need)
    end = first
    while end < last and rows_height(sheet, first, end) < need:
        end += 1
    return [(first, end), *((r, r) for r in range(end + 1, last + 1))]


def _domain_row(sheet, row: int, label: str, widths: list[float], font: str) -> None:
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    cell = put(sheet, row, 1, label)
    cell.font = Font(name=font, size=11, bold=True)
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column in range(1, len(widths) + 1):
        sheet.cell(row, column).border = BORDER
    sheet.row_dimensions[row].height = row_height([label], [sum(widths)])


def _line_row(sheet, row: int, index: int, line, number_names: list[str], widths: list[float],
              font: Font) -> None:
    values = (index, line.task, line.unit, line.role, line.state, line.status, line.text,
              line.problems, line.next_steps, *(line.numbers.get(n) for n in number_names),
              line.received_on)
    body_row(sheet, row, values, font, left=(TASK, 3, 7, 8, 9))
    fit_row(sheet, row, widths, columns=[c for c in range(1, len(widths) + 1) if c != TASK])


def _totals(sheet, data: ProgressTableData, widths: list[float], font: Font) -> None:
    row, columns = sheet.max_row + 1, len(widths)
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
    sheet.row_dimensions[row].height = max(26, row_height([sheet.cell(row, 1).value], [sum(FIXED_WIDTHS)]))


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
