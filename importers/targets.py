"""Targets in a task's words: 专项整治率不低于80%, 比例力争超过50%, 至少形成一个…典型案例,
培训失信主体不少于500家.

A percentage that only says whom a rule hits (…超过货运车辆总数10%的) is not a target.
"""

from __future__ import annotations

import re

from importers.plan_text import full_width_digits_to_ascii
from models.plan_draft import TargetDraft

_COMPARATORS = {"不低于": ">=", "不少于": ">=", "不小于": ">=", "达到": ">=", "高于": ">",
                "超过": ">", "大于": ">", "不高于": "<=", "不超过": "<=", "低于": "<", "少于": "<"}
_RATIO = re.compile(
    r"(?P<subject>[^，,；;。：:]*?)(?:力争|要|应|须|必须)?(?P<cmp>" + "|".join(_COMPARATORS) + r")"
    r"(?P<base>[^，,；;。%％]{0,40}?的)?\s*(?P<num>\d+(?:\.\d+)?)\s*[%％](?P<after>的)?")
_COUNT = re.compile(r"至少(?:形成|报送|建立|推出|打造|培育|开展|选树)?(?P<num>[一二两三四五六七八九十\d]+)"
                    r"(?:个|项|件|起|批)(?P<subject>[^，,；;。]+)")
# a number of things: 培训失信主体不少于500家, 刊发典型案例不少于20篇 (not …超过3次的: a condition);
# found by its comparator, its subject then read back to the clause's start
_AMOUNT = re.compile(
    r"(?P<cmp>不少于|不低于|达到|超过|不超过)(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万人次|人次|家次|场次|万元|亿元|家|篇|项|件|起|次|场|期|批|人|户|所|条|份|个|部)(?!的|以上的|以下的)")
_ASPIRATION = re.compile(r"(?:力争|要|应|须|必须)$")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_LEAD_WORDS = re.compile(r"^(?:\d+月\d+日前|年底前|完成|确保|力争|各单位报送的|各牵头单位)+")


def _metric(subject: str, base: str | None) -> str:
    subject = _LEAD_WORDS.sub("", subject.strip()).strip() or "比例"
    if base:
        return f"{subject}占{base.rstrip('的')}的比例"
    return subject


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(p, 0, start) for p in "。；;\n") + 1
    rights = [i for i in (text.find(p, end) for p in "。；;\n") if i >= 0]
    return text[left:min(rights) if rights else len(text)].strip()


def find_targets(text: str) -> list[TargetDraft]:
    """The measurable goals a task's text states."""
    plain = full_width_digits_to_ascii(text or "")
    found: list[TargetDraft] = []
    # the patterns read a subject ahead of their comparator: run them only on words that can match
    ratios = _RATIO.finditer(plain) if "%" in plain or "％" in plain else ()
    for m in ratios:
        if m.group("after"):
            continue  # …超过总数10%的 (车辆): a condition, not a goal
        found.append(TargetDraft(metric=_metric(m.group("subject"), m.group("base")),
                                 comparator=_COMPARATORS[m.group("cmp")],
                                 threshold=float(m.group("num")), measure_unit="%",
                                 text=_sentence_around(plain, m.start(), m.end())))
    for m in _AMOUNT.finditer(plain) if any(w in plain for w in ("不少于", "不低于", "达到", "超过")) else ():
        left = max(plain.rfind(mark, 0, m.start()) for mark in "，,；;。：:（(\n") + 1
        subject = _LEAD_WORDS.sub("", _ASPIRATION.sub("", plain[left:m.start()].strip())).strip()
        if not subject or re.search(r"\d+年内", subject):
            continue  # …1年内违法超限运输超过3次: whom a rule hits
        found.append(TargetDraft(metric=subject, comparator=_COMPARATORS[m.group("cmp")],
                                 threshold=float(m.group("num")), measure_unit=m.group("unit"),
                                 text=_sentence_around(plain, m.start(), m.end())))
    for m in _COUNT.finditer(plain):
        raw = m.group("num")
        number = int(raw) if raw.isdigit() else _CN.get(raw, 0)
        if number:
            found.append(TargetDraft(metric=m.group("subject").strip(), comparator=">=",
                                     threshold=float(number), measure_unit="个",
                                     text=_sentence_around(plain, m.start(), m.end())))
    return found
