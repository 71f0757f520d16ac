"""Unit lists into names: 市法院，市工商局、税务局，交通局、民政局 → 市法院, 市工商局, 市税务局,
市交通局, 市民政局.

Names are kept as written; a level prefix (市, 省, 区, 县) the list leaves out is restored from
the list itself — from the name heading the same 、 run, or else from the list's first unit
(whether the runs are parted by 、 or by ，) — and only to an agency's name: a place's own
body (黄埔区政府, 高新区管委会) or a name that stands alone (人民银行, 各县区政府) is never
prefixed. Where a prefix is doubtful the name stays as written and a warning says so.
"""

from __future__ import annotations

import re

from importers.plan_text import CLOSE, OPEN

# 联 and 协 end the short names of 联合会 and 协会 (市妇联, 市残联, 市工商联, 市科协)
UNIT_ENDINGS = tuple("局委办院部厅心行会所处室队站司府位组馆社团署关台校庭法门构联协")
_SELF_STANDING = ("市", "省", "区", "县", "州", "各", "人民", "中国", "国家", "人行", "全", "本", "中共")
_SHI_WORD = re.compile(r"^市(?:场|政(?![府协法务]))")  # 市场监管局, 市政管理处: 市 begins the word
_LEVEL_INSIDE = re.compile(r"[省市县区州]委")  # 团市委, 共青团县委: the level is in the name
# agencies named by their own place, never by the city's level: 淮川海关, 淮川银保监分局,
# and those of a province (浙江银保监局, 浙江证监局)
_OWN_PLACE = re.compile(r"(?:海关|海事局|分局|分行|支行|分公司)$|^(?:北京|天津|河北|山西|内蒙古|辽宁|吉林|黑龙江|上海"
                        r"|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏"
                        r"|陕西|甘肃|青海|宁夏|新疆)")
_TINY_PLACE = re.compile(r"^各?[县市区州旗]{1,2}$")
_PLACE_BODY = re.compile(r"[区县镇乡旗州]|街道|政府$|管委会$|党委$|党工委$|人大$|政协$")
_TRAILING = re.compile(
    r"(?:等(?:相关|有关)?(?:单位|部门)|(?:分别)?(?:按照?(?:各自)?职责(?:分工)?)?(?:具体)?(?:牵头)?负责"
    r"|(?:分别)?按照?(?:各自)?职责(?:分工)?)\s*[。.]?$")
_SENTENCE = re.compile(r"[。！？：:]|以下|不再|落实|开展|推进|加强|做好|实施|确保|要求")
# a place name after a boundary, or inside a vertical agency's name (国家税务总局淮川市税务局,
# 人民银行淮川市中心支行)
_PLACE = re.compile(r"(?:^|(?<=[\s、，,（(《“:：；;局行]))([\u4e00-\u9fff]{2,3}?)(?:省|市|县|区)(?![委长级场民直])",
                    re.MULTILINE)


def top_level_split(text: str, separators: str) -> list[str]:
    """`text` cut at `separators` that stand outside brackets, pieces stripped, empty ones dropped."""
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
    """True when a name ends the way agency names end (局, 委, 办, 中心, 政府, 单位…), or names
    a whole set of them (各部门, 各地)."""
    bare = re.sub(r"[（(][^）)]*[）)]$", "", name).strip()
    return bare.endswith(UNIT_ENDINGS) or (bare.startswith("各") and 2 <= len(bare) <= 12)


def looks_like_sentence(name: str) -> bool:
    """True when a "name" reads as a sentence: too long, or with a full stop or a verb of duty."""
    return len(name) > 24 or bool(_SENTENCE.search(name))


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
        if out and _TINY_PLACE.match(out[-1].split("、")[-1]) and not item.startswith("各"):
            out[-1] += "、" + item
        else:
            out.append(item)
    return out


def _starts_with_level(name: str) -> bool:
    """True when a name opens with its level or a word that stands alone (市公安局, 人民银行);
    市 that begins a word (市场监管局, 市政管理处) is not a level."""
    if _SHI_WORD.match(name):
        return False
    return name.startswith(_SELF_STANDING)


def _prefix_of(head: str) -> str | None:
    """The level prefix a name gives the names after it: 市 of 市工商局, none of 市委网信办
    or of 市场监管局 (市场 is one word)."""
    if head[:1] in ("市", "省", "县", "区") and head[1:2] != "委" and not _SHI_WORD.match(head):
        return head[0]
    return None


