"""Test helper: an OFD file (GB/T 33190-2016) laid out from a seed's text the way a 公文
exchange system lays out a plan — A4, 28 characters a line, 22 lines a page, first-line
indent of two characters, seed 003's tab-laid table as a ruled grid, a page number
"— N —" under each page and a running header on a template page."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from plan_docs import _table_chunks

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
LEFT, TOP, WIDTH, HEIGHT = 28.0, 37.0, 156.0, 225.0
SIZE = WIDTH / 28  # 三号 on the 28-character line
PITCH = HEIGHT / 22


def _advance(ch: str) -> float:
    return SIZE if ord(ch) > 0x2E7F else SIZE / 2


def _wrap(text: str, width: float, indent: float) -> list[str]:
    lines, line, used = [], "", indent
    for ch in text:
        if used + _advance(ch) > width + 0.01 and line:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += _advance(ch)
    return lines + [line] if line else lines or [""]


class _Builder:
    def __init__(self, per_char: bool, scale: float = 1.0):
        self.scale = scale  # written in units of 1/scale mm, placed back by a composite's CTM
        self.pages: list[list[str]] = [[]]
        self.y = TOP
        self.ids = 10
        self.per_char = per_char

    def _id(self) -> int:
        self.ids += 1
        return self.ids

    def text(self, x: float, baseline: float, text: str) -> None:
        if self.per_char:  # some converters write one object per character
            for ch in text:
                self._text_object(x, baseline, ch)
                x += _advance(ch)
            return
        self._text_object(x, baseline, text)

    def _text_object(self, x: float, baseline: float, text: str) -> None:
        k = self.scale
        advances = [_advance(ch) * k for ch in text[:-1]]
        if advances and all(a == advances[0] for a in advances):
            delta = f"g {len(advances)} {advances[0]:.3f}"
        else:
            delta = " ".join(f"{a:.3f}" for a in advances)
        width = sum(_advance(ch) for ch in text) * k
        self.pages[-1].append(
            f'<ofd:TextObject ID="{self._id()}" Boundary="{x * k:.3f} {(baseline - SIZE) * k:.3f} {width:.3f} '
            f'{SIZE * 1.3 * k:.3f}" Font="1" Size="{SIZE * k:.3f}"><ofd:FillColor Value="0 0 0"/>'
            f'<ofd:TextCode X="0" Y="{SIZE * k:.3f}" DeltaX="{delta}">{escape(text)}</ofd:TextCode></ofd:TextObject>')

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        k = self.scale
        w, h = max(x1 - x0, 0.5) * k, max(y1 - y0, 0.5) * k
        self.pages[-1].append(
            f'<ofd:PathObject ID="{self._id()}" Boundary="{(x0 - 0.25) * k:.3f} {(y0 - 0.25) * k:.3f} {w:.3f} {h:.3f}" '
            f'LineWidth="{0.25 * k:.3f}"><ofd:AbbreviatedData>M {0.25 * k:.3f} {0.25 * k:.3f} L '
            f'{(x1 - x0 + 0.25) * k:.3f} {(y1 - y0 + 0.25) * k:.3f}</ofd:AbbreviatedData></ofd:PathObject>')

    def room(self, height: float) -> None:
        if self.y + height > TOP + HEIGHT + 0.01:
            self.pages.append([])
            self.y = TOP

    def paragraph(self, text: str) -> None:
        for at, line in enumerate(_wrap(text, WIDTH, 2 * SIZE)):
            self.room(PITCH)
            self.text(LEFT + (2 * SIZE if at == 0 else 0), self.y + SIZE, line)
            self.y += PITCH

    def _row_part(self, edges, spans, cells, count: int) -> None:
        top, height = self.y, count * PITCH * 0.8 + 2
        self.rule(LEFT, top, LEFT + WIDTH, top)
        self.rule(LEFT, top + height, LEFT + WIDTH, top + height)
        for (a, b), lines in zip(spans, cells):
            self.rule(edges[a], top, edges[a], top + height)
            for n, line in enumerate(lines):
                self.text(edges[a] + 1, top + 1 + SIZE + n * PITCH * 0.8, line)
        self.rule(LEFT + WIDTH, top, LEFT + WIDTH, top + height)
        self.y = top + height

    def table(self, rows: list[list[str]]) -> None:
        columns = max(len(r) for r in rows)
        widths = [WIDTH / columns] * columns
        edges = [LEFT + sum(widths[:i]) for i in range(columns + 1)]
        for row in rows:
            spans = [(c, c + 1) for c in range(len(row))]
            if len(row) == columns - 1:  # the task text spans the two task columns
                spans = [(0, 1), (1, 3)] + [(c + 1, c + 2) for c in range(2, len(row))]
            cells = [_wrap(text, edges[b] - edges[a] - 2, 0) for text, (a, b) in zip(row, spans)]
            while any(cells):  # a row taller than what is left of the page goes on over the page
                fits = int((TOP + HEIGHT - self.y - 2) // (PITCH * 0.8))
                if fits < 1:
                    self.room(HEIGHT)
                    continue
                take = min(max(len(c) for c in cells), fits)
                self._row_part(edges, spans, [c[:take] for c in cells], take)
                cells = [c[take:] for c in cells]
        self.y += PITCH / 2


def write_ofd_from_text(text_path: Path, ofd_path: Path, *, per_char: bool = False,
                        composite: bool = False) -> Path:
    """An OFD with the same content as the seed text. `per_char`: one TextObject per
    character; `composite`: each page's body drawn in points inside a CompositeGraphicUnit
    and placed on the page by a CompositeObject whose CTM scales it to millimetres, as
    converters from PDF write it."""
    builder = _Builder(per_char, 72 / 25.4 if composite else 1.0)
    for kind, value in _table_chunks(text_path.read_text(encoding="utf-8").split("\n")):
        if kind == "table":
            builder.table(value)
        elif value.strip():
            builder.paragraph(value.strip())
    units = "".join(f'<ofd:CompositeGraphicUnit ID="{5000 + n}" Width="595" Height="842"><ofd:Content>'
                    f'{"".join(objects)}</ofd:Content></ofd:CompositeGraphicUnit>'
                    for n, objects in enumerate(builder.pages)) if composite else ""
    with zipfile.ZipFile(ofd_path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.0" DocType="OFD">'
                   "<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1c</ofd:DocID></ofd:DocInfo>"
                   "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        pages = "".join(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
                        for n in range(len(builder.pages)))
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}>'
                   "<ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea>"
                   "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                   "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
                   '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
                   f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>")
        z.writestr("Doc_0/PublicRes.xml", f'<ofd:Res {NS} BaseLoc="Res"><ofd:Fonts>'
                   '<ofd:Font ID="1" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
        z.writestr("Doc_0/DocumentRes.xml", f'<ofd:Res {NS} BaseLoc="Res"><ofd:CompositeGraphicUnits>{units}'
                   "</ofd:CompositeGraphicUnits></ofd:Res>")
        header = _Builder(False)
        header.text(LEFT, 20.0, "内部资料 注意保存")
        z.writestr("Doc_0/Tpls/Tpl_0/Content.xml", _page_xml(header.pages[0]))
        for n, objects in enumerate(builder.pages):
            number = _Builder(False)
            number.text(LEFT + WIDTH / 2 - 2 * SIZE, TOP + HEIGHT + 12, f"— {n + 1} —")
            if composite:
                k = 25.4 / 72
                objects = [f'<ofd:CompositeObject ID="{9000 + n}" Boundary="0 0 210 297" '
                           f'CTM="{k:.6f} 0 0 {k:.6f} 0 0" ResourceID="{5000 + n}"/>']
            z.writestr(f"Doc_0/Pages/Page_{n}/Content.xml",
                       _page_xml(objects + number.pages[0], template='<ofd:Template TemplateID="2" ZOrder="Background"/>'))
    return ofd_path


def _page_xml(objects: list[str], template: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}>{template}<ofd:Content>'
            f'<ofd:Layer ID="1" Type="Body">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
