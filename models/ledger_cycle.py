"""Ledger part: the monthly clock read from the ledger — periods, who owes which report, the
report states, task statuses and lights. The dashboard, the 通报 and the statistics workbooks
all read `month_report`; nothing else computes these figures.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from models import cycle
from models.ledger_records import from_row
from models.records import Plan, Task


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
    status: str | None  # the unit's progress status, when it reported
    state: str  # 按时 / 逾期 / 未报 / 未到期


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

    def state_counts(self) -> Counter:
        """Reports by state (按时 / 逾期 / 未报 / 未到期)."""
        return Counter(r.state for r in self.rows)

    def units_reported(self) -> list[UnitRollup]:
        """Units that sent every report they owed this month (on time or late)."""
        return [u for u in self.units if u.owed and not u.states[cycle.MISSING]
                and not u.states[cycle.NOT_DUE]]

    def units_missing(self) -> list[UnitRollup]:
        """Units with at least one report missing after the due date."""
        return [u for u in self.units if u.states[cycle.MISSING]]

    def units_late(self) -> list[UnitRollup]:
        """Units with at least one report that came after the due date."""
        return [u for u in self.units if u.states[cycle.LATE]]


class CycleStore:
    """Periods, obligations and the month's report."""

    def report_day_of(self, plan: Plan) -> int:
        """The plan's report day, else the office's."""
        return plan.report_day or self.setting("report_day")

    def due_of(self, plan: Plan, period: str) -> date:
        """When a month's reports are due for a plan."""
        return cycle.due_date(period, self.report_day_of(plan), next_month=plan.report_next_month)

    def periods(self, plan_id: int, today: date) -> list[str]:
        """The campaign's report months: from the plan's date (or its first phase, deadline or
        report) to its last deadline, phase or summary date, and on to today while tasks go on."""
        plan = self.get(Plan, plan_id)
        row = self.db.execute(
            "SELECT min(d), max(d) FROM (SELECT deadline d FROM tasks WHERE plan_id = ?1 "
            "UNION ALL SELECT extended_to FROM tasks WHERE plan_id = ?1 "
            "UNION ALL SELECT start FROM phases WHERE plan_id = ?1 "
            "UNION ALL SELECT \"end\" FROM phases WHERE plan_id = ?1 "
            "UNION ALL SELECT ?2 UNION ALL SELECT ?3 "
            "UNION ALL SELECT min(p.period) || '-01' FROM progress p JOIN tasks t ON t.id = p.task_id "
            "WHERE t.plan_id = ?1 UNION ALL SELECT max(p.period) || '-01' FROM progress p "
            "JOIN tasks t ON t.id = p.task_id WHERE t.plan_id = ?1) WHERE d IS NOT NULL",
            [plan_id, plan.date, plan.summary_due]).fetchone()
        if row[0] is None:
            return []
        first = cycle.period_of(date.fromisoformat(plan.date or row[0]))
        last = cycle.period_of(date.fromisoformat(row[1]))
        ongoing = self.db.execute("SELECT 1 FROM tasks WHERE plan_id = ? AND ongoing = 1 "
                                  "AND closed_on IS NULL LIMIT 1", [plan_id]).fetchone()
        if ongoing:
            last = max(last, cycle.period_of(today))
        return cycle.months_between(first, last)

    def leaf_tasks(self, plan_id: int) -> list[Task]:
        """The tasks units report on: those without measures under them."""
        rows = self._rows("SELECT * FROM tasks t WHERE plan_id = ? AND NOT EXISTS "
                          "(SELECT 1 FROM tasks c WHERE c.parent_id = t.id) "
                          "ORDER BY root_id, position, id", [plan_id])
        return [from_row(Task, r) for r in rows]

    def obligations(self, plan_id: int, period: str) -> list[tuple[Task, dict, str]]:
        """(task, unit row, role) for every report owed in a month. A task closed before the
        month owes none; a group name owes one report unless the office listed its members."""
        members: dict[int, list[int]] = {}
        for group, member in self.db.execute("SELECT group_id, member_id FROM unit_members"):
            members.setdefault(group, []).append(member)
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
                for owner in members.get(unit_id, [unit_id]):
                    if owner not in seen:
                        seen.add(owner)
                        owed.append((task, units[owner], role))
        return owed

    def month_report(self, plan_id: int, period: str, today: date) -> MonthReport:
        """The month at a glance: every report owed and its state, by unit and by task."""
        plan = self.get(Plan, plan_id)
        due = self.due_of(plan, period)
        received = {(r["task_id"], r["unit_id"]): r for r in self._rows(
            "SELECT p.task_id, p.unit_id, p.received_on, p.status FROM progress p JOIN tasks t "
            "ON t.id = p.task_id WHERE t.plan_id = ? AND p.period = ?", [plan_id, period])}
        rows, rollups = [], {}
        for task, unit, role in self.obligations(plan_id, period):
            got = received.get((task.id, unit["id"]))
            received_on = got["received_on"] if got else None
            if got and not received_on:
                state = cycle.ON_TIME  # entered by the office without a date: taken as on time
            else:
                state = cycle.report_state(due, received_on, today)
            rows.append(ReportRow(task.id, f"{task.number}{task.title}", self._root_of(task.id),
                                  unit["id"], unit["name"], role, due, received_on,
                                  got["status"] if got else None, state))
            rollup = rollups.setdefault(unit["id"], UnitRollup(
                unit["id"], unit["name"], unit["contact_person"], unit["phone"], unit["email"]))
            rollup.states[state] += 1
        for rollup in rollups.values():
            rollup.chased = [f"{r['chased_on']} {r['method']}" for r in self._rows(
                "SELECT chased_on, method FROM reminders WHERE plan_id = ? AND period = ? "
                "AND unit_id = ? ORDER BY chased_on", [plan_id, period, rollup.unit_id])]
        statuses = self._task_statuses(plan_id, period, rows)
        return MonthReport(plan, period, due, today, rows, list(rollups.values()), statuses,
                           self._lights(plan_id, statuses, today), self._domain_counts(plan_id, statuses))

    def _task_statuses(self, plan_id: int, period: str, rows: list[ReportRow]) -> dict[int, str]:
        latest: dict[int, list[str]] = {}
        for task_id, status in self.db.execute(
                "SELECT p.task_id, p.status FROM progress p JOIN tasks t ON t.id = p.task_id "
                "WHERE t.plan_id = ?1 AND p.period = (SELECT max(q.period) FROM progress q "
                "WHERE q.task_id = p.task_id AND q.unit_id = p.unit_id AND q.period <= ?2)",
                [plan_id, period]):
            latest.setdefault(task_id, []).append(status)
        states: dict[int, list[str]] = {}
        for row in rows:
            states.setdefault(row.task_id, []).append(row.state)
        tasks = self.tasks(plan_id)
        out: dict[int, str] = {}
        for task in reversed(tasks):  # children before parents
            children = [out[t.id] for t in tasks if t.parent_id == task.id]
            if children:
                out[task.id] = _parent_status(children, closed=bool(task.closed_on))
            else:
                out[task.id] = cycle.task_status(closed=bool(task.closed_on),
                                                 latest=latest.get(task.id, []),
                                                 states=states.get(task.id, []))
        return out

    def _lights(self, plan_id: int, statuses: dict[int, str], today: date) -> dict[int, str]:
        warn = self.setting("warn_days")
        lights = {}
        for task in self.tasks(plan_id):
            deadline = task.extended_to or task.deadline
            lights[task.id] = cycle.task_light(
                deadline=date.fromisoformat(deadline) if deadline else None,
                status=statuses[task.id], today=today, warn_days=warn)
        return lights

    def _domain_counts(self, plan_id: int, statuses: dict[int, str]) -> dict[int, Counter]:
        counts: dict[int, Counter] = {}
        for task in self.leaf_tasks(plan_id):
            counts.setdefault(self._root_of(task.id), Counter())[statuses[task.id]] += 1
        return counts


def _parent_status(children: list[str], *, closed: bool) -> str:
    if closed or all(s == cycle.CLOSED for s in children):
        return cycle.CLOSED
    for status in ("滞后",):
        if status in children:
            return status
    if all(s in ("已完成", cycle.CLOSED) for s in children):
        return "已完成"
    if any(s in ("推进中", "已完成", cycle.CLOSED) for s in children):
        return "推进中"
    return "未启动"
