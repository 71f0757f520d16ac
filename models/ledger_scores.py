"""Ledger part: targets evaluated from the ledger each month, and 考核打分 — the office's
rules (kept with their history), monthly and campaign scores, and locked (closed) months
whose scores later rule changes do not touch."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from models import cycle
from models.doc_records import ScoreTableData
from models.ledger_entries import CASE_MONTH
from models.ledger_records import from_row
from models.plan_names import campaign_name
from models.records import Plan, Target
from models.targets_eval import TargetValue, judge
from models.validation import ValidationError


class ScoreStore:
    """Targets and scores of a plan's months."""

    # ------------------------------------------------------------------ targets

    def evaluate_targets(self, plan_id: int, period: str) -> list[TargetValue]:
        """Every target of the plan, valued with what the ledger holds up to the month's end."""
        end = cycle.month_end(period).isoformat()
        out = []
        for row in self._rows("SELECT g.*, t.number || t.title AS task_label FROM targets g "
                              "JOIN tasks t ON t.id = g.task_id WHERE t.plan_id = ? "
                              "ORDER BY t.root_id, t.position, g.id", [plan_id]):
            target = from_row(Target, row)
            subtree = self._subtree(target.task_id)
            roles = ("lead",) if target.formula == "case_count" else ("lead", "participating",
                                                                      "responsible")
            units = self._rows(
                f"SELECT DISTINCT u.id, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id "
                f"WHERE tu.task_id = ? AND tu.role IN ({','.join('?' * len(roles))}) "
                f"ORDER BY tu.position", [target.task_id, *roles])
            per_unit = [(u["name"], *self._target_parts(target, u["id"], subtree, plan_id, period, end))
                        for u in units]
            out.append(judge(target, row["task_label"], per_unit,
                             count=target.formula == "case_count"))
        return out

    def _target_parts(self, target: Target, unit_id: int, subtree: list[int], plan_id: int,
                      period: str, end: str) -> tuple[float, float]:
        marks = ",".join("?" * len(subtree))
        one = lambda sql, params: self.db.execute(sql, params).fetchone()[0] or 0  # noqa: E731
        if target.formula == "ratio":
            if not (target.numerator and target.denominator):
                return 0, 0
            sums = self.db.execute(
                f"SELECT sum(json_extract(numbers, ?)), sum(json_extract(numbers, ?)) FROM progress "
                f"WHERE unit_id = ? AND period <= ? AND task_id IN ({marks})",
                [f'$."{target.numerator}"', f'$."{target.denominator}"', unit_id, period, *subtree]
            ).fetchone()
            return sums[0] or 0, sums[1] or 0
        if target.formula in ("cases_per_list", "list_repair_share", "local_per_national"):
            lists = self.list_figures(unit_id, plan_id, period)
            return {"cases_per_list": (lists.cases, lists.total),
                    "list_repair_share": (lists.repaired, lists.punished),
                    "local_per_national": (lists.local, lists.national)}[target.formula]
        if target.formula == "case_count":
            return one(f"SELECT count(*) FROM cases WHERE unit_id = ? AND period <= ? "
                       f"AND task_id IN ({marks})", [unit_id, period, *subtree]), 1
        return 0, 0

    # ------------------------------------------------------------------ rules

    def score_rules(self) -> dict:
        """The scoring rules in force (the office's newest, else the defaults)."""
        row = self.db.execute("SELECT rules FROM score_rules ORDER BY id DESC LIMIT 1").fetchone()
        return {**cycle.DEFAULT_RULES, **json.loads(row[0])} if row else dict(cycle.DEFAULT_RULES)

    def set_score_rules(self, rules: dict) -> int:
        """Adopt new scoring rules; the old ones stay in the history. Returns the new id."""
        merged = {**cycle.DEFAULT_RULES, **rules}
        errors = {k: f"“{cycle.RULE_LABELS.get(k, k)}”应为数字" for k, v in merged.items()
                  if k != "grades" and (isinstance(v, bool) or not isinstance(v, (int, float)))}
        if not isinstance(merged["grades"], dict) or not all(
                isinstance(v, (int, float)) for v in merged["grades"].values()):
            errors["grades"] = "“等次分数线”应为 等次: 分数"
        if errors:
            raise ValidationError(errors, record="考核规则")
        with self.db.atomic():
            old = self.score_rules()
            rules_id = self.db.execute(
                "INSERT INTO score_rules (rules, created_at) VALUES (?, ?)",
                [json.dumps(merged, ensure_ascii=False), self.clock().isoformat(timespec="seconds")]
            ).lastrowid
            self.audit("修改考核规则", "score_rules", rules_id, old=old, new=merged)
        return rules_id

    def score_rules_history(self) -> list[dict]:
        """Every rule set the office adopted, newest first."""
        return [{"id": r["id"], "created_at": r["created_at"], "rules": json.loads(r["rules"])}
                for r in self._rows("SELECT * FROM score_rules ORDER BY id DESC")]

    # ------------------------------------------------------------------ scores

    def is_locked(self, plan_id: int, period: str) -> bool:
        """True when the office closed (锁定) this month."""
        return bool(self.db.execute("SELECT 1 FROM period_locks WHERE plan_id = ? AND period = ?",
                                    [plan_id, period]).fetchone())

    def month_rules(self, plan_id: int, period: str) -> dict:
        """The rules a month is scored by: those recorded when it was locked, else those in force."""
        row = self.db.execute("SELECT r.rules FROM period_locks l JOIN score_rules r ON r.id = l.rules_id "
                              "WHERE l.plan_id = ? AND l.period = ?", [plan_id, period]).fetchone()
        return {**cycle.DEFAULT_RULES, **json.loads(row[0])} if row else self.score_rules()

    def month_scores(self, plan_id: int, period: str, today: date) -> list[cycle.UnitScore]:
        """Scores and ranking of the units for a month: as recorded when the month is locked,
        else computed now with the rules in force."""
        counts, names = self._unit_counts(plan_id, period, today)
        if self.is_locked(plan_id, period):
            return [cycle.UnitScore(r["unit_id"], r["name"], r["score"], r["rank"], r["grade"] or "",
                                    json.loads(r["detail"] or "{}"), counts.get(r["unit_id"]))
                    for r in self._rows("SELECT s.*, u.name FROM scores s JOIN units u ON u.id = s.unit_id "
                                        "WHERE plan_id = ? AND period = ? ORDER BY rank, u.name",
                                        [plan_id, period])]
        rules = self.score_rules()
        scores = []
        for unit_id, item in counts.items():
            total, parts = cycle.score(item, rules)
            scores.append(cycle.UnitScore(unit_id, names[unit_id], total, detail=parts, counts=item))
        return cycle.rank(scores, rules["grades"])

    def _unit_counts(self, plan_id: int, period: str, today: date):
        """Per unit, what a month's score counts (reports by state, cases, targets met), and
        the units' names."""
        report = self.month_report(plan_id, period, today)
        counts: dict[int, cycle.ScoreInput] = {}
        names = {}
        for row in report.rows:
            item = counts.setdefault(row.unit_id, cycle.ScoreInput())
            names[row.unit_id] = row.unit_name
            if row.state == cycle.ON_TIME:
                item.on_time += 1
            elif row.state == cycle.LATE:
                item.late += 1
            elif row.state == cycle.MISSING:
                item.missing += 1
        for unit_id, n in self.db.execute(
                f"SELECT unit_id, count(*) FROM cases c WHERE plan_id = ? AND {CASE_MONTH} = ? "
                "GROUP BY unit_id", [plan_id, period]):
            if unit_id in counts:
                counts[unit_id].cases = n
        met = Counter(name for value in self.evaluate_targets(plan_id, period) for name, _ in value.per_unit
                      if name not in value.units_behind())
        for unit_id, item in counts.items():
            item.targets_met = met[names[unit_id]]
        return counts, names

    def lock_period(self, plan_id: int, period: str, today: date) -> None:
        """Close (锁定) a month: its scores are recorded and rule changes no longer touch them."""
        if self.is_locked(plan_id, period):
            return
        scores = self.month_scores(plan_id, period, today)
        rules_id = self.db.execute("SELECT max(id) FROM score_rules").fetchone()[0]
        with self.db.atomic():
            for s in scores:
                self.db.execute("INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [plan_id, period, s.unit_id, s.score, s.rank, s.grade,
                                 json.dumps(s.detail, ensure_ascii=False)])
            self.db.execute("INSERT INTO period_locks VALUES (?, ?, ?, ?)",
                            [plan_id, period, self.clock().isoformat(timespec="seconds"), rules_id])
            self.audit("锁定月份", "period_locks", plan_id, detail=f"{period}：记录 {len(scores)} 个单位的得分")

    def score_table(self, plan_id: int, period: str | None, today: date) -> ScoreTableData:
        """The 考核打分表 of a month, or (no month) of the campaign so far."""
        plan = self.get(Plan, plan_id)
        if period:
            scores = self.month_scores(plan_id, period, today)
            span = cycle.month_label(period) + ("（已锁定）" if self.is_locked(plan_id, period) else "")
        else:
            scores = self.campaign_scores(plan_id, today)
            span = "专项治理期间月度平均（得分及基础分、各项加减分均为各月的平均值）"
        return ScoreTableData(f"{campaign_name(plan.title)}考核打分表", f"{span}　统计日期：{today.isoformat()}",
                              scores, self.score_rules())

    def campaign_scores(self, plan_id: int, today: date,
                        months: list[str] | None = None) -> list[cycle.UnitScore]:
        """Each unit's average monthly score over the given months (default: every month of
        the 报送期 already due), ranked; its parts (基础分, 逾期扣分…) are averages too, and
        its counts (reports, cases, targets met) sums."""
        plan = self.get(Plan, plan_id)
        plan_months = months if months is not None else [
            p for p in self.periods(plan_id, today) if self.due_of(plan, p) < today]
        totals: dict[int, list[float]] = {}
        parts: dict[int, Counter] = {}
        names, counts = {}, {}
        for period in plan_months:
            for s in self.month_scores(plan_id, period, today):
                totals.setdefault(s.unit_id, []).append(s.score)
                parts.setdefault(s.unit_id, Counter()).update(
                    {k: v for k, v in s.detail.items() if k in cycle.SCORE_PARTS})
                names[s.unit_id] = s.unit_name
                added = counts.setdefault(s.unit_id, cycle.ScoreInput())
                for part in vars(added):
                    setattr(added, part, getattr(added, part) + getattr(s.counts, part, 0))
        scores = [cycle.UnitScore(u, names[u], round(sum(v) / len(v), 1),
                                  detail={**{k: round(parts[u][k] / len(v), 1) for k in cycle.SCORE_PARTS
                                             if k in parts[u]}, "months": len(v)},
                                  counts=counts[u]) for u, v in totals.items()]
        return cycle.rank(scores, self.score_rules()["grades"])
