"""Checking a plan draft before it is saved: a bad date, phase, target or over-long field is
fixed or dropped on its own, with a warning, so that one bad field never refuses the import.

The reader runs it (the preview shows what it did); `Ledger.apply_plan` runs it again on what
the office saved from the preview, so both paths save the same.
"""

from __future__ import annotations

import math

from models.fields import field_map
from models.plan_draft import PlanDraft, TaskDraft
from models.records import COMPARATORS, Plan, Task
from models.validation import is_iso_date

_PLAN = field_map(Plan.FIELDS)
_TASK = field_map(Task.FIELDS)


def repair_draft(draft: PlanDraft) -> list[str]:
    """Fix or drop what the ledger would refuse; the warnings say what and where."""
    notes: list[str] = []
    limit = _PLAN["title"].max_length
    if len(draft.title) > limit:
        notes.append(f"方案名称超过{limit}个字，已截断，请在预览中核对")
        draft.title = draft.title[:limit]
    if draft.date and not is_iso_date(draft.date):
        notes.append(f"成文日期“{draft.date}”不是有效日期，已去掉，请在预览中填写")
        draft.date = None
    if draft.summary_due and not is_iso_date(draft.summary_due):
        notes.append(f"总结报告时限“{draft.summary_due}”不是有效日期，已去掉（原文保留）")
        draft.summary_due = None
    if draft.report_day is not None and not 1 <= draft.report_day <= 31:
        notes.append(f"每月报送日“{draft.report_day}”不在1到31之间，已去掉")
        draft.report_day = None
    notes += _repair_phases(draft)
    for task in draft.walk():
        notes += [f"任务“{task.number}{task.title[:20]}”：{w}" for w in _repair_task(task)]
    return notes


def _repair_phases(draft: PlanDraft) -> list[str]:
    notes = []
    if any(not phase.name.strip() for phase in draft.phases):
        notes.append("有阶段没有名称，已去掉（原文保留在方案中）")
        draft.phases = [phase for phase in draft.phases if phase.name.strip()]
    for phase in draft.phases:
        for name, label in (("start", "开始日期"), ("end", "结束日期")):
            value = getattr(phase, name)
            if value and not is_iso_date(value):
                notes.append(f"阶段“{phase.name}”的{label}“{value}”不是有效日期，已去掉（原文保留）")
                setattr(phase, name, None)
        if phase.start and phase.end and phase.end < phase.start:
            notes.append(f"阶段“{phase.name}”的结束日期{phase.end}早于开始日期{phase.start}，"
                         f"已去掉结束日期（原文“{phase.text}”保留），请核对")
            phase.end = None
    return notes


def _repair_task(task: TaskDraft) -> list[str]:
    notes = []
    if not task.title.strip():
        task.title = (task.text.strip().split("\n")[0][:40] or "（未命名任务）")
        notes.append("没有任务名称，已取其文字开头作为名称，请在预览中核对")
    limit = _TASK["title"].max_length
    if len(task.title) > limit:
        task.title = task.title[:limit]
        notes.append(f"任务名称超过{limit}个字，已截断（全文保留在任务内容中），请核对")
    limit = _TASK["number"].max_length
    if len(task.number) > limit:
        notes.append(f"序号“{task.number[:limit]}…”超过{limit}个字，已截断，请核对")
        task.number = task.number[:limit]
    if task.deadline and not is_iso_date(task.deadline):
        notes.append(f"完成日期“{task.deadline}”不是有效日期，已去掉（时限原文保留），请在预览中填写")
        task.deadline = None
    if task.report_day is not None and not 1 <= task.report_day <= 31:
        task.report_day = None
    kept = []
    for target in task.targets:
        if (not target.metric.strip() or target.comparator not in COMPARATORS
                or isinstance(target.threshold, bool) or not isinstance(target.threshold, (int, float))
                or not math.isfinite(target.threshold)):
            notes.append(f"目标“{target.text[:30]}”无法作为指标保存，已去掉（原文保留在任务内容中）")
            continue
        kept.append(target)
    task.targets = kept
    task.warnings += [n for n in notes if n not in task.warnings]
    return notes
