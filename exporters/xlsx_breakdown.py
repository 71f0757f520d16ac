"""任务分解表 (.xlsx) in seed 003's layout: a title merged across the table; 序号 / 重点工作任务 /
牵头单位 / 责任单位 / 工作任务及时限要求; a group (专项治理) with its sub-items as merged cells,
and a requirement shared by several sub-items merged down them; wrapped text, thin borders,
the header repeated on every printed page, A4 landscape at full size, a frozen header, 附件1
above the title, page numbers in the footer, and page breaks computed from the row heights:
a page is filled before it breaks, and a task (with its sub-items) is never split."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from exporters.doc_common import without_clauses
from exporters.xlsx_common import BORDER, put, row_height
from exporters.xlsx_print import (
    break_pages,
    largest_scale,
    new_workbook,
    printable,
    rows_height,
    set_up_page,
)
from models.doc_records import PlanData, TaskNode
from models.files import save_atomically

HEADER = ("序号", "重点工作任务", "", "牵头单位", "责任单位", "工作任务及时限要求")
# characters of the Normal font; the task column is two columns wide (a group's name, then
# each sub-item's). The table fits A4 landscape at full size (see exporters.xlsx_print).
WIDTHS = (6, 10, 30, 28, 22, 28)
WRAP = Alignment(wrap_text=True, vertical="center")
ROW_LIMIT = 400  # points: Excel and WPS cannot make a row taller than 409
ATTACHMENT = "附件1"  # the 任务分解表 goes out as the first attachment of the plan's notice
TOP_ROWS = 3  # 附件1, the title, the header


def _others(node: TaskNode) -> str:
    return "、".join(node.units["participating"] + node.units["responsible"])


def build_breakdown_workbook(data: PlanData, *, body_font: str = "仿宋", title_font: str = "黑体",
                             attachment: str | None = ATTACHMENT) -> Workbook:
    """The 任务分解表 of a plan."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "任务分解表"
    _top(sheet, data, attachment, title_font)
    row, blocks = TOP_ROWS + 1, []
    for number, node in enumerate(data.tasks, start=1):
        end = _group(sheet, node, number, row) if node.children else _single(sheet, node, number, row)
        blocks += _keep_together(sheet, row, end - 1)
        row = end
    for r in sheet.iter_rows(min_row=TOP_ROWS, max_row=row - 1, max_col=len(HEADER)):
        for cell in r:
            cell.border = BORDER
            if cell.row > TOP_ROWS:
                cell.font = Font(name=body_font, size=11)
                cell.alignment = WRAP if cell.column not in (1,) else Alignment(horizontal="center", vertical="center")
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{TOP_ROWS + 1}"
    set_up_page(sheet, header_rows=f"{TOP_ROWS}:{TOP_ROWS}")
    # a group longer than a page breaks between its sub-items; its merged number and name are
    # not repeated there, so that the table still reads back in as the same plan
    break_pages(sheet, blocks, top_rows=TOP_ROWS, header=(TOP_ROWS, TOP_ROWS), scale=largest_scale(WIDTHS))
    return book


def _page_room(sheet) -> float:
    """What a page holds below the repeated header (points, at the scale it prints at)."""
    return printable()[1] / largest_scale(WIDTHS) - rows_height(sheet, TOP_ROWS, TOP_ROWS)


def _keep_together(sheet, first: int, last: int) -> list[tuple[int, int]]:
    """A task's rows as one block, or, for a group taller than a page, row by row."""
    if rows_height(sheet, first, last) <= _page_room(sheet):
        return [(first, last)]
    return [(r, r) for r in range(first, last + 1)]


def _top(sheet, data: PlanData, attachment: str | None, title_font: str) -> None:
    """附件1 at the top left (as the plan's notice attaches it), the title, the header."""
    cell = put(sheet, 1, 1, attachment or "")
    cell.font = Font(name=title_font, size=14)
    sheet.row_dimensions[1].height = 24 if attachment else 6
    last = get_column_letter(len(HEADER))
    sheet.merge_cells(f"A2:{last}2")
    put(sheet, 2, 1, data.plan.title if data.plan.title.endswith("分解表") else f"{data.plan.title}任务分解表")
    sheet["A2"].font = Font(name=title_font, size=16, bold=True)
    sheet["A2"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[2].height = row_height([sheet["A2"].value], [sum(WIDTHS) * 11 / 16]) * 16 / 11 + 8
    for column, name in enumerate(HEADER, start=1):
        cell = sheet.cell(TOP_ROWS, column, name)
        cell.font = Font(name=title_font, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merge_cells(start_row=TOP_ROWS, start_column=2, end_row=TOP_ROWS, end_column=3)
    sheet.row_dimensions[TOP_ROWS].height = 30


def task_words(task) -> str:
    """A task as the plan words it, without its unit clause: its title, then (after a 。 where
    the plan's text has none, as under a heading) the rest of its text; nothing added at the
    end, so an item the plan wrote without a closing 。 keeps none."""
    title = task.title.rstrip("。")
    rest = without_clauses(task.text or "").strip()
    if rest.startswith(title):
        rest = rest[len(title):].lstrip("。 \n")
    if not rest:
        return task.title
    return f"{title}。{rest}"


def _single(sheet, node: TaskNode, number: int, row: int) -> int:
    values = (str(number), _fit(task_words(node.task), WIDTHS[1] + WIDTHS[2]), "",
              "、".join(node.units["lead"]), _others(node), node.task.requirement)
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    sheet.row_dimensions[row].height = min(ROW_LIMIT, row_height(
        [values[1], values[3], values[4], values[5]], [WIDTHS[1] + WIDTHS[2], *WIDTHS[3:]]))
    return row + 1


def _fit(words: str, width: float) -> str:
    """`words`, or as many of its sentences as fit in a row (Excel and WPS stop a row at 409
    points; a longer text would be cut off unseen), then ……: the table is the plan's summary,
    its full text stays in the plan and the ledger."""
    if row_height([words], [width]) <= ROW_LIMIT:
        return words
    kept = ""
    for sentence in re.findall(r"[^。；]+[。；]?", words):
        if row_height([kept + sentence + "……"], [width]) > ROW_LIMIT:
            break
        kept += sentence
    return (kept or words[:200]) + "……"


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
    rows = [sheet.row_dimensions[r] for r in range(first, row)]
    missing = row_height([node.task.title], [WIDTHS[1]]) - sum(r.height for r in rows)
    if missing > 0:  # the group's name, in its narrow column, needs its lines too
        rows[-1].height += missing
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
