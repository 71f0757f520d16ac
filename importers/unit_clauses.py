"""Unit clauses of a plan: （牵头单位：…；参与单位：…）, 责任单位：… lines, （X牵头，Y负责）.

Splits the lists into unit names as written, restoring a prefix a list leaves out
(市工商局、税务局 → 市税务局) only where the list is written that way, and says what is doubtful.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.plan_text import CLOSE, OPEN

_TRADITIONAL = str.maketrans("牽頭單責參與協辦負資門組", "牵头单责参与协办负资门组")
ROLE_WORDS = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead",
    "责任单位": "responsible", "责任部门": "responsible",
    "参与单位": "participating", "配合单位": "participating", "协办单位": "participating",
    "协同单位": "participating", "参与部门": "participating", "配合部门": "participating",
}  # fmt: skip
_ROLE_KEY = re.compile(r"(" + "|".join(ROLE_WORDS) + r")\s*[:：]")
_TIME_KEY = re.compile(r"[，,；;]?\s*(?:完成时限|时限要求|时间要求|完成时间)\s*[:：]\s*(?P<words>[^；;）)]*)")
_TRAILING = re.compile(
    r"(?:等(?:相关|有关)?(?:单位|部门)|(?:分别)?(?:按照?(?:各自)?职责(?:分工)?)?(?:具体)?(?:牵头)?负责"
    r"|(?:分别)?按照?(?:各自)?职责(?:分工)?)\s*[。.]?$")
_VERB_PART = re.compile(
    r"^(.+?)(牵头负责|牵头|(?:分别)?(?:按照?(?:各自)?职责(?:分工)?)?(?:具体)?负责|配合|协助|参与)[。.]?$")
_VERB_ROLES = {"牵头负责": "lead", "牵头": "lead", "配合": "participating", "协助": "participating",
               "参与": "participating"}
_TIMING = re.compile(r"长期|持续|常态化|\d+\s*月|年底|年内|前完成|底前")
_FIRST_IS_LEAD = re.compile(r"[，,；;]?\s*第一(?:责任)?单位为牵头单位[。.]?")
UNIT_ENDINGS = tuple("局委办院部厅心行会所处室队站司府位组馆社团署关台校庭法")
_SELF_STANDING = ("市", "省", "区", "县", "州", "各", "人民", "中国", "国家", "人行", "全", "本", "中共")
_TINY_PLACE = re.compile(r"^各?[县市区州旗]{1,2}$")


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


def _top_level_split(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def looks_like_unit(name: str) -> bool:
    """True when a name ends the way agency names end (局, 委, 办, 中心, 政府, 单位…)."""
    bare = re.sub(r"[（(][^）)]*[）)]$", "", name).strip()
    return bare.endswith(UNIT_ENDINGS)


def _split_conjunctions(item: str) -> list[str]:
    for word in ("和", "及", "以及"):
        left, sep, right = item.partition(word)
        if sep and looks_like_unit(left) and looks_like_unit(right) and len(right) >= 2:
            return [left, *_split_conjunctions(right)]
    return [item]


def _join_tiny_places(items: list[str]) -> list[str]:
    """各县、市、区文明办 is one name: rejoin the pieces the 、 cut off."""
    out: list[str] = []
    for item in items:
        if out and _TINY_PLACE.match(out[-1].split("、")[-1]):
            out[-1] += "、" + item
        else:
            out.append(item)
    return out


def _prefix_of(head: str) -> str | None:
    if head[:1] in ("市", "省", "县", "区") and head[1:2] != "委":
        return head[0]
    return None


def _restore_prefix(items: list[str], warnings: list[str], places: tuple[str, ...]) -> list[str]:
    """市工商局、税务局 → 市工商局、市税务局, when the whole list leaves the prefix out."""
    if len(items) < 2:
        return items
    head, rest = items[0], items[1:]
    bare = [i for i in rest if not i.startswith(_SELF_STANDING + places)]
    if not bare:
        return items
    prefix = _prefix_of(head)
    prefixed_elsewhere = any(i.startswith(head[:1]) for i in rest) if head else False
    if prefix is None or prefixed_elsewhere:
        if head.startswith(("市委", "省委")) or prefixed_elsewhere:
            for name in bare:
                if len(name) <= 4 and looks_like_unit(name):
                    warnings.append(f"单位“{name}”可能省略了前缀（同列有“{head}”），已按原文保留，请核对")
        return items
    return [head] + [prefix + i if i in bare else i for i in rest]


def split_units(text: str, places: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Unit names in a list as written (市法院，市工商局、税务局), and any doubts (Chinese).

    `places` are the place names of the plan (营口, 临汾): a name starting with one is whole.
    """
    warnings: list[str] = []
    text = _TRAILING.sub("", text.strip().rstrip("。.；;，,")).strip()
    names: list[str] = []
    for group in _top_level_split(text, "，,；;"):
        group = _TRAILING.sub("", group).strip()
        items = [i.strip() for i in _top_level_split(group, "、") if i.strip()]
        items = _join_tiny_places(items)
        items = [p for item in items for p in _split_conjunctions(item)]
        items = [re.sub(r"等$", "", i).strip() for i in items]
        names += _restore_prefix([i for i in items if i], warnings, places)
    for name in names:
        if not looks_like_unit(name):
            warnings.append(f"“{name}”不像完整的单位名称，请核对")
    return list(dict.fromkeys(names)), warnings


