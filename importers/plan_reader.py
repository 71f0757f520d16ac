"""Reading a whole plan: file → blocks → metadata, task tree (or breakdown table), rules.

`read_plan(path)` is the importers' entry point; it returns a `PlanDraft` and never touches
the ledger.
"""

from __future__ import annotations

import re
from pathlib import Path

from importers.deadlines import needs_year_warning, parse_deadline, plan_year
from importers.plan_meta import read_header, read_rules, region_of
from importers.plan_script import WARNING as TRADITIONAL_WARNING
from importers.plan_script import to_simplified, without_ruby
from importers.plan_source import PlanReadError, read_plan_lines
from importers.plan_structure import page_footer, plan_blocks
from importers.plan_table import TableReader, has_header
from importers.plan_text import ATTACHMENT, Para, TableRows, first_sentence, line_of, split_blocks
from importers.plan_tree import Node, attach_trailing_clauses, build_outline
from importers.targets import find_targets
from importers.unit_names import known_places
from models.plan_draft import ROLE_KEYS, PlanDraft, TaskDraft

NOT_TASK_SECTIONS = ("指导思想", "总体要求", "工作要求", "工作目标", "总体目标", "主要目标", "基本原则",
                     "工作原则", "组织领导", "保障措施", "组织保障", "工作步骤", "实施步骤", "时间安排",
                     "进度安排", "工作安排", "方法步骤", "有关要求", "附则", "其他事项", "工作机制")


def read_plan(path: str | Path) -> PlanDraft:
    """Read a plan file (.txt, .docx, or a .xlsx 任务分解表) into a draft; PlanReadError when it cannot be read."""
    path = Path(path)
    draft = parse_plan(read_plan_lines(path), source_file=path.name)
    if not draft.tasks:
        raise PlanReadError(
            f"文件“{path.name}”中没有找到可识别的任务（例如“（一）开展……专项治理”及其责任单位）。"
            "请确认这是专项治理的实施方案或任务分解表。")
    return draft


def parse_plan(lines: list[str], *, source_file: str | None = None) -> PlanDraft:
    """Parse the lines of a plan into a draft with tasks, units, deadlines and warnings."""
    lines, converted = to_simplified(without_ruby(lines))
    full_text = "\n".join(lines)
    places = known_places(full_text)
    blocks = _plain_tables_as_text(split_blocks(lines))
    draft = PlanDraft(title="", source_file=source_file)
    start = read_header(blocks, draft)
    draft.region = region_of(draft, full_text)
    year = plan_year(draft.date, draft.doc_number, draft.title)
    body = [b for b in blocks[start:] if not _is_banji(b)]
    main, appendix = _split_appendix(body)
    tables = [b for b in main if isinstance(b, TableRows)]
    paragraphs = [b for b in main if isinstance(b, str)]
    if converted:
        draft.warnings.append(TRADITIONAL_WARNING)
    if tables:
        wide_deadline = read_rules(paragraphs + appendix, draft, year)
        reader = TableReader(year, places)
        draft.tasks = reader.read(tables)
        draft.warnings += reader.warnings
        _attach_appendix(draft, appendix)
    else:
        outline = build_outline(paragraphs, places)
        attach_trailing_clauses(outline.roots)
        draft.warnings += outline.warnings
        wide_deadline = read_rules(paragraphs + appendix, draft, year, _prose(outline.roots))
        nodes = _task_nodes(outline.roots, draft)
        tasks = {id(node): _to_task(node, year, draft) for node in nodes}
        draft.tasks = [tasks[id(node)] for node in nodes]
        draft.blocks = plan_blocks(outline, tasks)
        kept_aside = page_footer(draft.blocks) + appendix
        if kept_aside:
            draft.notes = "\n".join(kept_aside)
    _finish(draft, wide_deadline, year)
    return draft


def _plain_tables_as_text(blocks: list) -> list:
    """A table without a task header (a web page's 文号 | … | 索引号 box) is read as text."""
    out = []
    for block in blocks:
        if isinstance(block, TableRows) and not any(has_header(row) for row in block.rows):
            out += [Para(" | ".join(c for c in row if c)) for row in block.rows if any(row)]
        else:
            out.append(block)
    return out


def _is_banji(block) -> bool:
    """版记 lines at the end of an issued notice (抄送：…, …印发) are not part of the plan."""
    return isinstance(block, str) and (block.startswith("抄送") or
                                       bool(re.search(r"\d+年\d+月\d+日\s*印发$", block)))


def _split_appendix(body: list) -> tuple[list, list[str]]:
    """The body before an 附件N heading that follows the tasks, and the text after it."""
    for at, block in enumerate(body):
        if at and isinstance(block, str) and (ATTACHMENT.match(block) or re.match(r"^附件\s*\d", block)):
            if any(isinstance(b, TableRows) for b in body[:at]) or at > 3:
                return body[:at], [b for b in body[at:] if isinstance(b, str)]
    return body, []


