"""Ledger part: the plain data each official document is written from (the 文号 register is
in doc_register.py).

Exporters get these dataclasses (never the ledger); every figure comes from the one query
layer (`month_report`, `evaluate_targets`, `month_scores`).
"""

from __future__ import annotations

import json
from datetime import date

from models import cycle
from models.doc_records import (
    BulletinData,
    CaseBookData,
    DomainProgress,
    PlanData,
    ReminderData,
    SummaryData,
    TaskNode,
)
from models.entries import Case
from models.ledger_records import from_row
from models.records import Phase, Plan
from models.validation import ValidationError


class DocDataStore:
    """Gathers document data from the ledger."""

    def plan_data(self, plan_id: int) -> PlanData:
        """The plan's task tree with units and targets."""
        plan = self.get(Plan, plan_id)
        nodes: dict[int, TaskNode] = {}
        roots: list[TaskNode] = []
        for task in self.tasks(plan_id):
            units = {"lead": [], "participating": [], "responsible": []}
            for unit, role in self.task_units(task.id):
                units[role].append(unit.name)
            node = TaskNode(task, units, self.targets(task.id))
            nodes[task.id] = node
            (nodes[task.parent_id].children if task.parent_id else roots).append(node)
        return PlanData(plan, self.phases(plan_id), roots)

    def bulletin_data(self, plan_id: int, period: str, today: date) -> BulletinData:
        """The month's figures, texts, targets, scores, cases and coming deadlines."""
        report = self.month_report(plan_id, period, today)
        tasks = {t.id: t for t in self.tasks(plan_id)}
        domains = []
        for task in (t for t in tasks.values() if t.parent_id is None):
            rows = self._rows(
                "SELECT u.name, p.status, coalesce(p.text, '') AS text, p.numbers FROM progress p "
                "JOIN tasks t ON t.id = p.task_id JOIN units u ON u.id = p.unit_id "
                "WHERE t.root_id = ? AND p.period = ? ORDER BY t.position, t.id, u.id",
                [task.id, period])
            totals: dict[str, float] = {}
            for r in rows:
                for name, value in json.loads(r["numbers"] or "{}").items():
                    totals[name] = totals.get(name, 0) + value
            domains.append(DomainProgress(task, report.task_status[task.id],
                                          [(r["name"], r["status"], r["text"]) for r in rows], totals))
        start, end = cycle.month_start(period).isoformat(), cycle.month_end(period).isoformat()
        cases = [(from_row(Case, r), r["unit_name"] or "") for r in self._rows(
            "SELECT c.*, u.name AS unit_name FROM cases c LEFT JOIN units u ON u.id = c.unit_id "
            "LEFT JOIN tasks t ON t.id = c.task_id WHERE (t.plan_id = ? OR c.task_id IS NULL) "
            "AND c.occurred_on BETWEEN ? AND ? ORDER BY c.occurred_on, c.id", [plan_id, start, end])]
        horizon = cycle.month_end(cycle.add_months(period, 1)).isoformat()
        coming = [t for t in tasks.values() if not t.closed_on
                  and (t.extended_to or t.deadline or "") > end
                  and (t.extended_to or t.deadline or "") <= horizon]
        return BulletinData(report.plan, report, domains, self.evaluate_targets(plan_id, period),
                            self.month_scores(plan_id, period, today), cases, coming)

    def summary_data(self, plan_id: int, today: date, phase_id: int | None = None) -> SummaryData:
        """The months of a phase (or all months due so far) summed up."""
        plan = self.get(Plan, plan_id)
        months = [p for p in self.periods(plan_id, today) if self.due_of(plan, p) < today]
        label = "专项治理"
        if phase_id:
            phase = self.get(Phase, phase_id)
            label = phase.name
            months = [m for m in months if (not phase.start or m >= phase.start[:7])
                      and (not phase.end or m <= phase.end[:7])]
        if not months:
            raise ValidationError({"period": "所选阶段还没有到期的报送月份，暂不能生成总结报告"})
        totals: dict[str, int] = {}
        for month in months:
            for state, n in self.month_report(plan_id, month, today).state_counts().items():
                totals[state] = totals.get(state, 0) + n
        last = self.bulletin_data(plan_id, months[-1], today)
        start, end = cycle.month_start(months[0]).isoformat(), cycle.month_end(months[-1]).isoformat()
        cases = self.db.execute(
            "SELECT count(*) FROM cases c LEFT JOIN tasks t ON t.id = c.task_id WHERE "
            "(t.plan_id = ? OR c.task_id IS NULL) AND c.occurred_on BETWEEN ? AND ?",
            [plan_id, start, end]).fetchone()[0]
        entries = self.db.execute("SELECT count(*) FROM list_entries WHERE listed_on BETWEEN ? AND ?",
                                  [start, end]).fetchone()[0]
        return SummaryData(plan, label, months[0], months[-1], totals, last.domains, last.targets,
                           cases, entries, self.campaign_scores(plan_id, today))

    def reminder_data(self, plan_id: int, period: str, today: date) -> ReminderData:
        """The units missing reports for a month, with the tasks they owe."""
        report = self.month_report(plan_id, period, today)
        owed: dict[int, list[str]] = {}
        for row in report.rows:
            if row.state == cycle.MISSING:
                owed.setdefault(row.unit_id, []).append(row.task_label)
        return ReminderData(report.plan, period, report.due, report.units_missing(), owed)

    def casebook_data(self, case_ids: list[int], plan_id: int | None = None) -> CaseBookData:
        """The chosen cases, in the order given."""
        out = []
        for case_id in case_ids:
            row = self._rows("SELECT c.*, coalesce(u.name, '') AS unit_name, "
                             "coalesce(t.number || t.title, '') AS domain FROM cases c "
                             "LEFT JOIN units u ON u.id = c.unit_id "
                             "LEFT JOIN tasks t ON t.id = c.task_id WHERE c.id = ?", [case_id])
            if row:
                out.append((from_row(Case, row[0]), row[0]["unit_name"], row[0]["domain"]))
        return CaseBookData(self.get(Plan, plan_id) if plan_id else None, out)

    def plan_case_ids(self, plan_id: int) -> list[int]:
        """The cases filed under a plan's tasks, by date."""
        return [r[0] for r in self.db.execute(
            "SELECT c.id FROM cases c JOIN tasks t ON t.id = c.task_id WHERE t.plan_id = ? "
            "ORDER BY c.occurred_on, c.id", [plan_id])]

    def document_data(self, kind: str, plan_id: int, *, period: str | None, today: date,
                      phase_id: int | None = None):
        """The data of one kind of document (notice, bulletin, summary, casebook, reminder)."""
        if kind in ("bulletin", "reminder") and not period:
            raise ValidationError({"period": "该方案还没有任何进展记录，请指定月份"})
        if kind == "notice":
            return self.plan_data(plan_id)
        if kind == "bulletin":
            return self.bulletin_data(plan_id, period, today)
        if kind == "summary":
            return self.summary_data(plan_id, today, phase_id)
        if kind == "casebook":
            return self.casebook_data(self.plan_case_ids(plan_id), plan_id)
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
