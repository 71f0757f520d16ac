"""How a worksheet prints: the paper, margins and footer page numbers (第 1 页 共 3 页), the
scale fitting the table to the page width, and page breaks computed from the row heights so
a page is filled before it breaks and a block of rows (a task, a group) is never split; where
a merged cell must run over a break, it is cut there and its text repeated on the new page.

Widths are in characters of the workbook's Normal font (宋体 11, see `new_workbook`). Excel and
WPS draw such a character 8 px wide, LibreOffice about 6.6: a table is laid out to fit the page
at the wider measure, so every program prints it at full size and the row heights, which are
set in points, are exactly what each page holds."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.pagebreak import Break, RowBreak

PAPER_A4, PAPER_A3 = 9, 8  # the paperSize codes of SpreadsheetML
_PAPER_POINTS = {PAPER_A4: (595, 842), PAPER_A3: (842, 1191)}  # portrait width, height
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN, FOOTER_MARGIN = 0.5, 0.6, 0.7, 0.3  # inches
PAGE_NUMBERS = "第 &P 页 共 &N 页"
WIDEST_PX, NARROWEST_PX, PADDING_PX = 8.0, 6.6, 5


def new_workbook(*, write_only: bool = False) -> Workbook:
    """A workbook whose Normal style is 宋体 11, as Chinese Excel and WPS make theirs, so column
    widths mean the same in every program (without Calibri, LibreOffice's unit grows wider)."""
    book = Workbook(write_only=write_only)
    book._fonts = IndexedList([Font(name="宋体", size=11)])  # openpyxl has no public setter
    return book


def printable(paper: int = PAPER_A4, landscape: bool = True) -> tuple[float, float]:
    """The width and height (points) inside the margins."""
    width, height = _PAPER_POINTS[paper]
    if landscape:
        width, height = height, width
    return width - 2 * SIDE_MARGIN * 72, height - (TOP_MARGIN + BOTTOM_MARGIN) * 72


def table_points(widths, px_per_char: float = WIDEST_PX) -> float:
    """A table's width in points, its columns drawn at `px_per_char`."""
    return sum(w * px_per_char + PADDING_PX for w in widths) * 0.75


def largest_scale(widths, paper: int = PAPER_A4, landscape: bool = True) -> float:
    """The largest scale any program prints the table at once fitted to the page width (it
    never enlarges): with it, the rows a page holds are fewest, so breaks set for it hold."""
    return min(1.0, printable(paper, landscape)[0] / table_points(widths, NARROWEST_PX))


def set_up_page(sheet, *, header_rows: str | None, paper: int = PAPER_A4, landscape: bool = True,
                fit_width: bool = True) -> None:
    """Paper, orientation, margins, the header rows repeated on every page, fitted to the
    page width, and page numbers in the footer."""
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = paper
    margins = sheet.page_margins
    margins.left = margins.right = SIDE_MARGIN
    margins.top, margins.bottom = TOP_MARGIN, BOTTOM_MARGIN
    margins.header, margins.footer = 0.3, FOOTER_MARGIN
    if fit_width:
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        sheet.print_title_rows = header_rows
    sheet.print_options.horizontalCentered = True
    for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        footer.center.text = PAGE_NUMBERS
        footer.center.size = 10


def rows_height(sheet, first: int, last: int) -> float:
    """The height (points) of rows `first`–`last`; a row without one counts as 15."""
    return sum(sheet.row_dimensions[r].height or 15 for r in range(first, last + 1))


def make_room(sheet, first: int, last: int, need: float) -> None:
    """Rows first–last at least `need` points together (the last one grows)."""
    missing = need - rows_height(sheet, first, last)
    if missing > 0:
        sheet.row_dimensions[last].height = rows_height(sheet, last, last) + missing


def break_pages(sheet, blocks: list[tuple[int, int]], *, top_rows: int, header: tuple[int, int],
                scale: float, paper: int = PAPER_A4, landscape: bool = True) -> list[int]:
    """Page breaks between `blocks` (first and last row of rows kept together): a block goes
    to the next page only when it would not fit on this one. The first page holds rows 1 to
    `top_rows` (title, header) above its blocks; the others repeat the `header` rows. A block
    taller than a page starts a page and runs on. Returns the first row of each new page."""
    capacity = printable(paper, landscape)[1] / scale
    repeated = rows_height(sheet, *header)
    used, starts, filled = rows_height(sheet, 1, top_rows), [], False
    for first, last in blocks:
        height = rows_height(sheet, first, last)
        if filled and used + height > capacity:
            starts.append(first)
            used = repeated
        used += height
        filled = True
    sheet.row_breaks = RowBreak()
    for first in starts:
        sheet.row_breaks.append(Break(id=first - 1))
    return starts


def repeat_merged_across(sheet, starts: list[int], columns: list[int], *, label=None) -> None:
    """Cut each merged cell of `columns` that runs over a page break at the break, and repeat
    its text at the top of the new page, so a continuation page still names it. `label(text,
    column, first, last)` gives the repeated text for rows first–last; by default the text
    with （续） (a number is just repeated)."""
    label = label or (lambda text, column, first, last: f"{text}（续）")
    for merged in list(sheet.merged_cells.ranges):
        if merged.min_col not in columns or merged.min_col != merged.max_col:
            continue
        cuts = [s for s in starts if merged.min_row < s <= merged.max_row]
        if not cuts:
            continue
        column, text = merged.min_col, sheet.cell(merged.min_row, merged.min_col).value
        style = sheet.cell(merged.min_row, column)._style
        bounds = [merged.min_row, *cuts, merged.max_row + 1]
        sheet.unmerge_cells(str(merged))
        for top, end in zip(bounds, bounds[1:]):
            cell = sheet.cell(top, column)
            cell._style = style
            if top != merged.min_row:
                named = isinstance(text, str) and text and not text.isdigit()
                cell.value = label(text, column, top, end - 1) if named else text
            if end - 1 > top:
                sheet.merge_cells(start_row=top, start_column=column, end_row=end - 1, end_column=column)
