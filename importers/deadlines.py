"""Deadline words into dates: 2019年12月31日, 11月20日前, 10月底前, 年底前, 上半年, 长期推进;
for a plan also a month (2022年11月), a span (2022年6月—2023年6月: its end) and a year
(2022年全年). A date that does not exist (2022年2月30日) is said, never guessed.

The words are always kept beside the date; a date is given only where the words give one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from importers.plan_text import full_width_digits_to_ascii

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10, "十一": 11, "十二": 12}
_FULL = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_END = re.compile(r"(?<![\d年])(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?\s*(?:底|末)")
_YEAR_MONTH_END = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?\s*(?:底|末)")
_YEAR_END = re.compile(r"(\d{4})\s*年\s*底|(?<![\d])年\s*底")
_HALF = re.compile(r"(\d{4}年)?\s*(上|下)半年")
_QUARTER = re.compile(r"(\d{4}年)?\s*第?([一二三四1-4])季度")
_ONGOING = re.compile(r"长期推进|持续推进|长期坚持|持续开展|长期开展|常态化推进|长期有效")
_MONTHLY = re.compile(r"每月\s*(\d{1,2})\s*日")
# what only a plan's deadline means: a month is its last day, a year its 31 December
_YEAR_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?(?!\s*(?:\d|前|以前|之前|[上中下]旬|初))")
_WHOLE_YEAR = re.compile(r"(\d{4})\s*年\s*(?:全年|年内|度内?)(?!\s*前)|(?<![\d年])(?:全年|年内)")
# a span: the words after the dash (or 至) give the end; a year missing there is the start's
_SPAN = re.compile(r"(?<=[年月日底末])\s*(?:—+|–|－|-|~|～|至|到)\s*(?=\d|[一二三四五六七八九十])")
# a date written in a task's own words: …2022年底前实现…, …9月底前完成清理
_IN_TEXT = re.compile(
    r"(?:\d{4}\s*年\s*(?:底|末|\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末|份)?)"
    r"|(?<![\d年月])\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)|(?<![\d年])年底)\s*(?:前|以前|之前)")


@dataclass
class Deadline:
    """What deadline words say."""

    date: str | None
    ongoing: bool
    report_day: int | None
    needs_year: bool  # a month and day were given, but the plan has no year
    impossible: str | None = None  # the words of a date that does not exist (2月30日)


def _month(token: str) -> int:
    return int(token) if token.isdigit() else _CN_DIGITS.get(token, 0)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def month_end(year: int | None, month: int) -> str | None:
    """The last day of a month as an ISO date; None without a year or for a bad month."""
    if not year or not 1 <= month <= 12:
        return None
    return _iso(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(words: str | None, year: int | None) -> Deadline:
    """The date, ongoing flag and monthly report day that `words` give; `year` is the plan's."""
    return _parse(words, year, plan=False)


def plan_deadline(words: str | None, year: int | None) -> Deadline:
    """A plan's 完成时限: as `parse_deadline`, and also a month (2022年11月 → its last day), a
    span (its end), a whole year (2022年全年 → 12-31), and the words of a date that does not
    exist."""
    return _parse(words, year, plan=True)


def _parse(words: str | None, year: int | None, *, plan: bool) -> Deadline:
    if not words:
        return Deadline(None, False, None, False)
    text = full_width_digits_to_ascii(words)
    ongoing = bool(_ONGOING.search(text))
    monthly = _MONTHLY.search(text)
    report_day = int(monthly.group(1)) if monthly and 1 <= int(monthly.group(1)) <= 31 else None
    if report_day:
        text = _MONTHLY.sub("", text)
        ongoing = True
    if plan:
        return _plan_date(text, year, ongoing, report_day)
    found, needs_year = _first_date(text, year)
    return Deadline(found, ongoing, report_day, needs_year)


