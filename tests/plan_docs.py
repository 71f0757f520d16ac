"""Test helper: a Word file made from a seed's text — a paragraph per line, and seed 003's
tab-laid table as a real Word table with merged cells, as the office receives it."""

from __future__ import annotations

from pathlib import Path

import docx


def _table_chunks(lines: list[str]):
    """Split lines into ('para', line) and ('table', rows) items."""
    items, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("\t"):
            items.append(("para", lines[i]))
            i += 1
            continue
        rows, row, blank = [], [], False
        while i < len(lines):
            line = lines[i]
            if line.startswith("\t"):
                row.append(line[1:])
                blank = False
            elif not line.strip():
                if row:
                    rows.append(row)
                    row = []
                blank = True
            elif blank or not row:
                break
            else:
                row[-1] += "\n" + line
            i += 1
        if row:
            rows.append(row)
        items.append(("table", rows))
    return items


def _add_table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    spans = []  # (row, first col, last col) merges to make after the text is in
    for r, row in enumerate(rows):
        cells = table.rows[r].cells
        if len(row) == width - 1:  # the task text spans the two task columns
            values = [row[0], row[1], "", *row[2:]]
            spans.append((r, 1, 2))
        else:
            values = row
        for c, value in enumerate(values):
            cells[c].text = value
    for r, first, last in spans:
        table.cell(r, first).merge(table.cell(r, last))
    _merge_group_columns(table, rows, width)


def _merge_group_columns(table, rows: list[list[str]], width: int) -> None:
    """A group's 序号 and title, and a requirement it shares, merge down its rows."""
    top = None
    for r, row in enumerate(rows):
        if len(row) == width and row[0].strip():
            top = r
        elif len(row) == width and top is not None and not row[0].strip():
            for c in (0, 1):
                table.cell(top, c).merge(table.cell(r, c))
            if not row[width - 1].strip():
                above = r - 1
                while above > top and not rows[above][width - 1].strip():
                    above -= 1
                table.cell(above, width - 1).merge(table.cell(r, width - 1))


def write_docx_from_text(text_path: Path, docx_path: Path, *, gongwen: bool = False) -> Path:
    """A .docx with the same content as the seed text. `gongwen`: laid out as a 公文 is —
    A4 with its margins, 三号 justified text indented two characters, no blank paragraphs,
    a running header and the page number "— N —" in the footer."""
    lines = text_path.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    if gongwen:
        _gongwen_layout(document)
    for kind, value in _table_chunks(lines):
        if kind == "para":
            if not (gongwen and not value.strip()):
                document.add_paragraph(value)
        else:
            _add_table(document, value)
    document.save(docx_path)
    return docx_path


def _gongwen_layout(document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.paragraph_format.first_line_indent = Pt(32)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.space_after = Pt(0)
    section.header.paragraphs[0].text = "内部资料 注意保存"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footer._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve">— </w:t></w:r>'))
    footer._p.append(parse_xml(f'<w:fldSimple {w} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {w}><w:t xml:space="preserve"> —</w:t></w:r>'))


def without_line_numbers(plan: dict) -> dict:
    """A plan's JSON without the 第N行： its warnings start with: a line is counted in the file
    the plan came in, so the same plan as .txt, Word or PDF names other lines."""
    import json
    import re

    return json.loads(re.sub(r"第\d+行：", "", json.dumps(plan, ensure_ascii=False)))
