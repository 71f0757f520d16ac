"""Fixed-layout pages (PDF, OFD) into the lines the .docx reader gives: text lines in reading
order joined back into paragraphs (across the line wrap and the page break alike), running
headers, footers and page numbers dropped, ruled tables as tables — a table broken by a page
joined again, its repeated header row dropped and a row split by the page made whole.

A line ends its paragraph when the next line is indented or set apart, when the font size
changes, or when the line stops short of the right edge by more than the next line's first
unbreakable piece would have needed (so the wrap did not break it there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

from importers.page_tables import Cell, Glyph, Rule, Table, find_tables

_OPENING = set("（(“‘《〈【「『[〔")
_CLOSING = set("，。、；：？！）)”’》〉】」』%…,.;:!?〕·")
_TERMINAL = tuple("。；;！？!?")
_PAGE_NUMBER = re.compile(
    r"^[-—–－‐~·•\s]*(?:第\s*)?[0-9０-９]+\s*(?:页)?\s*(?:(?:[/／]|共)\s*[0-9０-９]+\s*页?)?[-—–－‐~·•\s]*$"
    r"|^page\s*\d+(?:\s*of\s*\d+)?$", re.IGNORECASE)

__all__ = ["Glyph", "Page", "Rule", "page_lines"]


@dataclass
class Page:
    """One page's glyphs and ruling lines, in a top-down coordinate system of any unit."""

    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]


