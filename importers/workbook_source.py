"""Opening a workbook that came from outside: decide what the file really is before any
parser touches it (.xlsx, old .xls, WPS .et, encrypted, damaged, a zip bomb, not a workbook
at all), then read every sheet into plain cell values — cached values for formulas, dates as
dates — with its merged ranges, whichever format it was."""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
APPLE_DOUBLE_MAGIC = b"\x00\x05\x16\x07"
STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a template unpacks to well under 1 MB
MAX_RATIO = 200  # unpacked ÷ packed of one member; XML compresses ~10–30×, bombs ~1000×


class WorkbookError(Exception):
    """A file cannot be read as a workbook; the message (Chinese) says why and what to do."""


@dataclass
class SheetGrid:
    """One sheet's values by (row, column), 1-based, with its merged ranges and visibility."""

    name: str
    cells: dict[tuple[int, int], object]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden: bool = False
    # formulas saved without a result (a program that does not calculate wrote them): their
    # cells read as empty, so a reader must say so rather than take them as blank
    uncalculated: set[tuple[int, int]] = field(default_factory=set)

    def value(self, row: int, column: int):
        """The cell's value, None when empty."""
        return self.cells.get((row, column))

    @property
    def max_row(self) -> int:
        """The last row that holds a value (whatever the file claims its size is)."""
        return max((r for r, _ in self.cells), default=0)


def peek(path: Path) -> tuple[int, bytes]:
    """A file's size and first eight bytes (its magic number), to tell what it really is."""
    size = path.stat().st_size
    with path.open("rb") as f:
        return size, f.read(8)


def sniff(path: str | Path) -> str:
    """What a file from outside really is, by its content: "zip" (an .xlsx) or "cfb" (an old
    .xls, or any encrypted workbook). WorkbookError (Chinese) for a file that is missing, not
    a regular file (a pipe or a device would block the reader), empty, too big, a WPS .et, an
    OpenDocument sheet, a macOS "._" companion file, or not a workbook at all."""
    path = Path(path)
    name = path.name
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise WorkbookError(f"“{name}”不是普通文件（可能是文件夹、管道或设备），不能作为工作簿读取。")
        size, head = peek(path)
    except OSError as exc:
        from models.files import os_error_reason

        raise WorkbookError(f"无法读取文件“{path}”：{os_error_reason(exc)}。") from None
    if path.suffix.lower() == ".et":
        raise WorkbookError(f"“{name}”是 WPS 表格专用格式（.et），无法读取。请在 WPS 中打开，"
                            "“另存为”Excel 工作簿（.xlsx）后重新发送。")
    if size == 0:
        raise WorkbookError(f"“{name}”是空文件（0 字节），可能没有保存完整。请重新发送。")
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"“{name}”超过 20 MB，不是本程序下发的报送模板。")
    if head.startswith(APPLE_DOUBLE_MAGIC):
        raise WorkbookError(f"“{name}”是苹果电脑（macOS）拷贝文件时附带生成的“._”附属文件，不是工作簿，"
                            "可以删除。请导入不带“._”的同名文件。")
    if head.startswith(ZIP_MAGIC):
        if _opendocument(path):
            raise WorkbookError(f"“{name}”是 OpenDocument 表格：请在 WPS 或 Excel 中另存为 .xlsx 后发送。")
        return "zip"
    if head.startswith(CFB_MAGIC):
        return "cfb"
    raise WorkbookError(f"“{name}”不是 Excel 工作簿（可能是改了扩展名的其他文件）。"
                        "请用下发的模板填报，保存为 .xlsx 后发送。")


