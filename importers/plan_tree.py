"""The outline of a plan's body (sections, domains, measures) and its unit clauses.

Every numbered paragraph opens a node; the nesting follows the order in which numbering
styles appear, as in any Chinese official document. A node's units come from a clause in its
text, from label lines under it (责任单位：… 时限要求：…), from a unit list it opens with
((十七)首都综治办、市监察局。负责…) or from a unit named as a heading above a run of items.
Unit clauses after a group of measures are attached afterwards, once it is known whether
they belong to the group's heading. Notes are rules carried forward (下同, 以下…均需X落实).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from importers.plan_text import Para, at_line, first_sentence, line_of, parse_marker
from importers.unit_clauses import (
    UnitClause,
    bracket_spans,
    find_clauses,
    parse_role_line,
    read_notes,
)
from importers.unit_names import looks_like_sentence, looks_like_unit, split_units

_DEADLINE_LINE = re.compile(r"^(?:完成时限|完成時限|时限要求|时间要求|完成时间|完成期限|时间进度|进度要求"
                            r"|时间节点|时限)\s*[:：]\s*(.+)$")
# the same label written after the clause, on the item's own line: …（牵头单位：…）完成时限：…
_DEADLINE_INLINE = re.compile(r"(?:完成时限|完成時限|时限要求|时间要求|完成时间|完成期限|进度要求|时间节点)"
                              r"\s*[:：]\s*(?P<words>[^。；;（(]+)")
_CLAUSE_VERB_END = re.compile(r"(?:牵头|负责|配合|参与|协助|落实)[。.]?$")
_CLAUSE_START = re.compile(r"^[（(〔\[]\s*[\u4e00-\u9fff]{0,4}?(?:牵头|责任|参与|配合|协办|协同|主责|负责)")
_LOOKS_NUMBERED = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:\s+|[)）:：])[\u4e00-\u9fff]")
_PREFIXED = re.compile(r"^(?:市|省|区|县|州|各|国家|中国|人民|中共)")


@dataclass
class Node:
    """A numbered paragraph with the paragraphs that follow it, before its next sibling."""

    style: str
    number: str
    heading: str
    body: list[str] = field(default_factory=list)
    clauses: list[UnitClause] = field(default_factory=list)  # inline, or a 责任单位： line
    trailing: list[UnitClause] = field(default_factory=list)  # a bracketed clause on its own
    deadline_words: list[str] = field(default_factory=list)
    inherited: list[str] = field(default_factory=list)  # 以下任务均需X落实 / a unit heading
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None
    warnings: list[str] = field(default_factory=list)
    raw: str = ""  # the numbered paragraph as written
    title_end: int | None = None  # where the heading's first unit clause starts

    def own_units(self) -> bool:
        """True when a clause of this node itself names units."""
        return any(any(c.roles.values()) for c in self.clauses + self.trailing)


@dataclass
class Outline:
    """The body's nodes, and what the reader could not place."""

    roots: list[Node]
    preamble: list[str] = field(default_factory=list)  # paragraphs before the first item
    warnings: list[str] = field(default_factory=list)


