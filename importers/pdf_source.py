"""A PDF's text layer as fixed-layout pages (glyphs and ruling lines) for page_layout.

PDFium (pypdfium2) reads the file: it is fast enough for a 100-page plan within a second,
gives each character's box, and tells the spaces it made up itself (left out: between
Chinese characters they are wrong) from real ones. Table borders are the page's thin or
stroked path objects.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

from importers.page_layout import Glyph, Page, Rule
from importers.page_tables import axis_rules

MAX_PAGES = 1000
_THIN = 2.5  # points: a path this thin in one direction is a ruling line
_SKIP = set("\r\n\x00\ufffe\uffff")


class PdfError(Exception):
    """A PDF that cannot be read; `kind` is "encrypted", "damaged" or "no_text"."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(detail or kind)
        self.kind = kind


def pdf_pages(path: Path) -> list[Page]:
    """Every page of the PDF at `path` (at most MAX_PAGES)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        kind = "encrypted" if "password" in str(exc).lower() else "damaged"
        raise PdfError(kind, str(exc)) from None
    try:
        pages, characters, images = [], 0, 0
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            glyphs = _glyphs(raw, textpage, height)
            rules, page_images = _paths(raw, page, height)
            characters += len(glyphs)  # spaces are few: a scan has none at all
            images += page_images
            pages.append(Page(width, height, glyphs, rules))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise PdfError("damaged", str(exc)) from None
    finally:
        document.close()
    if characters < max(20, 5 * len(pages)):  # a scan, perhaps with a stray page number
        raise PdfError("no_text", "images" if images else "")
    return pages


def _glyphs(raw, textpage, height: float) -> list[Glyph]:
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP take two code units: ask one by one
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count))
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    handle = textpage.raw
    get_box, generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated
    glyphs = []
    append = glyphs.append
    for i, ch in enumerate(text):
        if ch in _SKIP or (ch == " " and generated(handle, i) == 1) or not get_box(handle, i, box_ref):
            continue
        top, bottom = box.top, box.bottom
        if top > bottom:
            append(Glyph(ch, box.left, box.right, height - top, height - bottom, top - bottom))
    return glyphs


def _paths(raw, page, height: float) -> tuple[list[Rule], int]:
    """Ruling lines from path objects (thin ones, and the straight edges of stroked ones),
    and how many images the page holds."""
    rules: list[Rule] = []
    images = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    get_type, get_bounds = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds
    path_kind, image_kind, form_kind = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM
    refs = [ctypes.byref(v) for v in (left, bottom, right, top)]
    page_objects = [raw.FPDFPage_GetObject(page.raw, i) for i in range(raw.FPDFPage_CountObjects(page.raw))]
    stack = [(page_objects, 0)]
    while stack:
        objects, depth = stack.pop()
        for obj in objects:
            kind = get_type(obj)
            if kind == path_kind and get_bounds(obj, *refs):
                x0, x1, y0, y1 = left.value, right.value, height - top.value, height - bottom.value
                if x1 - x0 <= _THIN or y1 - y0 <= _THIN:
                    rules.append(Rule(x0, y0, x1, y1))
                elif raw.FPDFPath_GetDrawMode(obj, fill, stroke) and stroke.value:
                    rules += _edges(raw, obj, height)
            elif kind == image_kind:
                images += 1
            elif kind == form_kind and depth < 4:
                inner = [raw.FPDFFormObj_GetObject(obj, j) for j in range(raw.FPDFFormObj_CountObjects(obj))]
                stack.append((inner, depth + 1))
    return rules, images


def _edges(raw, obj, height: float) -> list[Rule]:
    """The horizontal and vertical straight segments of a stroked path (cell outlines)."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        if not raw.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        px = matrix.a * x.value + matrix.c * y.value + matrix.e
        py = height - (matrix.b * x.value + matrix.d * y.value + matrix.f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO or not points:
            points.append([(px, py)])
        else:
            points[-1].append((px, py))
        if raw.FPDFPathSegment_GetClose(segment):
            points[-1].append(points[-1][0])
    return axis_rules(points, 0.5)
