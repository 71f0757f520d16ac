"""Ledger part: generic audited record writes, and plans, tasks, units, links and targets."""

from __future__ import annotations

import json
from dataclasses import fields as dc_fields

from models import fields as F
from models.entries import Case, ListEntry, Progress
from models.errors import NotFound
from models.records import Phase, Plan, Target, Task, TaskUnit, Unit
from models.unitnames import unit_key
from models.validation import ValidationError, validate

TABLES = {Plan: "plans", Phase: "phases", Task: "tasks", Unit: "units", Target: "targets",
          Progress: "progress", Case: "cases", ListEntry: "list_entries"}
ACTION_LABELS = {"insert": "新增", "update": "修改", "delete": "删除"}
_SUBTREE = ("WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL "
            "SELECT t.id FROM tasks t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub")


def to_row(record) -> dict:
    """The table columns of a record (lists live in their own tables and are left out)."""
    row = {}
    for fld in type(record).FIELDS:
        value = getattr(record, fld.name)
        if fld.kind == F.LIST:
            continue
        if fld.kind == F.BOOL:
            value = int(bool(value))
        elif fld.kind == F.NUMBERS:
            value = json.dumps(value or {}, ensure_ascii=False)
        elif fld.kind == F.STRINGS:
            value = json.dumps(list(value or []), ensure_ascii=False)
        row[fld.name] = value
    return row


def from_row(cls, row: dict):
    """Build a record of type `cls` from a table row (extra columns are ignored)."""
    kinds = {f.name: f.kind for f in cls.FIELDS}
    names = {f.name for f in dc_fields(cls)}
    values = {}
    for name, value in row.items():
        if name not in names:
            continue
        if kinds.get(name) == F.BOOL:
            value = bool(value)
        elif kinds.get(name) == F.NUMBERS:
            value = json.loads(value or "{}")
        elif kinds.get(name) == F.STRINGS:
            value = json.loads(value or "[]")
        values[name] = value
    return cls(**values)


def sensitive_fields(cls) -> tuple[str, ...]:
    """Names of the fields of `cls` that hold personal data."""
    return tuple(f.name for f in cls.FIELDS if f.sensitive)


