"""Text measures for the 公文 engine: how wide a piece of text is and how many lines a
paragraph takes, estimated as Word and LibreOffice break Chinese text.

The estimates never decide where a page ends (the programs do that, see gongwen.py); they
shape title lines, centre a 署名 over its date, size the 版记 box, and tell how much of the
body must stay with the 落款. CJK characters and full-width marks count one character.
"""

from __future__ import annotations

import re
import unicodedata

from exporters import styles as S
from exporters.styles import CHARS_PER_LINE
from models.cycle import date_label

TEXT_WIDTH_PT = round(S.TEXT_WIDTH.pt, 1)  # the 版心's 156 mm


_LATIN = {**{c: 0.25 for c in ",.;:!'| "}, **{c: 0.333 for c in "()[]-/"},
          **{c: 0.5 for c in "0123456789"}}


def _width(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F", "A"):
        return 1.0
    if ch in _LATIN:
        return _LATIN[ch]
    return 0.68 if ch.isupper() else 0.47  # Times New Roman, in 三号 characters


def char_width(text: str) -> float:
    """Width of `text` in body characters (一字 = 1; Latin as Times New Roman sets it)."""
    return sum(_width(ch) for ch in text)


SAFETY = 0.0  # characters per line held back from the estimate
AUTOSPACE = 0.25  # Word and LibreOffice put a quarter space between Chinese and Latin/digits


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _autospaced(a: str, b: str) -> bool:
    latin = lambda c: c.isascii() and c.isalnum()  # noqa: E731
    return (_is_cjk(a) and latin(b)) or (latin(a) and _is_cjk(b))


def text_width(text: str) -> float:
    """Width of a line of text in body characters, with the Chinese–Latin spacing."""
    return char_width(text) + AUTOSPACE * sum(_autospaced(a, b) for a, b in zip(text, text[1:]))


NO_LINE_START = set("，。、；：？！）》」』”’…—%％,.;:?!)]")
HANGING = set("，。、,.")  # may stand past the right edge instead of wrapping
NO_LINE_END = set("（《「『“‘([")


_LATIN_RUN = re.compile(r"[A-Za-z0-9@#$&*_+=/.:%'\"-]+?(?:-|$|(?=[^A-Za-z0-9@#$&*_+=/.:%'\"-]))")


def _tokens(text: str) -> list[str]:
    """Characters, except that a run of Latin letters and digits stays whole (a line breaks
    only after its hyphens), as in 0357-2669524 or APP."""
    tokens, at = [], 0
    while at < len(text):
        m = _LATIN_RUN.match(text, at) if text[at].isascii() and not text[at].isspace() else None
        if m and m.end() > at:
            tokens.append(m.group(0))
            at = m.end()
        else:
            tokens.append(text[at])
            at += 1
    return tokens


def paragraph_lines(text: str, *, indent_chars: float = 2, size_pt: float = 16,
                    width_pt: float = TEXT_WIDTH_PT) -> int:
    """Lines a paragraph takes, broken as Word and LibreOffice break Chinese text: a closing
    mark may hang past the line end, an opening mark never ends a line, a Latin word or a
    number is not split."""
    if not text:
        return 1
    per_line = CHARS_PER_LINE if size_pt == 16 and width_pt == TEXT_WIDTH_PT else width_pt / size_pt
    per_line -= SAFETY
    lines, pos, previous = 1, float(indent_chars), ""
    for token in _tokens(text):
        w = text_width(token)
        if previous and _autospaced(previous[-1], token[0]):
            w += AUTOSPACE
        if pos + w > per_line + 1e-6:
            if token in HANGING and pos + w <= per_line + 1 + 1e-6:
                pos += w  # hangs past the edge
                previous = token
                continue
            lines += 1
            # a mark that may not start a line takes the character before it along
            carried = previous in NO_LINE_END or token in NO_LINE_START
            pos = text_width(previous) if carried else 0.0
        pos += w
        previous = token
    return lines


def lower_bound_lines(text: str) -> int:
    """Lines a body paragraph takes at the least, in any font: counted as if a line held
    a character more than it does."""
    return paragraph_lines(text, width_pt=TEXT_WIDTH_PT + 16)


chinese_date = date_label  # 2020年6月28日: Arabic numerals, no zero padding (GB/T 9704 7.3.5.4)
