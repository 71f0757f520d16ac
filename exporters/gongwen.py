"""The 公文 engine: a GB/T 9704-2012 Word document from plain content.

`build_gongwen(content)` lays out 版头 (red 发文机关标志, 发文字号, red rule), 标题, 主送机关,
正文 with its four heading levels, 附件说明, 署名 and 成文日期, 附注, 附件 pages, and the 版记
at the foot of the last page; page numbers "— N —" odd right, even left. Pure: the same
content gives the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import docx
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from exporters import styles as S
from exporters.gongwen_layout import (
    cell_lines,
    char_width,
    padding_before_banji,
    paragraph_lines,
    text_width,
)
from models.files import save_atomically

H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")
H3 = re.compile(r"^\d+[.．]")
H4 = re.compile(r"^（\d+）")


@dataclass
class Table:
    """A table inside the text or an attachment (five-size text, rows on the line grid)."""

    header: list[str]
    rows: list[list[str]]
    widths_mm: list[float]


@dataclass
class Attachment:
    """An attachment on pages of its own: 附件N, its title, its text and tables."""

    label: str
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Gongwen:
    """Everything a 公文 says; the engine decides where it goes."""

    title: str
    body: list  # paragraphs (str, headings recognised by their numbers) and Tables
    organ_mark: str | None = None
    doc_number: str | None = None
    recipients: str | None = None
    signature: str | None = None
    date: date | None = None
    note: str | None = None  # 附注, e.g. （此件公开发布）
    attachments: list[Attachment] = field(default_factory=list)
    cc: str | None = None  # 抄送
    printer: str | None = None  # 印发机关
    print_date: date | None = None
    fonts: S.Fonts = field(default_factory=S.Fonts)


def chinese_date(day: date) -> str:
    """2020年6月28日 — Arabic numerals, no zero padding (GB/T 9704 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


class _Writer:
    """Adds paragraphs to a document while counting the grid lines of the current flow."""

    def __init__(self, content: Gongwen):
        self.c, self.f = content, content.fonts
        self.doc = docx.Document()
        self.lines = 0
        S.set_doc_defaults(self.doc, self.f)
        self._page_setup(self.doc.sections[0])
        self.doc.settings.odd_and_even_pages_header_footer = True

    # -------------------------------------------------------------- primitives

    def para(self, *, align=None, first_indent: float = 0, left: float = 0, right: float = 0,
             lines: int = 1, size=None):
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = Twips(S.LINE_TWIPS * lines) if lines > 1 else S.LINE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False
        if align is not None:
            p.alignment = align
        unit = size or S.CHAR
        if first_indent:
            fmt.first_line_indent = Pt(unit.pt * first_indent)
        if left:
            fmt.left_indent = Pt(unit.pt * left)
        if right:
            fmt.right_indent = Pt(unit.pt * right)
        return p

    def run(self, p, text: str, font: str, size=S.SIZE_3, **kw):
        r = p.add_run(text)
        squeeze = S.SQUEEZE_3 if size == S.SIZE_3 else None
        S.set_run_font(r, font, latin=self.f.latin, size=size, squeeze=squeeze, **kw)
        return r

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.para()
            self.lines += 1

    def text(self, text: str) -> None:
        """A body paragraph; a leading 一、/（一）/1./（1） makes it a heading of that level."""
        p = self.para(first_indent=2)
        font = self.f.hei if H1.match(text) else self.f.kai if H2.match(text) else None
        if font:
            head, sep, rest = text.partition("。")
            self.run(p, head + sep, font)
            if rest:
                self.run(p, rest, self.f.fang)
        else:
            self.run(p, text, self.f.fang)
        self.lines += paragraph_lines(text)


    # -------------------------------------------------------------- parts

    def _page_setup(self, section) -> None:
        section.page_width, section.page_height = S.PAGE_W, S.PAGE_H
        section.top_margin, section.bottom_margin = S.MARGIN_TOP, S.MARGIN_BOTTOM
        section.left_margin, section.right_margin = S.MARGIN_LEFT, S.MARGIN_RIGHT
        section.footer_distance = S.FOOTER_DISTANCE
        section.header_distance = Mm(15)
        S.set_line_grid(section)
        for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                    (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = align
            fmt = p.paragraph_format
            fmt.line_spacing, fmt.space_before, fmt.space_after = Pt(14), Pt(0), Pt(0)
            setattr(fmt, f"{side}_indent", S.SIZE_4)  # 空一字
            S.add_page_field(p, self.f.song, S.SIZE_4)

    def head(self) -> None:
        """版头: the red 发文机关标志, the 发文字号 and the red rule."""
        if not self.c.organ_mark:
            return
        self.blank(2)
        mark = self.c.organ_mark
        size = Pt(min(36, int(440 / max(char_width(mark), 1))))
        p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER, lines=2)
        S.no_grid_snap(p)
        self.run(p, mark, self.f.title, size=size, color=S.RED)
        self.lines += 2
        self.blank(2)
        p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER)
        self.run(p, self.c.doc_number or "", self.f.fang)
        S.set_paragraph_border(p, "bottom", size_eighths=12, color="FF0000", space=4)
        # the rule's 4 pt gap and 1.5 pt width come out of the line, so the lines after it
        # stay on the grid (off the grid, or the line would snap back to a full pitch)
        p.paragraph_format.line_spacing = Pt(S.LINE.pt - 5.5)
        S.no_grid_snap(p)
        self.lines += 1
        self.blank(2)

    def title(self, text: str) -> None:
        """标题: 二号小标宋, centred; a long one is broken into balanced lines (梯形), not
        left with a character or two on its last line."""
        p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER)
        S.no_grid_snap(p)
        pieces = balanced_lines(text, paragraph_lines(text, indent_chars=0, size_pt=22))
        for i, piece in enumerate(pieces):
            run = self.run(p, piece, self.f.title, size=S.SIZE_2)
            if i < len(pieces) - 1:
                run.add_break()
        self.lines += len(pieces)

    def recipients(self) -> None:
        if not self.c.recipients:
            return
        self.blank()
        p = self.para()
        self.run(p, self.c.recipients.rstrip("：:") + "：", self.f.fang)
        self.lines += paragraph_lines(self.c.recipients, indent_chars=0)

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
            else:
                self.text(block)

    def attachment_note(self) -> None:
        """附件说明: 附件：1. … under the text, continuation aligned after 附件："""
        names = [a.title for a in self.c.attachments]
        if not names:
            return
        self.blank()
        for i, name in enumerate(names):
            label = (f"{i + 1}." if len(names) > 1 else "") + name
            if i == 0:
                p = self.para(first_indent=2)
                self.run(p, "附件：" + label, self.f.fang)
            else:
                p = self.para(left=5)
                self.run(p, label, self.f.fang)
            self.lines += paragraph_lines(label, indent_chars=5)

    def signature(self) -> None:
        """署名 and 成文日期 (no seal): the date 右空四字, the name centred above it; 附注."""
        if not self.c.date:
            return
        date_text = chinese_date(self.c.date)
        self.blank()
        if self.c.signature:
            offset = 4 + max(0.0, (char_width(date_text) - char_width(self.c.signature)) / 2)
            p = self.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=offset)
            self.run(p, self.c.signature, self.f.fang)
            self.lines += 1
        p = self.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=4)
        self.run(p, date_text, self.f.fang)
        self.lines += 1
        if self.c.note:
            p = self.para(first_indent=2)
            self.run(p, self.c.note, self.f.fang)
            self.lines += paragraph_lines(self.c.note)

    def attachments(self) -> None:
        """Each attachment on new pages: 附件N (黑体, line 1), its title on line 3."""
        for attachment in self.c.attachments:
            p = self.para()
            # page_break_before, not a break run: that would leave an empty line on top
            p.paragraph_format.page_break_before = True
            self.run(p, attachment.label, self.f.hei)
            self.lines = 1
            self.blank()
            self.title(attachment.title)
            self.blank()
            self.blocks(attachment.blocks)

    def table(self, table: Table) -> None:
        size = S.SIZE_5
        grid = self.doc.add_table(rows=0, cols=len(table.header))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        for column, width in zip(grid.columns, table.widths_mm):
            column.width = Mm(width)  # the grid widths are what LibreOffice and WPS lay out by
        header_lines = 0
        for row_index, values in enumerate([table.header, *table.rows]):
            row = grid.add_row()
            need = max(cell_lines(v, width_pt=Mm(w).pt, size_pt=size.pt)
                       for v, w in zip(values, table.widths_mm))
            lines = max(1, -(-need * 15 // 29))  # 15 pt text lines inside 28.95 pt grid lines
            position = self.lines % S.LINES_PER_PAGE
            if row_index == 0:
                header_lines = lines
            elif position + lines > S.LINES_PER_PAGE or (position == 0 and self.lines):
                # the row starts a new page, under a repeated header
                self.lines += (S.LINES_PER_PAGE - position) % S.LINES_PER_PAGE + header_lines
            # a row's borders are drawn outside its height in LibreOffice: take them off
            row.height = Twips(S.LINE_TWIPS * lines - 12)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
            if row_index == 0:
                _repeat_header(row)
            for cell, value, width in zip(row.cells, values, table.widths_mm):
                cell.width = Mm(width)
                p = cell.paragraphs[0]
                p.paragraph_format.line_spacing = Pt(15)
                p.paragraph_format.widow_control = False
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 or len(value) < 12 \
                    else WD_ALIGN_PARAGRAPH.LEFT
                self.run(p, value, self.f.hei if row_index == 0 else self.f.fang, size=size)
            self.lines += lines
        self.blank()  # a table is always followed by a paragraph

    def banji(self) -> None:
        """版记 at the foot of the last page: 抄送 and 印发机关/日期 between rules."""
        if not (self.c.cc or self.c.printer):
            return
        cc_lines = paragraph_lines("抄送：" + (self.c.cc or ""), indent_chars=2, size_pt=14,
                                   width_pt=442.2) if self.c.cc else 0
        pad = padding_before_banji(self.lines, cc_lines + 1)
        for _ in range(pad):
            self.para()
        if self.c.cc:
            p = self.para(left=1, right=1, size=S.SIZE_4)
            p.paragraph_format.left_indent = S.SIZE_4
            self.run(p, "抄送：" + self.c.cc.rstrip("。") + "。", self.f.fang, size=S.SIZE_4)
            S.set_paragraph_border(p, "top", size_eighths=8)
            S.set_paragraph_border(p, "bottom", size_eighths=6)
            # the rules are drawn outside the line height: the lines give up their width (and a
            # point to spare) so the 版记 never spills onto a new page
            p.paragraph_format.line_spacing = Pt(S.LINE.pt - 2.75)
            S.no_grid_snap(p)
        p = self.para(left=1, right=1, size=S.SIZE_4)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(156) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
        when = chinese_date(self.c.print_date or self.c.date or date.today()) + "印发"
        self.run(p, f"{self.c.printer or ''}\t{when}", self.f.fang, size=S.SIZE_4)
        if not self.c.cc:
            S.set_paragraph_border(p, "top", size_eighths=8)
        S.set_paragraph_border(p, "bottom", size_eighths=8)
        p.paragraph_format.line_spacing = Pt(S.LINE.pt - (2 if self.c.cc else 3))
        S.no_grid_snap(p)


def balanced_lines(text: str, count: int) -> list[str]:
    """`text` cut into `count` lines of about equal width, longer lines first."""
    if count <= 1:
        return [text]
    target = text_width(text) / count
    pieces, current = [], ""
    for ch in text:
        if current and text_width(current + ch) > target + 0.5 and len(pieces) < count - 1:
            pieces.append(current)
            current = ""
        current += ch
    return pieces + [current]


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def build_gongwen(content: Gongwen) -> docx.document.Document:
    """The Word document of a 公文, every part placed by GB/T 9704-2012."""
    writer = _Writer(content)
    writer.head()
    writer.title(content.title)
    writer.recipients()
    writer.blocks(content.body)
    writer.attachment_note()
    writer.signature()
    writer.attachments()
    writer.banji()
    return writer.doc


def export_gongwen(content: Gongwen, path: str | Path) -> Path:
    """Build and save a 公文; PermissionError when the file is open in another program."""
    path = Path(path)
    save_atomically(build_gongwen(content).save, path)
    return path


