"""Automatic numbering in a Word 97–2003 binary document, read into the same list model the
.docx reader uses (importers.docx_numbering.Numbering), following [MS-DOC]: the lists
(PlfLst: LSTF records, their LVL levels right after them), the list instances (PlfLfo: LFO
records, then each one's LFOLVL overrides), and the paragraph styles (STSH) whose
properties may number a paragraph (sprmPIlfo, sprmPIlvl).
"""

from __future__ import annotations

import struct

from importers.docx_numbering import Level, ListInstance, Numbering

SPRM_ILFO, SPRM_ILVL = 0x460B, 0x260A
# MSONFC → the name Word's .docx gives the same number format
_FORMATS = ["decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter", "ordinal", "cardinalText",
            "ordinalText", "hex", "chicago", "ideographDigital", "japaneseCounting", "aiueo", "iroha",
            "decimalFullWidth", "decimalHalfWidth", "japaneseLegal", "japaneseDigitalTenThousand",
            "decimalEnclosedCircle", "decimalFullWidth2", "aiueoFullWidth", "irohaFullWidth", "decimalZero",
            "bullet", "ganada", "chosung", "decimalEnclosedFullstop", "decimalEnclosedParen",
            "decimalEnclosedCircleChinese", "ideographEnclosedCircle", "ideographTraditional",
            "ideographZodiac", "ideographZodiacTraditional", "taiwaneseCounting", "ideographLegalTraditional",
            "taiwaneseCountingThousand", "taiwaneseDigital", "chineseCounting", "chineseLegalSimplified",
            "chineseCountingThousand"]


def _format(nfc: int) -> str:
    return "none" if nfc == 0xFF else (_FORMATS[nfc] if nfc < len(_FORMATS) else "decimal")


def _level(data: bytes, at: int) -> tuple[Level, int]:
    """One LVL (LVLF, its property lists, its number text) at `at`; and where it ends."""
    start, nfc, flags = struct.unpack_from("<iBB", data, at)
    follow, restart_lim = data[at + 15], data[at + 26]
    cb_chpx, cb_papx = data[at + 24], data[at + 25]
    at += 28 + cb_papx + cb_chpx
    (count,) = struct.unpack_from("<H", data, at)
    raw = data[at + 2:at + 2 + 2 * count].decode("utf-16-le", "replace")
    # a character below 9 in the number text stands for that level's number
    text = "".join(f"%{ord(ch) + 1}" if ord(ch) < 9 else ch for ch in raw)
    level = Level(start=start, fmt=_format(nfc), text=text, legal=bool(flags & 0x04),
                  restart=restart_lim if flags & 0x08 else None,
                  suffix={0: "tab", 1: "space"}.get(follow, "nothing"))
    return level, at + 2 + 2 * count


def read_lists(table: bytes, plf_lst: tuple[int, int], plf_lfo: tuple[int, int], numbering: Numbering) -> None:
    """Fill `numbering` with the document's lists (by lsid) and list instances (by ilfo)."""
    fc, lcb = plf_lst
    if lcb < 2 or fc + lcb > len(table):
        return
    (count,) = struct.unpack_from("<h", table, fc)
    at = fc + 2 + 28 * max(count, 0)  # the levels follow the LSTF array
    for i in range(max(count, 0)):
        lsid = str(struct.unpack_from("<i", table, fc + 2 + 28 * i)[0])
        simple = table[fc + 2 + 28 * i + 26] & 0x01
        levels = {}
        for ilvl in range(1 if simple else 9):
            levels[ilvl], at = _level(table, at)
        numbering.abstracts[lsid] = levels
    _read_instances(table, plf_lfo, numbering)


def _read_instances(table: bytes, plf_lfo: tuple[int, int], numbering: Numbering) -> None:
    fc, lcb = plf_lfo
    if lcb < 4 or fc + lcb > len(table):
        return
    (count,) = struct.unpack_from("<i", table, fc)
    records = [struct.unpack_from("<i8xB", table, fc + 4 + 16 * i) for i in range(max(count, 0))]
    at = fc + 4 + 16 * len(records)
    for ilfo, (lsid, overrides) in enumerate(records, start=1):
        instance = ListInstance(str(lsid))
        at += 4  # LFOData.cp
        for _ in range(overrides):
            start, flags = struct.unpack_from("<iI", table, at)
            at += 8
            ilvl = flags & 0x0F
            if flags & 0x10:
                instance.starts[ilvl] = start
            if flags & 0x20:  # a whole level given anew
                instance.levels[ilvl], at = _level(table, at)
        numbering.instances[str(ilfo)] = instance


def read_paragraph_styles(table: bytes, stshf: tuple[int, int], sprms) -> dict[int, tuple]:
    """For each paragraph style: (ilfo, ilvl, base style) where its properties set them."""
    fc, lcb = stshf
    if lcb < 4 or fc + lcb > len(table):
        return {}
    (cb_stshi,) = struct.unpack_from("<H", table, fc)
    count, cb_base = struct.unpack_from("<HH", table, fc + 2)
    at, end = fc + 2 + cb_stshi, fc + lcb
    styles = {}
    for istd in range(count):
        if at + 2 > end:
            break
        (cb_std,) = struct.unpack_from("<H", table, at)
        std = table[at + 2:at + 2 + cb_std]
        at += 2 + cb_std
        if cb_std < cb_base or cb_base < 10 or (struct.unpack_from("<H", std, 2)[0] & 0x0F) != 1:
            continue  # empty, or not a paragraph style
        base = struct.unpack_from("<H", std, 2)[0] >> 4
        (name_length,) = struct.unpack_from("<H", std, cb_base)
        upx = cb_base + 2 + 2 * name_length + 2
        upx += upx % 2
        if upx + 2 > len(std):
            continue
        (cb_upx,) = struct.unpack_from("<H", std, upx)
        found = dict(sprms(std[upx + 4:upx + 2 + cb_upx]))  # after the UPX's own style index
        ilfo = struct.unpack_from("<h", found[SPRM_ILFO])[0] if len(found.get(SPRM_ILFO, b"")) == 2 else None
        ilvl = found[SPRM_ILVL][0] if found.get(SPRM_ILVL) else None
        styles[istd] = (ilfo, ilvl, base)
    return styles


def paragraph_list(styles: dict, istd: int, ilfo: int | None, ilvl: int | None) -> tuple[str, int] | None:
    """The (list instance, level) a paragraph is numbered with, directly or by its style."""
    hops = 0
    while (ilfo is None or ilvl is None) and istd in styles and hops < 20:
        style_lfo, style_lvl, istd = styles[istd]
        ilfo = ilfo if ilfo is not None else style_lfo
        ilvl = ilvl if ilvl is not None else style_lvl
        hops += 1
    if not ilfo or ilfo < 0:  # 0: no list; negative: numbering switched off
        return None
    return str(ilfo), min(ilvl or 0, 8)
