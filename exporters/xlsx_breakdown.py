"""任务分解表 (.xlsx) in seed 003's layout: a title merged across the table; 序号 / 重点工作任务 /
牵头单位 / 责任单位 / 工作任务及时限要求; a group (专项治理) with its sub-items as merged cells,
and a requirement shared by several sub-items merged down them; wrapped text, thin borders,
the header repeated on every printed page, A4 landscape fitted to width, a frozen header,
page breaks between tasks so that no group is split."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from exporters.doc_common import task_sentence
from exporters.xlsx_common import BORDER, print_as_table, put, row_height
from models.doc_records import PlanData, TaskNode
from models.files import save_atomically

HEADER = ("序号", "重点工作任务", "", "牵头单位", "责任单位", "工作任务及时限要求")
WIDTHS = (7, 14, 40, 30, 30, 36)  # characters; the task column is two columns wide
WRAP = Alignment(wrap_text=True, vertical="center")


def _others(node: TaskNode) -> str:
    return "、".join(node.units["participating"] + node.units["responsible"])


def build_breakdown_workbook(data: PlanData, *, body_font: str = "仿宋", title_font: str = "黑体") -> Workbook:
    """The 任务分解表 of a plan."""
    book = Workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    last = get_column_letter(len(HEADER))
    sheet.merge_cells(f"A1:{last}1")
    put(sheet, 1, 1, data.plan.title if data.plan.title.endswith("分解表") else f"{data.plan.title}任务分解表")
    sheet["A1"].font = Font(name=title_font, size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 36
    for column, name in enumerate(HEADER, start=1):
        cell = sheet.cell(2, column, name)
        cell.font = Font(name=title_font, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merge_cells("B2:C2")
    row, blocks = 3, []
    for number, node in enumerate(data.tasks, start=1):
        end = _group(sheet, node, number, row) if node.children else _single(sheet, node, number, row)
        blocks.append((row, end - 1))
        row = end
    for r in sheet.iter_rows(min_row=2, max_row=row - 1, max_col=len(HEADER)):
        for cell in r:
            cell.border = BORDER
            if cell.row > 2:
                cell.font = Font(name=body_font, size=11)
                cell.alignment = WRAP if cell.column not in (1,) else Alignment(horizontal="center", vertical="center")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_as_table(sheet, header_row=2)
    _break_between_tasks(sheet, blocks)
    return book


def _page_capacity() -> float:
    """Sheet points that fit on one printed page once the table is fitted to the width of A4
    landscape (default margins; a column `w` wide is about 7w + 5 px), less the repeated header
    and a tenth for safety."""
    table_width = sum(w * 7 + 5 for w in WIDTHS) * 0.75
    scale = min(1.0, (842 - 2 * 0.7 * 72) / table_width)
    return (595 - 2 * 0.75 * 72) / scale * 0.9 - 30


def _break_between_tasks(sheet, blocks: list[tuple[int, int]]) -> None:
    """Page breaks before a task that would not fit on the page, so no group is split."""
    capacity, used = _page_capacity(), sheet.row_dimensions[1].height
    for top, bottom in blocks:
        height = sum(sheet.row_dimensions[r].height or 15 for r in range(top, bottom + 1))
        if used and used + height > capacity:
            sheet.row_breaks.append(Break(id=top - 1))
            used = 0
        used += height


def _single(sheet, node: TaskNode, number: int, row: int) -> int:
    values = (str(number), task_sentence(node.task), "", "、".join(node.units["lead"]),
              _others(node), node.task.requirement)
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    sheet.row_dimensions[row].height = row_height([values[1], values[3], values[4], values[5]], [WIDTHS[1] + WIDTHS[2], *WIDTHS[3:]])
    return row + 1


def _group(sheet, node: TaskNode, number: int, row: int) -> int:
    first = row
    sheet.cell(row, 1, str(number))
    put(sheet, row, 2, node.task.title)
    shared_from, shared_text = row, None
    for child in node.children:
        requirement = child.task.requirement
        values = (child.task.title, "、".join(child.units["lead"]), _others(child))
        for column, value in enumerate(values, start=3):
            put(sheet, row, column, value)
        if requirement != shared_text:
            _close_shared(sheet, shared_from, row - 1, shared_text)
            put(sheet, row, 6, requirement)
            shared_from, shared_text = row, requirement
        sheet.row_dimensions[row].height = row_height(list(values), list(WIDTHS[2:5]))
        row += 1
    _close_shared(sheet, shared_from, row - 1, shared_text)
    _merge_down(sheet, 1, first, row - 1)
    _merge_down(sheet, 2, first, row - 1)
    return row


def _close_shared(sheet, top: int, bottom: int, requirement: str | None) -> None:
    """Merge a requirement down the sub-items it serves, and make the rows tall enough for it."""
    if requirement is None or bottom < top:
        return
    _merge_down(sheet, 6, top, bottom)
    rows = [sheet.row_dimensions[r] for r in range(top, bottom + 1)]
    missing = row_height([requirement], [WIDTHS[5]]) - sum(r.height for r in rows)
    if missing > 0:
        rows[-1].height += missing


def _merge_down(sheet, column: int, top: int, bottom: int) -> None:
    if bottom > top:
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)


def export_breakdown_workbook(data: PlanData, path: str | Path, **kwargs) -> Path:
    """Build and save the 任务分解表."""
    path = Path(path)
    save_atomically(build_breakdown_workbook(data, **kwargs).save, path)
    return path
