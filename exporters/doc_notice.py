"""印发通知: the notice issuing a plan, with the plan itself regenerated from the ledger as
its attachment, in the seeds' style — tasks with （牵头单位：…；参与单位：…） clauses and
完成时限 — so that importing the file again gives the same tasks and units."""

from __future__ import annotations

import re

from exporters.doc_common import DocMeta, cn_number, task_sentence, unit_clause
from exporters.gongwen import Attachment, Gongwen
from models.doc_records import PlanData, TaskNode


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


def task_blocks(nodes: list[TaskNode]) -> list[str]:
    """The task paragraphs: a domain with measures gets its clause after the group; a
    measure whose units differ from its domain's gets its own."""
    blocks = []
    for i, node in enumerate(nodes, start=1):
        head = f"（{cn_number(i)}）"
        if not node.children:
            blocks.append(head + task_sentence(node.task) + unit_clause(node.units, _deadline_words(node)))
            continue
        blocks.append(head + node.task.title.rstrip("。"))
        for k, child in enumerate(node.children, start=1):
            own = child.units != node.units
            blocks.append(f"{k}.{task_sentence(child.task)}"
                          + (unit_clause(child.units, _deadline_words(child)) if own else ""))
        clause = unit_clause(node.units, _deadline_words(node))
        if clause:
            blocks.append(clause)
    return blocks


def rule_blocks(data: PlanData) -> list[str]:
    """工作要求: phases, the monthly report day, the 总结报告 date, the contact."""
    plan, blocks = data.plan, []
    steps = [p.text or f"{p.name}" for p in data.phases]
    if plan.report_day:
        steps.append(f"各责任单位于每月{plan.report_day}日前报送专项治理进展情况")
    if plan.summary_due_text:
        steps.append(f"{plan.summary_due_text}，各牵头单位形成专项治理工作总结报告")
    if steps:
        blocks.append("（一）分步实施，有序推进。" + "；".join(s.rstrip("。") for s in steps) + "。")
    blocks.append(f"（{cn_number(len(blocks) + 1)}）加强组织实施。各单位要高度重视，明确专人负责，"
                  "按照本方案要求抓好各项任务落实。")
    if plan.contact:
        blocks.append(plan.contact)
    return blocks


def notice_content(data: PlanData, meta: DocMeta) -> Gongwen:
    """The 印发通知 with the plan as its attachment."""
    plan = data.plan
    body = [f"现将《{plan.title}》印发给你们，请结合实际，认真抓好贯彻落实。"]
    attachment = Attachment("附件", plan.title,
                            ["一、重点任务", *task_blocks(data.tasks), "二、工作要求", *rule_blocks(data)])
    return meta.gongwen(f"关于印发《{plan.title}》的通知", body, [attachment], plan.recipients)
