"""The text of a .docx body as a reader sees it on paper, into the plan parser's lines.

Tracked changes read as accepted (insertions and moves in, deletions out); automatic
numbering becomes its printed marker; content controls, hyperlinks, smart tags, fields'
results (never their codes) and text boxes (once, though the file carries a fallback copy)
give their text; hidden text is left out. Headers, footers, footnotes and comments live in
other parts of the file and are never read. A table becomes one tab-led line per cell and a
blank line after each row, a vertically merged continuation an empty cell (see plan_source).
"""

from __future__ import annotations

from importers.docx_numbering import Numbering, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
_PASS_THROUGH = {W + t for t in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "fldSimple",
                                 "dir", "bdo")}
_REMOVED = {W + "del", W + "moveFrom"}
DROPPED_FIELDS = ("TOC", "INDEX", "TOA")  # a table of contents repeats the headings


def _on(element) -> bool:
    """A toggle property (w:vanish, w:del …) that is present and not switched off."""
    return element is not None and element.get(W + "val", "true") not in ("0", "false", "off")


class BodyText:
    """Walks a document body in reading order, collecting lines."""

    def __init__(self, numbering: Numbering):
        self.numbering = numbering
        self.lines: list[str] = []
        self.fields: list[list] = []  # per open field: [in result part, instruction text]
        self.carry = ""  # text of a paragraph whose mark was deleted: it joins the next one

    def blocks(self, parent) -> None:
        """Paragraphs and tables under a body, cell, content control or text box."""
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content)
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                self.blocks(child)

    def paragraph(self, p) -> None:
        parts: list[str] = []
        boxes: list = []
        self.inline(p, parts, boxes)
        text = "".join(parts)
        mark = p.find(f"{W}pPr/{W}rPr")
        if mark is not None and (_on(mark.find(W + "del")) or _on(mark.find(W + "moveFrom"))):
            self.carry += text  # the mark is deleted: accepted, this text runs into the next paragraph
        else:
            numbered = self.numbering.paragraph_numbering(p)
            marker = self.numbering.marker(*numbered) if numbered else ""
            text, self.carry = marker + self.carry + text, ""
            for at, line in enumerate(text.split("\n")):
                # a paragraph that starts with a tab is still a paragraph, never a table cell
                self.lines.append(line.lstrip("\t") if at == 0 else line)
        for box in boxes:
            self.blocks(box)

    def inline(self, parent, parts: list[str], boxes: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "r":
                self.run(child, parts, boxes)
            elif tag in _PASS_THROUGH:
                if tag == W + "fldSimple" and _dropped(child.get(W + "instr", "")):
                    continue
                self.inline(child, parts, boxes)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.inline(content, parts, boxes)
            elif tag in (MATH + "oMath", MATH + "oMathPara") and self.visible():
                parts += [t.text or "" for t in child.iter(MATH + "t")]

    def visible(self) -> bool:
        return all(in_result and not _dropped(instruction) for in_result, instruction in self.fields)

    def run(self, r, parts: list[str], boxes: list) -> None:
        hidden = _on(r.find(f"{W}rPr/{W}vanish"))
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                self.field_char(child.get(W + "fldCharType"))
            elif tag == W + "instrText":
                if self.fields and not self.fields[-1][0]:
                    self.fields[-1][1] += child.text or ""
            elif hidden or not self.visible():
                continue
            elif tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag == W + "br":
                parts.append("\n" if child.get(W + "type", "textWrapping") == "textWrapping" else "")
            elif tag == W + "cr":
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                code = int(child.get(W + "char", "0"), 16)
                parts.append("" if 0xE000 <= code <= 0xF8FF else chr(code))
            elif tag in (W + "drawing", W + "pict", W + "object", MC + "AlternateContent"):
                boxes += _text_boxes(child)

    def field_char(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append([False, ""])
        elif kind == "separate" and self.fields:
            self.fields[-1][0] = True
        elif kind == "end" and self.fields:
            self.fields.pop()

    def table(self, tbl) -> None:
        for tr in _rows(tbl):
            properties = tr.find(W + "trPr")
            if properties is not None and _on(properties.find(W + "del")):
                continue  # a deleted row, accepted
            for tc in _cells(tr):
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                cell = [""] if merge is not None and merge.get(W + "val", "continue") != "restart" \
                    else self.cell_lines(tc)
                self.lines.append("\t" + cell[0])
                self.lines += cell[1:]
            self.lines.append("")

    def cell_lines(self, tc) -> list[str]:
        """A cell's non-empty lines (empty paragraphs would read as row breaks); nested
        tables' cells as lines of their own."""
        outer, self.lines = self.lines, []
        try:
            self.blocks(tc)
            cell = [line.lstrip("\t") for line in self.lines if line.strip()]
        finally:
            self.lines = outer
        return cell or [""]


def _dropped(instruction: str) -> bool:
    return instruction.strip().upper().startswith(DROPPED_FIELDS)


def _children(parent, tag: str):
    """The `tag` children of a table or row, including those wrapped in content controls
    (w:sdt) or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _children(content, tag)


def _rows(tbl):
    return _children(tbl, W + "tr")


def _cells(tr):
    return _children(tr, W + "tc")


def _text_boxes(element) -> list:
    """The outermost w:txbxContent under a drawing; of mc:AlternateContent only the first
    choice that has one (the VML fallback repeats the same text box)."""
    if element.tag == W + "txbxContent":
        return [element]
    if element.tag == MC + "AlternateContent":
        for option in element:
            found = _text_boxes(option)
            if found:
                return found
        return []
    found = []
    for child in element:
        found += _text_boxes(child)
    return found


def docx_body_lines(document) -> list[str]:
    """Lines of an open python-docx Document's body."""
    part = document.part
    try:
        numbering_root = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    try:
        styles_root = part.styles.element
    except (KeyError, NotImplementedError):
        styles_root = None
    reader = BodyText(Numbering(numbering_root, styles_root))
    reader.blocks(document.element.body)
    if reader.carry:
        reader.lines += reader.carry.split("\n")
    return reader.lines
