"""The one module of document styles: 公文 sizes and fonts, and the low-level Word XML
helpers every .docx the product writes goes through (East Asian fonts, borders, fields).

Numbers from GB/T 9704-2012 (see DESIGN.md §6): A4, margins 37/35/28/26 mm, 22 lines of
28 characters — exact 28.95 pt lines, and −0.25 pt character spacing on 三号 runs so 28
characters fill the 156 mm line.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
FOOTER_DISTANCE = Mm(25.5)  # puts the page number's dash band 7 mm below the 版心
LINE_TWIPS = 579  # 28.95 pt: 22 lines fill the 225 mm 版心
LINE = Pt(28.95)
LINES_PER_PAGE = 22
TEXT_WIDTH = Mm(156)  # 版心
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


_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                      "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")
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
        if spacing is None:  # in schema order: Word refuses a w:spacing after w:sz
            spacing = OxmlElement("w:spacing")
            rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)
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
    # No punctuation hanging past the 版心 in LibreOffice, which reads w:overflowPunct the
    # other way round from Word: "1" turns its hanging punctuation off — and LibreOffice drops
    # a hanging mark altogether from a justified line with squeezed characters. Word and WPS
    # read "1" as their default (a line-end mark may hang one character into the margin; it
    # is never lost). "0" would stop Word hanging but make LibreOffice lose marks.
    set_ppr_flag(normal.element.get_or_add_pPr(), "w:overflowPunct", True)


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
    set_paragraph_flag(paragraph, "w:snapToGrid", False)


def no_autospace(paragraph) -> None:
    """No extra space between Chinese and digits or Latin letters (2021年1月5日印发 set
    as one word)."""
    set_paragraph_flag(paragraph, "w:autoSpaceDE", False)
    set_paragraph_flag(paragraph, "w:autoSpaceDN", False)


def set_paragraph_flag(paragraph, tag: str, on: bool) -> None:
    """An on/off paragraph property, inserted where the schema puts it."""
    set_ppr_flag(paragraph._p.get_or_add_pPr(), tag, on)


def set_ppr_flag(ppr, tag: str, on: bool) -> None:
    """An on/off property in a paragraph's or a style's w:pPr, in schema order."""
    flag = ppr.find(qn(tag))
    if flag is None:
        flag = OxmlElement(tag)
        later = _PPR_AFTER_PBDR[_PPR_AFTER_PBDR.index(tag) + 1:]
        ppr.insert_element_before(flag, *later)
    flag.set(qn("w:val"), "1" if on else "0")


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_EMU_PER_PT = 12700


def box_at_foot(anchor_paragraph, paragraphs, *, width, height_pt: float, box_id: int = 9704) -> None:
    """Move `paragraphs` into a text box anchored in `anchor_paragraph`, as wide as `width`,
    standing on the bottom edge of the type area, with the text set at its foot. Body text
    flows above it (top-and-bottom wrap): Word, WPS and LibreOffice all place such a box on
    the page where its anchor paragraph falls, whatever their fonts make of the lines above."""
    cx, cy = int(width.emu), int(height_pt * _EMU_PER_PT)
    run = parse_xml(
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="{_WPS}"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
        f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        f'<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr id="{box_id}" name="版记"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent/></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        f'anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic>'
        f'</wp:anchor></w:drawing></w:r>')
    content = run.find(".//" + qn("w:txbxContent"))
    for paragraph in paragraphs:
        content.append(paragraph._p)  # moves it out of the body
    anchor_paragraph._p.append(run)
