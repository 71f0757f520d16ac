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
    ("arabic", re.compile(r"^([0-9０-９]{1,2})\s*(?:[.．﹒](?![0-9０-９])|、)\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*")),
)
# a label line under a task: 责任单位：… 牵头责任单位：… 部门分工：… 完成时限：… 分管领导：…
_ROLE_LINE = re.compile(
    r"^[\u4e00-\u9fff]{0,6}(?:单位|部门|單位|部門|处室|分工|领导|領導|时限|時限|时间|時間|要求)\s*[:：]")
_LABEL_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]\s*\S")
DATE_LINE = re.compile(r"^(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})"
                       r"\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
_TITLE_END = ("方案", "通知", "分解表", "意见", "办法", "文件", "清单", "要点", "措施", "分工", "细则",
              "计划")
_TERMINAL = "。！？；;：:)）》"
ATTACHMENT = re.compile(r"^附\s*件\s*[0-9０-９]*\s*[:：]?$")
DOC_NUMBER = re.compile(r"^\S{1,20}?[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号$")
OPEN, CLOSE = "（(〔[［【", "）)〕]］】"


class Para(str):
    """A paragraph of the plan that remembers the line it starts on (1-based; 0 unknown)."""

    line: int = 0

    def __new__(cls, text: str, line: int = 0):
        obj = super().__new__(cls, text)
        obj.line = line
        return obj


def line_of(text) -> int:
    """The line a paragraph starts on, 0 when it is not known."""
    return getattr(text, "line", 0)


def at_line(text, message: str) -> str:
    """A warning with the line of the paragraph it is about: 第12行：…"""
    line = line_of(text)
    return f"第{line}行：{message}" if line else message


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
                or line.startswith("附件") or _LABEL_LINE.match(line) and len(line) < 40
                or "关于" in line and line.endswith(_TITLE_END) and len(line) <= 80
                or bool(_NAME_LINE.match(line)))


# a name on a line of its own (a unit heading, a signature): 市建设局, 某某市人民政府办公室
_NAME_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,20}[局委办院部厅心行会所处室队站司府位组馆社团署关台校庭]$")


def _ends_block(paragraph: str) -> bool:
    if paragraph.endswith(tuple(_TERMINAL)) or paragraph.endswith(_TITLE_END):
        return True
    if DATE_LINE.match(paragraph) or DOC_NUMBER.match(paragraph) or ATTACHMENT.match(paragraph):
        return True
    marker = parse_marker(paragraph)
    return bool(marker and "。" not in paragraph and len(paragraph) <= 60
                or _NAME_LINE.match(paragraph))


def split_blocks(lines: list[str]) -> list[str | TableRows]:
    """Paragraphs (`Para`, a str with its line number) and tables, with lines broken by page
    breaks joined back. Tables come as tab-led cell lines (Word), as rows written with "|"
    between cells, or one cell per line with lines of "|" between cells (web copies)."""
    blocks: list[str | TableRows] = []
    paragraph, start = "", 0
    i = 0
    while i < len(lines):
        raw = lines[i]
        table = None
        if raw.startswith("\t"):
            table, end = _read_table(lines, i)
        elif _pipe_cells(raw) is not None:
            table, end = _read_pipe_rows(lines, i)
        elif raw.strip() == "|":
            table, end = _read_pipe_cells(lines, i)
        if table is not None and table.rows:
            if paragraph:
                blocks.append(Para(paragraph, start))
                paragraph = ""
            blocks.append(table)
            i = end
            continue
        line = clean_line(raw)
        i += 1
        if not line or line == "|":
            continue
        if paragraph and (_still_open(paragraph, line)
                          or not (_ends_block(paragraph) or _starts_block(line))):
            paragraph += line
            continue
        if paragraph:
            blocks.append(Para(paragraph, start))
        paragraph, start = line, i
    if paragraph:
        blocks.append(Para(paragraph, start))
    return blocks


def _still_open(paragraph: str, line: str) -> bool:
    """A unit clause left open joins the next line (broken by a page break: （牵头单位：…；/
    参与单位：…）). A bracket open for long, or one that holds no list (【字体:), is a stray
    one: the usual rules decide."""
    if not unbalanced(paragraph):
        return False
    opened = max(paragraph.rfind(ch) for ch in OPEN)
    run = paragraph[opened:]
    return len(run) <= 200 and bool(_CLAUSE_WORDS.search(run))


_CLAUSE_WORDS = re.compile(r"单位|部门|牵头|负责|配合|、")


def _pipe_cells(raw: str) -> list[str] | None:
    """The cells of a row written as `a | b | c |`, or None when the line is not one."""
    if raw.count("|") < 2:
        return None
    cells = [clean_line(c) for c in raw.strip().strip("|").split("|")]
    return cells if sum(1 for c in cells if c) >= 2 else None


_RULE_CELL = re.compile(r"^:?-{2,}:?$")


def _read_pipe_rows(lines: list[str], i: int) -> tuple[TableRows, int]:
    """Consecutive `a | b | c` lines (blank lines between them allowed) as table rows; a
    Markdown rule under the header (|---|:--:|) is no row."""
    rows = []
    while i < len(lines):
        cells = _pipe_cells(lines[i])
        if cells is not None:
            if not all(_RULE_CELL.match(c) for c in cells if c):
                rows.append(cells)
        elif lines[i].strip():
            break
        i += 1
    return TableRows(rows), i


def _read_pipe_cells(lines: list[str], i: int) -> tuple[TableRows | None, int]:
    """One cell per line with a line of "|" between cells and two such lines between rows; a
    cell may run over several lines. Ends where no "|" line follows within three lines."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    bars = 0
    while i < len(lines):
        text = clean_line(lines[i])
        if text == "|":
            if cell:
                row.append("".join(cell))
                cell = []
            elif bars and row:  # two bars in a row: the row is complete
                rows.append(row)
                row = []
            bars += 1
        elif text:
            if not any(clean_line(x) == "|" for x in lines[i + 1:i + 4]):
                if row or cell:  # the last cell, cut off where the copy ends
                    cell.append(text)
                    i += 1
                break
            cell.append(text)
        i += 1
    if cell:
        row.append("".join(cell))
    if row:
        rows.append(row)
    if bars < 4:
        return None, i
    return TableRows(rows), i


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
