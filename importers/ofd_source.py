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
    pages_element = _child(document, "Pages")
    entries = _children(pages_element, "Page") if pages_element is not None else []
    pages = []
    for entry in entries[:MAX_PAGES]:
        name = package.resolve(document_name, entry.get("BaseLoc", ""))
        if name not in package.names:
            raise OfdError(f"缺少页面文件“{name}”")
        pages.append(_page(package, name, default_box, templates))
    if not pages:
        raise OfdError("文档中没有页面")
    return pages


def _physical_box(area, default: list[float]) -> list[float]:
    box_element = _child(area, "PhysicalBox") if area is not None else None
    box = _floats(box_element.text) if box_element is not None else []
    return box if len(box) == 4 and box[2] > 0 and box[3] > 0 else default


def _page(package: _Package, name: str, default_box: list[float], templates: dict) -> Page:
    content = package.xml(name)
    box = _physical_box(_child(content, "Area"), default_box)
    glyphs: list[Glyph] = []
    rules: list[Rule] = []
    for template in _children(content, "Template"):
        template_name = templates.get(template.get("TemplateID"))
        if template_name in package.names:  # running headers there are dropped as repeated
            _objects(_child(package.xml(template_name), "Content"), glyphs, rules)
    _objects(_child(content, "Content"), glyphs, rules)
    return Page(box[2], box[3], glyphs, rules)


def _objects(parent, glyphs: list[Glyph], rules: list[Rule]) -> None:
    if parent is None:
        return
    for element in parent:
        kind = _local(element.tag)
        if kind in ("Layer", "PageBlock"):
            _objects(element, glyphs, rules)
        elif kind == "TextObject":
            glyphs += _text_object(element)
        elif kind == "PathObject":
            rules += _path_object(element)


def _transform(element) -> tuple[list[float], list[float]]:
    boundary = (_floats(element.get("Boundary")) + [0.0] * 4)[:4]
    ctm = _floats(element.get("CTM"))
    return boundary, ctm if len(ctm) == 6 else [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]


def _apply(ctm: list[float], boundary: list[float], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = ctm
    return boundary[0] + a * x + c * y + e, boundary[1] + b * x + d * y + f


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


def _text_object(element) -> list[Glyph]:
    boundary, ctm = _transform(element)
    scale = abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]) ** 0.5 or 1.0
    size = float(element.get("Size", "3.5") or 3.5)
    glyphs = []
    x = y = 0.0
    for code in _children(element, "TextCode"):
        text = code.text or ""
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        deltas = _deltas(code.get("DeltaX"))
        for at, ch in enumerate(text):
            advance = deltas[at] if at < len(deltas) else (size if ord(ch) > 0x2E7F else size / 2)
            left, baseline = _apply(ctm, boundary, x, y)
            right, _ = _apply(ctm, boundary, x + advance, y)
            shown = size * scale
            if ch.strip() or ch == " ":
                glyphs.append(Glyph(ch, left, max(right, left + shown / 4), baseline - 0.86 * shown,
                                    baseline + 0.14 * shown, shown))
            x += advance
    return glyphs


def _path_object(element) -> list[Rule]:
    """Straight horizontal and vertical segments of a stroked path, or a thin filled one."""
    boundary, ctm = _transform(element)
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
            runs.append([_apply(ctm, boundary, *values)])
        elif op == "C" and runs and runs[-1]:
            runs[-1].append(runs[-1][0])
        elif runs and values:
            runs[-1].append(_apply(ctm, boundary, *values[-2:]))
    points = [p for run in runs for p in run]
    if not points:
        return []
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    if max(xs) - min(xs) <= _THIN or max(ys) - min(ys) <= _THIN:
        return [Rule(min(xs), min(ys), max(xs), max(ys))]
    if not stroked:
        return []  # a shaded area, not a border
    rules = []
    for run in runs:
        for (ax, ay), (bx, by) in zip(run, run[1:]):
            if abs(ay - by) <= 0.2 or abs(ax - bx) <= 0.2:
                rules.append(Rule(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    return rules
