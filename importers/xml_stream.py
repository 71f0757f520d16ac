"""XML of a spreadsheet package read safely and in bounded time: expat parsers that refuse
any DTD (no entity is ever expanded), parts fed chunk by chunk with formatting-only cells and
rows cut out before parsing, a byte budget shared by the parts of one file, and the small
helpers of cell references and OOXML's escaped characters."""

from __future__ import annotations

import re
import xml.parsers.expat
import zipfile
import zlib
from functools import lru_cache

from importers.workbook_source import WorkbookError

CHUNK = 1024 * 1024
# Cells and rows that hold nothing but formatting, removed from each chunk before parsing
# (a whole sheet of them costs a regular-expression pass, not millions of parser calls).
# Only elements whose first attribute is r (as spreadsheet programs write them) are cut, which
# keeps the expression fast; without r, an element's place is its position, which cutting
# would change. Any other element counts against ELEMENT_BUDGET.
_EMPTY_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?c r="[^"]*"[^<>]*/>')
_EMPTY_ROW = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?row r="[^"]*"[^<>]*(?:/>|>\s*</(?:[A-Za-z_][\w.-]*:)?row>)')
FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def column_letter(column: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """A → 1, AA → 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


@lru_cache(maxsize=1024)  # a document has a handful of names, met on every element
def local(name: str) -> str:
    """An element or attribute name without its namespace ('ns c', '{ns}c', 'x:c' → 'c')."""
    return re.split(r"[ }:]", name)[-1]


def unescape_text(text: str) -> str:
    """Undo OOXML's _xHHHH_ escapes (how Excel writes control characters into strings)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def item_text(item: bytes, name: str) -> str:
    """The text of one shared-string item (<si>), its phonetic runs (<rPh>) left out."""
    parser = xml.parsers.expat.ParserCreate()  # no namespaces: a prefix needs no declaration here
    state = {"phonetic": 0, "text": None, "parts": []}

    def start(tag, _attrs):
        tag = local(tag)
        state["phonetic"] += tag == "rPh"
        if tag == "t" and not state["phonetic"]:
            state["text"] = []

    def end(tag):
        tag = local(tag)
        state["phonetic"] -= tag == "rPh"
        if tag == "t" and state["text"] is not None:
            state["parts"] += state["text"]
            state["text"] = None

    def characters(data):
        if state["text"] is not None:
            state["text"].append(data)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(item, True)
    except xml.parsers.expat.ExpatError:
        raise WorkbookError(f"“{name}”的共享字符串表已损坏，无法读取。请在 WPS 或 Excel 中打开后“另存为” .xlsx 再发送。") from None
    return unescape_text("".join(state["parts"]))


def new_parser():
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    # a workbook never declares a DTD; one that does is refused before any entity is expanded
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    return parser


def _refuse_dtd(*_args):
    raise WorkbookError("DTD")


def parse_whole(parser, data: bytes, name: str) -> None:
    parse_stream(parser, _BytesStream(data), name)


class _BytesStream:
    def __init__(self, data: bytes):
        self.data, self.position = data, 0

    def read(self, size: int) -> bytes:
        chunk = self.data[self.position:self.position + size]
        self.position += size
        return chunk

    def close(self) -> None:
        pass


def parse_stream(parser, stream, name: str, *, strip: bool = False, limit: list | None = None) -> None:
    """Feed a part to `parser` chunk by chunk; with `limit` ([package, message]), what it reads
    is taken off the package's budget and past the budget the file is refused. With `strip`,
    formatting-only cells and rows are cut out first. A chunk is cut after its last '>' so no
    tag is split by the cutting. Reading stops as soon as a handler raises (content beyond the
    bounds), so a part's size costs nothing past that point."""
    carry = b""
    try:
        while True:
            chunk = stream.read(CHUNK)
            if limit:
                limit[0].budget -= len(chunk)
                if limit[0].budget < 0:
                    raise WorkbookError(limit[1])
            data = carry + chunk
            if chunk:
                cut = data.rfind(b">") + 1
                data, carry = data[:cut], data[cut:]
            if any(word in data for word in FORBIDDEN):
                raise WorkbookError("DTD")
            if strip:
                data = _EMPTY_ROW.sub(b"", _EMPTY_CELL.sub(b"", data))
            parser.Parse(data, not chunk)
            if not chunk:
                return
    except WorkbookError as exc:
        if str(exc) != "DTD":
            raise
        raise WorkbookError(f"“{name}”中含有文档类型定义（DTD），Excel 和 WPS 保存的工作簿从不含有，"
                            "可能是恶意构造的文件，已拒绝读取。") from None
    except xml.parsers.expat.ExpatError as exc:
        raise WorkbookError(f"“{name}”的内容已损坏（XML 第 {exc.lineno} 行有误），无法读取。"
                            "请在 WPS 或 Excel 中打开后“另存为” .xlsx 再发送。") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise WorkbookError(f"“{name}”已损坏或不完整（{type(exc).__name__}）。请让报送单位重新发送。") from None
    finally:
        stream.close()
