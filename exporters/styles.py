"""The one module of document styles: 公文 sizes and fonts, and the low-level Word XML
helpers every .docx the product writes goes through (East Asian fonts, borders, fields).

Numbers from GB/T 9704-2012 (see DESIGN.md §6): A4, margins 37/35/28/26 mm, 22 lines of
28 characters — exact 28.95 pt lines, and −0.25 pt character spacing on 三号 runs so 28
characters fill the 156 mm line.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
FOOTER_DISTANCE = Mm(25.5)  # puts the page number's dash band 7 mm below the 版心
LINE_TWIPS = 579  # 28.95 pt: 22 lines fill the 225 mm 版心
LINE = Pt(28.95)
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
SIZE_2 = Pt(22)  # 二号: title
SIZE_3 = Pt(16)  # 三号: body
SIZE_4 = Pt(14)  # 四号: 版记, page numbers
SIZE_5 = Pt(10.5)  # 五号: tables
CHAR = Pt(16)  # one character of body text, for indents
RED = RGBColor(0xFF, 0x00, 0x00)
SQUEEZE_3 = -5  # twentieths of a point: 16 pt characters advance 15.75 pt


@dataclass(frozen=True)
class Fonts:
    """The office's font names (some PCs have 仿宋_GB2312, others only 仿宋)."""

    fang: str = "仿宋_GB2312"
    kai: str = "楷体_GB2312"
    hei: str = "黑体"
    song: str = "宋体"
    title: str = "方正小标宋简体"
    latin: str = "Times New Roman"


_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                   "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                   "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                   "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def set_run_font(run, east_asian: str, *, latin: str = "Times New Roman", size=None,
                 bold: bool = False, color=None, squeeze: int | None = None) -> None:
    """Give a run its East Asian font (python-docx's font.name alone leaves Chinese in a
    fallback), its Latin font, size, colour and character spacing."""
    run.font.name = latin
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = size
    run.font.bold = bold or None
    if color is not None:
        run.font.color.rgb = color
    if squeeze:
        spacing = rpr.find(qn("w:spacing"))
        if spacing is None:
            spacing = OxmlElement("w:spacing")
            rpr.append(spacing)
        spacing.set(qn("w:val"), str(squeeze))


def set_paragraph_border(paragraph, side: str, *, size_eighths: int, color: str = "000000",
                         space: int = 0) -> None:
    """A single line above or below a paragraph (版头 red rule, 版记 rules), in schema order."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        ppr.insert_element_before(pbdr, *_PPR_AFTER_PBDR)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size_eighths))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color)
    pbdr.append(edge)


def add_page_field(paragraph, font: str, size) -> None:
    """The text "— N —" with N a PAGE field."""
    def text_run(text: str):
        run = paragraph.add_run(text)
        set_run_font(run, font, latin=font, size=size)
        return run

    text_run("— ")
    run = text_run("")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                        ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif instr == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:t")
            el.text = instr
        run._r.append(el)
    text_run(" —")


def set_doc_defaults(document, fonts: Fonts) -> None:
    """docDefaults and Normal: 仿宋 三号, zh-CN, exact 28.95 pt lines, no widow control."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts_el = rpr_default.find(qn("w:rFonts"))
    if fonts_el is None:
        fonts_el = OxmlElement("w:rFonts")
        rpr_default.insert(0, fonts_el)
    for attr in list(fonts_el.attrib):
        del fonts_el.attrib[attr]
    for attr, value in (("w:ascii", fonts.latin), ("w:hAnsi", fonts.latin),
                        ("w:eastAsia", fonts.fang), ("w:cs", fonts.latin)):
        fonts_el.set(qn(attr), value)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    normal.font.name = fonts.latin
    normal_fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    normal_fonts.set(qn("w:eastAsia"), fonts.fang)
    fmt = normal.paragraph_format
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False


def set_line_grid(section) -> None:
    """A lines-only document grid of 28.95 pt (a character grid renders badly elsewhere)."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))


def no_grid_snap(paragraph) -> None:
    """Let a paragraph keep its exact line height: with a line grid, LibreOffice otherwise
    gives text taller than the pitch (a 二号 title) two grid lines."""
    ppr = paragraph._p.get_or_add_pPr()
    snap = ppr.find(qn("w:snapToGrid"))
    if snap is None:
        snap = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(snap, *_PPR_AFTER_PBDR[_PPR_AFTER_PBDR.index("w:snapToGrid") + 1:])
    snap.set(qn("w:val"), "0")
