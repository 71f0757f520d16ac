"""Check characters and masking of 统一社会信用代码 (GB 32100-2015) and 居民身份证号码 (GB 11643-1999)."""

from __future__ import annotations

import re
from datetime import date

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECKS = "10X98765432"

_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def uscc_check_char(first17: str) -> str:
    """The check character GB 32100-2015 gives for the first 17 characters of a code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def id_check_char(first17: str) -> str:
    """The check character GB 11643-1999 gives for the first 17 digits of an ID number."""
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return ID_CHECKS[total % 11]


def uscc_problem(code: str) -> str | None:
    """Why `code` is not a valid 统一社会信用代码, in Chinese; None when it is valid."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位"
    bad = [c for c in code if c not in USCC_CHARSET]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        # the expected check character is not told: changing the last one to it would let
        # a code with a mistyped middle character pass
        return "统一社会信用代码校验不通过，其中可能有一位输错，请对照原件逐位核对"
    return None


def id_number_problem(code: str) -> str | None:
    """Why `code` is not a valid 18-digit 居民身份证号码, in Chinese; None when it is valid."""
    if len(code) != 18:
        return f"身份证号码应为18位，实际为{len(code)}位"
    if not _ID_SHAPE.match(code):
        return "身份证号码前17位应为数字，最后一位为数字或 X"
    try:
        date(int(code[6:10]), int(code[10:12]), int(code[12:14]))
    except ValueError:
        return f"身份证号码中的出生日期 {code[6:14]} 不是有效日期"
    expected = id_check_char(code[:17])
    if code[17] != expected:
        return "身份证号码校验不通过，其中可能有一位输错，请对照原件逐位核对"
    return None


def looks_like_id_number(code: str) -> bool:
    """True when `code` has the shape of an ID number (17 digits, then a digit or X)."""
    return bool(_ID_SHAPE.match(code or ""))


def normalise_code(code: str) -> str:
    """Upper-case a code and drop spaces, full-width digits and letters made half-width."""
    out = []
    for ch in code or "":
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        if not ch.isspace():
            out.append(ch)
    return "".join(out).upper()


def mask_id_number(code: str) -> str:
    """Mask an ID number as first 3 + last 4 (110***********002X); other codes unchanged."""
    if not looks_like_id_number(code):
        return code
    return code[:3] + "*" * (len(code) - 7) + code[-4:]
