"""Ledger part: the monthly clock read from the ledger — the 报送期 (the months a plan owes),
who owes which report, the report states, task statuses and lights. The dashboard, the 通报
and the statistics workbooks all read `month_report`; nothing else computes these figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from models import cycle
from models.fields import PERIOD, Field
from models.ledger_records import from_row
from models.records import Plan, Task
from models.unitnames import is_group_name
from models.validation import ValidationError, field_problem


@dataclass
class ReportRow:
    """One report owed: a unit, a task, a month, and what became of it."""

    task_id: int
    task_label: str
    domain_id: int
    unit_id: int
    unit_name: str
    role: str
    due: date
    received_on: str | None
    status: str | None  # the unit's progress status, when it reported this month
    state: str  # 按时 / 逾期 / 未报 / 未到期
    latest_status: str | None = None  # this month's status, else the latest reported before
    latest_period: str | None = None  # the month latest_status was reported for


@dataclass
class UnitRollup:
    """A unit's reports for a month, with its contact for 催报."""

    unit_id: int
    name: str
    contact_person: str | None
    phone: str | None
    email: str | None
    states: Counter = field(default_factory=Counter)
    chased: list[str] = field(default_factory=list)

    @property
    def owed(self) -> int:
        """Reports the unit owes this month."""
        return sum(self.states.values())


@dataclass
class ReportSpan:
    """A plan's 报送期: its first and last owed month, and where each comes from."""

    first: str | None
    last: str | None
    first_source: str = ""
    last_source: str = ""

    def label(self) -> str:
        """2020年7月至2020年11月."""
        if not self.first:
            return "未确定"
        return f"{cycle.month_label(self.first)}至{cycle.month_label(self.last)}" if self.last \
            else f"{cycle.month_label(self.first)}起"

    def holds(self, period: str) -> bool:
        """True when the plan owes reports for `period`."""
        return bool(self.first) and self.first <= period and (not self.last or period <= self.last)


@dataclass
class MonthReport:
    """Everything the month's screens and documents say, computed once."""

    plan: Plan
    period: str
    due: date
    today: date
    rows: list[ReportRow]
    units: list[UnitRollup]
    task_status: dict[int, str]
    task_light: dict[int, str]
    domain_counts: dict[int, Counter]
    as_of: date | None = None  # the day the statuses are judged on

    def state_counts(self) -> Counter:
        """Reports by state (按时 / 逾期 / 未报 / 未到期)."""
        return Counter(r.state for r in self.rows)

    def units_reported(self) -> list[UnitRollup]:
        """Units that sent every report they owed this month (on time or late)."""
        return [u for u in self.units if u.owed and not u.states[cycle.MISSING]
                and not u.states[cycle.NOT_DUE]]

    def units_on_time(self) -> list[UnitRollup]:
        """Units that sent every report they owed this month by the due date."""
        return [u for u in self.units if u.owed and u.states[cycle.ON_TIME] == u.owed]

    def units_missing(self) -> list[UnitRollup]:
        """Units with at least one report missing after the due date."""
        return [u for u in self.units if u.states[cycle.MISSING]]

    def units_late(self) -> list[UnitRollup]:
        """Units with at least one report that came after the due date."""
        return [u for u in self.units if u.states[cycle.LATE]]

    def units_owing(self) -> list[UnitRollup]:
        """Units that owe reports this month already due."""
        return [u for u in self.units if u.owed - u.states[cycle.NOT_DUE]]

    def units_by_worst(self) -> tuple[list[UnitRollup], list[UnitRollup], list[UnitRollup]]:
        """The units owing reports, each counted once by its worst state: (all on time, all in
        but some late, some still missing) — the three add up to the whole."""
        owing = self.units_owing()
        missing = [u for u in owing if u.states[cycle.MISSING]]
        late = [u for u in owing if u.states[cycle.LATE] and not u.states[cycle.MISSING]]
        on_time = [u for u in owing if not (u.states[cycle.LATE] or u.states[cycle.MISSING])]
        return on_time, late, missing

    def task_states(self, task_id: int) -> Counter:
        """A task's report states this month (shown beside its status)."""
        return Counter(r.state for r in self.rows if r.task_id == task_id)


