"""How many 28.95 pt grid lines a 公文 paragraph or table row takes.

Every line of the documents sits on the 22-line grid, so counting lines tells where the
last page ends — which is how the 版记 is padded down to the foot of the 版心 without a
renderer. CJK characters and full-width marks count one character, others half.
"""

from __future__ import annotations

import math
import unicodedata

from exporters.styles import CHARS_PER_LINE

TEXT_WIDTH_PT = 442.2  # 156 mm


def char_width(text: str) -> float:
    """Width of `text` in body characters (一字 = 1, a Latin letter or digit = ½)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5 for ch in text)


def paragraph_lines(text: str, *, indent_chars: float = 2, size_pt: float = 16,
                    width_pt: float = TEXT_WIDTH_PT) -> int:
    """Lines a paragraph of `size_pt` text takes with a first-line indent, at least one."""
    if not text:
        return 1
    per_line = CHARS_PER_LINE if size_pt == 16 and width_pt == TEXT_WIDTH_PT else width_pt / size_pt
    return max(1, math.ceil((char_width(text) + indent_chars) / per_line))


def cell_lines(text: str, *, width_pt: float, size_pt: float) -> int:
    """Lines a table cell's text wraps to in a column `width_pt` wide (padding taken off)."""
    usable = max(width_pt - 11, size_pt)
    total = 0
    for part in (text or "").split("\n"):
        total += max(1, math.ceil(char_width(part) * size_pt / usable))
    return total


def padding_before_banji(lines_on_last_page: int, banji_lines: int, per_page: int = 22) -> int:
    """Blank lines that bring the 版记 down so its last line is the 版心's last."""
    used = lines_on_last_page % per_page
    pad = per_page - used - banji_lines
    if used == 0 and lines_on_last_page:
        pad = per_page - banji_lines  # the text ended exactly at a page foot: 版记 on a new page
    return pad if pad >= 0 else pad + per_page
