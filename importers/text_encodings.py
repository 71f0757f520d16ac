"""Which code page a Chinese text file is in, when it is not UTF-8: GB18030 (GBK, GB2312) or
Big5, told apart by how much of the text is common Chinese characters, and UTF-16 written
without its byte-order mark.

Either code page decodes the other's bytes without an error, into rare characters: the
commonest 3755 simplified (GB2312 level 1) and 5401 traditional (Big5 level 1) characters are
nearly all of any real plan, and a small share of a wrongly decoded one.
"""

from __future__ import annotations

from functools import cache

_CANDIDATES = ("gb18030", "cp950")  # cp950: Windows' Big5
_ENOUGH = 0.8  # share of common characters in a text read right (a plan: above 0.95)
_READABLE = 0.5  # below this, the text is mojibake whatever it was decoded as


@cache
def _common() -> frozenset[str]:
    """The commonest characters of both scripts, from the code pages' own level-1 ranges."""
    chars = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1
        for trail in range(0xA1, 0xFF):
            chars.add(bytes([lead, trail]).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):  # Big5 level 1 (常用字)
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.add(bytes([lead, trail]).decode("cp950", errors="ignore"))
    chars.discard("")
    return frozenset(chars)


def _hanzi(text: str) -> list[str]:
    return [c for c in text[:20000] if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
            or "\U00020000" <= c <= "\U0002ffff"]


def common_share(text: str) -> float | None:
    """The share of common characters among the Chinese characters of `text` (None: too few
    to judge)."""
    hanzi = _hanzi(text)
    if len(hanzi) < 20:
        return None
    common = _common()
    return sum(c in common for c in hanzi) / len(hanzi)


def chinese(data: bytes) -> str | None:
    """The text of a GB18030 or Big5 file, whichever reads as Chinese; None when neither
    decodes."""
    best, best_share = None, -1.0
    for encoding in _CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        share = common_share(text)
        if share is None or share >= _ENOUGH:
            return text
        if share > best_share:
            best, best_share = text, share
    return best


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without its byte-order mark: every other byte of ASCII is zero."""
    if len(data) < 8 or len(data) % 2:
        return None
    sample = data[:4000]
    for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) > len(zeros) * 0.3:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def readable(text: str) -> bool:
    """False when the Chinese of a decoded text is mostly rare characters (mojibake)."""
    share = common_share(text)
    return share is None or share >= _READABLE
