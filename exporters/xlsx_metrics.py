"""How much room text takes in a cell: the lines a text wraps to at a column width, and the
row height (points) that shows them whole, without the empty band a generous guess leaves.

Measured with LibreOffice and the Fandol fonts that stand in for 仿宋/黑体 (the fonts the
office's Excel and WPS use have the same one-em line): a column w characters wide holds
(w - 1) / 2 Chinese characters of 11 pt a line, twice as many digits; lines are one em apart.
Excel and WPS draw a column wider (8 px a character against LibreOffice's ~6.9), so a text
takes about an eighth fewer lines there; their line is one em rounded up to a whole pixel
(15 px, 11.25 pt for 11 pt). A row gets that line, and a few points above and below."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

LINE_EM = 1.0  # the line pitch, in ems, before rounding up to a whole pixel (0.75 pt)
PADDING = 4.0  # points above and below the text
SMALLEST = 18.0  # a row of one short line
# characters that may not start a line: a break before one moves the character before it too
_NO_START = set("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-/%]*|.", re.DOTALL)


def char_units(ch: str) -> float:
    """A character's width in Chinese characters: 1 for wide ones, half for digits and small
    letters; capitals as wide as the stand-in fonts draw them (W and M a whole character),
    where the office's 仿宋 draws every Latin letter half as wide."""
    if unicodedata.east_asian_width(ch) in "WFA" or ch in "WM":
        return 1.0
    return 0.75 if ch.isupper() else 0.5


def line_capacity(width: float, size: float = 11) -> float:
    """Chinese characters a column `width` characters wide holds on a line at `size` pt."""
    return max((width - 1) / 2 * 11 / size, 1.0)


@lru_cache(maxsize=16384)  # tables repeat their values (units, dates, kinds) row after row
def wrapped_lines(text, width: float, size: float = 11) -> int:
    """The lines `text` takes wrapped in a column `width` wide (its own line breaks kept): a
    Latin word or a number is not split unless longer than a line, and a closing mark never
    starts a line."""
    capacity = line_capacity(width, size)
    text = str(text or "")
    if len(text) <= capacity and "\n" not in text:  # no character is wider than one
        return 1
    return sum(_paragraph_lines(tokens, capacity) for tokens in _tokens(text))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[tuple[float, bool], ...], ...]:
    """Each paragraph of `text` as its breakable pieces: (width, may not start a line)."""
    return tuple(tuple((sum(char_units(c) for c in token), token[0] in _NO_START)
                       for token in _WORD.findall(part)) for part in text.split("\n"))


def _paragraph_lines(tokens, capacity: float) -> int:
    lines, used, last = 1, 0.0, 0.0
    for room, closing in tokens:
        if used + room <= capacity + 1e-9:
            used, last = used + room, room
            continue
        if room > capacity:  # a word longer than a line is cut wherever the line ends
            whole = used + room
            lines += math.ceil(whole / capacity) - 1
            used = whole - (math.ceil(whole / capacity) - 1) * capacity
        elif closing and used > 0:
            lines, used = lines + 1, last + room
        else:
            lines, used = lines + 1, room
        last = room
    return lines


def line_height(size: float = 11) -> float:
    """The distance (points) between wrapped lines of `size` pt."""
    return math.ceil(size * LINE_EM / 0.75) * 0.75


def text_height(text, width: float, size: float = 11) -> float:
    """The height (points) a cell needs to show `text` wrapped at `width`."""
    return wrapped_lines(text, width, size) * line_height(size) + 2 * PADDING


def row_height(texts, widths, *, size: float = 11) -> float:
    """Row height (points) that shows every cell's wrapped text at `size` points."""
    return max(SMALLEST, *(text_height(t, w, size) for t, w in zip(texts, widths)))


def fitted(text: str, width: float, height: float, *, tail: str = "", size: float = 11) -> str:
    """`text` and `tail`, `text` cut short (ending in …) where the whole would not fit in a
    cell `width` wide and `height` points tall."""
    room = max(1, int((height - 2 * PADDING + 0.01) // line_height(size)))
    if wrapped_lines(text + tail, width, size) <= room:
        return text + tail
    low, high = 0, len(text)  # the longest prefix that fits, by halves
    while low < high:
        middle = (low + high + 1) // 2
        if wrapped_lines(text[:middle] + "…" + tail, width, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" + tail
