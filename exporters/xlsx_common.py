"""What every exported worksheet shares: thin borders, text kept from turning into formulas,
and the print setup of a wide table (A4 landscape, fitted to width, header on every page)."""

from __future__ import annotations

from openpyxl.styles import Border, Side

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def safe_text(value):
    """Text that a spreadsheet would read as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def print_as_table(sheet, header_row: int) -> None:
    """Freeze and repeat the header row; print A4 landscape, one page wide, as long as needed."""
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