class _Line:
    """A text line on a page, its measures taken once."""

    __slots__ = ("glyphs", "page", "text", "space_before", "space_after", "x0", "x1", "top", "size")

    def __init__(self, glyphs: list[Glyph], page: int, text: str, space_before: bool, space_after: bool):
        self.glyphs, self.page, self.text = glyphs, page, text
        # a space glyph at its start or end: the wrap fell on a space
        self.space_before, self.space_after = space_before, space_after
        self.x0, self.x1 = glyphs[0].x0, glyphs[-1].x1
        self.top = min(g.top for g in glyphs)
        sizes = sorted(g.size for g in glyphs)
        self.size = sizes[len(sizes) // 2]


@dataclass
class _Block:
    table: Table
    page: int


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_text(left: str, right: str) -> str:
    """Two pieces of one paragraph: a space only where two Latin words meet."""
    if left and right and _is_word_char(left[-1]) and _is_word_char(right[0]):
        return left + " " + right
    return left + right


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs into lines (by their vertical centres), each sorted left to right."""
    lines: list[list[Glyph]] = []
    line: list[Glyph] | None = None
    centre = height = 0.0  # doubled centre of the line's first glyph, and its height
    for g in sorted(glyphs, key=_doubled_centre):
        mid, h = g.top + g.bottom, g.bottom - g.top
        if line is not None and abs(mid - centre) < (height if height > h else h):
            line.append(g)
        else:
            line = [g]
            lines.append(line)
            centre, height = mid, h
    for found in lines:
        found.sort(key=_X0)
    return lines


def _doubled_centre(g: Glyph) -> float:
    return g.top + g.bottom


_X0 = attrgetter("x0")


def _needs_space(left: Glyph, right: Glyph, gap: float) -> bool:
    """Whether the gap between two glyphs stands for a space. Between Latin words a space is
    about a quarter em; Word and LibreOffice set a Chinese character apart from a Latin one
    by about 0.22 em of their own, so there a space must be wider (0.31 em, measured on
    LibreOffice's PDFs: 0.21–0.29 without a space, 0.34–0.43 with one). Between two Chinese
    characters no gap is a space; elsewhere a wide gap (columns on one line) is one."""
    size = max(left.size, right.size)
    words = _is_word_char(left.text[-1]) + _is_word_char(right.text[0])
    if words == 2:
        return gap > 0.2 * size
    if words == 1:
        return gap > 0.31 * size
    return gap > 1.5 * size and not (ord(left.text[-1]) > 0x2E7F and ord(right.text[0]) > 0x2E7F)


def line_text(glyphs: list[Glyph]) -> str:
    """A line's text: real spaces kept; a gap of a space's width becomes a space next to a
    Latin word or number (never between Chinese characters, which justification spreads),
    and a wide gap (columns set apart on one line) a space anywhere."""
    gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]
    # justification spreads every gap alike: only what exceeds the usual gap is a space
    usual = max(sorted(gaps)[len(gaps) // 2], 0.0) if len(gaps) >= 3 else 0.0
    out = [glyphs[0].text]
    for at, gap in enumerate(gaps):
        left, right = glyphs[at], glyphs[at + 1]
        # most gaps are far too narrow for a space: decide those without the rules
        if gap - usual > 0.2 * left.size and " " not in (left.text, right.text) \
                and _needs_space(left, right, gap - usual):
            out.append(" ")
        out.append(right.text)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _finish_cell(cell: Cell) -> None:
    lines = group_lines(cell.glyphs)
    text = ""
    for line in lines:
        text = join_text(text, line_text(line))
    cell.text = text
    if not lines:
        return
    cell.size = lines[0][0].size
    cell.first_piece = first_piece_width(lines[0])
    pad = min(line[0].x0 for line in lines) - cell.x0  # as much room on the right as on the left
    right = max(max(line[-1].x1 for line in lines), cell.x1 - pad)
    cell.room = right - lines[-1][-1].x1


def _page_items(page: Page, number: int) -> list:
    tol = max(page.width, page.height) / 300
    tables, rest = find_tables(page.rules, page.glyphs, tol)
    items: list = []
    for table in tables:
        for row in table.rows:
            for cell in row:
                _finish_cell(cell)
        items.append(_Block(table, number))
    for glyphs in group_lines(rest):
        before, after = bool(glyphs) and glyphs[0].text == " ", bool(glyphs) and glyphs[-1].text == " "
        # blanks at a line's ends, full-width ones too (an indent typed as two of them), are
        # not text: the indent shows in where the first character stands
        while glyphs and glyphs[-1].text.isspace():
            glyphs.pop()
        while glyphs and glyphs[0].text.isspace():
            glyphs.pop(0)
        if glyphs:
            items.append(_Line(glyphs, number, line_text(glyphs), before, after))
    items.sort(key=lambda item: item.table.top if isinstance(item, _Block) else item.top)
    return items


def _running_key(line: _Line) -> tuple[str, int]:
    """A header or footer repeats its text (page numbers aside) at the same height."""
    return re.sub(r"[0-9０-９\s]+", "#", line.text), round(line.top / 4)


def drop_running_lines(pages: list[list]) -> None:
    """Page numbers, and headers/footers repeated page after page, at a page's top or foot."""
    def edges(items):
        lines = [i for i in items if isinstance(i, _Line)]
        return lines[:2] + lines[2:][-2:]

    counts: dict[tuple[str, int], int] = {}
    for items in pages:
        for key in {_running_key(line) for line in edges(items)}:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if n >= 2 and n >= 0.5 * len(pages)}
    for items in pages:
        lines = [i for i in items if isinstance(i, _Line)]
        for line in edges(items):
            outermost = line is lines[0] or line is lines[-1]
            if _running_key(line) in repeated or (outermost and _PAGE_NUMBER.match(line.text)):
                items.remove(line)


def join_tables(flat: list, tol_of) -> list:
    """A table that runs on from one page to the next (same outer edges, nothing between
    them but the page break) is one table."""
    out: list = []
    for item in flat:
        previous = out[-1] if out else None
        if (isinstance(item, _Block) and isinstance(previous, _Block) and item.page == previous.page + 1
                and abs(item.table.x0 - previous.table.x0) <= 3 * tol_of(item.page)
                and abs(item.table.x1 - previous.table.x1) <= 3 * tol_of(item.page)):
            _continue_table(previous.table, item.table, 3 * tol_of(item.page))
            previous.page = item.page
            continue
        out.append(item)
    return out


def _texts(row: list[Cell]) -> list[str]:
    return [c.text for c in row]


def _split_row(last: list[Cell], cont: list[Cell], tol: float) -> bool:
    """The first row of a page goes on with the last row of the page before: its cells line
    up, and every cell with text continues a cell (or the merged cell above it) whose last
    line left no room for that text's first piece."""
    if len(last) != len(cont) or any(abs(a.x0 - b.x0) > tol or abs(a.x1 - b.x1) > tol
                                     for a, b in zip(last, cont)):
        return False
    filled = [k for k, c in enumerate(cont) if c.text]
    targets = [last[k].owner or last[k] for k in filled]
    return bool(filled) and all(
        t.text and not t.text.endswith(_TERMINAL) and t.room < cont[k].first_piece + 0.6 * cont[k].size
        for t, k in zip(targets, filled))


def _continue_table(first: Table, then: Table, tol: float) -> None:
    rows = list(then.rows)
    if rows and len(first.rows) > 1 and _texts(rows[0]) == _texts(first.rows[0]):
        rows.pop(0)  # the header row repeated on the new page
    if rows and first.rows and _split_row(first.rows[-1], rows[0], tol):
        for last, cont in zip(first.rows[-1], rows.pop(0)):
            if cont.text:  # a row the page split: its cells go on
                target = last.owner or last
                target.text = join_text(target.text, cont.text)
                target.room = cont.room
    first.rows += rows


def first_piece_width(glyphs: list[Glyph]) -> float:
    """Width of what the wrap could not have broken at the start of a line: opening
    brackets with the next character, a Latin word or number, closing punctuation after."""
    i = 0
    while i < len(glyphs) - 1 and glyphs[i].text in _OPENING:
        i += 1
    if _is_word_char(glyphs[i].text[-1]):
        while i + 1 < len(glyphs) and _is_word_char(glyphs[i + 1].text[0]):
            i += 1
    while i + 1 < len(glyphs) and glyphs[i + 1].text in _CLOSING:
        i += 1
    return glyphs[i].x1 - glyphs[0].x0


class _Measures:
    """Per page: left and right edges of the text, and the ordinary line pitch."""

    def __init__(self, flat: list):
        by_page: dict[int, list[_Line]] = {}
        for item in flat:
            if isinstance(item, _Line):
                by_page.setdefault(item.page, []).append(item)
        every = [line for lines in by_page.values() for line in lines]
        self.left_all = min((l.x0 for l in every), default=0.0)
        self.right_all = max((l.x1 for l in every), default=0.0)
        self.edges, self.pitch = {}, {}
        for page, lines in by_page.items():
            if len(lines) >= 3:
                self.edges[page] = (min(l.x0 for l in lines), max(l.x1 for l in lines))
            steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:]) if b.top - a.top > 0.5 * a.size)
            if steps:
                self.pitch[page] = steps[len(steps) // 10]

    def left(self, page: int) -> float:
        return self.edges.get(page, (self.left_all, 0))[0]

    def right(self, page: int) -> float:
        return self.edges.get(page, (0, self.right_all))[1]


def _breaks(a: _Line, b: _Line, m: _Measures) -> bool:
    """True when line `b` starts a new paragraph after line `a`."""
    size_a, size_b = a.size, b.size
    if abs(size_a - size_b) > 0.15 * max(size_a, size_b):
        return True
    if b.page == a.page and b.top - a.top > 1.6 * m.pitch.get(a.page, 1.5 * size_a):
        return True
    if b.x0 > m.left(b.page) + 0.9 * size_b:
        return True
    return m.right(a.page) - a.x1 > first_piece_width(b.glyphs) + 0.6 * size_a


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        lines += ["\t" + ("" if cell.continued else cell.text) for cell in row]
        lines.append("")
    return lines


def page_lines(pages: list[Page]) -> list[str]:
    """The lines of a document of fixed-layout pages."""
    per_page = [_page_items(page, n) for n, page in enumerate(pages)]
    drop_running_lines(per_page)
    tolerances = {n: max(p.width, p.height) / 300 for n, p in enumerate(pages)}
    flat = join_tables([item for items in per_page for item in items], tolerances.__getitem__)
    measures = _Measures(flat)
    lines: list[str] = []
    previous: _Line | None = None
    for item in flat:
        if isinstance(item, _Block):
            lines += _table_lines(item.table)
            previous = None
        elif previous is not None and not _breaks(previous, item, measures):
            space = " " if previous.space_after or item.space_before else ""
            lines[-1] = join_text(lines[-1] + space, item.text)
            previous = item
        else:
            lines.append(item.text)
            previous = item
    return lines
