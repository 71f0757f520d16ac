"""The monthly clock as pure rules: due dates, report states, task status, lights, target
values and scores. No SQL: `models.ledger_cycle` feeds these from the ledger.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

ON_TIME, LATE, MISSING, NOT_DUE = "按时", "逾期", "未报", "未到期"
REPORT_STATES = (ON_TIME, LATE, MISSING, NOT_DUE)
CLOSED = "办结"
TASK_STATUSES = (CLOSED, "滞后", "已完成", "推进中", "未启动")
GREEN, YELLOW, RED = "green", "yellow", "red"
LIGHT_LABELS = {GREEN: "正常", YELLOW: "预警", RED: "超期"}

DEFAULT_RULES = {
    "base": 100, "on_time": 0, "late": -2, "missing": -5, "case": 1, "case_cap": 5,
    "target_met": 2, "grades": {"A": 95, "B": 85, "C": 70},
}  # fmt: skip
RULE_LABELS = {"base": "基础分", "on_time": "按时报送（每项）", "late": "逾期报送（每项）",
               "missing": "未报送（每项）", "case": "报送典型案例（每件）", "case_cap": "案例加分上限",
               "target_met": "指标达标（每项）"}


def month_label(period: str) -> str:
    """2020-11 → 2020年11月."""
    return f"{int(period[:4])}年{int(period[5:])}月"


def date_label(day: date) -> str:
    """2021-04-20 → 2021年4月20日."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_start(period: str) -> date:
    """The first day of a report month (YYYY-MM)."""
    return date(int(period[:4]), int(period[5:7]), 1)


def month_end(period: str) -> date:
    """The last day of a report month."""
    year, month = int(period[:4]), int(period[5:7])
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(period: str, months: int) -> str:
    """The report month `months` after `period` (negative: before)."""
    index = int(period[:4]) * 12 + int(period[5:7]) - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def period_of(day: date) -> str:
    """The report month a day falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: str, last: str) -> list[str]:
    """Every report month from `first` to `last`, both included."""
    out, current = [], first
    while current <= last:
        out.append(current)
        current = add_months(current, 1)
    return out


def due_date(period: str, report_day: int, *, next_month: bool = False) -> date:
    """When a month's report is due: the report day of that month, or of the following one
    when the office reports a month after it ends; a day past the month's end is its last."""
    target = add_months(period, 1) if next_month else period
    return min(month_start(target).replace(day=1) + timedelta(days=report_day - 1), month_end(target))


def first_owed_month(issued: date, report_day: int, *, next_month: bool = False) -> str:
    """The first month a plan owes (DESIGN.md §2 报送期): the first from its issue month on
    whose due date falls after the issue date — a plan issued on 06-28 with reports due on
    the 20th owes nothing for June."""
    period = period_of(issued)
    while due_date(period, report_day, next_month=next_month) <= issued:
        period = add_months(period, 1)
    return period


def report_state(due: date, received_on: str | None, today: date) -> str:
    """按时 (received by the due date), 逾期 (after it), 未报 (nothing, and the due date has
    passed), or 未到期."""
    if received_on:
        return ON_TIME if date.fromisoformat(received_on) <= due else LATE
    return MISSING if today > due else NOT_DUE


def task_status(*, closed: bool, latest: list[str], overdue: bool) -> str:
    """How a task's work stands (DESIGN.md §2): 办结 if closed; 滞后 if its (extended)
    deadline passed without 已完成 (`overdue`) or a unit's latest reported status is 滞后;
    已完成 when every unit's latest status is; 推进中 once any unit reported; else 未启动.
    How punctual the reports were is a report state, never a status."""
    if closed:
        return CLOSED
    done = bool(latest) and all(s == "已完成" for s in latest)
    if "滞后" in latest or (overdue and not done):
        return "滞后"
    if done:
        return "已完成"
    if any(s in ("推进中", "已完成") for s in latest):
        return "推进中"
    return "未启动"


def status_as_of(today: date, next_due: date) -> date:
    """The day a month's task statuses are judged on: today, but never later than the day
    before the next month's reports are due (a past month keeps the statuses it had)."""
    return min(today, next_due - timedelta(days=1))


