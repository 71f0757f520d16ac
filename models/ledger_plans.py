"""Ledger part: saving a plan read from a document — the one apply step for plan imports.

The command line and the window both call `apply_plan`; it writes the plan, its phases,
tasks, units, links and targets in one transaction with one audit entry. Re-importing a
plan updates it in place, keeping the tasks (and their progress) it still has.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field

from models.plan_checks import repair_draft
from models.plan_draft import ROLE_KEYS, PlanDraft, TaskDraft
from models.records import Phase, Plan, Target, Task, Unit
from models.targets_eval import guess_formula
from models.unitnames import unit_key
from models.validation import ValidationError, validate


@dataclass
class UnitMatch:
    """How a unit name of a plan meets the directory: found, or new with look-alikes."""

    name: str
    unit_id: int | None
    candidates: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class ApplyResult:
    """What an import did to the ledger."""

    plan_id: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    kept: list[str] = field(default_factory=list)  # tasks gone from the plan but with progress
    new_units: int = 0
    task_ids: dict[int, int] = field(default_factory=dict, repr=False)  # id(TaskDraft) → task id
    repaired: list[str] = field(default_factory=list)  # fields fixed or dropped before saving


def _formula(metric: str, measure_unit: str) -> tuple[str | None, str | None, str | None]:
    """How a target is valued: a ratio (%) or a count of cases (个) as the ledger can compute
    them; an amount of something else (500家, 20篇) is kept as the plan states it, with no
    formula — the ledger holds no figure to judge it by."""
    if measure_unit not in ("%", "个"):
        return None, None, None
    return guess_formula(metric, measure_unit)


def _checked(record, what: str) -> None:
    """Validate a record of the plan, its errors named in the office's words (任务“（三）…”)."""
    try:
        validate(record)
    except ValidationError as exc:
        raise ValidationError(exc.errors, record=what) from None


