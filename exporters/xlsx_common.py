"""What every exported worksheet shares: thin borders, text kept from turning into formulas,
row heights that fit their text (see exporters.xlsx_metrics), and the print setup of a wide table (A4 landscape, fitted
to width, header on every page, page numbers in the footer)."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import RowDimension

from exporters.xlsx_metrics import row_height
from exporters.xlsx_print import PAPER_A4, set_up_page

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


FORMULA_STARTS = ("=", "+", "-", "@")


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


def print_as_table(sheet, header_row: int, *, paper: int = PAPER_A4, landscape: bool = True) -> None:
    """Freeze and repeat the header row; print fitted to the page width, as long as needed,
    with page numbers in the footer (landscape A4 unless told otherwise)."""
    sheet.freeze_panes = f"A{header_row + 1}"
    set_up_page(sheet, header_rows=f"{header_row}:{header_row}", paper=paper, landscape=landscape)


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
    sheet.row_dimensions[row].height = max(24, row_height(list(names), list(widths)))


def fit_row(sheet, row: int, widths, *, columns=None) -> float:
    """Make a row as tall as the wrapped text of its cells (all of them, or `columns`, 1-based)
    at the columns' `widths`; returns the height."""
    columns = columns or range(1, len(widths) + 1)
    height = row_height([_shown(sheet.cell(row, c).value) for c in columns], [widths[c - 1] for c in columns])
    sheet.row_dimensions[row].height = height
    return height


def _shown(value) -> str:
    """A value as a cell shows it (a ratio as 12.5%, a whole number without .0)."""
    if isinstance(value, float):
        return f"{value:.1%}" if 0 <= value <= 1 and not value.is_integer() else f"{value:g}"
    return "" if value is None else str(value)


class _GrowingRow(RowDimension):
    """A row that starts at its height but is not marked as set by hand (no customHeight):
    Excel and WPS make it taller as text is typed into its wrapped cells, where a row of a
    set height would keep its height and cut the text when printed."""

    @property
    def customHeight(self):
        return False


def growing_row(sheet, row: int, height: float) -> None:
    """Give `row` a starting height that grows with what is typed into it."""
    sheet.row_dimensions[row] = _GrowingRow(sheet, index=row, ht=height)
