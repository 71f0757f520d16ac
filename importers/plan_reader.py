"""Reading a whole plan: file → blocks → metadata, task tree (or breakdown table), rules.

`read_plan(path)` is the importers' entry point; it returns a `PlanDraft` and never touches
the ledger.
"""

from __future__ import annotations

import re
from pathlib import Path

from importers.deadlines import (
    date_task,
    deadlines_in_text,
    needs_year_warning,
    plan_deadline,
    plan_year,
)
from importers.plan_meta import read_header, read_rules, region_of
from importers.plan_parts import (
    attach_appendix,
    headless_table_warning,
    is_banji,
    plain_tables_as_text,
    split_appendix,
    take_signature,
)
from importers.plan_script import WARNING as TRADITIONAL_WARNING
from importers.plan_script import to_simplified, without_ruby
from importers.plan_source import PlanReadError, read_plan_lines
from importers.plan_structure import page_footer, plan_blocks
from importers.plan_table import TableReader
from importers.plan_text import TableRows, at_line, first_sentence, split_blocks
from importers.plan_tree import Node, Outline, attach_trailing_clauses, build_outline
from importers.targets import find_targets
from importers.unit_names import known_places
from models.plan_checks import repair_draft
from models.plan_draft import ROLE_KEYS, BlockDraft, PlanDraft, TaskDraft

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
    blocks = plain_tables_as_text(split_blocks(lines))
    draft = PlanDraft(title="", source_file=source_file)
    start = read_header(blocks, draft)
    body = [b for b in blocks[start:] if not is_banji(b)]
    main, appendix = split_appendix(body)
    main = take_signature(main, draft)
    draft.region = region_of(draft, full_text)
    year = plan_year(draft.date, draft.doc_number, draft.title)
    if converted:
        draft.warnings.append(TRADITIONAL_WARNING)
    draft.warnings += [w for w in [headless_table_warning(body)] if w]
    tables = [b for b in main + appendix if isinstance(b, TableRows)]
    paragraphs = [b for b in main if isinstance(b, str)]
    appendix_text = [b for b in appendix if isinstance(b, str)]
    outline = build_outline(paragraphs, places)
    attach_trailing_clauses(outline.roots)
    if tables and not any(_names_units(node) for node in outline.roots):
        wide_deadline = read_rules(paragraphs + appendix_text, draft, year)
        draft.tasks = _table_tasks(tables, year, places, draft)
        attach_appendix(draft, appendix_text)
    else:
        draft.warnings += outline.warnings
        wide_deadline = read_rules(paragraphs + appendix_text, draft, year, _prose(outline))
        nodes = _task_nodes(outline.roots, draft)
        tasks = {id(node): _to_task(node, year, draft) for node in nodes}
        draft.tasks = [tasks[id(node)] for node in nodes]
        draft.blocks = plan_blocks(outline, tasks)
        if tables:
            _add_table_tasks(draft, tables, body, nodes, year, places)
        kept_aside = page_footer(draft.blocks) + appendix_text
        if kept_aside:
            draft.notes = "\n".join(kept_aside)
    _finish(draft, wide_deadline, year)
    return draft


def _table_tasks(tables: list[TableRows], year: int | None, places: tuple[str, ...],
                 draft: PlanDraft) -> list[TaskDraft]:
    reader = TableReader(year, places)
    tasks = reader.read(tables)
    draft.warnings += reader.warnings
    return tasks


def _add_table_tasks(draft: PlanDraft, tables: list[TableRows], body: list, nodes: list[Node],
                     year: int | None, places: tuple[str, ...]) -> None:
    """A plan with numbered tasks in prose and a 任务分工表 beside them: both are read, the
    tasks of each in the order the document gives them."""
    reader = TableReader(year, places)
    rows = reader.read(tables)
    draft.warnings += reader.warnings
    if not rows:
        draft.warnings.append("方案所附的任务表中没有读到任务（表头或各行无法识别），请核对")
        return
    at = {id(block): i for i, block in enumerate(body)}
    placed = [(at.get(id(node.raw), 0), task) for node, task in zip(nodes, draft.tasks)]
    placed += [(at.get(id(tables[reader.table_of[id(task)]]), len(body)), task) for task in rows]
    draft.tasks = [task for _, task in sorted(placed, key=lambda pair: pair[0])]
    draft.blocks += [BlockDraft("task", number=task.number, task=task) for task in rows]


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
    return at_line(node.raw, f"编号条目“{node.number}{first_sentence(node.heading)[:20]}”在各部分标题之前，"
                             "又没有责任单位，未作为任务读取，请核对")


def _prose(outline: Outline) -> set[str]:
    """The paragraphs before the first item and those of the sections that are not tasks
    (指导思想, 工作要求, 时间安排 …)."""
    out: set[str] = set(outline.preamble)

    def collect(node: Node) -> None:
        out.update([node.raw, *node.body])
        for child in node.children:
            collect(child)

    for node in outline.roots:
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
    words = "；".join(node.deadline_words) or _words_in_text(node, year)
    task = TaskDraft(number=node.number, title=_title(node), text=text, units=_units_of(node),
                     deadline_text=words or None)
    task.warnings = list(dict.fromkeys(node.warnings))
    _date_task(task, year, draft)
    task.targets = find_targets(text + ("；" + words if words else ""))
    draft.warnings += [f"任务“{node.number}{task.title[:20]}”：{w}" for w in task.warnings]
    task.children = [_to_task(child, year, draft) for child in node.children]
    return task


def _title(node: Node) -> str:
    """The item's first sentence, stopping before a unit clause that comes before its 。."""
    heading = node.heading[:node.title_end] if node.title_end else node.heading
    return first_sentence(heading).rstrip("，,；;：: ") or first_sentence(node.heading)


def _words_in_text(node: Node, year: int | None) -> str | None:
    """A deadline written in the measure's own words (…2022年底前实现…), when it has no
    完成时限 of its own: the latest of them, said when there are several."""
    own = "\n".join([node.heading, *node.body])
    for clause in node.clauses + node.trailing:
        own = own.replace(clause.text, "")
    found = deadlines_in_text(own)
    if len(found) <= 1:
        return found[0] if found else None
    dated = [(plan_deadline(w, year).date or "", w) for w in found]
    latest = max(dated)[1]
    node.warnings.append(at_line(node.raw, f"任务文字中有{len(found)}个时限（{'；'.join(found)}），"
                                        f"已取最晚的“{latest}”作为完成时限，请核对"))
    return latest


def _date_task(task: TaskDraft, year: int | None, draft: PlanDraft) -> None:
    """The date, ongoing flag and report day the deadline words give; what they do not give
    (a date that does not exist, a year that is missing) is said."""
    needs_year, doubt = date_task(task, task.deadline_text, year)
    if needs_year:
        draft.warnings.append(needs_year_warning())
    if doubt:
        task.warnings.append(doubt)
    elif task.deadline is None and not task.ongoing and re.search(r"\d{4}\s*年", task.deadline_text or ""):
        task.warnings.append(f"时限“{task.deadline_text}”没有换算成日期（原文已保留），请在预览中填写完成日期")


def _finish(draft: PlanDraft, wide_deadline: str | None, year: int | None) -> None:
    """Inherit units down groups, apply a plan-wide deadline, warn where something is missing."""
    wide = plan_deadline(wide_deadline, year) if wide_deadline else None
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
    draft.warnings += repair_draft(draft)
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
            task.deadline = plan_deadline(task.deadline_text, year).date
    draft.warnings = [w for w in draft.warnings if w != needs_year_warning()]


__all__ = ["read_plan", "parse_plan", "set_plan_year", "PlanReadError"]
