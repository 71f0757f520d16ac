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
    # as the plan wrote it when imported: {"text", "units", "deadline_text"}; None when typed
    origin: dict | None = None

    def as_written(self) -> bool:
        """True when the task still says what the imported plan said (words, units, deadline)."""
        o = self.origin
        return bool(o) and o["text"] == self.task.text and o["units"] == self.units \
            and o["deadline_text"] == self.task.deadline_text


@dataclass
class PlanBlock:
    """A piece of the plan's own structure: heading, prose, or the place of a top-level task."""

    kind: str
    number: str
    text: str
    task_id: int | None = None


@dataclass
class PlanData:
    """A plan as the ledger holds it, for the 印发通知 and its attachment."""

    plan: Plan
    phases: list[Phase]
    tasks: list[TaskNode]
    blocks: list[PlanBlock] = field(default_factory=list)  # empty for a plan typed in the window


@dataclass
class LaggingTask:
    """A task that is 滞后: why (deadline passed, units reporting 滞后) and what they said."""

    title: str
    deadline: str | None  # the (extended) deadline that passed, else None
    units: list[str]  # units whose latest status is 滞后
    problems: list[tuple[str, str]] = field(default_factory=list)  # (unit, 存在问题)


@dataclass
class DomainProgress:
    """A domain's month (or span): its tasks by status, the reports received with their
    (unit, status, 工作进展), the named numbers summed, lagging and completed tasks."""

    task: Task
    status: str
    reports: list[tuple[str, str, str]]
    totals: dict[str, float] = field(default_factory=dict)  # named numbers summed over reports
    task_counts: dict[str, int] = field(default_factory=dict)  # leaf task status → count
    lagging: list[LaggingTask] = field(default_factory=list)
    completed: list[tuple[str, str]] = field(default_factory=list)  # (task title, unit) this month
    units_reported: int = 0


@dataclass
class BulletinData:
    """Everything the monthly 通报 says."""

    plan: Plan
    report: object  # models.ledger_cycle.MonthReport
    domains: list[DomainProgress]
    targets: list  # TargetValue
    scores: list  # cycle.UnitScore
    cases: list[tuple[Case, str, str]]  # case, reporting unit, domain label
    coming: list[Task]  # deadlines within the next month
    next_due: object = None  # date: when next month's reports are due; None past the 报送期
    rules: dict | None = None  # the scoring rules the month's scores follow


@dataclass
class CaseBookData:
    """Cases in the office's chosen order, with unit names and domain labels."""

    plan: Plan | None
    cases: list[tuple[Case, str, str]]  # case, unit name, domain label
    period: str | None = None  # the month compiled, None for every month


@dataclass
class TaskEvent:
    """A task closed (办结) or extended (延期) within a span."""

    kind: str
    title: str
    on_date: str
    new_deadline: str | None = None
    unit: str = ""
    note: str = ""


@dataclass
class SummaryData:
    """A phase (or the campaign up to a month) summed up for the 总结报告."""

    plan: Plan
    label: str  # 集中治理阶段, or "" for the campaign
    first: str  # first report month of the span
    last: str  # last report month of the span
    state_totals: dict[str, int]
    domains: list[DomainProgress]  # statuses at the last month, numbers summed over the span
    targets: list
    cases: list[tuple[Case, str, str]]
    list_count: int
    scores: list
    task_counts: dict[str, int] = field(default_factory=dict)
    totals: dict[str, float] = field(default_factory=dict)
    problems: list[tuple[str, list[str]]] = field(default_factory=list)  # text, units saying it
    next_steps: list[tuple[str, list[str]]] = field(default_factory=list)
    events: list[TaskEvent] = field(default_factory=list)
    units_owing: int = 0
    span_end: str | None = None  # the last month of the plan's 报送期
    months: int = 0


@dataclass
class ReminderData:
    """Units to chase for a month, with what they owe."""

    plan: Plan
    period: str
    due: object  # date
    units: list  # UnitRollup with missing reports
    missing_tasks: dict[int, list[str]]  # unit id → titles of the tasks not reported


@dataclass
class ProgressLine:
    """One report owed in a month, as the 进展统计表 lists it."""

    domain: str
    task: str
    unit: str
    role: str
    state: str  # 按时 / 逾期 / 未报 / 未到期
    status: str  # the unit's progress status, "" when not reported
    text: str
    problems: str
    next_steps: str
    numbers: dict[str, float]
    received_on: str


@dataclass
class ProgressTableData:
    """The 进展统计表 of a month: every report owed, the numbers asked, per-unit totals."""

    plan: Plan
    period: str
    due: str
    lines: list[ProgressLine]
    number_names: list[str]
    units: list  # UnitRollup
    task_status: dict[str, int]  # task status (看板) → count of tasks


@dataclass
class CaseTableData:
    """The 典型案例报送表: cases in 规范格式 with their unit and domain, IDs masked or not."""

    title: str
    cases: list[tuple[Case, str, str]]  # case, unit name, domain label
    mask_ids: bool = True


@dataclass
class ListLine:
    """A unit's (or a domain's) red/black-list figures up to a month."""

    name: str
    counts: dict[tuple[str, str], int]  # (list kind, 地方/全国) → count
    repaired: int
    cases: int

    @property
    def total(self) -> int:
        """Every list entry counted."""
        return sum(self.counts.values())

    @property
    def local(self) -> int:
        """Entries on local lists."""
        return sum(v for (_, scope), v in self.counts.items() if scope == "地方")

    @property
    def national(self) -> int:
        """Entries identified under national standards."""
        return sum(v for (_, scope), v in self.counts.items() if scope == "全国")

    @property
    def punished(self) -> int:
        """Entries on the black and watch lists (those a 信用修复 can concern)."""
        return sum(v for (kind, _), v in self.counts.items() if kind != "红名单")


@dataclass
class ListTableData:
    """The 红黑名单统计表 of a month: per unit and per domain, with the seeds' ratios."""

    plan: Plan
    period: str
    units: list[ListLine]
    domains: list[ListLine]
    # The plan's own thresholds, where it sets them (seed 003: cases ≥ 10% of list entries,
    # local ≥ 10% of national, commitments or repair > 50%); None where it sets none.
    case_share_target: float | None = None
    local_share_target: float | None = None
    repair_target: float | None = None


@dataclass
class ScoreTableData:
    """The 考核打分表: a month's ranking (or the campaign's), with the rules it was scored by."""

    title: str
    subtitle: str
    scores: list  # cycle.UnitScore
    rules: dict
