"""Reading an .xlsx that came from outside as a stream, within bounds the caller states: the
package's parts found whatever separator or letter case wrote their names, transitional or
Strict OOXML alike, each sheet's cells parsed one at a time keeping only those with content,
empty formatting skipped before it is parsed, and reading stopped at the first cell with
content beyond the bounds. Cost follows the bounds, never the size the file claims."""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta

from importers.workbook_source import SheetGrid, WorkbookError
from importers.xml_stream import (
    CHUNK,
    FORBIDDEN,
    column_index,
    column_letter,
    item_text,
    local,
    new_parser,
    parse_stream,
    parse_whole,
    unescape_text,
)

# Bytes of XML read from one file, all parts together, before it is refused: a returned
# template's sheets are some 100 KB, its strings and styles a few dozen; the limit leaves room
# for any program's way of saving (and bounds the time a hostile file can take).
READ_BUDGET = 24 * 1024 * 1024
# XML elements parsed from one file's sheets and strings (formatting-only cells and rows are
# cut out before parsing and not counted): a template has a few thousand.
ELEMENT_BUDGET = 300_000
SMALL_PART_BYTES = 4 * 1024 * 1024
_SHARED_STRING = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?si\b[^<>]*?(?:/>|>.*?</(?:[A-Za-z_][\w.-]*:)?si>)', re.S)
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
# Built-in number formats that show dates (14–22, 45–47; 27–36 and 50–58 in Chinese Excel).
_DATE_FORMAT_IDS = {*range(14, 23), 45, 46, 47, *range(27, 37), *range(50, 59)}
_DATE_CODE = re.compile(r"[ymdhs年月日]")


@dataclass(frozen=True)
class Bounds:
    """The table a sheet of the template holds (its last row and column), and how far past
    it anything may stand before the file is refused."""

    rows: int
    columns: int
    margin_rows: int = 0
    margin_columns: int = 0

    def beyond(self, row: int, column: int) -> bool:
        """True for a cell past the table and its margin."""
        return row > self.rows + self.margin_rows or column > self.columns + self.margin_columns

    def outside(self, row: int, column: int) -> bool:
        """True for a cell past the table (within the margin or not)."""
        return row > self.rows or column > self.columns


class OutOfBounds(WorkbookError):
    """A sheet holds content beyond the template's bounds: the first such cell, and why."""

    def __init__(self, sheet: str, row: int, column: int, bounds: Bounds):
        self.sheet, self.row, self.column = sheet, row, column
        self.reason = (f"这里有内容，超出了报送模板的范围（模板的表格到第 {bounds.rows} 行、"
                       f"{column_letter(bounds.columns)} 列为止）。请删除表格之外的内容，"
                       "或用下发的模板重新填写后发送。")
        super().__init__(f"工作表“{sheet}”{column_letter(column)}{row} 单元格：{self.reason}")


