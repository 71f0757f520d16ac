"""Plan text into blocks: paragraphs joined back across page breaks, and table rows.

Also recognises numbering markers (一、 （一） 1. （1） ①) and normalises them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUM = "一二三四五六七八九十百零〇两"
_MARKERS = (
    ("cn", re.compile(rf"^([{CN_NUM}]+)\s*[、，．.]\s*")),
    ("paren_cn", re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[）)]\s*[、，．.]?\s*")),
    ("paren_arabic", re.compile(r"^[（(]\s*([0-9０-９]{1,2})\s*[）)]\s*")),
    ("arabic", re.compile(r"^([0-9０-９]{1,2})\s*(?:[.．](?![0-9０-９])|、)\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
)
_ROLE_LINE = re.compile(
    r"^(?:责任单位|牵头单位|参与单位|配合单位|协办单位|協辦單位|責任單位|牽頭單位|參與單位|配合單位"
    r"|完成时限|完成時限|时限要求|时间要求|完成时间)\s*[:：]")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]\s*\S")
DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_TITLE_END = ("方案", "通知", "分解表", "意见", "办法", "文件", "清单")
_TERMINAL = "。！？；;：:)）》"
ATTACHMENT = re.compile(r"^附\s*件\s*[0-9０-９]*\s*[:：]?$")
DOC_NUMBER = re.compile(r"^\S{1,20}?[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号$")
OPEN, CLOSE = "（(〔[［【", "）)〕]］】"


@dataclass
class Marker:
    """A numbering marker at the start of a paragraph."""

    style: str
    number: str  # as printed, brackets made full-width: （一） 1. （1） 三、
    rest: str  # the paragraph without the marker


@dataclass
class TableRows:
    """A table, as rows of cell texts (merged continuations are empty strings)."""

    rows: list[list[str]]


def full_width_digits_to_ascii(text: str) -> str:
    """０１２ → 012."""
    return text.translate({0xFF10 + i: ord("0") + i for i in range(10)})


def parse_marker(text: str) -> Marker | None:
    """The numbering marker a paragraph starts with, if any."""
    for style, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        raw = full_width_digits_to_ascii(m.group(1))
        number = {"cn": f"{raw}、", "paren_cn": f"（{raw}）", "paren_arabic": f"（{raw}）",
                  "arabic": f"{raw}." if "、" not in m.group(0) else f"{raw}、",
                  "circled": raw}[style]
        return Marker(style, number, text[m.end():].strip())
    return None


def unbalanced(text: str) -> bool:
    """True when a bracket opened in `text` is not closed."""
    depth = 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
    return depth > 0


def clean_line(line: str) -> str:
    """A line without surrounding spaces and markdown emphasis."""
    return line.replace("**", "").replace("\u00a0", " ").strip(" \u3000\t\ufeff")


def _starts_block(line: str) -> bool:
    return bool(parse_marker(line) or _ROLE_LINE.match(line) or DATE_LINE.match(line)
                or line.startswith("附件") or _LABEL_LINE.match(line) and len(line) < 40)


def _ends_block(paragraph: str) -> bool:
    if paragraph.endswith(tuple(_TERMINAL)) or paragraph.endswith(_TITLE_END):
        return True
    if DATE_LINE.match(paragraph) or DOC_NUMBER.match(paragraph) or ATTACHMENT.match(paragraph):
        return True
    marker = parse_marker(paragraph)
    return bool(marker and "。" not in paragraph and len(paragraph) <= 60)


def split_blocks(lines: list[str]) -> list[str | TableRows]:
    """Paragraphs (str) and tables, with lines broken by page breaks joined back."""
    blocks: list[str | TableRows] = []
    paragraph = ""
    i = 0
    while i < len(lines):
        raw = lines[i]
        if raw.startswith("\t"):
            if paragraph:
                blocks.append(paragraph)
                paragraph = ""
            table, i = _read_table(lines, i)
            blocks.append(table)
            continue
        line = clean_line(raw)
        i += 1
        if not line:
            continue
        if paragraph and (unbalanced(paragraph)
                          or not (_ends_block(paragraph) or _starts_block(line))):
            paragraph += line
            continue
        if paragraph:
            blocks.append(paragraph)
        paragraph = line
    if paragraph:
        blocks.append(paragraph)
    return blocks


def _read_table(lines: list[str], i: int) -> tuple[TableRows, int]:
    """Rows of tab-led cell lines; a line without a tab continues the cell above it."""
    rows: list[list[str]] = []
    row: list[str] = []
    previous_blank = False
    while i < len(lines):
        raw = lines[i]
        if raw.startswith("\t"):
            row.append(clean_line(raw))
            previous_blank = False
        elif not raw.strip():
            if row:
                rows.append(row)
                row = []
            previous_blank = True
        elif previous_blank or not row:
            break  # text after the table
        else:
            row[-1] += clean_line(raw)
        i += 1
    if row:
        rows.append(row)
    return TableRows(rows), i


def first_sentence(text: str) -> str:
    """The text up to its first full stop (without it), or all of it."""
    depth = 0
    for at, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
        elif ch in "。！？" and depth == 0:
            return text[:at].strip()
    return text.strip().rstrip("。")