def _opendocument(path: Path) -> bool:
    """True for an OpenDocument file (.ods): a zip whose 'mimetype' names the format."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {i.filename for i in archive.infolist()}
            if "mimetype" in names:
                return archive.read("mimetype")[:64].startswith(b"application/vnd.oasis.opendocument")
            return "content.xml" in names and "xl/workbook.xml" not in names
    except (OSError, zipfile.BadZipFile, zlib.error, NotImplementedError):
        return False


def open_workbook(path: str | Path) -> dict[str, SheetGrid]:
    """Every sheet of the workbook at `path`, or WorkbookError saying what the file is."""
    path = Path(path)
    return _read_xlsx(path) if sniff(path) == "zip" else _read_cfb(path)


def _read_xlsx(path: Path) -> dict[str, SheetGrid]:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            refuse_bomb(name, members)
            if "xl/workbook.xml" not in names:
                kind = "Word 文档" if "word/document.xml" in names else "压缩文件"
                raise WorkbookError(f"“{name}”是{kind}，不是 Excel 工作簿。请发送填好的报送模板。")
            if STRICT_NAMESPACE in archive.read("xl/workbook.xml")[:4096]:
                # openpyxl reads no sheet of a Strict OOXML file (and warns): say what it is
                raise WorkbookError(f"“{name}”是“Strict Open XML 电子表格”格式，本程序读取不了这种格式的方案表格。"
                                    "请在 Excel 中“另存为”“Excel 工作簿(*.xlsx)”后再导入。")
            bad = archive.testzip()
            if bad:
                raise WorkbookError(f"“{name}”已损坏（其中的“{bad}”校验失败）。请重新保存后发送。")
            uncalculated = _uncalculated_formulas(archive)
    except zipfile.BadZipFile:
        raise WorkbookError(f"“{name}”已损坏或不完整（压缩结构无法打开），可能在传输中被截断。"
                            "请让报送单位重新发送。") from None
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, OSError, zlib.error) as exc:
        raise WorkbookError(f"“{name}”已损坏或不完整（{type(exc).__name__}）。请让报送单位重新发送。") from None
    import openpyxl  # only workbooks need it

    try:
        book = openpyxl.load_workbook(str(path), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a malformed part
        raise WorkbookError(f"“{name}”无法作为 Excel 工作簿打开（{type(exc).__name__}），可能已损坏。"
                            "请在 WPS 或 Excel 中打开后“另存为” .xlsx 再发送。") from None
    grids = {}
    for sheet in book.worksheets:
        cells = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row
                 if c.value is not None and c.value != ""}
        merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in sheet.merged_cells.ranges]
        grids[sheet.title] = SheetGrid(sheet.title, cells, merged, sheet.sheet_state != "visible",
                                       uncalculated.get(sheet.title, set()))
    return grids


_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]+)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"'
                       rb'|<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"')
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>")


def _uncalculated_formulas(archive: zipfile.ZipFile) -> dict[str, set[tuple[int, int]]]:
    """Cells of each sheet that hold a formula but no cached result, read from the XML."""
    from xml.sax.saxutils import unescape

    from openpyxl.utils import column_index_from_string

    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for m in _RELATION.finditer(rels):
        target, rid = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        targets[rid.decode()] = target.decode().lstrip("/")
    found = {}
    for name, rid in _SHEET.findall(book):
        part = targets.get(rid.decode(), "")
        part = part if part.startswith("xl/") else f"xl/{part}"
        try:
            data = archive.read(part)
        except KeyError:
            continue
        cells = {(int(row), column_index_from_string(column.decode()))
                 for column, row, inner in _CELL.findall(data)
                 if inner and b"<f" in inner and not _VALUE.search(inner)}
        if cells:
            found[unescape(name.decode("utf-8"), {"&quot;": '"'})] = cells
    return found


def bomb_size(members: list[zipfile.ZipInfo]) -> int | None:
    """The unpacked megabytes when a zip's own directory says it would unpack too big or too
    far (a zip bomb), else None — read before anything is unpacked."""
    total = sum(m.file_size for m in members)
    worst = max((m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1_000_000),
                default=0)
    return total // (1024 * 1024) if total > MAX_UNPACKED_BYTES or worst > MAX_RATIO else None


def refuse_bomb(name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a returned workbook whose zip directory says it is a bomb."""
    if (size := bomb_size(members)) is not None:
        raise WorkbookError(f"“{name}”解压后异常巨大（{size} MB），疑似“压缩炸弹”，"
                            "已拒绝读取。请让报送单位重新保存模板后发送。")


def _read_cfb(path: Path) -> dict[str, SheetGrid]:
    """An OLE compound file: an encrypted workbook (of any format) or an old .xls."""
    book = open_xls(path.read_bytes(), path.name)
    return {sheet.name: _xls_grid(book, sheet) for sheet in book.sheets()}


def open_xls(data: bytes, name: str, *, on_demand: bool = False):
    """An old .xls (or an encrypted workbook of any format, which is refused) opened with
    xlrd, the well-kept reader of the binary format; every failure a WorkbookError naming
    the file and saying what to do."""
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise WorkbookError(f"“{name}”设置了打开密码，无法读取。请报送单位去掉密码"
                            "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后重新发送。")
    import xlrd

    try:
        try:
            return xlrd.open_workbook(file_contents=data, on_demand=on_demand, formatting_info=True)
        except NotImplementedError:  # some writers' formatting records: read the values alone
            return xlrd.open_workbook(file_contents=data, on_demand=on_demand)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise WorkbookError(f"“{name}”设置了打开密码，无法读取。请报送单位去掉密码后重新发送。") from None
        raise WorkbookError(f"“{name}”不是可读取的 Excel 工作簿（{exc}）。可能是 Word 文档或 WPS 专用格式，"
                            "请“另存为” .xlsx 后发送。") from None
    except Exception as exc:  # xlrd raises assorted errors on damaged files
        raise WorkbookError(f"“{name}”是旧版 Excel 文件，但已损坏（{type(exc).__name__}）。请重新保存后发送。") from None


def _xls_grid(book, sheet) -> SheetGrid:
    import xlrd

    cells = {}
    for r in range(sheet.nrows):
        for c in range(sheet.ncols):
            cell = sheet.cell(r, c)
            if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                continue
            value = cell.value
            if cell.ctype == xlrd.XL_CELL_DATE:
                value = xlrd.xldate_as_datetime(value, book.datemode)
            elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                value = None
            elif cell.ctype == xlrd.XL_CELL_NUMBER and float(value).is_integer():
                value = int(value)
            if value not in (None, ""):
                cells[(r + 1, c + 1)] = value
    merged = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells]
    return SheetGrid(sheet.name, cells, merged, sheet.visibility != 0)


def as_date(value) -> date | None:
    """A cell that holds a real date (datetime or date); None otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None
