"""印发通知: the notice issuing a plan, with the plan itself as its attachment.

An imported plan is regenerated from the structure the ledger kept: its preamble, every
section with its own heading and wording (指导思想, 工作目标, 工作要求…), its phases as it
wrote them, and each task at its place — in the plan's own words and clause while the task
still says what the plan said, rewritten from the ledger (words, units, 完成时限) once the
office changed it. Tasks added in the window follow the task they come after. A plan that
came as a 任务分解表 goes out as that table and the appendix it kept. A plan typed in the
window has no such structure: its attachment says only what the ledger holds.
Importing the notice again gives the same tasks, units and deadlines.
"""

from __future__ import annotations

import re

from exporters.doc_common import (
    DocMeta,
    cn_number,
    others,
    task_sentence,
    task_words,
    unit_clause,
    without_clauses,
)
from exporters.doc_text import full_width
from exporters.gongwen import Attachment, Gongwen, Table
from models.doc_records import PlanData, TaskNode

_CLAUSE_LINE = re.compile(r"^[（(〔\[]\s*[\u4e00-\u9fff]{0,4}?(?:牵头|责任|参与|配合|协办|协同|主责)"
                          r".*[）)〕\]][。.]?$")
_KEY_LINE = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:单位|部门|时限|时间|要求|分工)\s*[:：]")


def _deadline_words(node: TaskNode) -> str | None:
    task = node.task
    words = task.deadline_text
    if not words and task.deadline:
        words = f"{int(task.deadline[:4])}年{int(task.deadline[5:7])}月{int(task.deadline[8:])}日前"
    elif words and task.deadline and re.match(r"^\d{1,2}月", words):
        words = f"{int(task.deadline[:4])}年{words}"  # the plan gave no year; the ledger has one
    if task.ongoing and "长期" not in (words or "") and "持续" not in (words or ""):
        words = f"{words}，长期推进" if words else "长期推进"
    # inside a clause a ； would end the 完成时限 part
    return words.replace("；", "，").replace(";", "，") if words else None


# ----------------------------------------------------------------- a task, as written or rewritten


def _lines_style(node: TaskNode) -> bool:
    """True when the plan put the units on lines of their own (责任单位：… / 完成时限：…)."""
    text = (node.origin or {}).get("text") or node.task.text or ""
    return any(_KEY_LINE.match(line.strip()) for line in text.split("\n")[1:])


def _clause(node: TaskNode, lines_style: bool) -> list[str]:
    """The units and 完成时限 of a task written from the ledger, inline or as lines."""
    words = _deadline_words(node)
    if not lines_style:
        clause = unit_clause(node.units, words)
        return [clause] if clause else []
    out = [f"{label}：{'、'.join(node.units[role])}" for role, label in
           (("lead", "牵头单位"), ("participating", "参与单位"), ("responsible", "责任单位"))
           if node.units.get(role)]
    return out + ([f"完成时限：{words}"] if words else [])


def _verbatim(node: TaskNode) -> list[str]:
    """The task as the plan wrote it: its number and words, its measures, then a clause that
    closed the group."""
    lines = [line for line in (node.task.text or node.task.title).split("\n") if line.strip()]
    head = node.task.number + lines[0]
    if not node.children:
        return [head, *lines[1:]]
    before = [line for line in lines[1:] if not _CLAUSE_LINE.match(line.strip())]
    after = [line for line in lines[1:] if _CLAUSE_LINE.match(line.strip())]
    return _group([head, *before], node, after)


def _group(head: list[str], node: TaskNode, clause: list[str]) -> list[str]:
    """A domain, its measures and the domain's clause. The clause closes the group unless a
    measure has a clause of its own: then it stands in the heading (…行动。（牵头单位：…）), so
    that the plan reads back with each clause on its own task."""
    measures = [task_paragraphs(child, node) for child in node.children]
    if clause and any(_has_clause(child, node) for child in node.children):
        first = head[0].rstrip("。") + "。" + "".join(clause)
        return [first, *head[1:], *(p for m in measures for p in m)]
    return [*head, *(p for m in measures for p in m), *clause]


def _has_clause(node: TaskNode, parent: TaskNode) -> bool:
    """True when a measure is written with a unit clause of its own."""
    if node.as_written():
        return without_clauses(node.task.text or "") != (node.task.text or "").replace("\n", "").strip()
    return _own_clause(node, parent)


def _own_clause(node: TaskNode, parent: TaskNode | None) -> bool:
    return parent is None or node.units != parent.units \
        or node.task.deadline_text != parent.task.deadline_text


