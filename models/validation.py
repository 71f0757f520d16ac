"""Validation of records against their field metadata; one error type with a message per field."""

from __future__ import annotations

import re
from datetime import date

from models import fields as F
from models.identifiers import (
    id_number_problem,
    looks_like_id_number,
    normalise_code,
    uscc_problem,
)

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")
# Characters XML 1.0 cannot hold: C0 controls but tab and line breaks, U+FFFE/U+FFFF and lone
# surrogates. Every document the ledger writes is XML, so none of them may be stored.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9０-９\-－—\s()（）+转,，、/]{5,40}$")


class ValidationError(ValueError):
    """A record failed validation; `errors` maps each field name to a Chinese message."""

    def __init__(self, errors: dict[str, str], *, record: str = ""):
        self.errors = dict(errors)
        self.record = record
        joined = "；".join(errors.values())
        super().__init__(f"{record}：{joined}" if record else joined)


_DATE_WORDS = re.compile(r"^(\d{4})\s*(?:年|[./\-])\s*(\d{1,2})\s*(?:月|[./\-])\s*(\d{1,2})\s*日?$")


def normalise_date(text: str) -> str:
    """A date as people type it (2020年11月5日, 2020.11.5, 2020/11/05, 2020-11-5, full-width
    digits too) written as 2020-11-05; any other text is returned as it came, for the
    validation to name."""
    plain = normalise_code(text) if text else text  # full-width digits, spaces dropped
    found = _DATE_WORDS.match(plain or "")
    if not found:
        return text
    year, month, day = map(int, found.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def is_iso_date(value: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def strip_illegal(text: str) -> tuple[str, int]:
    """`text` without the characters XML cannot hold, and how many there were."""
    cleaned, count = XML_ILLEGAL.subn("", text)
    return cleaned, count


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _subject_code_problem(record, value: str) -> str | None:
    code = normalise_code(value)
    subject_type = getattr(record, "subject_type", None)
    if subject_type == "自然人" or (subject_type is None and looks_like_id_number(code)):
        return id_number_problem(code)
    return uscc_problem(code)


def field_problem(record, fld: F.Field, value) -> str | None:
    """The Chinese message for one field's value, or None when it is acceptable."""
    label = fld.label
    if _empty(value):
        return f"“{label}”为必填项" if fld.required else None
    kind = fld.kind
    if isinstance(value, str) and XML_ILLEGAL.search(value):
        return f"“{label}”中含有不可见的控制字符（多为从其他程序复制带入），请删除后再保存"
    if kind == F.DATE and not is_iso_date(value):
        return f"“{label}”不是有效日期：“{value}”，请写成 2020-11-30 或 2020年11月30日"
    if kind == F.PERIOD:
        m = _PERIOD.match(str(value))
        if not m or not 1 <= int(m.group(2)) <= 12:
            return f"“{label}”应为年月（如 2020-11），实际为“{value}”"
    if kind == F.CHOICE and value not in fld.choices:
        return f"“{label}”应为以下之一：{'、'.join(fld.choices)}；实际为“{value}”"
    if kind in (F.INT, F.REF) and (isinstance(value, bool) or not isinstance(value, int)):
        return f"“{label}”应为整数，实际为“{value}”"
    if kind == F.FLOAT and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return f"“{label}”应为数字，实际为“{value}”"
    if kind == F.SUBJECT_CODE:
        return _subject_code_problem(record, str(value))
    if kind == F.EMAIL and not _EMAIL.match(str(value)):
        return f"“{label}”格式不正确：“{value}”"
    if kind == F.PHONE and not _PHONE.match(str(value)):
        return f"“{label}”格式不正确：“{value}”"
    if kind == F.NUMBERS:
        return _numbers_problem(label, value)
    if kind in (F.LIST, F.STRINGS) and not all(isinstance(v, str) and v.strip() for v in value):
        return f"“{label}”中有空白或不是文字的项"
    if fld.max_length and isinstance(value, str) and len(value) > fld.max_length:
        return f"“{label}”不能超过{fld.max_length}个字，实际{len(value)}个字"
    return None


def _numbers_problem(label: str, value) -> str | None:
    if not isinstance(value, dict):
        return f"“{label}”应为“名称: 数值”的集合"
    for name, number in value.items():
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            return f"“{label}”中“{name}”应为数字，实际为“{number}”"
        if number < 0:
            return f"“{label}”中“{name}”不能为负数"
    return None


_DATE_ORDER = (("start", "end"), ("listed_on", "removed_on"))


def validate(record) -> None:
    """Check every declared field of `record`; raise ValidationError listing each problem."""
    errors: dict[str, str] = {}
    for fld in type(record).FIELDS:
        problem = field_problem(record, fld, getattr(record, fld.name))
        if problem:
            errors[fld.name] = problem
    fmap = F.field_map(type(record).FIELDS)
    for first, last in _DATE_ORDER:
        a, b = getattr(record, first, None), getattr(record, last, None)
        if a and b and first not in errors and last not in errors and b < a:
            errors[last] = f"“{fmap[last].label}”不能早于“{fmap[first].label}”"
    if getattr(record, "report_day", None) is not None and "report_day" not in errors:
        if not 1 <= record.report_day <= 31:
            errors["report_day"] = "“每月报送日”应在1到31之间"
    if errors:
        raise ValidationError(errors, record=type(record).__name__)
