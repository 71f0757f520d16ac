"""任务分解表 (.xlsx) in seed 003's layout: a title merged across the table; 序号 / 重点工作任务 /
牵头单位 / 责任单位 / 工作任务及时限要求; a group (专项治理) with its sub-items as merged cells,
and a requirement shared by several sub-items merged down them; wrapped text, thin borders,
columns sized by what they hold (see exporters.xlsx_breakdown_layout), the header repeated on
every printed page, A4 landscape at full size, a frozen header, 附件1 above the title, page
numbers in the footer, and page breaks computed from the row heights: a page is filled before
it breaks, and a task (with its sub-items) is never split unless taller than a page. A group
or a long task that runs onto the next page is named there again (its number, its name with
（续）); a task's words too long for one row go on in the next, led by （续）. Nothing is cut:
the table reads back as the same plan."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from exporters.doc_common import others, task_words
from exporters.xlsx_breakdown_layout import Layout, plan_layout, split_words
from exporters.xlsx_common import BORDER, print_as_table, put
from exporters.xlsx_metrics import fitted, row_height, text_height
from exporters.xlsx_print import (
    break_pages,
    largest_scale,
    make_room,
    new_workbook,
    printable,
    repeat_merged_across,
    rows_height,
)
from models.doc_records import PlanData, TaskNode
from models.files import save_atomically
from models.labels import CONTINUED

WRAP = Alignment(wrap_text=True, vertical="center")
ATTACHMENT = "附件1"  # the 任务分解表 goes out as the first attachment of the plan's notice
TOP_ROWS = 3  # 附件1, the title, the header
REPEATED = [1, 2, 4, 5, 6]  # columns whose merged cells are named again on a new page


def build_breakdown_workbook(data: PlanData, *, body_font: str = "仿宋", title_font: str = "黑体",
                             attachment: str | None = ATTACHMENT) -> Workbook:
    """The 任务分解表 of a plan."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    layout = plan_layout(data, task_words)
    _top(sheet, data, attachment, title_font, layout)
    row, blocks = TOP_ROWS + 1, []
    for number, node in enumerate(data.tasks, start=1):
        if node.children:
            end = _group(sheet, node, number, row, layout.widths)
        else:
            end = _single(sheet, node, number, row, layout.widths)
        blocks += _keep_together(sheet, row, end - 1, layout.widths)
        row = end
    _style_body(sheet, row - 1, body_font)
    for column, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_as_table(sheet, TOP_ROWS)
    starts = break_pages(sheet, blocks, top_rows=TOP_ROWS, header=(TOP_ROWS, TOP_ROWS),
                         scale=largest_scale(layout.widths))
    # a group's or a long task's merged cells that run onto a new page are named there again;
    # the reader takes a name ending in （续） as the same task going on
    repeat_merged_across(sheet, starts, REPEATED, label=lambda text, column, first, last: fitted(
        str(text), layout.widths[column - 1], rows_height(sheet, first, last), tail=CONTINUED))
    return book


def _style_body(sheet, last: int, body_font: str) -> None:
    for r in sheet.iter_rows(min_row=TOP_ROWS, max_row=last, max_col=6):
        for cell in r:
            cell.border = BORDER
            if cell.row > TOP_ROWS:
                cell.font = Font(name=body_font, size=11)
                cell.alignment = WRAP if cell.column != 1 else Alignment(horizontal="center", vertical="center")


def _page_room(sheet, widths) -> float:
    """What a page holds below the repeated header (points, at the scale it prints at)."""
    return printable()[1] / largest_scale(widths) - rows_height(sheet, TOP_ROWS, TOP_ROWS)


def _keep_together(sheet, first: int, last: int, widths) -> list[tuple[int, int]]:
    """A task's rows as one block, or, for a task taller than a page, row by row."""
    if rows_height(sheet, first, last) <= _page_room(sheet, widths):
        return [(first, last)]
    return [(r, r) for r in range(first, last + 1)]