def parse_clause_body(body: str, places: tuple[str, ...] = ()) -> UnitClause | None:
    """The roles a clause's inner text gives (without its brackets), or None if it is not one."""
    plain = body.translate(_TRADITIONAL)
    first_is_lead = bool(_FIRST_IS_LEAD.search(plain))
    plain = _FIRST_IS_LEAD.sub("", plain)
    time = _TIME_KEY.search(plain)
    deadline_text = time.group("words").strip(" 。") if time else None
    plain = _TIME_KEY.sub("", plain)
    roles: dict[str, list[str]] = {"lead": [], "participating": [], "responsible": []}
    warnings: list[str] = []
    keys = list(_ROLE_KEY.finditer(plain))
    if keys and plain[: keys[0].start()].strip(" ，,；;") == "":
        for k, match in enumerate(keys):
            end = keys[k + 1].start() if k + 1 < len(keys) else len(plain)
            names, doubts = split_units(plain[match.end():end], places)
            roles[ROLE_WORDS[match.group(1)]] += names
            warnings += doubts
    else:
        parts = _top_level_split(plain, "，,；;")
        timing = [p for p in parts if _TIMING.search(p) and not looks_like_unit(p)]
        if not timing or len(timing) == len(parts):
            timing = []
        if not _verb_roles("，".join(p for p in parts if p not in timing), roles, warnings, places):
            return None
        if timing and not deadline_text:
            deadline_text = "；".join(timing)
    if first_is_lead and roles["responsible"] and not roles["lead"]:
        roles["lead"].append(roles["responsible"].pop(0))
    if not any(roles.values()):
        return None
    return UnitClause(roles={k: list(dict.fromkeys(v)) for k, v in roles.items()}, text=body,
                      deadline_text=deadline_text, warnings=warnings)


def _verb_roles(plain: str, roles: dict, warnings: list[str], places: tuple[str, ...]) -> bool:
    """（X、Y牵头，Z按职责分工负责）: every part must name units and end with a role verb."""
    parts = _top_level_split(plain, "，,；;")
    if not parts:
        return False
    found = []
    for part in parts:
        m = _VERB_PART.match(part)
        if not m:
            return False
        names, doubts = split_units(m.group(1), places)
        if not names or not all(looks_like_unit(n) for n in names):
            return False
        found.append((_VERB_ROLES.get(m.group(2), "responsible"), names, doubts))
    for role, names, doubts in found:
        roles[role] += names
        warnings += doubts
    return True


def find_clauses(paragraph: str, places: tuple[str, ...] = ()) -> list[UnitClause]:
    """Every bracketed unit clause in a paragraph, with its position."""
    clauses = []
    for start, end in _bracket_spans(paragraph):
        clause = parse_clause_body(paragraph[start + 1:end - 1], places)
        if clause:
            clause.start, clause.end = start, end
            clause.text = paragraph[start:end]
            clause.standalone = paragraph[:start].strip() == "" and paragraph[end:].strip(" 。") == ""
            clauses.append(clause)
    return clauses


def parse_role_line(paragraph: str, places: tuple[str, ...] = ()) -> UnitClause | None:
    """A line such as 责任单位：市公安局、市委网信办分别按职责分工具体负责。"""
    plain = paragraph.translate(_TRADITIONAL)
    m = _ROLE_KEY.match(plain)
    if not m:
        return None
    clause = parse_clause_body(plain, places)
    if clause:
        clause.text, clause.start, clause.end, clause.standalone = paragraph, 0, len(paragraph), True
    return clause


def _bracket_spans(text: str) -> list[tuple[int, int]]:
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


_PLACE = re.compile(r"(?:^|(?<=[\s、，,（(《“:：；;]))([\u4e00-\u9fff]{2,3}?)(?:市|县|区)(?![委长级场民直])",
                    re.MULTILINE)


def known_places(text: str) -> tuple[str, ...]:
    """Place names the plan writes with 市/县/区 (营口市 → 营口), longest first."""
    found = {m.group(1) for m in _PLACE.finditer(text)}
    found = {p for p in found if not p.startswith(("各", "全", "本", "我", "城", "地", "辖", "两"))}
    return tuple(sorted(found, key=len, reverse=True))