def _is_bare(name: str, places: tuple[str, ...]) -> bool:
    """An agency's name written without its level (税务局, 市场监管局), which a prefix
    completes; not one that carries its level inside (团市委) or its own place (XX海关)."""
    return (not _starts_with_level(name) and not (places and name.startswith(places))
            and not _PLACE_BODY.search(name) and not _LEVEL_INSIDE.search(name)
            and not _OWN_PLACE.search(name) and looks_like_unit(name))


def _levelled(name: str) -> bool:
    """A name that carries its level: 市公安局, 市委宣传部."""
    return bool(_prefix_of(name) or _LEVEL_INSIDE.match(name))


def _restore_run(run: list[str], prefix: str | None, head: str, warnings: list[str],
                 places: tuple[str, ...], before: str | None) -> list[str]:
    """One 、 run: its bare names get `prefix` (from the run's head or the list's first unit).
    `before`: a name earlier in the list that carries a level — a bare name after it that
    cannot be given one is doubtful."""
    bare = [i for i in run if _is_bare(i, places)]
    if not bare:
        return run
    prefixed_elsewhere = prefix is not None and any(
        i.startswith(prefix) for i in run if i not in bare and i != head)
    if prefix is None or prefixed_elsewhere:
        for at, name in enumerate(run):
            beside = next((i for i in reversed(run[:at]) if _levelled(i)), before)
            if name in bare and beside:
                warnings.append(f"单位“{name}”可能省略了前缀（同列有“{beside}”），已按原文保留，请核对")
        return run
    return [prefix + i if i in bare else i for i in run]


def restore_prefixes(runs: list[list[str]], warnings: list[str],
                     places: tuple[str, ...] = (), lead: str | None = None) -> list[str]:
    """The names of a list given as 、 runs (parted by ，/；), elided prefixes restored.
    `lead`: the first unit of the clause when this list is not its first role (配合单位：…)."""
    if not runs:
        return []
    first = lead or runs[0][0]
    before = lead if lead and _levelled(lead) else None
    names: list[str] = []
    for index, run in enumerate(runs):
        head = run[0]
        own = _prefix_of(head)
        if own is not None:
            done = _restore_run(run, own, head, warnings, places, before)
        elif index == 0 and lead is None and not _is_bare(head, places):
            done = _restore_run(run, None, head, warnings, places, before)
        else:
            # a run headed by a bare name or by one that gives no prefix (人民银行、银监局):
            # its bare names take the prefix of the list's (or the clause's) first unit
            done = _restore_run(run, _prefix_of(first), first, warnings, places, before)
        names += done
        before = next((i for i in reversed(done) if _levelled(i)), before)
    return names


def split_units(text: str, places: tuple[str, ...] = (), *,
                lead: str | None = None) -> tuple[list[str], list[str]]:
    """Unit names in a list as written (市法院，市工商局、税务局), and any doubts (Chinese).

    `places` are the place names of the plan (营口, 临汾): a name starting with one is whole.
    `lead`: the clause's first unit, when the list follows it under another role.
    """
    warnings: list[str] = []
    text = _TRAILING.sub("", text.strip().rstrip("。.；;，,")).strip()
    runs: list[list[str]] = []
    for group in top_level_split(text, "，,；;"):
        group = _TRAILING.sub("", group).strip()
        items = _join_tiny_places(top_level_split(group, "、"))
        items = [p for item in items for p in _split_conjunctions(item)]
        items = [re.sub(r"等$", "", i).strip() for i in items]
        if any(items):
            runs.append([i for i in items if i])
    names = restore_prefixes(runs, warnings, places, lead)
    for name in names:
        if looks_like_sentence(name):
            warnings.append(f"“{name}”像一句话而不是单位名称，请核对")
        elif not looks_like_unit(name):
            warnings.append(f"“{name}”不像完整的单位名称，请核对")
    return list(dict.fromkeys(names)), warnings


def known_places(text: str) -> tuple[str, ...]:
    """Place names the plan writes with 省/市/县/区 (营口市 → 营口), longest first."""
    found = {m.group(1) for m in _PLACE.finditer(text)}
    found = {p for p in found if not p.startswith(("各", "全", "本", "我", "城", "地", "辖", "两", "该"))}
    return tuple(sorted(found, key=len, reverse=True))