def task_light(*, deadline: date | None, status: str, today: date, warn_days: int) -> str:
    """Red when a deadline passed unfinished; yellow when it is near or the task lags."""
    if status in (CLOSED, "已完成"):
        return GREEN
    if deadline and deadline < today:
        return RED
    if status == "滞后" or (deadline and (deadline - today).days <= warn_days):
        return YELLOW
    return GREEN


def deadline_word(deadline: date, *, ongoing: bool, today: date, horizon_days: int = 14) -> str | None:
    """What a list of coming deadlines says of a task's date: 已超期 once it has passed,
    即将到期 within the horizon, else None. A 长期推进 task's date is a milestone on work that
    goes on, never an end (DESIGN.md §2): 节点临近 before it, nothing after it."""
    if deadline < today:
        return None if ongoing else "已超期"
    if (deadline - today).days <= horizon_days:
        return "节点临近" if ongoing else "即将到期"
    return None


def compare(value: float, comparator: str, threshold: float) -> bool:
    """Whether a value meets a target."""
    return {">=": value >= threshold, ">": value > threshold, "<=": value <= threshold,
            "<": value < threshold, "=": value == threshold}[comparator]


def target_light(value: float | None, comparator: str, threshold: float) -> str:
    """Green when met; yellow within a fifth of the threshold; red otherwise or unknown."""
    if value is None:
        return RED
    if compare(value, comparator, threshold):
        return GREEN
    if comparator in (">=", ">") and value >= threshold * 0.8:
        return YELLOW
    if comparator in ("<=", "<") and value <= threshold * 1.2:
        return YELLOW
    return RED


@dataclass
class ScoreInput:
    """What a unit did in a month, counted."""

    on_time: int = 0
    late: int = 0
    missing: int = 0
    cases: int = 0
    targets_met: int = 0


@dataclass
class UnitScore:
    """A unit's score for a month (or the campaign), with how it was reached."""

    unit_id: int
    unit_name: str
    score: float
    rank: int = 0
    grade: str = ""
    detail: dict = field(default_factory=dict)
    counts: ScoreInput | None = None  # what was counted: reports on time, late, missing…


SCORE_PARTS = ("base", "on_time", "late", "missing", "case", "target_met")  # a score's parts, in order


def score(counts: ScoreInput, rules: dict) -> tuple[float, dict]:
    """The score `rules` give for `counts`, and the points of each part."""
    case_points = min(counts.cases * rules["case"], rules["case_cap"])
    parts = {"base": rules["base"], "on_time": counts.on_time * rules["on_time"],
             "late": counts.late * rules["late"], "missing": counts.missing * rules["missing"],
             "case": case_points, "target_met": counts.targets_met * rules["target_met"]}
    return float(sum(parts.values())), parts


def grade(value: float, thresholds: dict) -> str:
    """A/B/C/D by the office's thresholds (highest first); '' when it sets none."""
    if not thresholds:
        return ""
    for letter, floor in sorted(thresholds.items(), key=lambda kv: -kv[1]):
        if value >= floor:
            return letter
    return "D"


def rank(scores: list[UnitScore], thresholds: dict) -> list[UnitScore]:
    """Sort best first; equal scores share a rank (1, 2, 2, 4); grades filled in."""
    ordered = sorted(scores, key=lambda s: (-s.score, s.unit_name))
    for position, item in enumerate(ordered):
        same = position and ordered[position - 1].score == item.score
        item.rank = ordered[position - 1].rank if same else position + 1
        item.grade = grade(item.score, thresholds)
    return ordered


def points_text(value: float) -> str:
    """A score as a document words it: 98分, 98.5分; a negative total as 扣12分."""
    return f"{value:g}分" if value >= 0 else f"扣{-value:g}分"


def rank_text(item: UnitScore, ranked: list[UnitScore]) -> str:
    """第3名, or 并列第3名 when another unit has the same rank."""
    tied = sum(1 for other in ranked if other.rank == item.rank) > 1
    return f"{'并列' if tied else ''}第{item.rank}名"

