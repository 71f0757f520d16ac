"""The outline of a plan's body (sections, domains, measures) and its unit clauses.

Every numbered paragraph opens a node; the nesting follows the order in which numbering
styles appear, as in any Chinese official document. Unit clauses are attached afterwards,
once it is known whether a clause after a group of measures belongs to the group's heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importers.plan_text import parse_marker
from importers.unit_clauses import UnitClause, find_clauses, parse_role_line

_DEADLINE_LINE = re.compile(r"^(?:完成时限|完成時限|时限要求|时间要求|完成时间)\s*[:：]\s*(.+)$")
_FOLLOWING_UNITS = re.compile(r"以下(?:任务|工作|各项任务)?均需(.+?)(?:落实|负责|参与)[，,]?不再一一列出")
_CLAUSE_WORDS = re.compile(r"牵头|责任单位|参与单位|配合单位|协办单位|負責|牽頭|責任單位|负责")


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
    inherited: list[str] = field(default_factory=list)  # 以下任务均需X落实
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = None
    warnings: list[str] = field(default_factory=list)
    raw: str = ""  # the numbered paragraph as written

    def own_units(self) -> bool:
        """True when a clause of this node itself names units."""
        return any(any(c.roles.values()) for c in self.clauses + self.trailing)


def build_outline(paragraphs: list[str], places: tuple[str, ...]) -> list[Node]:
    """The top-level nodes of the body, each with its subtree."""
    roots: list[Node] = []
    stack: list[Node] = []
    following: list[str] = []
    for text in paragraphs:
        marker = parse_marker(text)
        if marker:
            while stack and stack[-1].style != marker.style and marker.style in _styles(stack):
                stack.pop()
            if stack and stack[-1].style == marker.style:
                stack.pop()
            if marker.style == "cn":
                stack.clear()
                following = []
            node = Node(marker.style, marker.number, marker.rest, parent=stack[-1] if stack else None,
                        raw=text)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
            node.inherited = list(following)
            _absorb(node, marker.rest, places, first=True)
            continue
        note = _FOLLOWING_UNITS.search(text)
        if note:
            from importers.unit_clauses import split_units

            following = split_units(note.group(1), places)[0]
        if stack:
            _absorb(stack[-1], text, places, first=False)
    return roots


def _styles(stack: list[Node]) -> set[str]:
    return {n.style for n in stack}


def _absorb(node: Node, text: str, places: tuple[str, ...], *, first: bool) -> None:
    """Add one paragraph to a node: a deadline line, a unit clause, or text."""
    if not first:
        deadline = _DEADLINE_LINE.match(text)
        if deadline:
            node.deadline_words.append(deadline.group(1).strip())
            node.body.append(text)
            return
        line_clause = parse_role_line(text, places)
        if line_clause:
            node.clauses.append(line_clause)
            node.warnings += line_clause.warnings
            node.body.append(text)
            return
        node.body.append(text)
    clauses = find_clauses(text, places)
    for clause in clauses:
        node.warnings += clause.warnings
        if clause.deadline_text:
            node.deadline_words.append(clause.deadline_text)
        if clause.standalone and not first:
            node.trailing.append(clause)
        else:
            node.clauses.append(clause)
    if not clauses and _looks_like_failed_clause(text):
        node.warnings.append(f"无法识别的单位说明：“{_failed_clause(text)}”，请在预览中补充单位")


def _looks_like_failed_clause(text: str) -> bool:
    return any(_CLAUSE_WORDS.search(text[s:e]) and ("单位" in text[s:e] or "牵头" in text[s:e])
               and len(text[s:e]) < 200 and text[s:e].count("、") >= 0
               and re.match(r"^[（(〔\[]\s*(?:牵头|责任|参与|配合|协办)", text[s:e])
               for s, e in _brackets(text))


def _failed_clause(text: str) -> str:
    for s, e in _brackets(text):
        if re.match(r"^[（(〔\[]\s*(?:牵头|责任|参与|配合|协办)", text[s:e]):
            return text[s:e]
    return text[:40]


def _brackets(text: str) -> list[tuple[int, int]]:
    from importers.unit_clauses import _bracket_spans

    return _bracket_spans(text)


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
