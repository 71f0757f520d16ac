"""Word's automatic numbering (numbering.xml) turned into the markers a reader sees on paper.

Counters run per abstract definition, as Word runs them: two w:num instances of one
w:abstractNum continue each other, and an instance with w:startOverride restarts the levels
it overrides where it is first used. A level restarts after any higher level unless its
w:lvlRestart says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9
_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _val(element, tag: str, default=None):
    child = element.find(W + tag) if element is not None else None
    return default if child is None else child.get(W + "val", default)


@dataclass
class Level:
    """One level of a list: where it starts, how its number is written, when it restarts."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # w:isLgl: every number in the marker as a decimal
    suffix: str = "tab"  # w:suff: what separates the marker from the text (tab, space, nothing)

    @classmethod
    def parse(cls, lvl) -> "Level":
        level = cls()
        start = _val(lvl, "start")
        level.start = int(start) if start and start.lstrip("-").isdigit() else 0
        level.fmt = _val(lvl, "numFmt", "decimal")
        level.text = _val(lvl, "lvlText", "") or ""
        restart = _val(lvl, "lvlRestart")
        level.restart = int(restart) if restart and restart.isdigit() else None
        level.legal = lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl", "1") not in ("0", "false")
        level.suffix = _val(lvl, "suff", "tab") or "tab"
        if lvl.find(W + "lvlPicBulletId") is not None:
            level.fmt = "bullet"
        return level


