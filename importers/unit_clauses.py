"""Unit clauses of a plan: （牵头单位：…；参与单位：…）, 责任单位：… lines, （X牵头，Y负责）,
部门分工：X牵头，Y配合 — and the notes written inside them, which are rules, not names.

A label is read by its role word, whatever else it says (牵头责任单位 leads, 协同责任单位 and
配合部门 take part, 主责单位 and 负责部门 are responsible); half- and full-width marks alike.
Notes: 列第一位者为牵头单位 / 第一责任单位为牵头单位 (the first-listed unit leads; with 下同, in
every clause after it too), 以下…均需X落实，不再一一列出 (X joins every following task),
X、Y分别牵头 (each leads).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.plan_text import CLOSE, OPEN
from importers.unit_names import (
    known_places,
    looks_like_sentence,
    looks_like_unit,
    split_units,
    top_level_split,
)

__all__ = ["UnitClause", "ClauseNotes", "find_clauses", "parse_role_line", "parse_clause_body",
           "read_notes", "split_units", "known_places", "looks_like_unit", "role_of_label"]

_TRADITIONAL = str.maketrans("牽頭單責參與協辦負資門組", "牵头单责参与协办负资门组")
# a label: a few characters ending in 单位/部门/处室…, followed by a colon
_LABEL = re.compile(r"(?:^|(?<=[\s（(〔\[，,；;。、]))([\u4e00-\u9fff]{0,6}?(?:单位|部门|处室|科室|分工))"
                    r"\s*[:：]")
ROLE_WORDS = {"lead": ("牵头", "主办"),
              "participating": ("配合", "参与", "协办", "协同", "协助", "参加", "支持"),
              "responsible": ("责任", "负责", "主责", "承办", "实施", "落实", "具体")}
_TIME_KEY = re.compile(r"[，,；;]?\s*(?:完成时限|时限要求|时间要求|完成时间|完成期限|时间进度)\s*[:：]"
                       r"\s*(?P<words>[^；;）)]*)")
_VERB_PART = re.compile(
    r"^(.+?)(?:分别|共同|具体|会同)?(牵头负责|牵头|(?:按照?(?:各自)?职责(?:分工)?)?(?:具体)?负责"
    r"|配合|协助|参与|落实)[。.]?$")
_VERB_ROLES = {"牵头负责": "lead", "牵头": "lead", "配合": "participating", "协助": "participating",
               "参与": "participating"}
_TIMING = re.compile(r"长期|持续|常态化|\d+\s*月|年底|年内|前完成|底前")
_FIRST_LEADS = re.compile(
    r"[（(]?\s*(?:列|排|名)?(?:在)?(?:第一位?|首位)(?:者|的单位|的|责任单位|单位)?为牵头(?:单位|部门)"
    r"(?P<carry>[，,]?\s*下同)?\s*[。.]?\s*[）)]?")
_FOLLOWING = re.compile(
    r"[。；;，,]?\s*以下[^，,。；;]{0,12}?均(?:需|须|由|要|应)?(?P<units>[^。；;]+?)(?:负责)?(?:落实|实施|执行|负责)"
    r"(?:[，,]?\s*不再(?:一一|单独|逐一|逐项|重复)?(?:列出|列明|标注|注明))?\s*[。.]?")
_PREFIXED = re.compile(r"^(?:市|省|区|县|州|各|国家|中国|人民|中共)")
ROLE_KEYS_ORDER = ("lead", "responsible", "participating")


@dataclass
class UnitClause:
    """Units named by one clause, by role, with what the clause said about them."""

    roles: dict[str, list[str]]
    text: str
    deadline_text: str | None = None
    start: int = 0
    end: int = 0
    standalone: bool = False
    warnings: list[str] = field(default_factory=list)


@dataclass
class ClauseNotes:
    """The rules a paragraph's notes state."""

    first_leads: bool = False  # 列第一位者为牵头单位
    carry: bool = False  # …，下同: the rule holds for every clause after this one
    following: list[str] | None = None  # 以下…均需X落实: X, for every following task