def _plan_date(text: str, year: int | None, ongoing: bool, report_day: int | None) -> Deadline:
    span = _SPAN.search(text)
    if span:  # 2022年6月—2023年6月, 2022年4月至12月: the end, with the start's year if it has none
        start_year = re.search(r"(\d{4})\s*年", text[:span.start()])
        end = text[span.end():]
        if start_year and not re.match(r"\d{4}\s*年", end):
            end = f"{start_year.group(1)}年{end}"
        text = end
    full = _FULL.search(text)
    if full and _iso(int(full.group(1)), int(full.group(2)), int(full.group(3))) is None:
        return Deadline(None, ongoing, report_day, False, impossible=full.group(0))
    found, needs_year = _first_date(text, year)
    if found is None and not needs_year:
        found = _month_or_year(text, year)
    return Deadline(found, ongoing, report_day, needs_year)


def _month_or_year(text: str, year: int | None) -> str | None:
    """2022年11月 → 2022-11-30; 2022年全年 / 2022年度 (or 全年 in a plan for 2022) → 2022-12-31."""
    m = _YEAR_MONTH.search(text)
    if m:
        return month_end(int(m.group(1)), int(m.group(2)))
    m = _WHOLE_YEAR.search(text)
    if m and (m.group(1) or year):
        return _iso(int(m.group(1) or year), 12, 31)
    return None


def deadlines_in_text(text: str) -> list[str]:
    """The deadline words written in a task's own sentences (…2022年底前实现…), in order."""
    return list(dict.fromkeys(re.sub(r"\s+", "", m.group(0))
                              for m in _IN_TEXT.finditer(full_width_digits_to_ascii(text))))


def _first_date(text: str, year: int | None) -> tuple[str | None, bool]:
    m = _FULL.search(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))), False
    m = _YEAR_MONTH_END.search(text)
    if m:
        return month_end(int(m.group(1)), int(m.group(2))), False
    candidates = [(_MONTH_DAY, lambda m, y: _iso(y, int(m.group(1)), int(m.group(2)))),
                  (_MONTH_END, lambda m, y: month_end(y, _month(m.group(1)))),
                  (_YEAR_END, lambda m, y: _iso(int(m.group(1) or y), 12, 31)),
                  (_HALF, lambda m, y: _iso(int(m.group(1)[:4]) if m.group(1) else y,
                                            6 if m.group(2) == "上" else 12,
                                            30 if m.group(2) == "上" else 31)),
                  (_QUARTER, lambda m, y: month_end(int(m.group(1)[:4]) if m.group(1) else y,
                                                     3 * _month(m.group(2)) if not m.group(2).isdigit()
                                                     else 3 * int(m.group(2))))]
    hits = [(m.start(), m, fn) for pattern, fn in candidates if (m := pattern.search(text))]
    if not hits:
        return None, False
    _, m, fn = min(hits, key=lambda h: h[0])
    explicit_year = m.group(1) if m.re in (_YEAR_END, _HALF, _QUARTER) else None
    if year is None and not explicit_year:
        return None, True
    return fn(m, year), False


def plan_year(*texts: str | None) -> int | None:
    """The year a plan is written for: its date, its 文号 or its title."""
    for text in texts:
        m = re.search(r"(20\d{2})", full_width_digits_to_ascii(text or ""))
        if m:
            return int(m.group(1))
    return None


def date_task(task, words: str | None, year: int | None) -> tuple[bool, str | None]:
    """Give a task the date, ongoing flag and report day its deadline words say. Returns
    whether the words wanted a year the plan lacks, and the doubt to tell when they name a
    day that does not exist."""
    deadline = plan_deadline(words, year)
    task.deadline, task.ongoing, task.report_day = deadline.date, deadline.ongoing, deadline.report_day
    doubt = (f"完成时限中的日期“{deadline.impossible}”不存在，没有换算成日期，请在预览中核对"
             if deadline.impossible else None)
    return deadline.needs_year, doubt


def needs_year_warning() -> str:
    """The one warning a plan without a year gets, however many deadlines lack it."""
    return "方案中没有年份：只写月日的时限（如“11月20日前”）没有换算成日期，原文已保留；请在预览中设定方案年份。"
