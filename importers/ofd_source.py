"""An OFD file (GB/T 33190-2016, the national fixed-layout format: a zip of XML) as
fixed-layout pages for page_layout: OFD.xml → DocBody/DocRoot → Document.xml → Pages →
each page's Content.xml (and its template pages), whose TextObjects place text by TextCode
X/Y (the baseline) and DeltaX (the advance to each next character, "g N D" repeating D N
times), and whose PathObjects draw the table rules. Units are millimetres, y grows downwards.
Signatures, stamps and annotations are not read.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

from importers.page_layout import Glyph, Page, Rule
from importers.page_tables import axis_rules

OFD_NS = "http://www.ofdspec.org/2016"
MAX_PAGES = 1000
_THIN = 0.9  # millimetres: a path this thin in one direction is a ruling line
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE]-?\d+)?|-?\.\d+")


class OfdError(Exception):
    """An OFD package that does not hold a readable document; the message says what is wrong."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return [c for c in element if _local(c.tag) == name]


def _child(element, name: str):
    return next((c for c in element if _local(c.tag) == name), None)


def _floats(text: str | None) -> list[float]:
    return [float(v) for v in _NUMBER.findall(text or "")]


class _Package:
    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())

    def xml(self, name: str):
        data = self.archive.read(name)
        if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data[:2048]:
            raise OfdError(f"其中的“{name}”含有不允许的 XML 声明")
        try:
            return ET.fromstring(data)
        except ET.ParseError as exc:
            raise OfdError(f"其中的“{name}”不是完整的 XML（{exc}）") from None

    def resolve(self, base: str, location: str) -> str:
        """A path in the package, as written relative to the file `base` or to the root."""
        location = location.strip().replace("\\", "/")
        if location.startswith("/"):
            return location.lstrip("/")
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), location))
        return joined if joined in self.names or location not in self.names else location


def ofd_pages(archive: zipfile.ZipFile) -> list[Page]:
    """Every page of the first document in the package."""
    package = _Package(archive)
    if "OFD.xml" not in package.names:
        raise OfdError("缺少入口文件 OFD.xml")
    root = package.xml("OFD.xml")
    body = next((b for b in root.iter() if _local(b.tag) == "DocBody"), None)
    doc_root = _child(body, "DocRoot") if body is not None else None
    if doc_root is None or not (doc_root.text or "").strip():
        raise OfdError("OFD.xml 中没有文档入口（DocRoot）")
    document_name = package.resolve("OFD.xml", doc_root.text)
    if document_name not in package.names:
        raise OfdError(f"缺少文档文件“{document_name}”")
    document = package.xml(document_name)
    common = _child(document, "CommonData")
    default_box = _physical_box(_child(common, "PageArea") if common is not None else None,
                                 [0.0, 0.0, 210.0, 297.0])
    templates = {}
    for template in _children(common, "TemplatePage") if common is not None else []:
        templates[template.get("ID")] = package.resolve(document_name, template.get("BaseLoc", ""))
    units = _composite_units(package, document_name, common)
    pages_element = _child(document, "Pages")
    entries = _children(pages_element, "Page") if pages_element is not None else []
    pages = []
    for entry in entries[:MAX_PAGES]:
        name = package.resolve(document_name, entry.get("BaseLoc", ""))
        if name not in package.names:
            raise OfdError(f"缺少页面文件“{name}”")
        pages.append(_page(package, name, default_box, templates, units))
    if not pages:
        raise OfdError("文档中没有页面")
    return pages


def _physical_box(area, default: list[float]) -> list[float]:
    box_element = _child(area, "PhysicalBox") if area is not None else None
    box = _floats(box_element.text) if box_element is not None else []
    return box if len(box) == 4 and box[2] > 0 and box[3] > 0 else default


def _composite_units(package: _Package, document_name: str, common) -> dict:
    """The content of each CompositeGraphicUnit in the document's resources, by ID (PDF
    converters put a page's text there and place it with CompositeObject)."""
    units = {}
    for kind in ("PublicRes", "DocumentRes"):
        for entry in _children(common, kind) if common is not None else []:
            name = package.resolve(document_name, entry.text or "")
            if name not in package.names:
                continue
            for unit in package.xml(name).iter():
                if _local(unit.tag) == "CompositeGraphicUnit":
                    units[unit.get("ID")] = _child(unit, "Content")
    return units