def task_paragraphs(node: TaskNode, parent: TaskNode | None = None) -> list[str]:
    """One task (with its measures) as paragraphs of the attachment."""
    if node.as_written():
        return _verbatim(node)
    lines_style = _lines_style(node)
    if not node.children:
        clause = _clause(node, lines_style) if _own_clause(node, parent) else []
        sentence = node.task.number + task_sentence(node.task)
        if lines_style or not clause:
            return [sentence, *clause]
        return [sentence + clause[0]]
    words = [line for line in without_clauses(node.task.text or "").split("\n") if line.strip()]
    head = node.task.number + (node.task.title.rstrip("。") if not words else "".join(words))
    return _group([head], node, _clause(node, lines_style))


# ----------------------------------------------------------------- the attachment


def plan_paragraphs(data: PlanData) -> list[str]:
    """The plan in its own structure; tasks not placed by it (added in the window) follow the
    task before them in the ledger's order."""
    roots = {n.task.id: n for n in data.tasks}
    placed = {b.task_id for b in data.blocks if b.kind == "task" and b.task_id in roots}
    after: dict[int | None, list[TaskNode]] = {}
    previous = None
    for node in data.tasks:
        if node.task.id in placed:
            previous = node.task.id
        else:
            after.setdefault(previous, []).append(node)
    out: list[str] = []
    first_task = True
    for block in data.blocks:
        if block.kind != "task":
            out.append(block.number + block.text)
            continue
        if block.task_id not in roots:
            continue
        if first_task:
            out += [p for n in after.pop(None, []) for p in task_paragraphs(n)]
            first_task = False
        node = roots[block.task_id]
        out += task_paragraphs(node)
        out += [p for n in after.pop(node.task.id, []) for p in task_paragraphs(n)]
    out += [p for nodes in after.values() for n in nodes for p in task_paragraphs(n)]
    return [full_width(p) for p in out]


def task_blocks(nodes: list[TaskNode]) -> list[str]:
    """The tasks of a plan typed in the window, numbered （一）（二）…: a domain with measures
    gets its clause after the group (in its heading when a measure has units of its own); a
    measure whose units differ from its domain's gets its own."""
    blocks = []
    for i, node in enumerate(nodes, start=1):
        head = f"（{cn_number(i)}）"
        if not node.children:
            blocks.append(head + task_sentence(node.task) + unit_clause(node.units, _deadline_words(node)))
            continue
        measures = []
        for k, child in enumerate(node.children, start=1):
            own = child.units != node.units
            measures.append(f"{k}.{task_sentence(child.task)}"
                            + (unit_clause(child.units, _deadline_words(child)) if own else ""))
        clause = unit_clause(node.units, _deadline_words(node))
        if clause and any(child.units != node.units for child in node.children):
            blocks += [f"{head}{node.task.title.rstrip('。')}。{clause}", *measures]
        else:
            blocks += [head + node.task.title.rstrip("。"), *measures, *([clause] if clause else [])]
    return blocks


def rule_blocks(data: PlanData) -> list[str]:
    """What the ledger holds about the plan's course: phases, the monthly report day, the
    总结报告 date, the contact — each only when the ledger has it, nothing added."""
    plan, blocks = data.plan, []
    items = []
    phases = "；".join((p.text or p.name).rstrip("。") for p in data.phases)
    if phases:
        items.append(f"阶段安排。{phases}。")
    if plan.report_day:
        items.append(f"进展报送。各责任单位于每月{plan.report_day}日前报送进展情况。")
    if plan.summary_due_text or plan.summary_due:
        when = plan.summary_due_text or plan.summary_due
        items.append(f"总结报告。{when}，各牵头单位报送总结报告。")
    if plan.contact:
        items.append(f"联系方式。{plan.contact.rstrip('。')}。")
    for i, item in enumerate(items, start=1):
        blocks.append(f"（{cn_number(i)}）{item}")
    return blocks


# ----------------------------------------------------------------- a plan that was a table

# 序号 / 重点工作任务 (a group's name, then its items) / 牵头单位 / 责任单位 / 工作任务及时限要求,
# as a 任务分解表 lays it out; the task column is two grid columns, joined where a row has no group
BREAKDOWN_HEADER = ["序号", "重点工作任务", "", "牵头单位", "责任单位", "工作任务及时限要求"]
BREAKDOWN_WIDTHS = [10.0, 20.0, 46.0, 28.0, 26.0, 26.0]  # the 版心's 156 mm


