"""Ledger part: the plain data each official document is written from (the 文号 register is
in doc_register.py).

Exporters get these dataclasses (never the ledger); every figure comes from the one query
layer (`month_report`, `evaluate_targets`, `month_scores`), and every case from `plan_cases`,
so the 通报, the 案例汇编 and the 典型案例报送表 count the same cases.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from models import cycle
from models.doc_records import (
    BulletinData,
    CaseBookData,
    DomainProgress,
    LaggingTask,
    PlanBlock,
    PlanData,
    ReminderData,
    SummaryData,
    TaskEvent,
    TaskNode,
)
from models.entries import Case
from models.labels import task_label
from models.ledger_entries import CASE_MONTH
from models.ledger_records import from_row
from models.records import Phase, Plan
from models.validation import ValidationError

DOCUMENT_NAMES = {"bulletin": "通报", "reminder": "催报通知", "summary": "总结报告", "casebook": "案例汇编"}


def group_texts(pairs: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(unit, text) pairs grouped by what they say: each text once with the units that said
    it, the most often said first. Texts differing only in spaces and punctuation are one."""
    groups: dict[str, tuple[str, list[str], int]] = {}
    for unit, text in pairs:
        text = (text or "").strip().rstrip("。；;，, ")
        key = re.sub(r"[\s。；;，,、：:“”\"]", "", text)
        if key:
            units = groups.setdefault(key, (text, [], len(groups)))[1]
            if unit not in units:
                units.append(unit)
    ordered = sorted(groups.values(), key=lambda g: (-len(g[1]), g[2]))
    return [(text, units) for text, units, _ in ordered]