def role_of_label(label: str) -> str | None:
    """The role a label names: 牵头责任单位 → lead, 协同责任单位 → participating, 负责部门 →
    responsible; None for a label that names no role (分工, 单位)."""
    plain = label.translate(_TRADITIONAL)
    for role in ("lead", "participating", "responsible"):
        if any(word in plain for word in ROLE_WORDS[role]):
            return role
    return None


def read_notes(text: str, places: tuple[str, ...] = ()) -> ClauseNotes:
    """The notes of a paragraph (inside a clause or standing alone)."""
    plain = text.translate(_TRADITIONAL)
    notes = ClauseNotes()
    first = _FIRST_LEADS.search(plain)
    if first:
        notes.first_leads, notes.carry = True, bool(first.group("carry"))
    following = _FOLLOWING.search(plain)
    if following:
        notes.following = split_units(following.group("units"), places)[0]
    return notes


def _strip_notes(plain: str) -> str:
    return _FOLLOWING.sub("", _FIRST_LEADS.sub("", plain)).strip()


def parse_clause_body(body: str, places: tuple[str, ...] = (), *, first_leads: bool = False,
                      bare: bool = False) -> UnitClause | None:
    """The roles a clause's inner text gives (without its brackets), or None if it is not one.

    `first_leads`: a note in force says the first-listed unit leads. `bare`: a plain list of
    units (（市发改委、市财政局）) counts as a clause of responsible units."""
    plain = body.translate(_TRADITIONAL)
    first_leads = first_leads or bool(_FIRST_LEADS.search(plain))
    plain = _strip_notes(plain).strip(" ：:，,；;")  # （第一责任单位为牵头单位：X、Y）
    time = _TIME_KEY.search(plain)
    deadline_text = time.group("words").strip(" 。") if time else None
    plain = _TIME_KEY.sub("", plain)
    roles: dict[str, list[str]] = {"lead": [], "participating": [], "responsible": []}
    warnings: list[str] = []
    keys = [k for k in _LABEL.finditer(plain) if role_of_label(k.group(1)) or "分工" in k.group(1)]
    if keys and plain[: keys[0].start()].strip(" ，,；;") == "":
        timing = _labelled(plain, keys, roles, warnings, places)
        if timing is None:
            return None
        deadline_text = deadline_text or ("；".join(timing) or None)
    elif not _unlabelled(plain, roles, warnings, places, bare):
        return None
    if not deadline_text and not keys:
        deadline_text = _timing_words(plain)
    if first_leads and roles["responsible"] and not roles["lead"]:
        roles["lead"].append(roles["responsible"].pop(0))
    if not any(roles.values()):
        return None
    return UnitClause(roles={k: list(dict.fromkeys(v)) for k, v in roles.items()}, text=body,
                      deadline_text=deadline_text, warnings=warnings)


def _labelled(plain: str, keys: list, roles: dict, warnings: list[str],
              places: tuple[str, ...]) -> list[str] | None:
    """（牵头单位：…；配合单位：…）: each label's list under its role; the deadline words written
    into a list are returned (None: a 分工 label whose parts are not units)."""
    timing: list[str] = []
    for k, match in enumerate(keys):
        end = keys[k + 1].start() if k + 1 < len(keys) else len(plain)
        part = plain[match.end():end].strip(" ，,；;")
        role = role_of_label(match.group(1))
        if role is None:  # 部门分工：X牵头，Y配合
            if not _verb_roles(part, roles, warnings, places):
                return None
            continue
        part, when = _without_timing(part)  # （责任单位：市公安局，2022年10月底前完成）
        timing += when
        names, doubts = split_units(part, places, lead=_first_unit(roles))
        roles[role] += names
        warnings += doubts
    return timing


def _first_unit(roles: dict[str, list[str]]) -> str | None:
    """The clause's first unit so far: an elided prefix in a later role is restored from it."""
    return next((n for k in ROLE_KEYS_ORDER for n in roles[k]), None)


def _without_timing(part: str) -> tuple[str, list[str]]:
    """A labelled list without the deadline words written into it: a date is never a unit."""
    pieces = top_level_split(part, "，,；;")
    timing = [p for p in pieces if _TIMING.search(p) and not looks_like_unit(p)]
    if not timing or len(timing) == len(pieces):
        return part, []
    return "，".join(p for p in pieces if p not in timing), [t.strip(" 。") for t in timing]