class _Builder:
    """Reads paragraphs in order, keeping the rules the notes set for what follows."""

    def __init__(self, places: tuple[str, ...]):
        self.places = places
        self.outline = Outline([])
        self.stack: list[Node] = []
        self.following: list[str] = []  # 以下…均需X落实
        self.first_leads = False  # 列第一位者为牵头单位，下同
        self.subject: list[str] = []  # a unit named as a heading above its items

    def add(self, text: str, ahead: list[str]) -> None:
        marker = parse_marker(text)
        if marker:
            self._open(marker, text)
            return
        if self._unit_heading(text, ahead):
            return
        notes = read_notes(text, self.places)
        standalone_note = notes.following is not None or notes.first_leads
        found: dict[bool, list] = {}

        def clauses_for(first_leads: bool) -> list:  # a paragraph's clauses are read once
            if first_leads not in found:
                found[first_leads] = find_clauses(text, self.places, first_leads=first_leads)
            return found[first_leads]

        if notes.first_leads and (notes.carry or not clauses_for(False)):
            self.first_leads = True
        if self.stack:
            self._warn_unnumbered_item(self.stack[-1], text, clauses_for)
            self._absorb(self.stack[-1], text, first=False, clauses_for=clauses_for)
        else:
            self.outline.preamble.append(text)
            if _LOOKS_NUMBERED.match(text) and not standalone_note:
                self.outline.warnings.append(at_line(text, f"“{text[:30]}”像是编号的条目，但编号的写法无法识别，"
                                                       "未作为任务读取，请核对"))
        if notes.following is not None:
            self.following = notes.following

    def _open(self, marker, text: str) -> None:
        stack = self.stack
        while stack and stack[-1].style != marker.style and marker.style in {n.style for n in stack}:
            stack.pop()
        if stack and stack[-1].style == marker.style:
            stack.pop()
        if marker.style == "cn":
            stack.clear()
            self.subject = []
        node = Node(marker.style, marker.number, marker.rest, parent=stack[-1] if stack else None,
                    raw=text)
        (stack[-1].children if stack else self.outline.roots).append(node)
        stack.append(node)
        node.inherited = list(dict.fromkeys(self.subject + self.following))
        notes = read_notes(text, self.places)
        self._absorb(node, Para(marker.rest, line_of(text)), first=True)
        if not node.own_units():
            self._subject_units(node)
        if notes.first_leads and notes.carry:
            self.first_leads = True
        if notes.following is not None:  # a note in this item's clause: for the items after it
            self.following = notes.following

    def _warn_unnumbered_item(self, node: Node, text: str, clauses_for) -> None:
        """A paragraph with words and a clause of its own, after an item that has its own
        clause, reads like an item whose number was lost (garbled, or typed as a picture)."""
        if not node.own_units() or not text.rstrip(" 。.；;").endswith(("）", ")", "〕", "]")):
            return
        clauses = clauses_for(self.first_leads)
        if clauses and not clauses[-1].standalone and clauses[-1].start >= 10:
            node.warnings.append(at_line(text, f"“{text[:20]}…”带有自己的单位说明，但没有可识别的编号，"
                                           f"已并入“{node.number}{first_sentence(node.heading)[:12]}”，请核对"))

    def _unit_heading(self, text: str, ahead: list[str]) -> bool:
        """市建设局 on a line of its own, above numbered items: the unit of those items."""
        if len(text) > 24 or text.endswith(tuple("。；;，,：:")) or not any(parse_marker(a) for a in ahead):
            return False
        names, doubts = split_units(text, self.places)
        if not names or doubts or not all(looks_like_unit(n) for n in names):
            return False
        self.subject = names
        while self.stack and self.stack[-1].style != "cn":
            self.stack.pop()
        return True

    def _subject_units(self, node: Node) -> None:
        """(十七)首都综治办、市委督查室、市监察局。负责…: units as the item's subject."""
        title = first_sentence(node.heading)
        if title == node.heading.strip().rstrip("。") or len(title) > 60:
            return
        names, doubts = split_units(title, self.places)
        if (names and not doubts and all(looks_like_unit(n) and not looks_like_sentence(n) for n in names)
                and any(_PREFIXED.match(n) or (self.places and n.startswith(self.places)) for n in names)):
            node.clauses.append(UnitClause({"lead": [], "participating": [], "responsible": names},
                                           title, standalone=False))

    def _absorb(self, node: Node, text: str, *, first: bool, clauses_for=None) -> None:
        """Add one paragraph to a node: a deadline line, a unit clause, or text
        (`clauses_for(first_leads)` gives its clauses when they were read already)."""
        if not first:
            deadline = _DEADLINE_LINE.match(text)
            if deadline:
                node.deadline_words.append(deadline.group(1).strip())
                node.body.append(text)
                return
            line_clause = parse_role_line(text, self.places, first_leads=self.first_leads)
            if line_clause:
                node.clauses.append(line_clause)
                node.warnings += [at_line(text, w) for w in line_clause.warnings]
                node.body.append(text)
                return
            node.body.append(text)
        clauses = (clauses_for(self.first_leads) if clauses_for
                   else find_clauses(text, self.places, first_leads=self.first_leads))
        for clause in clauses:
            node.warnings += [at_line(text, w) for w in clause.warnings]
            if clause.deadline_text:
                node.deadline_words.append(clause.deadline_text)
            if clause.standalone and not first:
                node.trailing.append(clause)
            else:
                node.clauses.append(clause)
        if first and clauses:
            node.title_end = clauses[0].start
        node.deadline_words += _inline_deadlines(text, clauses)
        node.warnings += _split_sentences(text, clauses)
        failed = _failed_clause(text, clauses)
        if failed:
            node.warnings.append(at_line(text, f"无法识别的单位说明：“{failed}”，请在预览中补充单位"))