def _page(package: _Package, name: str, default_box: list[float], templates: dict, units: dict) -> Page:
    content = package.xml(name)
    box = _physical_box(_child(content, "Area"), default_box)
    found = _Found(units)
    for template in _children(content, "Template"):
        template_name = templates.get(template.get("TemplateID"))
        if template_name in package.names:  # running headers there are dropped as repeated
            found.objects(_child(package.xml(template_name), "Content"), IDENTITY)
    found.objects(_child(content, "Content"), IDENTITY)
    return Page(box[2], box[3], found.glyphs, found.rules)


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(outer, inner):
    """The matrix that applies `inner`, then `outer` (a b c d e f: x' = ax + cy + e)."""
    oa, ob, oc, od, oe, of = outer
    ia, ib, ic, id_, ie, if_ = inner
    return (oa * ia + oc * ib, ob * ia + od * ib, oa * ic + oc * id_, ob * ic + od * id_,
            oa * ie + oc * if_ + oe, ob * ie + od * if_ + of)


def _placement(element, parent):
    """An object's own space into the page's: its CTM, then its Boundary's origin."""
    boundary = (_floats(element.get("Boundary")) + [0.0] * 4)[:4]
    ctm = _floats(element.get("CTM"))
    local = _compose((1.0, 0.0, 0.0, 1.0, boundary[0], boundary[1]), tuple(ctm) if len(ctm) == 6 else IDENTITY)
    return _compose(parent, local)


def _point(m, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class _Found:
    """Glyphs and rules gathered from a page's objects, composite objects included."""

    def __init__(self, units: dict):
        self.units = units
        self.glyphs: list[Glyph] = []
        self.rules: list[Rule] = []

    def objects(self, parent, matrix, depth: int = 0) -> None:
        if parent is None or depth > 8:
            return
        for element in parent:
            kind = _local(element.tag)
            if kind in ("Layer", "PageBlock"):
                self.objects(element, matrix, depth + 1)
            elif kind == "TextObject":
                self.glyphs += _text_object(element, _placement(element, matrix))
            elif kind == "PathObject":
                self.rules += _path_object(element, _placement(element, matrix))
            elif kind == "CompositeObject" and element.get("ResourceID") in self.units:
                self.objects(self.units[element.get("ResourceID")], _placement(element, matrix), depth + 1)


def _deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY values, "g N D" expanded to N copies of D."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            out += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            i += 3
        else:
            out.append(float(tokens[i]))
            i += 1
    return out


def _text_object(element, m) -> list[Glyph]:
    """Each character placed: TextCode X/Y is the first one's baseline point, DeltaX the
    pen's advance to each next one (the font's own advance where it is not given)."""
    shown = float(element.get("Size", "3.5") or 3.5)
    size = shown * (abs(m[0] * m[3] - m[1] * m[2]) ** 0.5 or 1.0)
    glyphs = []
    x = y = 0.0
    for code in _children(element, "TextCode"):
        text = code.text or ""
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        deltas = _deltas(code.get("DeltaX"))
        # the baseline runs along the matrix's x axis: a pen's advance moves by (m0, m1)
        left, baseline = _point(m, x, y)
        for at, ch in enumerate(text):
            advance = deltas[at] if at < len(deltas) else (shown if ord(ch) > 0x2E7F else shown / 2)
            right = left + advance * m[0]
            if ch != "\n" and ch != "\r" and ch != "\t":
                glyphs.append(Glyph(ch, left, right if right > left + size / 4 else left + size / 4,
                                    baseline - 0.86 * size, baseline + 0.14 * size, size))
            left, baseline, x = right, baseline + advance * m[1], x + advance
    return glyphs


def _path_object(element, m) -> list[Rule]:
    """Straight horizontal and vertical segments of a stroked path, or a thin filled one."""
    stroked = element.get("Stroke", "true") != "false"
    tokens = (element.findtext(f"{{{OFD_NS}}}AbbreviatedData") or
              next((c.text for c in element if _local(c.tag) == "AbbreviatedData"), "") or "").split()
    runs: list[list[tuple[float, float]]] = []
    i = 0
    sizes = {"M": 2, "S": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
    while i < len(tokens):
        op = tokens[i]
        n = sizes.get(op)
        if n is None:
            i += 1
            continue
        values = [float(v) for v in tokens[i + 1:i + 1 + n]] if n else []
        i += 1 + n
        if op in ("M", "S"):
            runs.append([_point(m, *values)])
        elif op == "C" and runs and runs[-1]:
            runs[-1].append(runs[-1][0])
        elif runs and values:
            runs[-1].append(_point(m, *values[-2:]))
    points = [p for run in runs for p in run]
    if not points:
        return []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if max(xs) - min(xs) <= _THIN or max(ys) - min(ys) <= _THIN:
        return [Rule(min(xs), min(ys), max(xs), max(ys))]
    if not stroked:
        return []  # a shaded area, not a border
    return axis_rules(runs, 0.2)
