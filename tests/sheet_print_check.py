"""Reading a printed worksheet back from its PDF (as LibreOffice prints it with the fonts
render.sh sets up): the grid its borders draw and the text in it, to find text that runs
over a border (a row too short: the text is cut where the row ends in Excel and WPS) and to
measure how much of each row its tallest text fills (a row far too tall wastes paper)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

# a line of text of size s, from its baseline: a Chinese font's em box, a little inset
ABOVE, BELOW, INSET = 0.86, 0.14, 0.25


@dataclass
class Run:
    """Characters side by side on one baseline."""

    page: int
    baseline: float
    left: float
    right: float
    size: float
    text: str

    @property
    def top(self) -> float:
        return self.baseline + ABOVE * self.size

    @property
    def bottom(self) -> float:
        return self.baseline - BELOW * self.size


@dataclass
class Rule:
    """A border: a thin drawn rectangle, horizontal or vertical."""

    left: float
    bottom: float
    right: float
    top: float

    @property
    def horizontal(self) -> bool:
        return self.right - self.left > self.top - self.bottom


def page_runs(page, number: int) -> list[Run]:
    """The text of a page as runs of characters that touch on one baseline."""
    text = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    chars = []
    for k in range(text.count_chars()):
        ch = text.get_text_range(k, 1)
        if not ch.strip():
            continue
        raw.FPDFText_GetCharOrigin(text, k, ctypes.byref(x), ctypes.byref(y))
        left, _, right, _ = text.get_charbox(k, loose=True)
        chars.append((round(y.value, 1), left, right, raw.FPDFText_GetFontSize(text, k), ch))
    chars.sort(key=lambda c: (-c[0], c[1]))
    runs: list[Run] = []
    for baseline, left, right, size, ch in chars:
        last = runs[-1] if runs else None
        if last and last.baseline == baseline and -0.5 <= left - last.right < 0.1 * size:
            last.right, last.text = right, last.text + ch
        else:
            runs.append(Run(number, baseline, left, right, size, ch))
    return runs


def page_rules(page) -> list[Rule]:
    """The borders of a page (LibreOffice draws each as a thin filled path)."""
    rules = []
    for obj in page.get_objects(max_depth=5):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if min(right - left, top - bottom) < 2 and max(right - left, top - bottom) > 5:
                rules.append(Rule(left, bottom, right, top))
    return rules


def pages(pdf_path: Path) -> list[tuple[list[Run], list[Rule]]]:
    document = pdfium.PdfDocument(str(pdf_path))
    try:
        return [(page_runs(document[i], i + 1), page_rules(document[i])) for i in range(len(document))]
    finally:
        document.close()


def text_over_borders(pdf_path: Path) -> list[str]:
    """Each run of text that a border crosses: text taller than its row, or wider than its
    column, as the page prints it."""
    found = []
    for runs, rules in pages(pdf_path):
        for run in runs:
            for rule in rules:
                if rule.horizontal:
                    middle = (rule.top + rule.bottom) / 2
                    crosses = (run.bottom + INSET < middle < run.top - INSET
                               and rule.left < run.right - INSET and run.left + INSET < rule.right)
                else:
                    middle = (rule.left + rule.right) / 2
                    crosses = (run.left + INSET < middle < run.right - INSET
                               and rule.bottom < run.top - INSET and run.bottom + INSET < rule.top)
                if crosses:
                    found.append(f"第 {run.page} 页“{run.text[:20]}”越过表格线（y={run.baseline:.0f}）")
                    break
    return found


def row_fill(pdf_path: Path, *, lines: int = 3) -> list[float]:
    """For each printed row whose tallest cell holds at least `lines` lines of text, the share
    of the row's height that text fills (the row between two horizontal borders that cross
    the whole table)."""
    shares = []
    for runs, rules in pages(pdf_path):
        across = [r for r in rules if r.horizontal]
        if not across:
            continue
        width = max(r.right - r.left for r in across)
        edges = sorted({round((r.top + r.bottom) / 2, 1) for r in across if r.right - r.left > 0.95 * width})
        for low, high in zip(edges, edges[1:]):
            inside = [r for r in runs if low < r.baseline < high]
            columns: dict[float, list[Run]] = {}
            for run in inside:
                columns.setdefault(round(run.left), []).append(run)
            tallest = max(columns.values(), key=len, default=[])
            if len(tallest) >= lines:
                shares.append((max(r.top for r in tallest) - min(r.bottom for r in tallest)) / (high - low))
    return shares
