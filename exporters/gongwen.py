"""The 公文 engine: a GB/T 9704-2012 Word document from plain content.

`build_gongwen(content)` lays out 版头 (red 发文机关标志, 发文字号 — with 签发人 beside it in
a 上行文 — and the red rule), 标题, 主送机关, 正文 with its four heading levels, 附件说明,
署名 and 成文日期, 附注, 附件 pages, and the 版记 at the foot of the last page; page numbers
"— N —" odd right, even left. Pure: the same content gives the same document.

Pagination is left to the program that opens the file, steered by the paragraph properties
Word, WPS and LibreOffice all honour: headings keep with the text after them, the 落款 keeps
with the last lines of the body, attachments start a page, and the 版记 is a box standing on
the foot of the type area. Nothing depends on counting lines, so other fonts or another
program's line breaking move text about without tearing these parts apart.
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
from docx.oxml.text.run import _RunContentAppender
from docx.shared import Mm, Pt, Twips

from exporters import styles as S
from exporters.gongwen_layout import char_width, lower_bound_lines
from exporters.gongwen_tail import attachment_note, banji, hold_body, signature
from exporters.title_lines import title_lines
from models.files import save_atomically

H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")
H3 = re.compile(r"^\d+[.．]")
H4 = re.compile(r"^（\d+）")
DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
MARK_TOP = Mm(35)  # 发文机关标志: its top edge 35 mm below the type area's (7.2.4)
RULE_GAP = Pt(8)  # from the 文号 line's foot to the red rule
CELL_MARGIN = 57  # twips (1 mm) left and right in a table cell


@dataclass
class Table:
    """A table inside the text or an attachment (five-size text, a header on every page)."""

    header: list[str]
    rows: list[list[str]]
    widths_mm: list[float]
    # cells merged into one, as (first row, first column, last row, last column) of the grid,
    # the header being row 0; the text stands in the first cell, the others are left empty
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


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
    signer: str | None = None  # 签发人: given for a 上行文, printed beside the 文号
    recipients: str | None = None
    signature: str | None = None
    date: date | None = None
    note: str | None = None  # 附注, e.g. （此件公开发布）
    attachments: list[Attachment] = field(default_factory=list)
    cc: str | None = None  # 抄送
    printer: str | None = None  # 印发机关
    print_date: date | None = None
    fonts: S.Fonts = field(default_factory=S.Fonts)


def is_heading(text: str) -> bool:
    """A paragraph that is only a heading (一、总体情况), not a heading run into its text."""
    if not (H1.match(text) or H2.match(text) or H3.match(text) or H4.match(text)):
        return False
    head, _, rest = text.partition("。")
    return not rest.strip() and len(head) <= 40


class Writer:
    """Adds paragraphs to a document; remembers the body's last paragraphs for the 落款."""

    def __init__(self, content: Gongwen):
        self.c, self.f = content, content.fonts
        self.doc = docx.Document()
        self.body_tail: list[tuple[object, int]] = []  # (paragraph, lines it surely takes)
        self.first_body = None  # the paragraph after the 主送: the text starts on page 1
        S.set_doc_defaults(self.doc, self.f)
        self._page_setup(self.doc.sections[0])
        self.doc.settings.odd_and_even_pages_header_footer = True

    # -------------------------------------------------------------- primitives

    def para(self, *, align=None, first_indent: float = 0, left: float = 0, right: float = 0,
             size=None, keep_next: bool = False, keep_lines: bool = False):
        """A paragraph on the 28.95 pt line; indents in characters of `size` (三号)."""
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        fmt.line_spacing = S.LINE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.widow_control = False
        if keep_next:
            fmt.keep_with_next = True
        if keep_lines:
            fmt.keep_together = True
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
        """A run of text in a font; the hyphen between digits (0357-6606786, 2020-2022) is
        Word's non-breaking hyphen, so no line ends on it (LibreOffice and WPS honour it too)."""
        pieces = DIGIT_HYPHEN.split(text)
        r = p.add_run(pieces[0])
        for piece in pieces[1:]:
            r._r.append(OxmlElement("w:noBreakHyphen"))
            _RunContentAppender.append_to_run_from_text(r._r, piece)  # tabs kept as w:tab
        squeeze = S.SQUEEZE_3 if size == S.SIZE_3 else None
        S.set_run_font(r, font, latin=self.f.latin, size=size, squeeze=squeeze, **kw)
        return r

    def blank(self, count: int = 1, *, keep_next: bool = False) -> list:
        return [self.para(keep_next=keep_next) for _ in range(count)]

    def text(self, text: str) -> None:
        """A body paragraph; a leading 一、/（一）/1./（1） makes it a heading of that level,
        and a paragraph that is only a heading stays on the page of the text after it."""
        heading = is_heading(text)
        # justified (两端对齐) as Word's Chinese default: a line holding digits still ends at the
        # right edge of the 版心 instead of leaving a ragged margin
        p = self.para(align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=2, keep_next=heading,
                      keep_lines=heading)
        font = self.f.hei if H1.match(text) else self.f.kai if H2.match(text) else None
        if font:
            head, sep, rest = text.partition("。")
            self.run(p, head + sep, font)
            if rest:
                self.run(p, rest, self.f.fang)
        else:
            self.run(p, text, self.f.fang)
        self.body_tail = (self.body_tail + [(p, lower_bound_lines(text))])[-4:]
        self.first_body = self.first_body or p

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
        """版头: the red 发文机关标志 35 mm below the type area's top, 空二行, the 发文字号
        (centred; in a 上行文 左空一字 with 签发人 右空一字 on its line), the red rule 4 mm
        under it, and 空二行 before the title."""
        if not self.c.organ_mark:
            return
        mark = self.c.organ_mark
        size = Pt(min(36, int(440 / max(char_width(mark), 1))))
        p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER)
        S.no_grid_snap(p)
        line = Pt(round(size.pt * 1.25, 1))  # room for the glyphs in every font
        p.paragraph_format.line_spacing = line
        # on such a line the ink of a Chinese glyph starts about a sixth of its size down
        before = Pt(round(MARK_TOP.pt - size.pt * 0.16, 1))
        p.paragraph_format.space_before = before
        self.run(p, mark, self.f.title, size=size, color=S.RED)
        # the first blank line under the mark ends the mark's block on a whole line of the
        # page's 22: the lines below stand on the grid, and no part of a line is lost at the
        # foot of page 1 (LibreOffice does not realign the grid after an off-grid paragraph)
        over = (before.pt + line.pt) % S.LINE.pt
        first = self.blank(2)[0]
        if over:
            first.paragraph_format.line_spacing = Pt(round(S.LINE.pt - over, 2))
            S.no_grid_snap(first)
        self.doc_number_line()
        gap = self.blank(2)[0]
        # the first blank line gives up what the rule took, so the title keeps its place
        gap.paragraph_format.line_spacing = Pt(S.LINE.pt - RULE_GAP.pt - 1.5)
        S.no_grid_snap(gap)

    def doc_number_line(self) -> None:
        if self.c.signer:
            p = self.para(left=1)
            p.paragraph_format.tab_stops.add_tab_stop(Pt(S.TEXT_WIDTH.pt - S.CHAR.pt), WD_TAB_ALIGNMENT.RIGHT)
            self.run(p, (self.c.doc_number or "") + "\t签发人：", self.f.fang)
            self.run(p, self.c.signer, self.f.kai)
        else:
            p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER)
            self.run(p, self.c.doc_number or "", self.f.fang)
        # the red rule 4 mm under the 文号 (7.2.7): the glyphs end about 2 pt above the line's
        # foot, and the border stands RULE_GAP below it
        S.set_paragraph_border(p, "bottom", size_eighths=12, color="FF0000", space=int(RULE_GAP.pt))
        S.no_grid_snap(p)

    def title(self, text: str, *, keep_next: bool = False) -> None:
        """标题: 二号小标宋, centred, broken at word boundaries into a 正梯形 or 菱形."""
        p = self.para(align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=keep_next, keep_lines=True)
        S.no_grid_snap(p)
        pieces = title_lines(text)
        for i, piece in enumerate(pieces):
            run = self.run(p, piece, self.f.title, size=S.SIZE_2)
            if i < len(pieces) - 1:
                run.add_break()

    def recipients(self) -> None:
        """主送机关 标题下空一行, 顶格 — always here: GB/T 9704 7.3.2 moves it to the 版记 only
        when page 1 cannot show any body text, which no program can tell across fonts."""
        if not self.c.recipients:
            return
        self.blank()
        p = self.para()
        self.run(p, self.c.recipients.rstrip("：:") + "：", self.f.fang)

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self.table(block)
            else:
                self.text(block)

    def attachments(self) -> None:
        """Each attachment on new pages: 附件N (黑体, line 1), its title on line 3."""
        for attachment in self.c.attachments:
            p = self.para(keep_next=True)
            # page_break_before, not a break run: that would leave an empty line on top
            p.paragraph_format.page_break_before = True
            self.run(p, attachment.label, self.f.hei)
            self.blank(keep_next=True)
            self.title(attachment.title, keep_next=True)
            self.blank(keep_next=True)
            self.blocks(attachment.blocks)

    def table(self, table: Table) -> None:
        """Rows at least one grid line high, never split, the header repeated on each page."""
        size = S.SIZE_5
        grid = self.doc.add_table(rows=0, cols=len(table.header))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        _cell_margins(grid, CELL_MARGIN)
        for column, width in zip(grid.columns, table.widths_mm):
            column.width = Mm(width)  # the grid widths are what LibreOffice and WPS lay out by
        for row_index, values in enumerate([table.header, *table.rows]):
            row = grid.add_row()
            row.height = Twips(S.LINE_TWIPS - 12)  # a row's borders are drawn outside it
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            _row_flag(row, "w:cantSplit")
            if row_index == 0:
                _row_flag(row, "w:tblHeader")
            for cell, value, width in zip(row.cells, values, table.widths_mm):
                cell.width = Mm(width)
                p = cell.paragraphs[0]
                p.paragraph_format.line_spacing = Pt(15)
                p.paragraph_format.widow_control = False
                S.no_grid_snap(p)  # a cell's lines 15 pt apart, not one 28.95 pt grid line each
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 or len(value) < 12 \
                    else WD_ALIGN_PARAGRAPH.LEFT
                if value:  # an empty cell keeps no run, so a merge adds no empty line to its neighbour
                    self.run(p, value, self.f.hei if row_index == 0 else self.f.fang, size=size)
        for top, left, bottom, right in table.merges:
            grid.cell(top, left).merge(grid.cell(bottom, right))
        for cell in grid.rows[-1].cells:  # the last row goes with what follows (a table's note)
            cell.paragraphs[0].paragraph_format.keep_with_next = True
        self.blank(keep_next=True)  # a table is always followed by a paragraph
        self.body_tail = []


def _cell_margins(grid, twips: int) -> None:
    """Left and right cell margins of a table (Word's default 0.19 cm leaves a two-character
    column too narrow for its header)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tblpr = grid._tbl.tblPr
    # in schema order: after tblW/jc/…/tblLayout, before tblLook
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)


def _row_flag(row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), "true")
    trpr.append(flag)


def build_gongwen(content: Gongwen) -> docx.document.Document:
    """The Word document of a 公文, every part placed by GB/T 9704-2012."""
    writer = Writer(content)
    writer.head()
    writer.title(content.title)
    writer.recipients()
    writer.blocks(content.body)
    if content.date:
        hold_body(writer)
    attachment_note(writer)
    signature(writer)
    writer.attachments()
    banji(writer)
    return writer.doc


def export_gongwen(content: Gongwen, path: str | Path) -> Path:
    """Build and save a 公文; PermissionError when the file is open in another program."""
    path = Path(path)
    save_atomically(build_gongwen(content).save, path)
    return path
