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

UNIT_ENDINGS = tuple("局委办院部厅心行会所处室队站司府位组馆社团署关台校庭法门构")
_SELF_STANDING = ("市", "省", "区", "县", "州", "各", "人民", "中国", "国家", "人行", "全", "本", "中共")
_TINY_PLACE = re.compile(r"^各?[县市区州旗]{1,2}$")
_PLACE_BODY = re.compile(r"[区县镇乡旗州]|街道|政府$|管委会$|党委$|党工委$|人大$|政协$")
_TRAILING = re.compile(
    r"(?:等(?:相关|有关)?(?:单位|部门)|(?:分别)?(?:按照?(?:各自)?职责(?:分工)?)?(?:具体)?(?:牵头)?负责"
    r"|(?:分别)?按照?(?:各自)?职责(?:分工)?)\s*[。.]?$")
_SENTENCE = re.compile(r"[。！？：:]|以下|不再|落实|开展|推进|加强|做好|实施|确保|要求")
_PLACE = re.compile(r"(?:^|(?<=[\s、，,（(《“:：；;]))([\u4e00-\u9fff]{2,3}?)(?:省|市|县|区)(?![委长级场民直])",
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


def _prefix_of(head: str) -> str | None:
    """The level prefix a name gives the names after it: 市 of 市工商局, none of 市委网信办."""
    if head[:1] in ("市", "省", "县", "区") and head[1:2] != "委":
        return head[0]
    return None


def _is_bare(name: str, places: tuple[str, ...]) -> bool:
    """An agency's name written without its level (税务局, 信息中心), which a prefix completes."""
    return (not name.startswith(_SELF_STANDING + places) and not _PLACE_BODY.search(name)
            and looks_like_unit(name))


def _restore_run(run: list[str], prefix: str | None, head: str, warnings: list[str],
                 places: tuple[str, ...]) -> list[str]:
    """One 、 run: its bare names get `prefix` (from the run's head or the list's first unit)."""
    bare = [i for i in run if _is_bare(i, places)]
    if not bare:
        return run
    prefixed_elsewhere = prefix is not None and any(
        i.startswith(prefix) for i in run if i not in bare and i != head)
    if prefix is None or prefixed_elsewhere:
        if head.startswith(("市委", "省委")) or prefixed_elsewhere:
            for name in bare:
                if len(name) <= 4:
                    warnings.append(f"单位“{name}”可能省略了前缀（同列有“{head}”），已按原文保留，请核对")
        return run
    return [prefix + i if i in bare else i for i in run]


def restore_prefixes(runs: list[list[str]], warnings: list[str],
                     places: tuple[str, ...] = ()) -> list[str]:
    """The names of a list given as 、 runs (parted by ，/；), elided prefixes restored."""
    if not runs:
        return []
    first = runs[0][0]
    names: list[str] = []
    for index, run in enumerate(runs):
        head = run[0]
        own = _prefix_of(head)
        if own is not None:
            names += _restore_run(run, own, head, warnings, places)
        elif index == 0 and not _is_bare(head, places):
            names += _restore_run(run, None, head, warnings, places)
        else:
            # a run headed by a bare name or by one that gives no prefix (人民银行、银监局):
            # its bare names take the prefix of the list's first unit
            names += _restore_run(run, _prefix_of(first), first, warnings, places)
    return names


def split_units(text: str, places: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Unit names in a list as written (市法院，市工商局、税务局), and any doubts (Chinese).

    `places` are the place names of the plan (营口, 临汾): a name starting with one is whole.
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
    names = restore_prefixes(runs, warnings, places)
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