def _top(sheet, data: PlanData, attachment: str | None, title_font: str, layout: Layout) -> None:
    """附件1 at the top left (as the plan's notice attaches it), the title, the header."""
    cell = put(sheet, 1, 1, attachment or "")
    cell.font = Font(name=title_font, size=14)
    sheet.row_dimensions[1].height = 24 if attachment else 6
    sheet.merge_cells(f"A2:{get_column_letter(len(layout.widths))}2")
    put(sheet, 2, 1, data.plan.title if data.plan.title.endswith("分解表") else f"{data.plan.title}任务分解表")
    sheet["A2"].font = Font(name=title_font, size=16, bold=True)
    sheet["A2"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[2].height = row_height([sheet["A2"].value], [sum(layout.widths)], size=16) + 8
    for column, name in enumerate(layout.headers, start=1):
        cell = sheet.cell(TOP_ROWS, column, name)
        cell.font = Font(name=title_font, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merge_cells(start_row=TOP_ROWS, start_column=2, end_row=TOP_ROWS, end_column=3)
    sheet.row_dimensions[TOP_ROWS].height = max(30, row_height(
        layout.headers, [*layout.widths[:1], layout.widths[1] + layout.widths[2], 0, *layout.widths[3:]], size=12))


def _single(sheet, node: TaskNode, number: int, row: int, widths: list[float]) -> int:
    """A task without sub-items: its words over B:C, in as many rows as they need."""
    width = widths[1] + widths[2]
    parts = split_words(task_words(node.task), width)
    put(sheet, row, 1, str(number))
    for column, value in ((4, "、".join(node.units["lead"])), (5, others(node)), (6, node.task.requirement)):
        put(sheet, row, column, value)
    for offset, part in enumerate(parts):
        put(sheet, row + offset, 2, part)
        sheet.merge_cells(start_row=row + offset, start_column=2, end_row=row + offset, end_column=3)
        sheet.row_dimensions[row + offset].height = text_height(part, width)
    last = row + len(parts) - 1
    for column in (1, 4, 5, 6):  # the number, units and requirement down the task's rows
        _merge_down(sheet, column, row, last)
        value = sheet.cell(row, column).value
        make_room(sheet, row, last, text_height(value, widths[column - 1]))
    return last + 1


def _group(sheet, node: TaskNode, number: int, row: int, widths: list[float]) -> int:
    first = row
    sheet.cell(row, 1, str(number))
    put(sheet, row, 2, node.task.title)
    shared_from, shared_text = row, None
    for child in node.children:
        requirement = child.task.requirement
        values = (child.task.title, "、".join(child.units["lead"]), others(child))
        for column, value in enumerate(values, start=3):
            put(sheet, row, column, value)
        if requirement != shared_text:
            _close_shared(sheet, shared_from, row - 1, shared_text, widths)
            put(sheet, row, 6, requirement)
            shared_from, shared_text = row, requirement
        sheet.row_dimensions[row].height = row_height(list(values), list(widths[2:5]))
        row += 1
    _close_shared(sheet, shared_from, row - 1, shared_text, widths)
    _merge_down(sheet, 1, first, row - 1)
    _merge_down(sheet, 2, first, row - 1)
    make_room(sheet, first, row - 1, text_height(node.task.title, widths[1]))  # the group's name
    return row


def _close_shared(sheet, top: int, bottom: int, requirement: str | None, widths: list[float]) -> None:
    """Merge a requirement down the sub-items it serves, and make the rows tall enough for it."""
    if requirement is None or bottom < top:
        return
    _merge_down(sheet, 6, top, bottom)
    make_room(sheet, top, bottom, text_height(requirement, widths[5]))


def _merge_down(sheet, column: int, top: int, bottom: int) -> None:
    if bottom > top:
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)


def export_breakdown_workbook(data: PlanData, path: str | Path, **kwargs) -> Path:
    """Build and save the 任务分解表."""
    path = Path(path)
    save_atomically(build_breakdown_workbook(data, **kwargs).save, path)
    return path
