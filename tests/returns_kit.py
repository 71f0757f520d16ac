"""Helpers for the template round trip: fill a template as a unit would (in its unlocked
cells, by header), and a checksum of every row an import may touch."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import openpyxl

from models.returns import CASE_INPUTS, CASES_SHEET, HEADER_ROW, LISTS_SHEET, PROGRESS_INPUTS, PROGRESS_SHEET

PROGRESS_LABELS = dict(PROGRESS_INPUTS)
CASE_LABELS = dict(CASE_INPUTS)
RECEIVED = "2018-11-19"  # a day the demo's plan 4 collects its 2018-11 returns
IMPORT_TABLES = ("progress", "cases", "list_counts", "list_entries", "imports", "import_files",
                 "replaced_rows")


def headers(sheet) -> dict[str, int]:
    return {sheet.cell(HEADER_ROW, c).value: c for c in range(1, sheet.max_column + 1)
            if sheet.cell(HEADER_ROW, c).value}


def put_text(cell, value) -> None:
    """Type a value as a user does: text that starts with = is kept as text ('=…)."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def fill_template(path: Path, *, progress: dict[int, dict] | None = None, cases: list[dict] = (),
                  counts: dict[str, tuple] | None = None, out: Path | None = None) -> Path:
    """Fill a template: progress by task id ({field or number name: value}), cases one per
    row ({field: value}), list counts by kind (local, national, repaired)."""
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    columns = headers(sheet)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        values = (progress or {}).get(sheet.cell(row, 1).value, {})
        for key, value in values.items():
            put_text(sheet.cell(row, columns[PROGRESS_LABELS.get(key, key)]), value)
    sheet = book[CASES_SHEET]
    columns = headers(sheet)
    for offset, case in enumerate(cases, start=1):
        for key, value in case.items():
            put_text(sheet.cell(HEADER_ROW + offset, columns[CASE_LABELS[key]]), value)
    sheet = book[LISTS_SHEET]
    for row in range(HEADER_ROW + 1, HEADER_ROW + 4):
        for column, value in enumerate((counts or {}).get(sheet.cell(row, 1).value, ()), start=2):
            sheet.cell(row, column).value = value
    target = out or path
    book.save(target)
    return Path(target)


def task_rows(path: Path) -> list[int]:
    """The task ids a template lists, top to bottom."""
    sheet = openpyxl.load_workbook(path)[PROGRESS_SHEET]
    return [sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)
            if sheet.cell(r, 1).value]


def checksum(ledger_path: Path) -> str:
    """A digest of every row an import of returns may write."""
    digest = hashlib.sha256()
    with sqlite3.connect(ledger_path) as conn:
        for table in IMPORT_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def soffice_convert(source: Path, kind: str, folder: Path) -> Path:
    """Save a workbook as LibreOffice does (`kind`: xlsx, xls, ods), with a profile of its own
    so another LibreOffice running on the machine does not take the job."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / ".lo-profile").absolute().as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--calc",
                    "--convert-to", kind, "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=180, check=True)
    return folder / f"{source.stem}.{kind.split(':')[0]}"
