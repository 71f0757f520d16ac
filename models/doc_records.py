"""Plain data each official document is written from (no SQL): filled by the ledger's
`DocDataStore`, read by the exporters."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.entries import Case
from models.records import Phase, Plan, Target, Task


@dataclass
class TaskNode:
    """A task with its units by role, its targets and its measures."""

    task: Task
    units: dict[str, list[str]]
    targets: list[Target]
    children: list["TaskNode"] = field(default_factory=list)


@dataclass
class PlanData:
    """A plan as the ledger holds it, for the 印发通知 and its attachment."""

    plan: Plan
    phases: list[Phase]
    tasks: list[TaskNode]


@dataclass
class DomainProgress:
    """A domain's progress texts for a month: (unit, status, 工作进展) per report received."""

    task: Task
    status: str
    reports: list[tuple[str, str, str]]
    totals: dict[str, float] = field(default_factory=dict)  # named numbers summed over reports


@dataclass
class BulletinData:
    """Everything the monthly 通报 says."""

    plan: Plan
    report: object  # models.ledger_cycle.MonthReport
    domains: list[DomainProgress]
    targets: list  # TargetValue
    scores: list  # cycle.UnitScore
    cases: list[tuple[Case, str]]  # case, reporting unit
    coming: list[Task]  # deadlines within the next month


@dataclass
class CaseBookData:
    """Cases in the office's chosen order, with unit names and domain labels."""

    plan: Plan | None
    cases: list[tuple[Case, str, str]]  # case, unit name, domain label


@dataclass
class SummaryData:
    """A phase (or the whole campaign) summed up for the 总结报告."""

    plan: Plan
    label: str  # 集中治理阶段 / 专项治理
    first: str  # first report month
    last: str  # last report month
    state_totals: dict[str, int]
    domains: list[DomainProgress]  # status at the last month, latest texts
    targets: list
    case_count: int
    list_count: int
    scores: list


@dataclass
class ReminderData:
    """Units to chase for a month, with what they owe."""

    plan: Plan
    period: str
    due: object  # date
    units: list  # UnitRollup with missing reports
    missing_tasks: dict[int, list[str]]  # unit id → task labels not reported