class CycleStore:
    """The 报送期, obligations and the month's report."""

    def report_day_of(self, plan: Plan) -> int:
        """The plan's report day, else the office's."""
        return plan.report_day or self.setting("report_day")

    def due_of(self, plan: Plan, period: str) -> date:
        """When a month's reports are due for a plan."""
        return cycle.due_date(period, self.report_day_of(plan), next_month=plan.report_next_month)

    # ------------------------------------------------------------------ 报送期

    def report_months_setting(self, plan_id: int) -> tuple[str | None, str | None]:
        """The first and last report month the office set for a plan (None: worked out)."""
        row = self.db.execute("SELECT report_first, report_last FROM plans WHERE id = ?",
                              [plan_id]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_report_months(self, plan_id: int, first: str | None, last: str | None) -> None:
        """Set (or with None, clear) the first and last month a plan owes; audited."""
        errors = {}
        for name, label, value in (("report_first", "首个报送月份", first), ("report_last", "最后报送月份", last)):
            problem = value and field_problem(None, Field(name, label, PERIOD), value)
            if problem:
                errors[name] = problem + "；不设定请留空"
        if not errors and first and last and last < first:
            errors["report_last"] = "“最后报送月份”不能早于“首个报送月份”"
        if errors:
            raise ValidationError(errors, record="报送期")
        old = self.report_months_setting(plan_id)
        with self.db.atomic():
            self.db.execute("UPDATE plans SET report_first = ?, report_last = ? WHERE id = ?",
                            [first, last, plan_id])
            self.audit("修改报送期", "plans", plan_id, old={"report_first": old[0], "report_last": old[1]},
                       new={"report_first": first, "report_last": last})

    def report_span(self, plan_id: int) -> ReportSpan:
        """The plan's 报送期 (DESIGN.md §2): from the first month whose due date falls after
        the plan's issue date (or the office's first month) to the month of its last deadline,
        phase end or 总结报告 date (or the office's last month)."""
        plan = self.get(Plan, plan_id)
        first_set, last_set = self.report_months_setting(plan_id)
        dated = self.db.execute(
            "SELECT min(d), max(d) FROM (SELECT deadline d FROM tasks WHERE plan_id = ?1 "
            "UNION ALL SELECT extended_to FROM tasks WHERE plan_id = ?1 "
            "UNION ALL SELECT start FROM phases WHERE plan_id = ?1 "
            "UNION ALL SELECT \"end\" FROM phases WHERE plan_id = ?1 UNION ALL SELECT ?2) "
            "WHERE d IS NOT NULL", [plan_id, plan.summary_due]).fetchone()
        reported = self.db.execute("SELECT min(p.period), max(p.period) FROM progress p JOIN tasks t "
                                   "ON t.id = p.task_id WHERE t.plan_id = ?", [plan_id]).fetchone()
        span = ReportSpan(None, None)
        if first_set:
            span.first, span.first_source = first_set, "办公室设定"
        elif plan.date:
            span.first = cycle.first_owed_month(date.fromisoformat(plan.date), self.report_day_of(plan),
                                                next_month=plan.report_next_month)
            span.first_source = f"方案成文日期（{plan.date}）后的首个报送时限"
        elif reported[0] or dated[0]:
            span.first = min(m for m in (reported[0], dated[0] and dated[0][:7]) if m)
            span.first_source = "方案未写成文日期：取最早的进展或时限所在月份"
        if last_set:
            span.last, span.last_source = last_set, "办公室设定"
        elif dated[1]:
            span.last, span.last_source = dated[1][:7], "方案最后的完成时限、阶段或总结报告时限"
        elif reported[1]:
            span.last, span.last_source = reported[1], "方案未写完成时限：取最近的进展月份"
        if span.first and span.last and span.last < span.first:
            span.last = span.first  # a plan owes at least the month after it was issued
        return span

    def periods(self, plan_id: int, today: date) -> list[str]:
        """The months of the 报送期 that have begun by `today` (month pickers offer these)."""
        span = self.report_span(plan_id)
        if not span.first:
            return []
        last = min(span.last or cycle.period_of(today), cycle.period_of(today))
        return cycle.months_between(span.first, last)

    def months_note(self, plan_id: int, today: date) -> str | None:
        """Why a plan offers no month yet (None when it offers some): its 报送期 cannot be
        worked out, or begins after today. Every month page shows this instead of figures."""
        if self.periods(plan_id, today):
            return None
        span = self.report_span(plan_id)
        if not span.first:
            return ("该方案还没有应报送的月份：请在“方案列表”的“报送设置”中填写成文日期或首个报送月份。")
        due = self.due_of(self.get(Plan, plan_id), span.first)
        return (f"该方案还没有应报送的月份：报送期从{cycle.month_label(span.first)}开始，"
                f"首次报送时限为{cycle.date_label(due)}。")

    def default_period(self, plan_id: int, today: date) -> str | None:
        """The month every page and command starts on: the latest month of the 报送期 whose
        due date has passed, else the first month of the 报送期."""
        plan = self.get(Plan, plan_id)
        months = self.periods(plan_id, today)
        due = [p for p in months if self.due_of(plan, p) < today]
        return due[-1] if due else (months[0] if months else None)

    def check_month(self, plan_id: int, period: str, today: date, *, what: str,
                    must_be_due: bool = True) -> None:
        """Refuse a document or table for a month the plan does not owe, a month still to
        come, or (must_be_due) a month whose reports are not yet due — in Chinese."""
        plan, span = self.get(Plan, plan_id), self.report_span(plan_id)
        month = cycle.month_label(period)
        if period > cycle.period_of(today):
            raise ValidationError({"period": f"{month}尚未到来，不能生成{what}"
                                             + self._nearest_month_hint(plan_id, period, today)})
        if not span.holds(period):
            raise ValidationError({"period": f"{month}不在该方案的报送期（{span.label()}）内，"
                                             f"该月不需要报送，不能生成{what}。报送期可在“报送设置”中调整"
                                             + self._nearest_month_hint(plan_id, period, today)})
        due = self.due_of(plan, period)
        if must_be_due and due >= today:
            raise ValidationError({"period": f"{month}的进展报送时限为{due.year}年{due.month}月{due.day}日，"
                                             f"尚未到期，暂不能生成{what}"
                                             + self._nearest_month_hint(plan_id, period, today)})

    def _nearest_month_hint(self, plan_id: int, refused: str, today: date) -> str:
        """What to choose instead: the latest month whose reports are due, if there is one."""
        period = self.default_period(plan_id, today)
        if not period or period == refused or self.due_of(self.get(Plan, plan_id), period) >= today:
            return ""
        return f"；最近一个可以生成的月份是{cycle.month_label(period)}"

    # ------------------------------------------------------------------ obligations

    def leaf_tasks(self, plan_id: int) -> list[Task]:
        """The tasks units report on: those without measures under them."""
        rows = self._rows("SELECT * FROM tasks t WHERE plan_id = ? AND NOT EXISTS "
                          "(SELECT 1 FROM tasks c WHERE c.parent_id = t.id) "
                          "ORDER BY root_id, position, id", [plan_id])
        return [from_row(Task, r) for r in rows]

    def group_members(self) -> dict[int, list[int]]:
        """Every unit that stands for several (a group name, or one with members listed), with
        the members that report in its place — none when the office leaves groups out."""
        members: dict[int, list[int]] = {}
        for group, member in self.db.execute("SELECT group_id, member_id FROM unit_members ORDER BY rowid"):
            members.setdefault(group, []).append(member)
        groups = {r[0] for r in self.db.execute("SELECT id FROM units WHERE kind = '成员单位群体'")}
        groups |= {r[0] for r in self.db.execute("SELECT id, name FROM units") if is_group_name(r[1])}
        expand = self.setting("expand_groups")
        return {g: (members.get(g, []) if expand else []) for g in groups | set(members)}

    def obligations(self, plan_id: int, period: str) -> list[tuple[Task, dict, str]]:
        """(task, unit row, role) for every report owed in a month of the 报送期. A task closed
        before the month owes none; a group name owes through the members the office listed
        (or not at all), never as one unit."""
        if not self.report_span(plan_id).holds(period):
            return []
        groups = self.group_members()
        units = {r["id"]: r for r in self._rows("SELECT * FROM units")}
        start = cycle.month_start(period).isoformat()
        owed = []
        for task in self.leaf_tasks(plan_id):
            if task.closed_on and task.closed_on < start:
                continue
            seen = set()
            for unit_id, role in self.db.execute(
                    "SELECT unit_id, role FROM task_units WHERE task_id = ? ORDER BY position",
                    [task.id]).fetchall():
                for owner in groups.get(unit_id, [unit_id]):
                    if owner not in seen:
                        seen.add(owner)
                        owed.append((task, units[owner], role))
        return owed

    # ------------------------------------------------------------------ the month

    def month_report(self, plan_id: int, period: str, today: date) -> MonthReport:
        """The month at a glance: every report owed and its state, by unit and by task."""
        plan = self.get(Plan, plan_id)
        due = self.due_of(plan, period)
        as_of = cycle.status_as_of(today, self.due_of(plan, cycle.add_months(period, 1)))
        latest = self._latest_statuses(plan_id, period)
        rows, rollups = [], {}
        for task, unit, role in self.obligations(plan_id, period):
            status, got_period, received_on = latest.get((task.id, unit["id"]), (None, None, None))
            this_month = got_period == period
            if this_month and not received_on:
                state = cycle.ON_TIME  # entered by the office without a date: taken as on time
            else:
                state = cycle.report_state(due, received_on if this_month else None, today)
            rows.append(ReportRow(task.id, f"{task.number}{task.title}", self._root_of(task.id),
                                  unit["id"], unit["name"], role, due,
                                  received_on if this_month else None, status if this_month else None,
                                  state, status, got_period))
            rollup = rollups.setdefault(unit["id"], UnitRollup(
                unit["id"], unit["name"], unit["contact_person"], unit["phone"], unit["email"]))
            rollup.states[state] += 1
        for rollup in rollups.values():
            rollup.chased = [f"{r['chased_on']} {r['method']}" for r in self._rows(
                "SELECT chased_on, method FROM reminders WHERE plan_id = ? AND period = ? "
                "AND unit_id = ? ORDER BY chased_on", [plan_id, period, rollup.unit_id])]
        statuses = self._task_statuses(plan_id, latest, as_of)
        return MonthReport(plan, period, due, today, rows, list(rollups.values()), statuses,
                           self._lights(plan_id, statuses, as_of),
                           self._domain_counts(plan_id, statuses), as_of)

    def _latest_statuses(self, plan_id: int, period: str) -> dict[tuple[int, int], tuple]:
        """(task, unit) → (status, month, received_on) of the unit's latest report up to the
        month: a unit that has not reported this month carries its latest status forward."""
        return {(r[0], r[1]): (r[2], r[3], r[4]) for r in self.db.execute(
            "SELECT p.task_id, p.unit_id, p.status, p.period, p.received_on FROM progress p "
            "JOIN tasks t ON t.id = p.task_id WHERE t.plan_id = ?1 AND p.period = "
            "(SELECT max(q.period) FROM progress q WHERE q.task_id = p.task_id "
            "AND q.unit_id = p.unit_id AND q.period <= ?2)", [plan_id, period])}

    def _task_statuses(self, plan_id: int, latest: dict, as_of: date) -> dict[int, str]:
        by_task: dict[int, list[str]] = {}
        for (task_id, _unit), (status, _period, _received) in latest.items():
            by_task.setdefault(task_id, []).append(status)
        tasks = self.tasks(plan_id)
        out: dict[int, str] = {}
        for task in reversed(tasks):  # children before parents
            children = [out[t.id] for t in tasks if t.parent_id == task.id]
            closed = bool(task.closed_on) and task.closed_on <= as_of.isoformat()  # 办结 by then
            if children:
                out[task.id] = _parent_status(children, closed=closed)
            else:
                out[task.id] = cycle.task_status(closed=closed,
                                                 latest=by_task.get(task.id, []),
                                                 overdue=_overdue(task, as_of))
        return out

    def _lights(self, plan_id: int, statuses: dict[int, str], as_of: date) -> dict[int, str]:
        warn = self.setting("warn_days")
        lights = {}
        for task in self.tasks(plan_id):
            deadline = task.extended_to or task.deadline
            if task.ongoing and _overdue(task, as_of, ongoing_too=True):
                deadline = None  # a 长期推进 task goes on after its milestone date
            lights[task.id] = cycle.task_light(
                deadline=date.fromisoformat(deadline) if deadline else None,
                status=statuses[task.id], today=as_of, warn_days=warn)
        return lights

    def _domain_counts(self, plan_id: int, statuses: dict[int, str]) -> dict[int, Counter]:
        counts: dict[int, Counter] = {}
        for task in self.leaf_tasks(plan_id):
            counts.setdefault(self._root_of(task.id), Counter())[statuses[task.id]] += 1
        return counts


def _overdue(task: Task, as_of: date, *, ongoing_too: bool = False) -> bool:
    """True when the task's (extended) deadline passed before `as_of`. A 长期推进 task's date
    is a milestone, not an end: it does not make the task 滞后."""
    deadline = task.extended_to or task.deadline
    if not deadline or (task.ongoing and not ongoing_too):
        return False
    return deadline < as_of.isoformat()


def _parent_status(children: list[str], *, closed: bool) -> str:
    if closed or all(s == cycle.CLOSED for s in children):
        return cycle.CLOSED
    if "滞后" in children:
        return "滞后"
    if all(s in ("已完成", cycle.CLOSED) for s in children):
        return "已完成"
    if any(s in ("推进中", "已完成", cycle.CLOSED) for s in children):
        return "推进中"
    return "未启动"