class Package:
    """An .xlsx opened as a zip, its parts by normalised name, its sheets by title."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.archive, self.name = archive, name
        self.budget, self.elements = READ_BUDGET, ELEMENT_BUDGET
        self.parts = {self._normal(i.filename): i for i in archive.infolist() if not i.is_dir()}
        workbook = self._relations("", "officeDocument") or ["xl/workbook.xml"]
        self.workbook = workbook[0]
        if self.workbook not in self.parts:
            raise WorkbookError(f"“{name}”缺少工作簿主体（{self.workbook}），不是完整的 Excel 工作簿。"
                                "请在 WPS 或 Excel 中打开后“另存为” .xlsx 再发送。")
        self.sheets, self.date1904 = self._read_workbook()
        self.date_styles = self._date_styles()
        self._strings = (self._relations(self.workbook, "sharedStrings") or [None])[0]

    @staticmethod
    def _normal(name: str) -> str:
        # OPC part names are case-insensitive; some writers use backslashes
        return posixpath.normpath(name.replace("\\", "/").lstrip("/")).lower()

    # ------------------------------------------------------------------ small parts

    def read(self, part: str, limit: int = SMALL_PART_BYTES) -> bytes:
        """A part's bytes, refused when it declares more than `limit`."""
        info = self.parts[self._normal(part)]
        if info.file_size > limit:
            raise WorkbookError(f"“{self.name}”中的“{info.filename}”异常庞大（{info.file_size // 1048576} MB），"
                                "远超报送模板的大小，已拒绝读取。请用下发的模板重新填写后发送。")
        return self.archive.read(info)

    def _tree(self, part: str) -> list[tuple[str, dict]]:
        """Every element of a small part as (local name, attributes by local name)."""
        found: list[tuple[str, dict]] = []
        parser = new_parser()
        parser.StartElementHandler = lambda tag, attrs: found.append(
            (local(tag), {local(k): v for k, v in attrs.items()}))
        parse_whole(parser, self.read(part), self.name)
        return found

    def _relations(self, source: str, kind: str) -> list[str]:
        """Targets of `source`'s relationships of a kind (transitional or Strict type URI)."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if self._normal(rels) not in self.parts:
            return []
        targets = []
        for tag, attrs in self._tree(rels):
            if tag == "Relationship" and attrs.get("Type", "").endswith("/" + kind):
                target = attrs.get("Target", "").replace("\\", "/")
                path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                targets.append(self._normal(path))
        return targets

    def _read_workbook(self) -> tuple[dict[str, tuple[str, bool]], bool]:
        targets = {}
        folder, base = posixpath.split(self.workbook)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if self._normal(rels) in self.parts:
            for tag, attrs in self._tree(rels):
                target = attrs.get("Target", "").replace("\\", "/")
                if tag == "Relationship" and target:
                    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                    targets[attrs.get("Id")] = self._normal(path)
        sheets, date1904 = {}, False
        for tag, attrs in self._tree(self.workbook):
            if tag == "sheet" and targets.get(attrs.get("id")):
                sheets[attrs.get("name", "")] = (targets[attrs["id"]], attrs.get("state", "visible") != "visible")
            elif tag == "workbookPr":
                date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        return sheets, date1904

    def _date_styles(self) -> set[int]:
        """Indexes of the cell formats that show numbers as dates."""
        styles = (self._relations(self.workbook, "styles") or [None])[0]
        if not styles or styles not in self.parts:
            return set()
        codes, formats, in_xfs = {}, [], False
        for tag, attrs in self._tree(styles):
            if tag == "numFmt":
                codes[attrs.get("numFmtId")] = re.sub(r'"[^"]*"|\[[^]]*]|\\.', "", attrs.get("formatCode", ""))
            elif tag == "cellXfs":
                in_xfs = True
            elif tag == "xf" and in_xfs:
                formats.append(attrs.get("numFmtId", "0"))
            elif tag in ("cellStyles", "dxfs"):
                in_xfs = False
        return {i for i, f in enumerate(formats)
                if (f.isdigit() and int(f) in _DATE_FORMAT_IDS) or _DATE_CODE.search(codes.get(f, "").lower())}

    # ------------------------------------------------------------------ sheets

    def read_sheets(self, wanted: dict[str, Bounds]) -> dict[str, SheetGrid]:
        """The sheets named (those the file has), each read within its bounds; shared strings
        are looked up afterwards, and only those the kept cells use."""
        grids, pending = {}, {}
        for title, bounds in wanted.items():
            if title not in self.sheets:
                continue
            part, hidden = self.sheets[title]
            if part not in self.parts:
                raise WorkbookError(f"“{self.name}”的工作表“{title}”缺失（{part}），文件不完整。请重新保存后发送。")
            reader = _SheetReader(title, bounds, self)
            reader.run(self.archive.open(self.parts[part]), self._limit(f"工作表“{title}”"))
            grids[title] = SheetGrid(title, reader.cells, reader.merged, hidden, reader.uncalculated)
            pending.update({(title, cell): index for cell, index in reader.shared.items()})
        if pending:
            strings = self._shared_strings(set(pending.values()))
            for (title, cell), index in pending.items():
                text = strings.get(index, "")
                if text.strip():
                    grids[title].cells[cell] = text
        return grids

    def _limit(self, what: str) -> list:
        """The package whose budget reading a part spends, and what to say past it."""
        return [self, self.too_big(what)]

    def too_big(self, what: str) -> str:
        """The refusal of a file whose `what` goes past the reading budget."""
        return (f"“{self.name}”的{what}异常庞大（内容远超报送模板），可能整张表被设置了格式或粘贴了大量内容。"
                "请删除表格之外的内容，或用下发的模板重新填写后发送。")

    def _shared_strings(self, needed: set[int]) -> dict[int, str]:
        """The shared strings whose index is in `needed` (phonetic runs left out). The table is
        scanned for its items by a regular expression; only the items needed are parsed."""
        if not self._strings or self._strings not in self.parts:
            return {}
        data, last = bytearray(), max(needed)
        with self.archive.open(self.parts[self._strings]) as stream:
            while chunk := stream.read(CHUNK):
                self.budget -= len(chunk)
                if self.budget < 0:
                    raise WorkbookError(self.too_big("共享字符串表"))
                data += chunk
        if any(word in data for word in FORBIDDEN):
            raise WorkbookError(f"“{self.name}”中含有文档类型定义（DTD），已拒绝读取。")
        found = {}
        for index, match in enumerate(_SHARED_STRING.finditer(data)):
            if index > last:
                break
            if index in needed:
                found[index] = item_text(match.group(0), self.name)
        return found


class _SheetReader:
    """The expat handlers of one sheet: keep cells with content, note formulas without a
    cached result, collect merged ranges, and stop at content beyond the bounds."""

    def __init__(self, title: str, bounds: Bounds, package: Package):
        self.title, self.bounds, self.package = title, bounds, package
        self.cells: dict[tuple[int, int], object] = {}
        self.shared: dict[tuple[int, int], int] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.uncalculated: set[tuple[int, int]] = set()
        self.row, self.column = 0, 0
        self.cell: dict | None = None
        self.text: list[str] | None = None
        self.phonetic = 0

    def run(self, stream, limit: list) -> None:
        parser = new_parser()
        parser.StartElementHandler, parser.EndElementHandler = self.start, self.end
        parser.CharacterDataHandler = self.characters
        parse_stream(parser, stream, self.package.name, strip=True, limit=limit)

    def start(self, tag, attrs) -> None:
        self.package.elements -= 1
        if self.package.elements < 0:
            raise WorkbookError(self.package.too_big(f"工作表“{self.title}”"))
        name = local(tag)
        if name == "c":
            ref = _REF.match(next((v for k, v in attrs.items() if local(k) == "r"), ""))
            self.row, self.column = (int(ref.group(2)), column_index(ref.group(1))) if ref else \
                (self.row, self.column + 1)
            self.cell = {"t": _attr(attrs, "t"), "s": _attr(attrs, "s"), "v": None, "f": False,
                         "is": None}
        elif self.cell is not None and name in ("v", "t") and not self.phonetic:
            self.text = []
        elif name == "f" and self.cell is not None:
            self.cell["f"] = True
        elif name == "rPh":
            self.phonetic += 1
        elif name == "row":
            ref = _attr(attrs, "r")
            self.row = int(ref) if ref.isdigit() else self.row + 1
            self.column = 0
        elif name == "mergeCell":
            self._merge(_attr(attrs, "ref"))

    def end(self, tag) -> None:
        name = local(tag)
        if name in ("v", "t") and self.text is not None and self.cell is not None:
            key = "v" if name == "v" else "is"
            self.cell[key] = (self.cell[key] or "") + "".join(self.text)
            self.text = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c" and self.cell is not None:
            self._keep(self.cell)
            self.cell = None

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _keep(self, cell: dict) -> None:
        row, column = self.row, self.column
        has_content = cell["v"] is not None or cell["is"] is not None or cell["f"]
        if not has_content:
            return  # formatting alone, wherever it is
        if self.bounds.beyond(row, column):
            raise OutOfBounds(self.title, row, column, self.bounds)
        if cell["f"] and not (cell["v"] or "").strip() and cell["is"] is None:
            self.uncalculated.add((row, column))
            return
        value = self._value(cell)
        if value is not None and value != "":
            self.cells[(row, column)] = value

    def _value(self, cell: dict):
        kind, raw = cell["t"], cell["v"]
        if kind == "s":
            if raw is not None and raw.strip().isdigit():
                self.shared[(self.row, self.column)] = int(raw)
            return None
        if kind == "inlineStr":
            return unescape_text(cell["is"] or "")
        if kind == "str":
            return unescape_text(raw or "")
        if raw is None or kind == "e":
            return None
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            try:
                return datetime.fromisoformat(raw.strip())
            except ValueError:
                return raw
        try:
            number = float(raw)
        except ValueError:
            return raw
        if cell["s"].isdigit() and int(cell["s"]) in self.package.date_styles and math.isfinite(number):
            return excel_date(number, self.package.date1904) or number
        return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number

    def _merge(self, ref: str) -> None:
        corners = [_REF.match(part) for part in ref.upper().split(":")]
        if len(corners) != 2 or not all(corners):
            return
        (c1, r1), (c2, r2) = [(column_index(m.group(1)), int(m.group(2))) for m in corners]
        if not self.bounds.beyond(r1, c1):
            self.merged.append((r1, c1, r2, c2))


def _attr(attrs: dict, name: str) -> str:
    return next((v for k, v in attrs.items() if local(k) == name), "")


def excel_date(serial: float, date1904: bool) -> datetime | None:
    """An Excel date serial number as the moment it means (None outside Excel's dates)."""
    if not 0 < serial < 2958466:
        return None
    if not date1904 and serial < 61:  # Excel's phantom 1900-02-29
        serial += 1
    base = datetime(1904, 1, 1) if date1904 else datetime(1899, 12, 30)
    return base + timedelta(days=serial)


