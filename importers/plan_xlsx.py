"""A 任务分解表 workbook (.xlsx) as lines: the layout the plain-text copy of seed 003 has —
a cell per tab-led line, a blank line after each row, a merged cell's continuation empty, a
title merged across the sheet as a plain line — so the one plan parser reads it."""

from __future__ import annotations

from pathlib import Path

from importers.plan_source import PlanReadError


def xlsx_lines(path: Path) -> list[str]:
    """The first sheet's rows as lines (cached formula values, merged cells resolved)."""
    import openpyxl  # only breakdown tables need it

    try:
        book = openpyxl.load_workbook(str(path), data_only=True, read_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise PlanReadError(f"文件“{path.name}”是 Excel 工作簿，但无法读取（{type(error).__name__}），"
                            "可能已损坏。请在 WPS 或 Excel 中打开后“另存为” .xlsx 再导入。") from None
    sheet = book.worksheets[0]
    width = sheet.max_column
    covered: dict[tuple[int, int], str] = {}  # cell → "skip" (horizontal) or "empty" (vertical)
    whole_rows = set()
    for merged in sheet.merged_cells.ranges:
        if merged.min_col == 1 and merged.max_col >= width and merged.min_row == merged.max_row:
            whole_rows.add(merged.min_row)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if (r, c) == (merged.min_row, merged.min_col):
                    continue
                covered[(r, c)] = "skip" if r == merged.min_row or c != merged.min_col else "empty"
    lines: list[str] = []
    for r, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if r in whole_rows:
            lines += [str(row[0] or "").strip(), ""]
            continue
        if not any(v not in (None, "") for v in row) and not any((r, c) in covered for c in range(1, width + 1)):
            continue
        for c, value in enumerate(row, start=1):
            state = covered.get((r, c))
            if state == "skip":
                continue
            text = "" if state == "empty" or value is None else str(value).strip()
            parts = [p for p in text.split("\n") if p.strip()] or [""]
            lines.append("\t" + parts[0])
            lines += parts[1:]
        lines.append("")
    return lines