def _inline_deadlines(text: str, clauses: list[UnitClause]) -> list[str]:
    """完成时限：… written on the item's line after its clause (outside every bracket)."""
    masked = text
    for start, end in bracket_spans(text):
        masked = masked[:start] + " " * (end - start) + masked[end:]
    if _DEADLINE_LINE.match(masked.strip()):
        return []  # a line of its own: read as such by the caller
    return [m.group("words").strip(" ，,") for m in _DEADLINE_INLINE.finditer(masked)
            if m.group("words").strip(" ，,")]


def _split_sentences(text: str, clauses: list[UnitClause]) -> list[str]:
    """Two clauses in one paragraph, each after its own sentence (…。（责任单位：A）…。（责任单位：B））:
    their units are merged on one task; say so, the office may split it."""
    inner = [c for c in clauses if not c.standalone]
    for one, other in pairwise(inner):
        between = text[one.end:other.start].strip(" 。.；;，,")
        if len(between) >= 4 and one.roles != other.roles:
            names = "；".join("、".join(n for v in c.roles.values() for n in v) for c in inner)
            return [at_line(text, f"本条有{len(inner)}处单位说明，分属不同的句子（{names}），已合为本任务的单位，"
                              "如应分别办理，导入后在“方案与任务”页为本任务新增下级任务，分别填写单位")]
    return []




def _failed_clause(text: str, clauses: list[UnitClause]) -> str | None:
    """A bracket that reads like a unit clause (（牵头单位：…）) but gave no units."""
    read = {(c.start, c.end) for c in clauses}
    for start, end in bracket_spans(text):
        span = text[start:end]
        if (start, end) in read or len(span) >= 200:
            continue
        if _CLAUSE_START.match(span) and ("单位" in span or "部门" in span or "牵头" in span):
            return span
        if end >= len(text.rstrip(" 。.；;")) and "、" in span and _CLAUSE_VERB_END.search(span[1:-1]):
            return span  # （市民政局、某某等负责）: a list of units the reader could not read
    return None


def build_outline(paragraphs: list[str], places: tuple[str, ...]) -> Outline:
    """The top-level nodes of the body, each with its subtree."""
    builder = _Builder(places)
    for at, text in enumerate(paragraphs):
        builder.add(text, paragraphs[at + 1:at + 3])
    return builder.outline


def attach_trailing_clauses(nodes: list[Node]) -> None:
    """A bracketed clause standing after the last of a group of measures, none of which has
    its own clause, belongs to the group's heading (seed 002); any other belongs to the
    measure it follows."""
    for node in nodes:
        attach_trailing_clauses(node.children)
    for node in nodes:
        parent = node.parent
        if not node.trailing or parent is None:
            continue
        siblings = parent.children
        is_last = siblings[-1] is node
        others_silent = not any(s.clauses or (s.trailing and s is not node) for s in siblings)
        if is_last and others_silent and not node.children and not node.clauses:
            parent.clauses += node.trailing
            moved = [c.deadline_text for c in node.trailing if c.deadline_text]
            parent.deadline_words += moved
            node.deadline_words = [w for w in node.deadline_words if w not in moved]
            parent.body += [c.text for c in node.trailing]
            node.body = [b for b in node.body if b not in {c.text for c in node.trailing}]
            node.trailing = []
