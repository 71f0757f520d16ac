"""A returned workbook opened for bounded reading, whatever its format: an .xlsx through the
streaming reader, an old .xls (the template saved by WPS or LibreOffice) through xlrd with
the same bounds applied. `sheets()` reads only the sheets asked for, within their bounds."""

from __future__ import annotations

import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

from importers.workbook_source import CFB_MAGIC, SheetGrid, WorkbookError, open_xls, refuse_bomb, sniff
from importers.xlsx_stream import Bounds, OutOfBounds, Package

# An .xls template is some 25 KB, a well-filled one a few hundred; xlrd reads a file whole, at
# about a second per megabyte, so a larger one is refused before it is parsed.
MAX_XLS_BYTES = 1536 * 1024


@contextmanager
def open_return_book(path: str | Path):
    """Yield the opened workbook; WorkbookError (Chinese) when it cannot be read."""
    path = Path(path)
    kind = sniff(path)
    if kind == "cfb":
        yield _XlsBook(path)
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise WorkbookError(f"“{path.name}”已损坏或不完整（压缩结构无法打开），可能在传输中被截断。"
                            "请让报送单位重新发送。") from None
    try:
        refuse_bomb(path.name, archive.infolist())
        names = {i.filename.replace("\\", "/").lower() for i in archive.infolist()}
        if not any(n.endswith("workbook.xml") for n in names):
            kind = "Word 文档" if any(n.endswith("document.xml") for n in names) else "压缩文件（不是工作簿）"
            raise WorkbookError(f"“{path.name}”是{kind}，不是 Excel 工作簿。请发送填好的报送模板。")
        yield _XlsxBook(Package(archive, path.name))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise WorkbookError(f"“{path.name}”已损坏或不完整（{type(exc).__name__}）。请让报送单位重新发送。") from None
    finally:
        archive.close()


class _XlsxBook:
    def __init__(self, package: Package):
        self.package = package

    @property
    def titles(self) -> list[str]:
        return list(self.package.sheets)

    def sheets(self, wanted: dict[str, Bounds]) -> dict[str, SheetGrid]:
        return self.package.read_sheets(wanted)


class _XlsBook:
    """An old binary workbook: refused when encrypted or larger than a template could be."""

    def __init__(self, path: Path):
        name = path.name
        size = path.stat().st_size
        with path.open("rb") as f:  # the encryption check needs only the part a template has
            data = f.read(MAX_XLS_BYTES + 1)
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            open_xls(data, name)  # refused with the encrypted workbook's message
        if not data.startswith(CFB_MAGIC) or size > MAX_XLS_BYTES:
            raise WorkbookError(f"“{name}”是旧版 Excel 文件（.xls），但有 {size / 1048576:.1f} MB，远大于报送模板"
                                f"（另存为 .xls 后不到 {MAX_XLS_BYTES // 1024} KB），可能粘贴了大量内容。"
                                "请删除表格之外的内容，保存为 .xlsx 后发送。")
        self.book = open_xls(data, name, on_demand=True)
        self.name = name

    @property
    def titles(self) -> list[str]:
        return self.book.sheet_names()

    def sheets(self, wanted: dict[str, Bounds]) -> dict[str, SheetGrid]:
        from importers.workbook_source import _xls_grid

        grids = {}
        for title, bounds in wanted.items():
            if title not in self.book.sheet_names():
                continue
            try:
                sheet = self.book.sheet_by_name(title)
            except Exception as exc:  # a damaged sheet record
                raise WorkbookError(f"“{self.name}”的工作表“{title}”已损坏（{type(exc).__name__}）。"
                                    "请重新保存后发送。") from None
            grid = _xls_grid(self.book, sheet)
            beyond = sorted((r, c) for r, c in grid.cells if bounds.beyond(r, c))
            if beyond:
                raise OutOfBounds(title, beyond[0][0], beyond[0][1], bounds)
            grids[title] = grid
        return grids
