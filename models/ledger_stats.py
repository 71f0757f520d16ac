"""Ledger part: the figures of the statistics workbooks — the month's 进展统计表, the
典型案例报送表 and the 红黑名单统计表 — as plain data, read from `month_report` and the
red/black-list figures that the targets use too."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from models import cycle
from models.doc_records import (
    CaseTableData,
    ListLine,
    ListTableData,
    ProgressLine,
    ProgressTableData,
)
from models.entries import LIST_KINDS
from models.labels import task_label
from models.ledger_entries import CASE_MONTH
from models.plan_names import campaign_name
from models.records import Plan
from models.returns import ROLE_LABELS
from models.targets_eval import REPAIRED
from models.validation import ValidationError

_SCOPES = ("地方", "全国")
MONTHLY_WORKBOOKS = ("progress", "lists", "templates")  # workbooks of one month
WORKBOOK_NAMES = {"progress": "进展统计表", "lists": "红黑名单统计表", "templates": "报送模板",
                  "cases": "典型案例报送表", "scores": "考核打分表"}


class StatsStore:
    """Statistics tables of a plan's month."""

    def progress_table(self, plan_id: int, period: str, today: date) -> ProgressTableData:
        """Every report owed in the month with its state, status, texts and numbers."""
        report = self.month_report(plan_id, period, today)
        tasks = {t.id: t for t in self.tasks(plan_id)}
        labels = {t.id: task_label(t.number, t.title) for t in tasks.values()}
        got = {(r["task_id"], r["unit_id"]): r for r in self._rows(
            "SELECT p.* FROM progress p JOIN tasks t ON t.id = p.task_id WHERE t.plan_id = ? "
            "AND p.period = ?", [plan_id, period])}
        lines, names = [], []
        for row in report.rows:  # the numbers the tasks ask for first, then any others reported
            names += [n for n in tasks[row.task_id].numbers_asked if n not in names]
        for row in report.rows:
            entry = got.get((row.task_id, row.unit_id)) or {}
            numbers = json.loads(entry.get("numbers") or "{}")
            names += [n for n in numbers if n not in names]
            task = tasks[row.task_id]
            label = task_label(task.number, task.title, limit=200)
            domain = label if row.domain_id == row.task_id else labels[row.domain_id]  # a domain reported on itself
            lines.append(ProgressLine(domain, label, row.unit_name,
                                      ROLE_LABELS.get(row.role, row.role), row.state, _status_shown(row),
                                      entry.get("text") or "", entry.get("problems") or "",
                                      entry.get("next_steps") or "", numbers, row.received_on or ""))
        statuses = Counter(report.task_status[t.id] for t in self.leaf_tasks(plan_id)
                           if t.id in report.task_status)
        return ProgressTableData(report.plan, period, report.due.isoformat(), lines, names,
                                 report.units, dict(statuses))

    def case_table(self, plan_id: int, period: str | None = None) -> CaseTableData:
        """A plan's typical cases (of one month, or all), oldest first — the same cases the
        通报 and the 案例汇编 count."""
        title = (cycle.month_label(period) if period else "") + campaign_name(self.get(Plan, plan_id).title)
        return CaseTableData(f"{title}典型案例报送表", self.plan_cases(plan_id, period, period),
                             bool(self.setting("mask_ids")))

    def workbook_data(self, kind: str, plan_id: int, *, period: str | None, today: date):
        """The plain data of one workbook (breakdown, progress, cases, lists, scores,
        templates). A month is needed for progress, lists and templates; without one, cases
        lists every month and scores the campaign so far."""
        if kind in MONTHLY_WORKBOOKS and not period:
            raise ValidationError({"period": "该方案还没有报送月份，请在“报送设置”中设定报送期"})
        if period and kind in (*MONTHLY_WORKBOOKS, "cases", "scores"):
            self.check_month(plan_id, period, today, what=WORKBOOK_NAMES[kind], must_be_due=False)
        if kind == "breakdown":
            return self.plan_data(plan_id)
        if kind == "progress":
            return self.progress_table(plan_id, period, today)
        if kind == "cases":
            return self.case_table(plan_id, period)
        if kind == "lists":
            return self.list_table(plan_id, period)
        if kind == "scores":
            return self.score_table(plan_id, period, today)
        if kind == "templates":
            templates = self.template_set(plan_id, period)
            if not templates:
                raise ValidationError({"period": f"{cycle.month_label(period)}没有单位需要报送（任务均已办结或未分配单位）"})
            return templates
        raise ValueError(kind)

    # ------------------------------------------------------------------ red/black lists

    def list_figures(self, unit_id: int, plan_id: int, period: str) -> ListLine:
        """A unit's red/black-list figures up to the end of a month. Where the unit reported
        counts in its returns for the plan, those are its figures; otherwise the entries the
        ledger holds for it (listed by then, not yet removed). Targets read the same."""
        reported = self._rows("SELECT list_kind, sum(local) AS local, sum(national) AS national, "
                              "sum(repaired) AS repaired FROM list_counts WHERE plan_id = ? "
                              "AND unit_id = ? AND period <= ? GROUP BY list_kind",
                              [plan_id, unit_id, period])
        counts: dict[tuple[str, str], int] = {(k, s): 0 for k in LIST_KINDS for s in _SCOPES}
        repaired = 0
        if reported:
            for r in reported:
                counts[(r["list_kind"], "地方")] += r["local"]
                counts[(r["list_kind"], "全国")] += r["national"]
                repaired += r["repaired"]
        else:
            end = cycle.month_end(period).isoformat()
            for kind, scope, status in self.db.execute(
                    "SELECT list_kind, scope, repair_status FROM list_entries WHERE unit_id = ? "
                    "AND plan_id = ? AND listed_on <= ? AND (removed_on IS NULL OR removed_on > ?)",
                    [unit_id, plan_id, end, end]):
                counts[(kind, scope)] = counts.get((kind, scope), 0) + 1
                repaired += kind != "红名单" and status in REPAIRED
        cases = self.db.execute(f"SELECT count(*) FROM cases c WHERE unit_id = ? AND plan_id = ? "
                                f"AND {CASE_MONTH} <= ?", [unit_id, plan_id, period]).fetchone()[0]
        return ListLine("", counts, repaired, cases)

    def _home_domains(self, plan_id: int) -> dict[int, int]:
        """The one domain each unit's list figures count in, so that the 按领域 totals equal the
        按单位 ones: the first domain (in the plan's order) the unit leads, else the first it
        takes part in. A unit's lists carry no domain; counting them in every domain it works in
        counted each entry several times."""
        home: dict[int, int] = {}
        rows = self.db.execute(
            "SELECT tu.unit_id, t.root_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id "
            "JOIN tasks r ON r.id = t.root_id WHERE t.plan_id = ? "
            "ORDER BY tu.role != 'lead', r.position, r.id", [plan_id])
        for unit_id, root_id in rows:
            home.setdefault(unit_id, root_id)
        return home

    def list_table(self, plan_id: int, period: str) -> ListTableData:
        """Each unit of the plan, and each domain (its units' figures summed), up to a month."""
        groups = self.group_members()  # a group name is not a unit: its members stand in
        owners = lambda ids: [m for u in ids for m in groups.get(u, [u])]  # noqa: E731
        names = dict(self.db.execute("SELECT id, name FROM units"))
        linked = [r[0] for r in self.db.execute(
            "SELECT DISTINCT tu.unit_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id "
            "WHERE t.plan_id = ? ORDER BY tu.unit_id", [plan_id])]
        figures = {}
        for unit_id in dict.fromkeys(owners(linked)):
            line = self.list_figures(unit_id, plan_id, period)
            line.name = names[unit_id]
            figures[unit_id] = line
        home = self._home_domains(plan_id)
        for group, members in groups.items():  # a group's members count where the group does
            for member in members:
                if group in home:
                    home.setdefault(member, home[group])
        domains = []
        for root in (t for t in self.tasks(plan_id) if t.parent_id is None):
            lines = [figures[u] for u in figures if home.get(u) == root.id]
            counts = Counter()
            for line in lines:
                counts.update(line.counts)
            domains.append(ListLine(task_label(root.number, root.title), dict(counts),
                                    sum(x.repaired for x in lines), sum(x.cases for x in lines)))
        thresholds = {r["formula"]: r["threshold"] for r in self._rows(
            "SELECT g.formula, g.threshold FROM targets g JOIN tasks t ON t.id = g.task_id "
            "WHERE t.plan_id = ?", [plan_id])}
        return ListTableData(self.get(Plan, plan_id), period, list(figures.values()), domains,
                             thresholds.get("cases_per_list"), thresholds.get("local_per_national"),
                             thresholds.get("list_repair_share"))


def _status_shown(row) -> str:
    """The unit's progress status: this month's, or its latest carried forward with the
    month it was reported for; "" when it never reported."""
    if row.status:
        return row.status
    if row.latest_status:
        return f"{row.latest_status}（沿用{cycle.month_label(row.latest_period)}）"
    return ""

