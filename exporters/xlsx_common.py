"""What every exported worksheet shares: thin borders, text kept from turning into formulas,
and the print setup of a wide table (A4 landscape, fitted to width, header on every page)."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


FORMULA_STARTS = ("=", "+", "-", "@")
PAPER_A4 = 9  # the paperSize code of A4 in SpreadsheetML


def keep_text(cell):
    """Text that a spreadsheet would take for a formula (=, +, -, @) is stored as text, with
    the quote prefix Excel and WPS set when one types '=…, so it never runs."""
    if isinstance(cell.value, str) and cell.value[:1] in FORMULA_STARTS:
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def put(sheet, row: int, column: int, value):
    """Write a value into a cell, text kept as text (see keep_text); returns the cell."""
    return keep_text(sheet.cell(row, column, value))


def print_as_table(sheet, header_row: int) -> None:
    """Freeze and repeat the header row; print A4 landscape, one page wide, as long as needed."""
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def title_rows(sheet, title: str, subtitle: str, columns: int, *, font: str, title_font: str) -> None:
    """Row 1: the title, merged across the table, centred; row 2: a line of context."""
    for row, value, style in ((1, title, Font(name=title_font, size=16, bold=True)),
                              (2, subtitle, Font(name=font, size=11))):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        cell = put(sheet, row, 1, value)
        cell.font = style
        cell.alignment = Alignment(horizontal="center" if row == 1 else "left", vertical="center",
                                   wrap_text=True)
    sheet.row_dimensions[1].height = 32
    sheet.row_dimensions[2].height = 22


def body_row(sheet, row: int, values, font: Font, *, left=()) -> list:
    """A table row: each value bordered and wrapped in `font`, centred but for the `left`
    columns (1-based). Returns the cells, for number formats and colours."""
    cells = []
    for column, value in enumerate(values, start=1):
        cell = put(sheet, row, column, value)
        cell.font, cell.border = font, BORDER
        cell.alignment = Alignment(horizontal="left" if column in left else "center",
                                   vertical="center", wrap_text=True)
        cells.append(cell)
    return cells


def header_cells(sheet, row: int, names, widths, *, font: str) -> None:
    """A bold, centred, bordered header row, and the columns' widths (in characters)."""
    for column, (name, width) in enumerate(zip(names, widths), start=1):
        cell = sheet.cell(row, column, name)
        cell.font = Font(name=font, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[row].height = 30


def row_height(texts: list[str], widths: list[float]) -> float:
    """Row height (points) that shows every cell's wrapped text at 11 pt.

    A Chinese character at 11 pt is about 2.2 width units of the default font, and the
    cell padding takes about one unit, so a column `w` wide holds (w - 1) / 2.2 of them."""
    def lines(text: str, width: float) -> int:
        per_line = max(int((width - 1) / 2.2), 1)
        return sum(max(1, -(-len(part) // per_line)) for part in str(text or "").split("\n"))
    return max(24, max(lines(t, w) for t, w in zip(texts, widths)) * 16 + 6)
