"""Test helper: a seed's Word copy rewritten the way people's files really are — Word's own
automatic numbering instead of typed markers, and tracked changes, content controls,
hyperlinks, fields, smart tags, hidden text, a text box and comments around the same words.
The XML is written here by hand, as Word writes it, so the reader meets the real markup."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from plan_docs import write_docx_from_text

from importers.plan_text import parse_marker

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
JUNK = "（此处为已删除的旧文字）"
REVISION = 'w:id="{id}" w:author="审核人" w:date="2021-04-01T10:00:00Z"'

# level → (numFmt, lvlText); the markers the seeds type, as Word's numbering writes them
LEVELS = {"cn": (0, "chineseCounting", "%1、"), "paren_cn": (1, "chineseCountingThousand", "（%2）"),
          "arabic": (2, "decimal", "%3."), "paren_arabic": (3, "decimal", "（%4）")}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{_esc(text)}</w:t></w:r>'


def _numbering_xml(overrides: list[tuple[int, int, int]]) -> str:
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
        for ilvl, fmt, text in sorted(LEVELS.values()))
    nums = '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>' + "".join(
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="{ilvl}">'
        f'<w:startOverride w:val="{start}"/></w:lvlOverride></w:num>' for num_id, ilvl, start in overrides)
    return f'<w:numbering {NSDECL}><w:abstractNum w:abstractNumId="7">{levels}</w:abstractNum>{nums}</w:numbering>'


def write_numbered_docx(text_path: Path, path: Path) -> Path:
    """The seed's Word copy with every typed 一、（一）1.（1） replaced by Word's numbering.
    Where Word's counting would not give the typed number, a new instance of the list
    restarts the level there (w:lvlOverride/w:startOverride), as Word's 重新编号 does."""
    write_docx_from_text(text_path, path)
    document = docx.Document(str(path))
    numbering = document.part.numbering_part
    counters: list[int | None] = [None] * 4
    overrides: list[tuple[int, int, int]] = []
    for paragraph in document.paragraphs:
        marker = parse_marker(paragraph.text.strip())
        if not marker or marker.style not in LEVELS or not marker.rest:
            continue
        ilvl = LEVELS[marker.style][0]
        value = _value(marker.number)
        if value is None or (marker.style == "arabic" and marker.number.endswith("、")):
            continue  # "1、" is not what this list's "%3." writes: left typed
        expected = 1 if counters[ilvl] is None else counters[ilvl] + 1
        num_id = 1
        if value != expected:
            num_id = 2 + len(overrides)
            overrides.append((num_id, ilvl, value))
        counters[ilvl] = value
        counters[ilvl + 1:] = [None] * (3 - ilvl)
        rest = marker.rest
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = rest
        paragraph._p.get_or_add_pPr().insert(0, parse_xml(
            f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    numbering._element = parse_xml(_numbering_xml(overrides))
    document.save(str(path))
    return path


def _value(number: str) -> int | None:
    digits = re.sub(r"[（）.、]", "", number)
    if digits.isdigit():
        return int(digits)
    from importers.docx_numbering import chinese_number

    return next((n for n in range(1, 100) if chinese_number(n) == digits), None)


def _revised_runs(text: str, n: int, ids, field: str) -> str:
    """The paragraph's words around revisions and containers, in one of five shapes."""
    a, b, c = text[:len(text) // 3], text[len(text) // 3:2 * len(text) // 3], text[2 * len(text) // 3:]
    shape = n % 5
    if shape == 0:  # an insertion, a deletion, and a hyperlink field (the code is not text)
        return (_run(a) + f"<w:ins {REVISION.format(id=next(ids))}>{_run(b)}</w:ins>"
                + f'<w:del {REVISION.format(id=next(ids))}><w:r><w:delText>{JUNK}</w:delText></w:r></w:del>'
                + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                + '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://www.example.gov.cn/" </w:instrText></w:r>'
                + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _run(c)
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    if shape == 1:  # a content control, hidden text, a simple field's result
        return (_run(a) + f"<w:sdt><w:sdtPr><w:alias w:val=\"正文\"/></w:sdtPr><w:sdtContent>{_run(b)}"
                + "</w:sdtContent></w:sdt>" + _run("（隐藏的批注文字）", "<w:vanish/>")
                + f'<w:fldSimple w:instr="{field}">{_run(c)}</w:fldSimple>')
    if shape == 2:  # a smart tag, and a passage moved from before to after
        return (f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">{_run(a)}'
                + f'</w:smartTag><w:moveFrom {REVISION.format(id=next(ids))}>{_run(c)}</w:moveFrom>'
                + f"{_run(b)}<w:moveTo {REVISION.format(id=next(ids))}>{_run(c)}</w:moveTo>")
    if shape == 3:  # a hyperlink to a bookmark, an insertion inside it
        return (_run(a) + f'<w:hyperlink w:anchor="top"><w:ins {REVISION.format(id=next(ids))}>{_run(b)}'
                + f"</w:ins></w:hyperlink>{_run(c)}")
    return _run(a + b + c)


def write_revised_docx(text_path: Path, path: Path, *, for_doc: bool = False) -> Path:
    """The seed's Word copy with tracked changes and Word's containers around its words,
    junk in what a reader never sees (deletions, hidden text, header, footer, comments), a
    paragraph whose mark is deleted (accepted, it joins the next), a deleted table row, and
    the first line inside a text box that Word also stores as VML. `for_doc`: what
    LibreOffice carries over into .doc — no text box (a story of its own there), no deleted
    row (LibreOffice drops the row's deletion), a field whose result it keeps."""
    write_docx_from_text(text_path, path)
    document = docx.Document(str(path))
    ids = iter(range(1, 100000))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    for n, paragraph in enumerate(paragraphs):
        text = paragraph.text
        p = paragraph._p
        for child in list(p):
            if child.tag != f"{{{W_NS}}}pPr":
                p.remove(child)
        if n == 0 and not for_doc:
            p.append(parse_xml(_text_box(text)))
            continue
        if n % 7 == 6 and len(text) > 6:  # split in two; the first mark deleted
            first = parse_xml(f'<w:p {NSDECL}><w:pPr><w:rPr><w:del {REVISION.format(id=next(ids))}/></w:rPr>'
                              f"</w:pPr>{_run(text[:len(text) // 2])}</w:p>")
            p.addprevious(first)
            text = text[len(text) // 2:]
        field = " HYPERLINK &quot;http://www.example.gov.cn/&quot; " if for_doc else " DOCPROPERTY Subject "
        for element in parse_xml(f"<w:p {NSDECL}>{_revised_runs(text, n, ids, field)}</w:p>"):
            p.append(element)
    for table in document.tables:
        _revise_table(table, ids, delete_row=not for_doc)
    section = document.sections[0]
    section.header.paragraphs[0].text = "（页眉：不是方案正文）"
    section.footer.paragraphs[0].text = "（页脚：不是方案正文）"
    commented = next(p for p in reversed(document.paragraphs) if p.runs)
    document.add_comment(commented.runs, text="（批注：不是方案正文）", author="审核人")
    document.save(str(path))
    return path


def _revise_table(table, ids, delete_row: bool) -> None:
    """A row deleted as a tracked change, and a cell's words as an insertion."""
    rows = table._tbl.tr_lst
    if len(rows) < 2:
        return
    for t in rows[-1].iter(f"{{{W_NS}}}t"):
        run = t.getparent()
        wrapper = parse_xml(f"<w:ins {NSDECL} {REVISION.format(id=next(ids))}/>")
        run.addprevious(wrapper)
        wrapper.append(run)
        break
    if not delete_row:
        return
    junk = parse_xml(rows[1].xml)
    tr_pr = junk.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:del {NSDECL} {REVISION.format(id=next(ids))}/>'))
    for t in junk.iter(f"{{{W_NS}}}t"):
        t.text = "删除的行"
    rows[1].addprevious(junk)


def _text_box(text: str) -> str:
    """A run holding a text box, as Word 2010+ writes it: the DrawingML shape and its VML
    fallback each carry the same w:txbxContent."""
    content = f"<w:txbxContent><w:p>{_run(text)}</w:p></w:txbxContent>"
    return (f"<w:r {NSDECL}><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor "
            'distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
            'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5400000" cy="400000"/><wp:wrapTopAndBottom/><wp:docPr id="90" name="文本框 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f"<wps:wsp><wps:cNvSpPr txBox=\"1\"/><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/>"
            "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            f'<v:shape style="width:425pt;height:31pt"><v:textbox>{content}</v:textbox></v:shape></w:pict>'
            "</mc:Fallback></mc:AlternateContent></w:r>")
