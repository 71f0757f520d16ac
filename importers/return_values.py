"""Values of a returned template's cells made clean: text without the characters XML cannot
hold, numbers that are finite, plausible, whole where they count things and read with a
thousands separator only where it is one, and dates however they were typed."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import datetime

from importers.deadlines import parse_deadline
from importers.workbook_source import as_date
from importers.xlsx_stream import excel_date
from models.returns import MAX_NUMBER
from models.validation import strip_illegal

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_MEASURE_WORDS = re.compile(r"(件|个|户|家|人|起|条|次|项|元|万元|宗|批|份|处|所|名)$")


class Cleaner:
    """Counts what cleaning removed from one file, to tell the office once."""

    def __init__(self):
        self.removed = 0

    def text(self, value) -> str | None:
        """A cell as text, as the unit wrote it (a leading = + - @ stays text), without
        characters XML cannot hold; None when empty."""
        if value is None:
            return None
        if isinstance(value, datetime):
            value = value.date().isoformat()
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        text, count = strip_illegal(str(value).replace("\r\n", "\n").replace("\r", "\n"))
        self.removed += count
        return text.strip() or None


def clean(value) -> str:
    """Text compared loosely: full-width forms folded, spaces trimmed."""
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_number(value, *, whole: bool = False) -> float:
    """A number from a cell: numbers as they are; text with full-width digits, spaces, a
    measure word (１２件) or thousands separators in their places (1,234) read as the number.
    ValueError with the reason (Chinese) for anything else: not a number, not finite (1E400),
    not whole where `whole`, negative, or beyond MAX_NUMBER."""
    if isinstance(value, bool):
        raise ValueError("不是数字")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).replace(" ", "").strip()
        text = _MEASURE_WORDS.sub("", text)
        if "," in text:
            if not _GROUPED.match(text):
                raise ValueError("其中的逗号不是千位分隔符（应为 1,234 这样每三位一个），请只填一个数")
            text = text.replace(",", "")
        if not _NUMBER.match(text):
            raise ValueError("不是数字")
        number = float(text)
    if not math.isfinite(number):
        raise ValueError("不是有效的数值（无穷大或非数）")
    if number < 0:
        raise ValueError("不能为负数")
    if number > MAX_NUMBER:
        raise ValueError(f"超出合理范围（不超过 {MAX_NUMBER:,}），请核对")
    if whole and not number.is_integer():
        raise ValueError("是计数，应为整数")
    return number


def parse_date(value, period: str) -> str:
    """An ISO date from a cell: a real date, an Excel serial number, or words such as
    2020年11月30日, 2020.11.30, 2020/11/30 or 11月20日前 (the year taken from the month
    reported). ValueError otherwise."""
    day = as_date(value)
    if day:
        return day.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value) and 20000 < value < 80000:
            return excel_date(value, False).date().isoformat()
        raise ValueError(str(value))
    text = unicodedata.normalize("NFKC", str(value)).replace(" ", "")
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    found = parse_deadline(text, int(period[:4]) if period[:4].isdigit() else None).date
    if not found:
        raise ValueError(text)
    return found