@dataclass
class ListInstance:
    """One use of a list definition (w:num, or an LFO in a .doc), with its overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride by level
    levels: dict[int, Level] = field(default_factory=dict)  # whole levels overridden


class Numbering:
    """The numbering of one document; `marker(numId, ilvl)` advances it like Word does."""

    def __init__(self, numbering_root=None, styles_root=None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.style_links: dict[str, str] = {}  # abstractNumId → numbering style it follows
        self.instances: dict[str, ListInstance] = {}
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → numId, ilvl, basedOn
        self.default_style: str | None = None
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()
        if numbering_root is not None:
            self._read_numbering(numbering_root)
        if styles_root is not None:
            self._read_styles(styles_root)

    def _read_numbering(self, root) -> None:
        for abstract in root.iter(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId")
            self.abstracts[key] = {int(lvl.get(W + "ilvl", "0")): Level.parse(lvl)
                                   for lvl in abstract.findall(W + "lvl")}
            link = _val(abstract, "numStyleLink")
            if link:
                self.style_links[key] = link
        for num in root.iter(W + "num"):
            instance = ListInstance(_val(num, "abstractNumId", ""))
            for override in num.findall(W + "lvlOverride"):
                ilvl = int(override.get(W + "ilvl", "0"))
                start = _val(override, "startOverride")
                if start and start.lstrip("-").isdigit():
                    instance.starts[ilvl] = int(start)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    instance.levels[ilvl] = Level.parse(lvl)
            self.instances[num.get(W + "numId")] = instance

    def _read_styles(self, root) -> None:
        for style in root.iter(W + "style"):
            if style.get(W + "type") != "paragraph":
                continue
            key = style.get(W + "styleId")
            num_pr = style.find(f"{W}pPr/{W}numPr")
            num_id = _val(num_pr, "numId")
            ilvl = _val(num_pr, "ilvl")
            self.styles[key] = (num_id, ilvl, _val(style, "basedOn"))
            if style.get(W + "default") in ("1", "true", "on"):
                self.default_style = key

    def paragraph_numbering(self, p) -> tuple[str, int] | None:
        """The (numId, level) a paragraph is numbered with, directly or through its style."""
        p_pr = p.find(W + "pPr")
        num_pr = p_pr.find(W + "numPr") if p_pr is not None else None
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        style = _val(p_pr, "pStyle") or self.default_style
        hops = 0
        while (num_id is None or ilvl is None) and style in self.styles and hops < 20:
            style_num, style_lvl, style = self.styles[style]
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_lvl
            hops += 1
        if num_id in (None, "0") or num_id not in self.instances:
            return None
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        return num_id, min(level, LEVELS - 1)

    def _abstract_of(self, num_id: str) -> str:
        """The abstract definition behind an instance, through a numbering style link."""
        abstract = self.instances[num_id].abstract
        for _ in range(5):
            link = self.style_links.get(abstract)
            linked = self.styles.get(link, (None,))[0] if link else None
            if not linked or linked not in self.instances:
                break
            abstract = self.instances[linked].abstract
        return abstract

    def _level(self, num_id: str, abstract: str, ilvl: int) -> Level:
        instance = self.instances[num_id]
        return instance.levels.get(ilvl) or self.abstracts.get(abstract, {}).get(ilvl) or Level(fmt="none")

    def marker(self, num_id: str, ilvl: int) -> str:
        """The marker of the next paragraph numbered (numId, ilvl), e.g. "（三）"; counts it."""
        instance = self.instances[num_id]
        abstract = self._abstract_of(num_id)
        counters = self.counters.setdefault(abstract, [None] * LEVELS)
        if num_id not in self.seen:
            self.seen.add(num_id)
            for overridden in instance.starts:
                # restarts where the instance is first used; a level above the paragraph's
                # keeps its count (Word shows 2.99 after 2.3 when level 2 starts over at 99)
                if overridden >= ilvl or counters[overridden] is None:
                    counters[overridden] = None
        level = self._level(num_id, abstract, ilvl)
        counters[ilvl] = self._start(instance, abstract, num_id, ilvl) if counters[ilvl] is None \
            else counters[ilvl] + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = self._level(num_id, abstract, deeper).restart
            if restart is None or (restart and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""  # a bullet carries no number; its glyph is often a symbol-font code
        # a tab or space after the number, as on paper: "1. 2020年…" stays a numbered item
        return self._render(level, num_id, abstract, counters) + ("" if level.suffix == "nothing" else " ")

    def _start(self, instance: ListInstance, abstract: str, num_id: str, ilvl: int) -> int:
        if ilvl in instance.starts:
            return instance.starts[ilvl]
        return self._level(num_id, abstract, ilvl).start

    def _render(self, level: Level, num_id: str, abstract: str, counters: list) -> str:
        instance = self.instances[num_id]

        def number(match: re.Match) -> str:
            at = int(match.group(1)) - 1
            if not 0 <= at < LEVELS:
                return ""
            shown = self._level(num_id, abstract, at)
            value = counters[at] if counters[at] is not None else self._start(instance, abstract, num_id, at)
            return format_number(value, "decimal" if level.legal and shown.fmt != "none" else shown.fmt)

        return re.sub(r"%(\d)", number, level.text)


def format_number(n: int, fmt: str) -> str:
    """A counter value written in one of Word's number formats (w:numFmt)."""
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord("0") + i: 0xFF10 + i for i in range(10)})
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "ideographEnclosedCircle" and 1 <= n <= 10:
        return chr(0x3280 + n - 1)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_number(n)
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, _LEGAL_DIGITS, "拾佰仟", "零")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and n >= 1:
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac" and n >= 1:
        return _BRANCHES[(n - 1) % 12]
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    return str(n)


def chinese_number(n: int, digits: str = _CN_DIGITS, units: str = "十百千", zero: str = "零") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五, 110 → 一百一十."""
    if n < 10:
        return digits[max(n, 0)] if n >= 0 else str(n)
    if n >= 10000:
        return str(n)
    parts, gap = [], False
    places = [(1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    for value, unit in places:
        d, n = divmod(n, value)
        if d:
            if gap and parts:
                parts.append(zero)
            parts.append(digits[d] + unit)
            gap = False
        elif parts:
            gap = True
    text = "".join(parts)
    return text[1:] if text.startswith(digits[1] + units[0]) else text  # 一十一 → 十一


def roman(n: int) -> str:
    """1994 → MCMXCIV."""
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out