class RecordStore:
    """Audited insert / update / delete of any record, and the plan-side records."""

    # ------------------------------------------------------------------ generic

    def _rows(self, sql: str, params=()) -> list[dict]:
        cursor = self.db.execute(sql, list(params))
        cols = [d[0] for d in cursor.description]
        return [dict(zip(cols, r)) for r in cursor.fetchall()]

    def get(self, cls, record_id: int):
        """The record of type `cls` with this id; NotFound when there is none."""
        rows = self._rows(f"SELECT * FROM {TABLES[cls]} WHERE id = ?", [record_id])
        if not rows:
            raise NotFound(f"找不到编号为 {record_id} 的{cls.__name__}记录。")
        record = from_row(cls, rows[0])
        if cls is Unit:
            record.aliases = self.unit_aliases(record_id)
        return record

    def save(self, record) -> int:
        """Validate and store a record (insert when it has no id); returns its id."""
        validate(record)
        if isinstance(record, (Case, ListEntry)):
            self._check_plan_of(record)
        if isinstance(record, Task):
            return self._save_task(record)
        if isinstance(record, Unit):
            return self._save_unit(record)
        with self.db.atomic():
            return self._write(record, self._case_month(record) if isinstance(record, Case) else None)

    def _case_month(self, case: Case) -> dict:
        """The month a case belongs to: one that came in a return keeps that return's month;
        one typed in belongs to the month of its 实施日期 (undated: the month it was entered)."""
        if case.id is not None:
            row = self.db.execute("SELECT import_file_id, period FROM cases WHERE id = ?", [case.id]).fetchone()
            if row and (row[0] is not None or (row[1] and not case.occurred_on)):
                return {}
        return {"period": self._typed_case_month(case.occurred_on)}

    def _typed_case_month(self, occurred_on: str | None) -> str:
        """A case typed in belongs to the month of its 实施日期; undated, to the month it was entered."""
        return occurred_on[:7] if occurred_on else self.clock().strftime("%Y-%m")

    def _check_plan_of(self, record) -> None:
        """A case filed under a task belongs to that task's plan; one naming another plan is
        refused."""
        task_id = getattr(record, "task_id", None)
        if not task_id:
            return
        row = self.db.execute("SELECT plan_id FROM tasks WHERE id = ?", [task_id]).fetchone()
        if row is None:
            raise ValidationError({"task_id": f"找不到编号为 {task_id} 的任务"})
        if record.plan_id is None:
            record.plan_id = row[0]
        elif record.plan_id != row[0]:
            raise ValidationError({"task_id": "所选任务不属于所选方案，请重新选择任务或方案"})

    def _write(self, record, extra: dict | None = None, *, audited: bool = True) -> int:
        """Insert or update one record; `audited=False` inside a bulk write audited once."""
        table, cls = TABLES[type(record)], type(record)
        row = {**to_row(record), **(extra or {})}
        if record.id is None:
            record.id = self.db[table].insert(row).last_pk
            if audited:
                self.audit("新增", table, record.id, new=row, sensitive=sensitive_fields(cls))
            return record.id
        old = self._rows(f"SELECT * FROM {table} WHERE id = ?", [record.id])
        if not old:
            raise NotFound(f"找不到编号为 {record.id} 的记录，可能已被删除。")
        old_row = {k: old[0][k] for k in row}
        changed = {k for k in row if row[k] != old_row[k]}
        if changed:
            self.db[table].update(record.id, {k: row[k] for k in changed})
            if audited:
                self.audit("修改", table, record.id, old={k: old_row[k] for k in changed},
                           new={k: row[k] for k in changed}, sensitive=sensitive_fields(cls))
        return record.id

    def delete(self, cls, record_id: int) -> None:
        """Delete one record (and, for tasks and plans, what hangs under it), audited."""
        table = TABLES[cls]
        with self.db.atomic():
            old = self._rows(f"SELECT * FROM {table} WHERE id = ?", [record_id])
            if not old:
                raise NotFound(f"找不到编号为 {record_id} 的记录，可能已被删除。")
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [record_id])
            self.audit("删除", table, record_id, old=old[0], sensitive=sensitive_fields(cls))

    # ------------------------------------------------------------------ plans and tasks

    def plans(self) -> list[Plan]:
        """All plans, oldest first."""
        return [from_row(Plan, r) for r in self._rows("SELECT * FROM plans ORDER BY id")]

    def phases(self, plan_id: int) -> list[Phase]:
        """A plan's phases in order."""
        rows = self._rows("SELECT * FROM phases WHERE plan_id = ? ORDER BY position, id", [plan_id])
        return [from_row(Phase, r) for r in rows]

    def tasks(self, plan_id: int) -> list[Task]:
        """Every task of a plan, parents before children, siblings in order."""
        rows = self._rows(
            "SELECT * FROM tasks WHERE plan_id = ? ORDER BY root_id = id DESC, position, id",
            [plan_id],
        )
        by_parent: dict[int | None, list[Task]] = {}
        for r in rows:
            by_parent.setdefault(r["parent_id"], []).append(from_row(Task, r))
        ordered: list[Task] = []

        def walk(parent):
            for task in sorted(by_parent.get(parent, []), key=lambda t: (t.position, t.id)):
                ordered.append(task)
                walk(task.id)

        walk(None)
        return ordered

    def _save_task(self, task: Task) -> int:
        with self.db.atomic():
            if task.parent_id is not None:
                parent = self._rows("SELECT plan_id, root_id FROM tasks WHERE id = ?",
                                    [task.parent_id])
                if not parent or parent[0]["plan_id"] != task.plan_id:
                    raise ValidationError({"parent_id": "上级任务不存在或不属于同一方案"})
                if task.id is not None and task.parent_id in self._subtree(task.id):
                    raise ValidationError({"parent_id": "不能把任务移到它自己或它的下级之下"})
            moved = task.id is not None and self._parent_of(task.id) != task.parent_id
            task_id = self._write(task)
            if task.id is not None and (moved or self._root_of(task_id) is None):
                root = self._root_of(task.parent_id) if task.parent_id else task_id
                ids = self._subtree(task_id)
                marks = ",".join("?" * len(ids))
                self.db.execute(f"UPDATE tasks SET root_id = ? WHERE id IN ({marks})", [root, *ids])
            return task_id

    def _subtree(self, task_id: int) -> list[int]:
        return [r[0] for r in self.db.execute(_SUBTREE, [task_id]).fetchall()]

    def _parent_of(self, task_id: int):
        row = self.db.execute("SELECT parent_id FROM tasks WHERE id = ?", [task_id]).fetchone()
        return row[0] if row else None

    def _root_of(self, task_id: int):
        row = self.db.execute("SELECT root_id FROM tasks WHERE id = ?", [task_id]).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ units

    def _save_unit(self, unit: Unit) -> int:
        with self.db.atomic():
            key = unit_key(unit.name)
            clash = self.find_unit(unit.name, unit.region)
            if clash is not None and clash.id != unit.id:
                raise ValidationError({"name": f"单位“{clash.name}”已在名录中（同名或别名）"})
            unit_id = self._write(unit, {"key": key})
            self.db.execute("DELETE FROM unit_aliases WHERE unit_id = ?", [unit_id])
            for alias in dict.fromkeys(unit.aliases):
                if unit_key(alias) != key:
                    self.db.execute("INSERT OR IGNORE INTO unit_aliases VALUES (?, ?, ?)",
                                    [unit_id, alias, unit_key(alias)])
            return unit_id

    def units(self, region: str | None = None) -> list[Unit]:
        """Units of the directory (of one region when given), by name."""
        where, params = ("WHERE region = ?", [region]) if region is not None else ("", [])
        units = [from_row(Unit, r) for r in self._rows(f"SELECT * FROM units {where} ORDER BY id",
                                                        params)]
        aliases: dict[int, list[str]] = {}
        for unit_id, alias in self.db.execute("SELECT unit_id, alias FROM unit_aliases"):
            aliases.setdefault(unit_id, []).append(alias)
        for unit in units:
            unit.aliases = aliases.get(unit.id, [])
        return units

    def unit_aliases(self, unit_id: int) -> list[str]:
        """The other spellings recorded for a unit."""
        return [r[0] for r in self.db.execute(
            "SELECT alias FROM unit_aliases WHERE unit_id = ? ORDER BY rowid", [unit_id])]

    def find_unit(self, name: str, region: str | None = None) -> Unit | None:
        """The unit this name means in the region: same normalised name, or a known alias."""
        key, region = unit_key(name), region or ""
        rows = self._rows("SELECT * FROM units WHERE region = ? AND key = ?", [region, key])
        if not rows:
            rows = self._rows(
                "SELECT u.* FROM unit_aliases a JOIN units u ON u.id = a.unit_id "
                "WHERE a.key = ? AND u.region = ?", [key, region])
        return from_row(Unit, rows[0]) if rows else None

    def ensure_unit(self, name: str, region: str | None = None) -> int:
        """The id of the unit this name means, adding it to the directory when new."""
        found = self.find_unit(name, region)
        if found:
            return found.id
        return self.save(Unit(name=name.strip(), region=region or ""))

    def link_unit(self, task_id: int, unit_id: int, role: str, position: int = 0) -> None:
        """Give a unit a role on a task (牵头 / 参与 / 责任); audited."""
        link = TaskUnit(task_id=task_id, unit_id=unit_id, role=role, position=position)
        validate(link)
        with self.db.atomic():
            self.db.execute("INSERT OR IGNORE INTO task_units VALUES (?, ?, ?, ?)",
                            [task_id, unit_id, role, position])
            self.audit("新增", "task_units", task_id, new={"unit_id": unit_id, "role": role})

    def task_units(self, task_id: int) -> list[tuple[Unit, str]]:
        """The units of a task with their roles, in the order written."""
        rows = self._rows(
            "SELECT u.*, tu.role AS _role FROM task_units tu JOIN units u ON u.id = tu.unit_id "
            "WHERE tu.task_id = ? ORDER BY tu.position, tu.rowid", [task_id])
        return [(from_row(Unit, r), r["_role"]) for r in rows]

    def targets(self, task_id: int) -> list[Target]:
        """The targets set on a task."""
        rows = self._rows("SELECT * FROM targets WHERE task_id = ? ORDER BY id", [task_id])
        return [from_row(Target, r) for r in rows]