def _task_nodes(outline: list[Node], draft: PlanDraft) -> list[Node]:
    """The governance items: a prose section is not a task, its items are — unless a unit
    clause belongs to the section as a whole. Items before the first section are tasks when
    they name units; otherwise they are said to be left out."""
    if not any(n.style == "cn" for n in outline):
        return outline
    found: list[Node] = []
    for node in outline:
        if node.style != "cn":
            if _names_units(node):
                found.append(node)
            else:
                draft.warnings.append(_placed_nowhere(node))
        elif any(word in node.heading for word in NOT_TASK_SECTIONS) and not _items_name_units(node):
            continue
        elif node.own_units() or not node.children:
            if node.own_units() or node.body:
                found.append(node)
        else:
            found += node.children
    return found


def _items_name_units(section: Node) -> bool:
    """A 主要目标 section whose items carry their own unit clauses is a list of tasks."""
    return any(child.own_units() for child in section.children)


def _names_units(node: Node) -> bool:
    return node.own_units() or bool(node.inherited) or any(_names_units(c) for c in node.children)


def _placed_nowhere(node: Node) -> str:
    line = line_of(node.raw)
    where = f"第{line}行：" if line else ""
    return (f"{where}编号条目“{node.number}{first_sentence(node.heading)[:20]}”在各部分标题之前，"
            "又没有责任单位，未作为任务读取，请核对")


def _prose(outline: list[Node]) -> set[str]:
    """The paragraphs of the sections that are not tasks (指导思想, 工作要求 …)."""
    out: set[str] = set()

    def collect(node: Node) -> None:
        out.update([node.raw, *node.body])
        for child in node.children:
            collect(child)

    for node in outline:
        if node.style == "cn" and any(w in node.heading for w in NOT_TASK_SECTIONS) \
                and not _items_name_units(node):
            collect(node)
    return out


def _units_of(node: Node) -> dict[str, list[str]]:
    units: dict[str, list[str]] = {k: [] for k in ROLE_KEYS}
    for clause in node.clauses + node.trailing:
        for role, names in clause.roles.items():
            units[role] += [n for n in names if n not in units[role]]
    for name in node.inherited:
        if name not in units["responsible"] and name not in units["lead"]:
            units["responsible"].append(name)
    return units


def _to_task(node: Node, year: int | None, draft: PlanDraft) -> TaskDraft:
    text = "\n".join([node.heading, *node.body])
    words = "；".join(node.deadline_words) or None
    task = TaskDraft(number=node.number, title=first_sentence(node.heading), text=text,
                     units=_units_of(node), deadline_text=words)
    deadline = parse_deadline(words, year)
    task.deadline, task.ongoing, task.report_day = deadline.date, deadline.ongoing, deadline.report_day
    if deadline.needs_year:
        draft.warnings.append(needs_year_warning())
    task.targets = find_targets(text + ("；" + words if words else ""))
    task.warnings = list(dict.fromkeys(node.warnings))
    draft.warnings += [f"任务“{node.number}{task.title[:20]}”：{w}" for w in task.warnings]
    task.children = [_to_task(child, year, draft) for child in node.children]
    return task


def _attach_appendix(draft: PlanDraft, appendix: list[str]) -> None:
    """附件2 of a breakdown table describes the domains of a group: each item goes to the
    sub-item of the same domain as text; the rest stays as plan notes."""
    subs = {_domain_key(c.title): c for t in draft.tasks for c in t.children}
    notes = []
    for text in appendix:
        match = subs.get(_domain_key(first_sentence(re.sub(r"^\d+[.．、]\s*", "", text))))
        if match:
            match.text = match.text + "\n" + re.sub(r"^\d+[.．、]\s*", "", text)
        else:
            notes.append(text)
    draft.notes = "\n".join(notes) or None


def _domain_key(title: str) -> str:
    return re.sub(r"开展|问题|行动|领域|[“”\"、，,。\s]", "", title)


def _finish(draft: PlanDraft, wide_deadline: str | None, year: int | None) -> None:
    """Inherit units down groups, apply a plan-wide deadline, warn where something is missing."""
    wide = parse_deadline(wide_deadline, year) if wide_deadline else None
    for task in draft.tasks:
        _inherit(task, None)
    for task in draft.walk():
        if wide and task.deadline is None and not task.deadline_text:
            task.deadline, task.deadline_text = wide.date, wide_deadline
        if not task.all_units() and not task.children:
            task.warnings.append("没有找到责任单位，请在预览中补充")
            draft.warnings.append(f"任务“{task.number}{task.title[:20]}”没有找到责任单位，请在预览中补充")
    if not draft.issuer:
        draft.warnings.append("没有识别到发文机关，请在预览中填写")
    if not draft.date:
        draft.warnings.append("没有识别到成文日期，请在预览中填写")
    draft.warnings = list(dict.fromkeys(draft.warnings))
    for task in draft.walk():
        task.mark_as_read()


def _inherit(task: TaskDraft, units: dict[str, list[str]] | None) -> None:
    if not task.all_units() and units:
        task.units = {k: list(v) for k, v in units.items()}
    for child in task.children:
        _inherit(child, task.units if task.all_units() else units)


def set_plan_year(draft: PlanDraft, year: int) -> None:
    """Date the month-day deadlines of a plan that gives no year, once the office sets it."""
    for task in draft.walk():
        if task.deadline is None and task.deadline_text:
            task.deadline = parse_deadline(task.deadline_text, year).date
    draft.warnings = [w for w in draft.warnings if w != needs_year_warning()]


__all__ = ["read_plan", "parse_plan", "set_plan_year", "PlanReadError"]