def is_breakdown(data: PlanData) -> bool:
    """True for a plan the office imported from a 任务分解表: no text of its own kept, and its
    tasks numbered by a table's 序号 (1, 2, 3…), not as a text numbers its items."""
    return not data.blocks and bool(data.tasks) and all(n.task.number.isdigit() for n in data.tasks)


def _dated(task) -> str:
    """A task's 时限要求 in the plan's words, with the year the ledger holds where the words
    give none (11月20日前 → 2018年11月20日前): read back, the same date."""
    words = task.requirement
    if task.deadline and re.match(r"^\d{1,2}月", words):
        return f"{int(task.deadline[:4])}年{words}"
    return words


def breakdown_table(data: PlanData) -> Table:
    """The plan's 任务分解表 as a Word table: each task's words whole, a group's items under its
    name, a 时限要求 its items share written once — read back, the same tasks."""
    rows: list[list[str]] = []
    merges = [(0, 1, 0, 2)]
    for node in data.tasks:
        first = len(rows) + 1  # grid row of the task (the header is row 0)
        if not node.children:
            rows.append([node.task.number, task_words(node.task), "", "、".join(node.units["lead"]),
                         others(node), _dated(node.task)])
            merges.append((first, 1, first, 2))
            continue
        shared_from, shared = first, None
        for at, child in enumerate(node.children):
            requirement = _dated(child.task)
            same = requirement == shared
            rows.append([node.task.number if at == 0 else "", node.task.title if at == 0 else "",
                         child.task.title, "、".join(child.units["lead"]), others(child),
                         "" if same else requirement])
            if not same:
                merges += [(shared_from, 5, first + at - 1, 5)] if first + at - 1 > shared_from else []
                shared_from, shared = first + at, requirement
        last = first + len(node.children) - 1
        merges += [(first, 0, last, 0), (first, 1, last, 1)]
        merges += [(shared_from, 5, last, 5)] if last > shared_from else []
    return Table(BREAKDOWN_HEADER, rows, BREAKDOWN_WIDTHS, merges)


def _details(task) -> str:
    """What a group's item says beyond its title (the plan's appendix gave it), or ""."""
    lines = [line.strip() for line in (task.text or "").split("\n") if line.strip()]
    return "".join(lines[1:]) if len(lines) > 1 else ""


def appendix_paragraphs(data: PlanData) -> list[str]:
    """The text a 任务分解表 plan kept beside its table, as it stood: the heading lines of its
    appendix, then the items that describe the table's group items (numbered 1, 2… in the
    table's order, as the appendix numbered them), then the appendix's other items."""
    notes = [line.strip() for line in (data.plan.notes or "").split("\n") if line.strip()]
    heading = []
    while notes and not re.match(r"^\d+[.．、]", notes[0]):
        heading.append(notes.pop(0))
    items = [_details(child.task) for node in data.tasks for child in node.children]
    items = [f"{n}.{words}" for n, words in enumerate((w for w in items if w), start=1)]
    return [*heading, *items, *notes] if items or notes else heading


def notice_attachments(data: PlanData) -> list[Attachment]:
    """The plan as the notice's attachment: the plan's own text; for a plan imported from a
    任务分解表, its table — and the appendix it kept beside it as an attachment of its own
    when the plan had it so (附件1 the table, 附件2 其具体内容, as seed plans come); for a plan
    typed in the window, what the ledger holds."""
    title = data.plan.title
    if data.blocks:
        return [Attachment("附件", title, plan_paragraphs(data))]
    if is_breakdown(data):
        appendix = appendix_paragraphs(data)
        second = re.fullmatch(r"附件\s*(\d+)", appendix[0].strip()) if len(appendix) > 1 else None
        if second:
            return [Attachment("附件1", title, [breakdown_table(data)]),
                    Attachment(f"附件{second.group(1)}", appendix[1], [full_width(p) for p in appendix[2:]])]
        return [Attachment("附件", title, [breakdown_table(data), *[full_width(p) for p in appendix]])]
    rules = rule_blocks(data)
    paragraphs = ["一、重点任务", *task_blocks(data.tasks), *(["二、工作安排", *rules] if rules else [])]
    return [Attachment("附件", title, [full_width(p) for p in paragraphs])]


def notice_content(data: PlanData, meta: DocMeta) -> Gongwen:
    """The 印发通知 with the plan as its attachment."""
    plan = data.plan
    body = [f"现将《{plan.title}》印发给你们，请结合实际，认真抓好贯彻落实。"]
    return meta.gongwen(f"关于印发《{plan.title}》的通知", body, notice_attachments(data), plan.recipients)
