"""A 任务分解表 workbook (.xlsx) as lines: the layout the plain-text copy of seed 003 has —
a cell per tab-led line, a blank line after each row, a merged cell's continuation empty, a
title merged across the sheet as a plain line — so the one plan parser reads it."""

from __future__ import annotations

from pathlib import Path

from importers.workbook_source import SheetGrid, open_workbook


def xlsx_lines(path: Path) -> list[str]:
    """The first sheet's rows as lines (cached formula values, merged cells resolved).
    Raises WorkbookError for a file that cannot be read as a workbook."""
    sheet = next(iter(open_workbook(path).values()))
    return sheet_lines(sheet)


def sheet_lines(sheet: SheetGrid) -> list[str]:
    """One sheet's rows as the plan parser's lines."""
    width = max((c for _, c in sheet.cells), default=0)
    covered: dict[tuple[int, int], str] = {}  # cell → "skip" (horizontal) or "empty" (vertical)
    whole_rows = set()
    for r1, c1, r2, c2 in sheet.merged:
        if c1 == 1 and c2 >= width and r1 == r2:
            whole_rows.add(r1)
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    covered[(r, c)] = "skip" if r == r1 or c != c1 else "empty"
    lines: list[str] = []
    for r in range(1, sheet.max_row + 1):
        row = [sheet.value(r, c) for c in range(1, width + 1)]
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