def _is_abbreviation(short: str, full: str) -> bool:
    """中法 for 中级人民法院: the short name's characters appear in order in the full one."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _similar(key: str, other: str) -> bool:
    """Names worth offering as the same unit (the office decides)."""
    short_a, short_b = key.removeprefix("市"), other.removeprefix("市")
    if short_a and short_b and (short_a in short_b or short_b in short_a):
        return True
    if _is_abbreviation(short_a, short_b) or _is_abbreviation(short_b, short_a):
        return True
    return difflib.SequenceMatcher(None, key, other).ratio() >= 0.75


class PlanStore:
    """Finding a plan again, matching its units, and saving it."""

    def find_plan(self, draft: PlanDraft) -> Plan | None:
        """The plan already in the ledger that this draft is: same 文号, or same title,
        issuer and date when it has none."""
        if draft.doc_number:
            rows = self._rows("SELECT * FROM plans WHERE doc_number = ?", [draft.doc_number])
        else:
            rows = self._rows("SELECT * FROM plans WHERE title = ? AND coalesce(issuer, '') = ? "
                              "AND coalesce(date, '') = ?",
                              [draft.title, draft.issuer or "", draft.date or ""])
        return self.get(Plan, rows[0]["id"]) if rows else None

    def match_units(self, names: list[str], region: str | None) -> list[UnitMatch]:
        """Each name: the unit it already means (name or alias), or look-alikes to confirm."""
        directory = self.units(region or "")
        matches = []
        for name in names:
            found = self.find_unit(name, region)
            if found:
                matches.append(UnitMatch(name, found.id))
                continue
            key = unit_key(name)
            alike = [(u.id, u.name) for u in directory
                     if _similar(key, unit_key(u.name))
                     or any(_similar(key, unit_key(a)) for a in u.aliases)]
            matches.append(UnitMatch(name, None, alike[:5]))
        return matches

    def apply_plan(self, draft: PlanDraft, *, aliases: dict[str, int] | None = None,
                   update: Plan | None = None) -> ApplyResult:
        """Save a plan draft in one transaction. `aliases` maps a new name to the unit the
        office confirmed it means; `update` is the plan this draft replaces. A bad date, phase
        or target is fixed or dropped on its own (`repaired` says which), never refusing the
        whole plan."""
        repaired = repair_draft(draft)
        plan = Plan(title=draft.title, issuer=draft.issuer, doc_number=draft.doc_number,
                    date=draft.date, recipients=draft.recipients, region=draft.region,
                    report_day=draft.report_day, summary_due=draft.summary_due,
                    summary_due_text=draft.summary_due_text, contact=draft.contact,
                    notes=draft.notes, source_file=draft.source_file,
                    id=update.id if update else None)
        _checked(plan, "方案")
        with self.db.atomic():
            plan_id = self._write(plan, audited=False)
            units_before = self.count("units")
            unit_ids = self._plan_units(draft, aliases or {})
            self._replace_phases(plan_id, draft)
            existing = self._task_keys(plan_id) if update else {}
            result = ApplyResult(plan_id, repaired=repaired)
            for position, task in enumerate(draft.tasks):
                self._apply_task(task, plan_id, None, "", position, unit_ids, existing, result)
            self._remove_missing(existing, result)
            self._replace_structure(plan_id, draft, result.task_ids)
            result.new_units = self.count("units") - units_before
            action = "更新方案" if update else "导入方案"
            self.audit(action, "plans", plan_id, detail=(
                f"{draft.source_file or '手工'}：《{draft.title}》新增任务 {result.added} 项，"
                f"更新 {result.updated} 项，删除 {result.removed} 项，新增单位 {result.new_units} 个"))
        return result

    def _plan_units(self, draft: PlanDraft, aliases: dict[str, int]) -> dict[str, int]:
        region = draft.region or ""
        ids: dict[str, int] = {}
        for name in draft.unit_names():
            if name in aliases:
                unit = self.get(Unit, aliases[name])
                if name not in unit.aliases and unit_key(name) != unit_key(unit.name):
                    self.db.execute("INSERT OR IGNORE INTO unit_aliases VALUES (?, ?, ?)",
                                    [unit.id, name, unit_key(name)])
                ids[name] = unit.id
                continue
            found = self.find_unit(name, region)
            ids[name] = found.id if found else self._write(
                Unit(name=name, region=region), {"key": unit_key(name)}, audited=False)
        return ids

    def _replace_phases(self, plan_id: int, draft: PlanDraft) -> None:
        self.db.execute("DELETE FROM phases WHERE plan_id = ?", [plan_id])
        for position, phase in enumerate(draft.phases):
            record = Phase(plan_id=plan_id, name=phase.name, start=phase.start, end=phase.end,
                           text=phase.text, position=position)
            _checked(record, f"阶段“{phase.name}”")
            self._write(record, audited=False)

    def _task_keys(self, plan_id: int) -> dict[tuple, int]:
        rows = self._rows("SELECT id, parent_id, number, title FROM tasks WHERE plan_id = ?",
                          [plan_id])
        by_id = {r["id"]: r for r in rows}

        def key(row) -> tuple:
            parent = by_id.get(row["parent_id"])
            return (key(parent) if parent else ()) + ((row["number"] or row["title"]),)

        return {key(r): r["id"] for r in rows}

    def _apply_task(self, draft: TaskDraft, plan_id: int, parent_id: int | None, parent_key,
                    position: int, unit_ids: dict[str, int], existing: dict, result) -> None:
        key = (parent_key if isinstance(parent_key, tuple) else ()) + ((draft.number or draft.title),)
        formulas = [_formula(t.metric, t.measure_unit) for t in draft.targets]
        asked = list(dict.fromkeys(n for _, num, den in formulas for n in (den, num) if n))
        task = Task(plan_id=plan_id, parent_id=parent_id, number=draft.number, title=draft.title,
                    text=draft.text, deadline=draft.deadline, deadline_text=draft.deadline_text,
                    ongoing=draft.ongoing, report_day=draft.report_day, position=position,
                    numbers_asked=asked, id=existing.pop(key, None))
        _checked(task, f"任务“{draft.number}{draft.title[:20]}”")
        if task.id is None:
            result.added += 1
        else:
            result.updated += 1
        task_id = self._write(task, audited=False)
        result.task_ids[id(draft)] = task_id
        root = self._root_of(parent_id) if parent_id else task_id
        self.db.execute("UPDATE tasks SET root_id = ? WHERE id = ?", [root, task_id])
        self.db.execute("DELETE FROM task_units WHERE task_id = ?", [task_id])
        self.db.execute("DELETE FROM targets WHERE task_id = ?", [task_id])
        order = 0
        for role in ROLE_KEYS:
            for name in draft.units[role]:
                self.db.execute("INSERT OR IGNORE INTO task_units VALUES (?, ?, ?, ?)",
                                [task_id, unit_ids[name], role, order])
                order += 1
        for target, (formula, numerator, denominator) in zip(draft.targets, formulas):
            record = Target(task_id=task_id, metric=target.metric, comparator=target.comparator,
                            threshold=target.threshold, measure_unit=target.measure_unit,
                            text=target.text, formula=formula, numerator=numerator,
                            denominator=denominator)
            _checked(record, f"任务“{draft.number}{draft.title[:20]}”的目标")
            self._write(record, audited=False)
        for child_position, child in enumerate(draft.children):
            self._apply_task(child, plan_id, task_id, key, child_position, unit_ids, existing,
                             result)

    def _replace_structure(self, plan_id: int, draft: PlanDraft, task_ids: dict[int, int]) -> None:
        """Keep the plan's own structure (headings, prose, task places) and each task as the
        plan wrote it; a block whose task the office removed in the preview is left out."""
        self.db.execute("DELETE FROM plan_blocks WHERE plan_id = ?", [plan_id])
        position = 0
        for block in draft.blocks:
            task_id = task_ids.get(id(block.task)) if block.task is not None else None
            if block.kind == "task" and task_id is None:
                continue
            self.db.execute("INSERT INTO plan_blocks (plan_id, position, kind, number, text, task_id) "
                            "VALUES (?, ?, ?, ?, ?, ?)",
                            [plan_id, position, block.kind, block.number, block.text, task_id])
            position += 1
        for task in draft.walk():
            read = task.as_read or {"units": task.units, "deadline_text": task.deadline_text}
            self.db.execute("INSERT OR REPLACE INTO task_origins (task_id, text, units, deadline_text) "
                            "VALUES (?, ?, ?, ?)",
                            [task_ids[id(task)], task.text,
                             json.dumps({k: read["units"][k] for k in ROLE_KEYS}, ensure_ascii=False),
                             read["deadline_text"]])

    def _remove_missing(self, existing: dict, result: ApplyResult) -> None:
        """Tasks the new version of a plan no longer has: deleted, unless units reported on
        them — those stay, so no progress is lost, and are named in the result."""
        for task_id in sorted(existing.values(), reverse=True):
            if not self.db.execute("SELECT 1 FROM tasks WHERE id = ?", [task_id]).fetchone():
                continue
            subtree = self._subtree(task_id)
            marks = ",".join("?" * len(subtree))
            reported = self.db.execute(f"SELECT count(*) FROM progress WHERE task_id IN ({marks})",
                                       subtree).fetchone()[0]
            if reported:
                title = self.db.execute("SELECT number || title FROM tasks WHERE id = ?",
                                        [task_id]).fetchone()[0]
                result.kept.append(title)
            else:
                self.db.execute("DELETE FROM tasks WHERE id = ?", [task_id])
                result.removed += 1