class DocDataStore:
    """Gathers document data from the ledger."""

    def plan_data(self, plan_id: int) -> PlanData:
        """The plan's task tree with units and targets, and its own structure as imported."""
        plan = self.get(Plan, plan_id)
        origins = {r["task_id"]: {"text": r["text"], "units": json.loads(r["units"]),
                                  "deadline_text": r["deadline_text"]} for r in self._rows(
            "SELECT o.* FROM task_origins o JOIN tasks t ON t.id = o.task_id WHERE t.plan_id = ?",
            [plan_id])}
        nodes: dict[int, TaskNode] = {}
        roots: list[TaskNode] = []
        for task in self.tasks(plan_id):
            units = {"lead": [], "participating": [], "responsible": []}
            for unit, role in self.task_units(task.id):
                units[role].append(unit.name)
            node = TaskNode(task, units, self.targets(task.id), origin=origins.get(task.id))
            nodes[task.id] = node
            (nodes[task.parent_id].children if task.parent_id else roots).append(node)
        blocks = [PlanBlock(r["kind"], r["number"], r["text"], r["task_id"]) for r in self._rows(
            "SELECT * FROM plan_blocks WHERE plan_id = ? ORDER BY position", [plan_id])]
        return PlanData(plan, self.phases(plan_id), roots, blocks)

    # ------------------------------------------------------------------ cases

    def plan_cases(self, plan_id: int, first: str | None = None,
                   last: str | None = None) -> list[tuple[Case, str, str]]:
        """A plan's cases (of the months first..last, or all), oldest first, with the unit
        that reported each and its domain's short label (the one the templates' dropdown shows).
        A case without a plan is in no plan's list; a case counts in the month of the return it
        came in (its period)."""
        sql = ("SELECT c.*, coalesce(u.name, '') AS unit_name, r.number AS domain_number, "
               "r.title AS domain FROM cases c "
               "LEFT JOIN units u ON u.id = c.unit_id LEFT JOIN tasks t ON t.id = c.task_id LEFT JOIN tasks r ON r.id = t.root_id "
               "WHERE c.plan_id = ?")
        params: list = [plan_id]
        if first:
            sql, params = sql + f" AND {CASE_MONTH} >= ?", params + [first]
        if last:
            sql, params = sql + f" AND {CASE_MONTH} <= ?", params + [last]
        rows = self._rows(sql + " ORDER BY coalesce(c.occurred_on, c.period), c.id", params)
        return [(from_row(Case, r), r["unit_name"],
                 task_label(r["domain_number"], r["domain"]) if r["domain"] else "") for r in rows]

    def plan_case_ids(self, plan_id: int) -> list[int]:
        """The ids of a plan's cases, by date."""
        return [case.id for case, _, _ in self.plan_cases(plan_id)]

    def unassigned_cases(self) -> list[tuple[Case, str]]:
        """Cases that belong to no plan yet (for the office to assign), with their unit."""
        return [(from_row(Case, r), r["unit_name"]) for r in self._rows(
            "SELECT c.*, coalesce(u.name, '') AS unit_name FROM cases c LEFT JOIN units u "
            "ON u.id = c.unit_id WHERE c.plan_id IS NULL ORDER BY c.occurred_on, c.id")]

    # ------------------------------------------------------------------ domains

    def _latest_reports(self, plan_id: int, period: str) -> dict[tuple[int, int], dict]:
        """(task, unit) → the unit's latest report up to the month (status, problems…)."""
        return {(r["task_id"], r["unit_id"]): r for r in self._rows(
            "SELECT p.task_id, p.unit_id, p.status, p.problems, p.period FROM progress p "
            "JOIN tasks t ON t.id = p.task_id WHERE t.plan_id = ?1 AND p.period = "
            "(SELECT max(q.period) FROM progress q WHERE q.task_id = p.task_id "
            "AND q.unit_id = p.unit_id AND q.period <= ?2)", [plan_id, period])}

    def domain_progress(self, plan_id: int, report, first: str, last: str) -> list[DomainProgress]:
        """Each domain: its tasks by status as of the report's month, the reports of the
        months first..last with their numbers summed, the lagging tasks and why."""
        tasks = {t.id: t for t in self.tasks(plan_id)}
        leaves = self.leaf_tasks(plan_id)
        names = dict(self.db.execute("SELECT id, name FROM units"))
        latest = self._latest_reports(plan_id, last)
        roots = dict(self.db.execute("SELECT id, root_id FROM tasks WHERE plan_id = ?", [plan_id]))
        domains = []
        for root in (t for t in tasks.values() if t.parent_id is None):
            rows = self._rows(
                "SELECT p.task_id, p.unit_id, u.name, p.status, coalesce(p.text, '') AS text, "
                "p.numbers, p.period FROM progress p JOIN tasks t ON t.id = p.task_id "
                "JOIN units u ON u.id = p.unit_id WHERE t.root_id = ? AND p.period BETWEEN ? AND ? "
                "ORDER BY p.period, t.position, t.id, u.id", [root.id, first, last])
            totals: dict[str, float] = {}
            for r in rows:
                for name, value in json.loads(r["numbers"] or "{}").items():
                    totals[name] = totals.get(name, 0) + value
            mine = [t for t in leaves if roots[t.id] == root.id]
            domain = DomainProgress(root, report.task_status[root.id],
                                    [(r["name"], r["status"], r["text"]) for r in rows if r["period"] == last],
                                    totals, dict(Counter(report.task_status[t.id] for t in mine)),
                                    units_reported=len({r["unit_id"] for r in rows}))
            for task in mine:
                if report.task_status[task.id] == "滞后":
                    domain.lagging.append(self._lagging(task, latest, names, report.as_of))
            domain.completed = [(tasks[r["task_id"]].title, r["name"]) for r in rows
                                if r["period"] == last and r["status"] == "已完成"
                                and not self._done_before(r["task_id"], r["unit_id"], last)]
            domains.append(domain)
        return domains

    def _lagging(self, task, latest: dict, names: dict, as_of: date) -> LaggingTask:
        deadline = task.extended_to or task.deadline
        passed = deadline if deadline and not task.ongoing and deadline < as_of.isoformat() else None
        said = [(unit, r) for (task_id, unit), r in latest.items() if task_id == task.id and r["status"] == "滞后"]
        return LaggingTask(task.title, passed, [names[u] for u, _ in said],
                           [(names[u], r["problems"]) for u, r in said if r["problems"]])

    def _done_before(self, task_id: int, unit_id: int, period: str) -> bool:
        return bool(self.db.execute("SELECT 1 FROM progress WHERE task_id = ? AND unit_id = ? "
                                    "AND period < ? AND status = '已完成'",
                                    [task_id, unit_id, period]).fetchone())

    # ------------------------------------------------------------------ documents

    def bulletin_data(self, plan_id: int, period: str, today: date) -> BulletinData:
        """The month's figures, domains, targets, scores, cases and coming deadlines."""
        report = self.month_report(plan_id, period, today)
        tasks = self.tasks(plan_id)
        end = cycle.month_end(period).isoformat()
        horizon = cycle.month_end(cycle.add_months(period, 1)).isoformat()
        coming = [t for t in tasks if not t.closed_on and report.task_status[t.id] != "已完成"
                  and end < (t.extended_to or t.deadline or "") <= horizon]
        following = cycle.add_months(period, 1)  # owed only within the 报送期
        next_due = self.due_of(report.plan, following) if self.report_span(plan_id).holds(following) else None
        return BulletinData(report.plan, report, self.domain_progress(plan_id, report, period, period),
                            self.evaluate_targets(plan_id, period),
                            self.month_scores(plan_id, period, today),
                            self.plan_cases(plan_id, period, period), coming, next_due,
                            self.month_rules(plan_id, period))

    def summary_data(self, plan_id: int, today: date, phase_id: int | None = None,
                     period: str | None = None) -> SummaryData:
        """A phase, or the campaign from its first owed month to `period` (default: the latest
        month already due), summed up — never past the end of the plan's 报送期."""
        plan = self.get(Plan, plan_id)
        months = [p for p in self.periods(plan_id, today) if self.due_of(plan, p) < today]
        label = ""
        if phase_id:
            phase = self.get(Phase, phase_id)
            label = phase.name
            months = [m for m in months if (not phase.start or m >= phase.start[:7])
                      and (not phase.end or m <= phase.end[:7])]
        elif period:
            self.check_month(plan_id, period, today, what="总结报告")
            months = [m for m in months if m <= period]
        if not months:
            where = f"{label}内" if label else "该方案的报送期内"
            raise ValidationError({"period": f"{where}没有已过报送时限的月份，不能生成总结报告"})
        first, last = months[0], months[-1]
        report = self.month_report(plan_id, last, today)
        totals, owing = self._span_states(plan_id, months, today)
        domains = self.domain_progress(plan_id, report, first, last)
        numbers: Counter = Counter()
        for domain in domains:
            numbers.update(domain.totals)
        texts = self._rows("SELECT u.name, p.problems, p.next_steps FROM progress p JOIN tasks t "
                           "ON t.id = p.task_id JOIN units u ON u.id = p.unit_id WHERE t.plan_id = ? "
                           "AND p.period BETWEEN ? AND ? ORDER BY p.period, u.id", [plan_id, first, last])
        return SummaryData(
            plan, label, first, last, dict(totals), domains, self.evaluate_targets(plan_id, last),
            self.plan_cases(plan_id, first, last), self._list_count(plan_id, first, last),
            self.campaign_scores(plan_id, today, months),
            task_counts=dict(Counter(report.task_status[t.id] for t in self.leaf_tasks(plan_id))),
            totals=dict(numbers), problems=group_texts([(r["name"], r["problems"]) for r in texts]),
            next_steps=group_texts([(r["name"], r["next_steps"]) for r in texts]),
            events=self._events(plan_id, cycle.month_start(first).isoformat(), report.as_of.isoformat()),
            units_owing=len(owing), span_end=self.report_span(plan_id).last, months=len(months))

    def _span_states(self, plan_id: int, months: list[str], today: date) -> tuple[Counter, set]:
        """Reports by state summed over the months, and the units that owed any."""
        totals: Counter = Counter()
        owing = set()
        for month in months:
            month_report = self.month_report(plan_id, month, today)
            totals.update(month_report.state_counts())
            owing |= {u.unit_id for u in month_report.units}
        return totals, owing

    def _list_count(self, plan_id: int, first: str, last: str) -> int:
        return self.db.execute("SELECT count(*) FROM list_entries WHERE plan_id = ? AND listed_on "
                               "BETWEEN ? AND ?", [plan_id, cycle.month_start(first).isoformat(),
                                                   cycle.month_end(last).isoformat()]).fetchone()[0]

    def _events(self, plan_id: int, start: str, end: str) -> list[TaskEvent]:
        """Tasks closed or extended between two dates (a closing later undone is left out)."""
        rows = self._rows("SELECT e.*, t.title, t.closed_on, coalesce(u.name, '') AS unit_name "
                          "FROM task_events e JOIN tasks t ON t.id = e.task_id LEFT JOIN units u "
                          "ON u.id = e.unit_id WHERE t.plan_id = ? AND e.kind IN ('办结', '延期') "
                          "AND e.on_date BETWEEN ? AND ? ORDER BY e.on_date, e.id", [plan_id, start, end])
        return [TaskEvent(r["kind"], r["title"], r["on_date"], r["new_deadline"], r["unit_name"],
                          r["note"] or "") for r in rows if r["kind"] == "延期" or r["closed_on"]]

    def reminder_data(self, plan_id: int, period: str, today: date) -> ReminderData:
        """The units missing reports for a month, with the tasks they owe."""
        report = self.month_report(plan_id, period, today)
        titles = {t.id: t.title for t in self.tasks(plan_id)}
        owed: dict[int, list[str]] = {}
        for row in report.rows:
            if row.state == cycle.MISSING:
                owed.setdefault(row.unit_id, []).append(titles[row.task_id])
        return ReminderData(report.plan, period, report.due, report.units_missing(), owed)

    def casebook_data(self, plan_id: int, period: str | None = None) -> CaseBookData:
        """A plan's cases (of a month, or all), by date; an empty 汇编 is refused."""
        cases = self.plan_cases(plan_id, period, period)
        if not cases:
            when = cycle.month_label(period) if period else "该方案"
            raise ValidationError({"period": f"{when}没有报送的典型案例，不能生成案例汇编。"
                                             "未归入方案的案例请先在“典型案例”中归入方案"})
        return CaseBookData(self.get(Plan, plan_id), cases, period)

    def document_data(self, kind: str, plan_id: int, *, period: str | None, today: date,
                      phase_id: int | None = None):
        """The data of one kind of document (notice, bulletin, summary, casebook, reminder);
        a month the plan does not owe, or one still to come, is refused."""
        if kind in ("bulletin", "reminder"):
            if not period:
                raise ValidationError({"period": "该方案还没有到期的报送月份，请在“报送设置”中设定报送期"})
            self.check_month(plan_id, period, today, what=DOCUMENT_NAMES[kind])
        if kind == "notice":
            return self.plan_data(plan_id)
        if kind == "bulletin":
            return self.bulletin_data(plan_id, period, today)
        if kind == "summary":
            return self.summary_data(plan_id, today, phase_id, period)
        if kind == "casebook":
            if period:
                self.check_month(plan_id, period, today, what="案例汇编", must_be_due=False)
            return self.casebook_data(plan_id, period)
        if kind == "reminder":
            data = self.reminder_data(plan_id, period, today)
            if not data.units:
                raise ValidationError({"period": f"{cycle.month_label(period)}没有未报送的单位，不需要催报"})
            return data
        raise ValueError(kind)

    def latest_period(self, plan_id: int) -> str | None:
        """The latest month that has progress for a plan."""
        return self.db.execute("SELECT max(p.period) FROM progress p JOIN tasks t ON t.id = p.task_id "
                               "WHERE t.plan_id = ?", [plan_id]).fetchone()[0]
