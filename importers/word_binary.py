"""Word 97–2003 binary documents (.doc, and WPS 文字's .wps, the same format) into the
plan parser's lines, following [MS-DOC]: the FIB locates the piece table (Clx) in the table
stream; each piece is 8-bit ("compressed") or UTF-16 text in the WordDocument stream.
Character properties (CHPX) mark deleted revisions and hidden text, which are left out;
paragraph properties (PAPX) tell a cell's end from a row's end, and number a paragraph
through its list (word_binary_lists). Field codes are dropped and
their results kept. Only the main document is read: headers, footers, footnotes, comments
and text boxes are separate stories after it. The container is read with olefile.
"""

from __future__ import annotations

import bisect
import struct
from dataclasses import dataclass

from importers.docx_numbering import Numbering
from importers.word_binary_lists import SPRM_ILFO, SPRM_ILVL, read_lists, read_paragraph_styles
from importers.word_binary_text import Piece, TextAssembler

WORD_IDENT = 0xA5EC
OLD_WORD_IDENT = 0xA5DC  # Word 6.0/95
MIN_NFIB = 0x00C1  # Word 97; older files (Word 6/95) store text another way
MAX_STREAM_BYTES = 64 * 1024 * 1024
_SPRM_DEL, _SPRM_VANISH = 0x0800, 0x083C  # sprmCFRMarkDel, sprmCFVanish
_SPRM_IN_TABLE, _SPRM_TTP, _SPRM_ITAP = 0x2416, 0x2417, 0x6649
_PRM0 = {0x41: _SPRM_DEL, 0x5C: _SPRM_VANISH, 0x19: _SPRM_TTP}  # [MS-DOC] 2.9.215 Prm0
_FIXED_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}


class DocFormatError(Exception):
    """The file is not a Word 97–2003 document this reader can take; the message says why."""


@dataclass
class _Fib:
    flags: int
    ccp_text: int
    table_stream: str
    fc_lcb: dict[str, tuple[int, int]]


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]


def read_fib(word: bytes) -> _Fib:
    """The parts of the File Information Block this reader needs."""
    if len(word) < 0x20 or _u16(word, 0) not in (WORD_IDENT, OLD_WORD_IDENT):
        raise DocFormatError("其中没有 Word 文档的内容")
    if _u16(word, 0) == OLD_WORD_IDENT or _u16(word, 2) < MIN_NFIB:
        raise DocFormatError("这是 Word 6.0/95 或更早版本保存的文档，本程序只读 Word 97 及以后的格式")
    flags = _u16(word, 0x0A)
    if flags & 0x0100 or flags & 0x8000:  # the rest of the FIB is encrypted as well
        raise DocFormatError("encrypted")
    if len(word) < 0x200:
        raise DocFormatError("文件头已损坏")
    pos = 32
    csw = _u16(word, pos)
    pos += 2 + csw * 2
    cslw = _u16(word, pos)
    rglw = pos + 2
    pos = rglw + cslw * 4
    fc_base = pos + 2
    count = _u16(word, pos)
    if cslw < 4 or count < 34 or fc_base + count * 8 > len(word):
        raise DocFormatError("文件头已损坏")
    pairs = {name: struct.unpack_from("<II", word, fc_base + index * 8) if index < count else (0, 0)
             for name, index in (("stshf", 1), ("chpx", 12), ("papx", 13), ("clx", 33),
                                 ("plflst", 73), ("plflfo", 74))}
    ccp_text = struct.unpack_from("<i", word, rglw + 12)[0]
    return _Fib(flags, ccp_text, "1Table" if flags & 0x0200 else "0Table", pairs)