def _timing_words(plain: str) -> str | None:
    parts = top_level_split(plain, "，,；;")
    timing = [p for p in parts if _TIMING.search(p) and not looks_like_unit(p)]
    return "；".join(timing) if timing and len(timing) < len(parts) else None


def _unlabelled(plain: str, roles: dict, warnings: list[str], places: tuple[str, ...],
                bare: bool) -> bool:
    """（X、Y牵头，Z按职责分工负责）, or — when `bare` — （X、Y）: a list of units alone."""
    parts = top_level_split(plain, "，,；;")
    words = [p for p in parts if not (_TIMING.search(p) and not looks_like_unit(p))] or parts
    if _verb_roles("，".join(words), roles, warnings, places):
        return True
    if not bare:
        return False
    names, doubts = split_units("，".join(words), places)
    if not names or not all(_unit_like(n, places) for n in names):
        return False
    if not any(_PREFIXED.match(n) or (places and n.startswith(places)) for n in names):
        return False
    roles["responsible"] += names
    warnings += doubts
    return True


def _unit_like(name: str, places: tuple[str, ...]) -> bool:
    """A name a clause may hold: it ends like an agency, or — a short name whose ending the
    reader does not know — it opens with a level or the plan's place (the doubt is warned)."""
    if looks_like_sentence(name):
        return False
    return looks_like_unit(name) or (len(name) <= 12 and bool(
        _PREFIXED.match(name) or (places and name.startswith(places))))


def _verb_roles(plain: str, roles: dict, warnings: list[str], places: tuple[str, ...]) -> bool:
    """（X、Y牵头，Z按职责分工负责）: every part must name units and end with a role verb."""
    parts = top_level_split(plain.rstrip("。."), "，,；;")
    if not parts:
        return False
    found = []
    for part in parts:
        m = _VERB_PART.match(part)
        if not m:
            return False
        lead = found[0][1][0] if found else None  # 市公安局牵头，税务局配合: 税务局 is 市税务局
        names, doubts = split_units(m.group(1), places, lead=lead)
        if not names or not all(_unit_like(n, places) for n in names):
            return False
        found.append((_VERB_ROLES.get(m.group(2), "responsible"), names, doubts))
    for role, names, doubts in found:
        roles[role] += names
        warnings += doubts
    return True


def find_clauses(paragraph: str, places: tuple[str, ...] = (), *,
                 first_leads: bool = False) -> list[UnitClause]:
    """Every bracketed unit clause in a paragraph, with its position. A bracket holding only
    unit names counts when it closes the paragraph."""
    clauses = []
    tail = len(paragraph.rstrip(" 。.；;"))
    for start, end in bracket_spans(paragraph):
        clause = parse_clause_body(paragraph[start + 1:end - 1], places, first_leads=first_leads,
                                   bare=end >= tail)
        if clause:
            clause.start, clause.end = start, end
            clause.text = paragraph[start:end]
            clause.standalone = paragraph[:start].strip() == "" and paragraph[end:].strip(" 。") == ""
            clauses.append(clause)
    return clauses


def parse_role_line(paragraph: str, places: tuple[str, ...] = (), *,
                    first_leads: bool = False) -> UnitClause | None:
    """A line such as 责任单位：市公安局、市委网信办分别按职责分工具体负责。 or
    部门分工：省发展改革委牵头，各地、各部门配合。"""
    plain = paragraph.translate(_TRADITIONAL)
    m = _LABEL.match(plain)
    if not m or not (role_of_label(m.group(1)) or "分工" in m.group(1)):
        return None
    clause = parse_clause_body(plain, places, first_leads=first_leads)
    if clause:
        clause.text, clause.start, clause.end, clause.standalone = paragraph, 0, len(paragraph), True
    return clause


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Outermost bracket pairs as (start, end) slices, unbalanced ones ignored."""
    spans, depth, start = [], 0, 0
    for at, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = at
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, at + 1))
    return spans
