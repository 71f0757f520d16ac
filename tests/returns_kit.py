"""Helpers for the template round trip: fill a template as a unit would (in its unlocked
cells, by header), and a checksum of every row an import may touch."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl

from models.returns import (
    CASE_INPUTS,
    CASES_SHEET,
    HEADER_ROW,
    LISTS_SHEET,
    PROGRESS_INPUTS,
    PROGRESS_SHEET,
)

PROGRESS_LABELS = dict(PROGRESS_INPUTS)
CASE_LABELS = dict(CASE_INPUTS)
RECEIVED = "2018-11-19"  # a day the demo's plan 4 collects its 2018-11 returns
IMPORT_TABLES = ("progress", "cases", "list_counts", "list_entries", "imports", "import_files",
                 "replaced_rows")


def headers(sheet) -> dict[str, int]:
    """Columns by header, as a person reads it (a header broken over two lines is one name)."""
    return {sheet.cell(HEADER_ROW, c).value.replace("\n", ""): c for c in range(1, sheet.max_column + 1)
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


def sheet_part(archive: zipfile.ZipFile, title: str) -> str:
    """The zip member holding the sheet titled `title`."""
    book = archive.read("xl/workbook.xml").decode()
    rid = re.search(rf'<sheet [^>]*name="{re.escape(title)}"[^>]*r:id="([^"]+)"', book).group(1)
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    target = target.group(1).lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"


def rewrite_part(path: Path, out: Path, part_of, edit) -> Path:
    """Copy a workbook, changing one member: `part_of(archive)` names it, `edit(bytes)` gives
    its new content (the way a hostile sender edits the XML by hand)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        part = part_of(source)
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, edit(data) if item.filename == part else data)
    return out


def append_rows(path: Path, out: Path, title: str, rows) -> Path:
    """Add raw <row> XML (bytes, or an iterable of them) at the end of a sheet's data."""
    def edit(data: bytes) -> bytes:
        extra = rows if isinstance(rows, bytes) else b"".join(rows)
        if b"<sheetData/>" in data:
            return data.replace(b"<sheetData/>", b"<sheetData>" + extra + b"</sheetData>")
        return data.replace(b"</sheetData>", extra + b"</sheetData>")
    return rewrite_part(path, out, lambda archive: sheet_part(archive, title), edit)


def text_cell(ref: str, text: str) -> bytes:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def case_rows(first: int, count: int) -> Iterator[bytes]:
    """`count` filled case rows from row `first` on, as a generator of <row> XML."""
    for row in range(first, first + count):
        cells = [text_cell(f"B{row}", "失信惩戒"), text_cell(f"C{row}", f"第{row}号案例"),
                 text_cell(f"E{row}", f"某某公司{row}"), text_cell(f"F{row}", "法人及其他组织")]
        yield f'<row r="{row}">'.encode() + b"".join(cells) + b"</row>"