def sprms(grpprl: bytes):
    """(sprm, operand) pairs of a property list."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra != 6:
            size = _FIXED_SIZES[spra]
        elif sprm == 0xD608 and at + 2 <= len(grpprl):  # sprmTDefTable: a two-byte length
            size = _u16(grpprl, at) + 1
        elif at < len(grpprl):
            size = grpprl[at] + 1
        else:
            return
        yield sprm, grpprl[at:at + size]
        at += size


def _toggle(operand: bytes) -> bool:
    # 1 sets, 0x81 is "the opposite of the style" (styles here never hide or delete)
    return bool(operand) and operand[0] in (1, 0x81)


def read_pieces(table: bytes, fib: _Fib) -> list[Piece]:
    """The piece table: which CPs come from which bytes, 8-bit or UTF-16, with piece-wide
    deleted/hidden marks from the Prm."""
    fc, lcb = fib.fc_lcb["clx"]
    clx = table[fc:fc + lcb]
    if lcb == 0 or len(clx) < lcb:
        raise DocFormatError("缺少文字索引（Clx）")
    prcs, at = [], 0
    while at < len(clx) and clx[at] == 1:
        size = _u16(clx, at + 1)
        prcs.append(clx[at + 3:at + 3 + size])
        at += 3 + size
    if at >= len(clx) or clx[at] != 2:
        raise DocFormatError("文字索引（Clx）已损坏")
    size = _u32(clx, at + 1)
    plc = clx[at + 5:at + 5 + size]
    n = (size - 4) // 12
    if n <= 0 or len(plc) < 4 * (n + 1) + 8 * n:
        raise DocFormatError("文字索引（Clx）已损坏")
    cps = struct.unpack_from(f"<{n + 1}i", plc, 0)
    pieces = []
    for i in range(n):
        raw_fc, prm = struct.unpack_from("<IH", plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(raw_fc & 0x40000000)
        start = (raw_fc & 0x3FFFFFFF) // 2 if compressed else raw_fc & 0x3FFFFFFF
        flags = _prm_flags(prm, prcs)
        pieces.append(Piece(cps[i], cps[i + 1], start, compressed, *flags))
    return pieces


def _prm_flags(prm: int, prcs: list[bytes]) -> tuple[bool, bool, bool]:
    if prm & 1:
        index = prm >> 1
        found = dict(sprms(prcs[index])) if index < len(prcs) else {}
    else:
        sprm = _PRM0.get((prm >> 1) & 0x7F)
        found = {sprm: bytes([prm >> 8])} if sprm else {}
    return (_toggle(found.get(_SPRM_DEL, b"")), _toggle(found.get(_SPRM_VANISH, b"")),
            _toggle(found.get(_SPRM_TTP, b"")))


class Runs:
    """Property runs by file offset: (start FCs, values), looked up by bisection."""

    def __init__(self, starts: list[int], ends: list[int], values: list):
        self.starts, self.ends, self.values = starts, ends, values

    def at(self, fc: int, default):
        i = bisect.bisect_right(self.starts, fc) - 1
        return self.values[i] if i >= 0 and fc < self.ends[i] else default


def _fkp_pages(word: bytes, table: bytes, fc: int, lcb: int):
    n = (lcb - 4) // 8
    if n <= 0 or fc + lcb > len(table):
        return
    for i in range(n):
        pn = _u32(table, fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF
        page = word[pn * 512:pn * 512 + 512]
        if len(page) == 512:
            yield page


def read_character_runs(word: bytes, table: bytes, fib: _Fib) -> Runs:
    """(deleted, hidden) by file offset, from the CHPX pages."""
    starts, ends, values = [], [], []
    for page in _fkp_pages(word, table, *fib.fc_lcb["chpx"]):
        crun = page[511]
        for i in range(crun):
            offset = page[4 * (crun + 1) + i] * 2
            found = {}
            if offset:
                found = dict(sprms(page[offset + 1:offset + 1 + page[offset]]))
            starts.append(_u32(page, 4 * i))
            ends.append(_u32(page, 4 * i + 4))
            values.append((_toggle(found.get(_SPRM_DEL, b"")), _toggle(found.get(_SPRM_VANISH, b""))))
    return _sorted_runs(starts, ends, values)


def read_paragraph_runs(word: bytes, table: bytes, fib: _Fib) -> Runs:
    """(in a table, ends a table row, style, list instance, list level) of each paragraph
    mark by file offset, from the PAPX pages."""
    starts, ends, values = [], [], []
    for page in _fkp_pages(word, table, *fib.fc_lcb["papx"]):
        crun = page[511]
        for i in range(crun):
            offset = page[4 * (crun + 1) + 13 * i] * 2
            found, istd = {}, 0
            if offset:
                size = page[offset] * 2 - 1 if page[offset] else page[offset + 1] * 2
                body = page[offset + 1:offset + 1 + size] if page[offset] else page[offset + 2:offset + 2 + size]
                istd = _u16(body, 0) if len(body) >= 2 else 0
                found = dict(sprms(body[2:]))  # after the style index
            itap = found.get(_SPRM_ITAP, b"")
            depth = struct.unpack("<i", itap)[0] if len(itap) == 4 else None
            in_table = _toggle(found.get(_SPRM_IN_TABLE, b"")) or bool(depth)
            row_end = _toggle(found.get(_SPRM_TTP, b"")) and (depth or 1) <= 1
            starts.append(_u32(page, 4 * i))
            ends.append(_u32(page, 4 * i + 4))
            ilfo = struct.unpack("<h", found[SPRM_ILFO])[0] if len(found.get(SPRM_ILFO, b"")) == 2 else None
            ilvl = found[SPRM_ILVL][0] if found.get(SPRM_ILVL) else None
            values.append((in_table, row_end, istd, ilfo, ilvl))
    return _sorted_runs(starts, ends, values)


def _sorted_runs(starts, ends, values) -> Runs:
    order = sorted(range(len(starts)), key=starts.__getitem__)
    return Runs([starts[i] for i in order], [ends[i] for i in order], [values[i] for i in order])


def doc_lines_from_streams(word: bytes, table: bytes) -> list[str]:
    """Lines of a Word binary document given its WordDocument and table streams."""
    fib = read_fib(word)
    pieces = read_pieces(table, fib)
    characters = read_character_runs(word, table, fib)
    paragraphs = read_paragraph_runs(word, table, fib)
    numbering = Numbering()
    read_lists(table, fib.fc_lcb["plflst"], fib.fc_lcb["plflfo"], numbering)
    styles = read_paragraph_styles(table, fib.fc_lcb["stshf"], sprms)
    assembler = TextAssembler(word, characters, paragraphs, numbering, styles)
    return assembler.read(pieces, max(fib.ccp_text, 0))


def read_doc(path, open_ole) -> list[str]:
    """Lines of the .doc/.wps at `path`; `open_ole` is olefile.OleFileIO. DocFormatError
    ("encrypted" as its message for a password-protected file) when it cannot be read."""
    with open_ole(str(path)) as ole:
        streams = {"/".join(entry).lower(): entry for entry in ole.listdir()}  # names ignore case
        if "worddocument" not in streams:
            raise DocFormatError("其中没有 Word 文档的内容")
        word = _stream(ole, streams["worddocument"])
        fib = read_fib(word)
        if fib.table_stream.lower() not in streams:
            raise DocFormatError(f"缺少 {fib.table_stream} 数据流")
        table = _stream(ole, streams[fib.table_stream.lower()])
    return doc_lines_from_streams(word, table)


def _stream(ole, name) -> bytes:
    if ole.get_size(name) > MAX_STREAM_BYTES:
        raise DocFormatError("其中的数据流过大，不像是一份方案")
    return ole.openstream(name).read()
