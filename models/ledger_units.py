"""Ledger part: editing by hand — the units that are probably one agency written two ways
(offered for merging once), merging two units of the directory into one (links, reports,
cases, list entries and chases follow; the other name becomes an alias), a task's units and its
place among its siblings."""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import NotFound
from models.records import Unit
from models.unitnames import comparison_key, is_group_name, unit_key
from models.validation import ValidationError

# (table, unit column) rows that simply move to the kept unit
_MOVED = (("cases", "unit_id"), ("list_entries", "unit_id"), ("reminders", "unit_id"),
          ("task_events", "unit_id"), ("import_files", "unit_id"))
# tables with a key that includes the unit: a clash keeps the kept unit's row
_KEYED = (("task_units", "unit_id"), ("progress", "unit_id"), ("deliverables", "unit_id"),
          ("scores", "unit_id"), ("unit_members", "group_id"), ("unit_members", "member_id"),
          ("list_counts", "unit_id"))


@dataclass
class LikelyDuplicate:
    """Two units of one region that are probably the same agency, and why."""

    first: Unit
    second: Unit
    reason: str
    by_name: bool = False  # the two names themselves meet (not an alias or short name): a safe merge

    def kept_first(self) -> tuple[Unit, Unit]:
        """(kept, dropped): the fuller name is kept (中国人民银行…, 市人力资源和社会保障局)."""
        first, second = self.first, self.second
        return (first, second) if len(first.name) >= len(second.name) else (second, first)


class UnitStore:
    """Likely duplicates and merging units."""

    def likely_duplicates(self) -> list[LikelyDuplicate]:
        """Units of one region whose names, short names or aliases meet under one comparison
        key (中国人民银行… / 人民银行…, 市人社局 / 市人力资源和社会保障局) — group names and
        pairs the office said are different left out."""
        distinct = {(a, b) for a, b in self.db.execute("SELECT first_id, second_id FROM unit_distinct")}
        seen: dict[tuple[str, str], tuple[Unit, bool]] = {}
        pairs: dict[tuple[int, int], LikelyDuplicate] = {}
        for unit in self.units():
            if unit.kind == "成员单位群体" or is_group_name(unit.name):
                continue
            for spelling in dict.fromkeys([unit.name, unit.short_name or "", *unit.aliases]):
                key = comparison_key(spelling)
                if len(key) < 2:
                    continue
                other, other_by_name = seen.setdefault((unit.region or "", key), (unit, spelling == unit.name))
                pair = (min(other.id, unit.id), max(other.id, unit.id))
                if other.id != unit.id and pair not in distinct and pair not in pairs:
                    pairs[pair] = LikelyDuplicate(other, unit, f"“{other.name}”与“{unit.name}”"
                                                  + ("名称相近" if spelling == unit.name else f"的别名“{spelling}”相近"),
                                                  by_name=other_by_name and spelling == unit.name)
        return list(pairs.values())

    def ranking_note(self, plan_id: int) -> str:
        """A word before ranking a plan's units while likely duplicates among them are not yet
        reviewed ('' when there are none): the same agency would be ranked twice."""
        units = {r[0] for r in self.db.execute("SELECT DISTINCT tu.unit_id FROM task_units tu JOIN tasks t "
                                               "ON t.id = tu.task_id WHERE t.plan_id = ?", [plan_id])}
        count = sum(1 for p in self.likely_duplicates() if p.first.id in units and p.second.id in units)
        return (f"有{count}组疑似同一单位尚未核对，排名可能重复：请先在“单位名录”中核对"
                "（合并，或确认不是同一单位）。") if count else ""

    def mark_distinct(self, first_id: int, second_id: int) -> None:
        """The office says two units are different: they are not offered for merging again."""
        a, b = min(first_id, second_id), max(first_id, second_id)
        with self.db.atomic():
            self.db.execute("INSERT OR IGNORE INTO unit_distinct VALUES (?, ?, ?)",
                            [a, b, self.clock().isoformat(timespec="seconds")])
            self.audit("确认不是同一单位", "units", a, new={"first": a, "second": b})

    def merge_units(self, keep_id: int, drop_id: int) -> dict:
        """Make `drop_id` part of `keep_id`; returns how many rows moved and which clashed.
        A report both units filed for the same task and month keeps the kept unit's; the
        other one's values are kept in the audit log."""
        if keep_id == drop_id:
            raise ValidationError({"unit": "请选择两个不同的单位"})
        keep, drop = self.get(Unit, keep_id), self.get(Unit, drop_id)
        moved, clashed = 0, []
        with self.db.atomic():
            for table, column in _MOVED:
                moved += self.db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                                         [keep_id, drop_id]).rowcount
            for table, column in _KEYED:
                moved += self.db.execute(f"UPDATE OR IGNORE {table} SET {column} = ? WHERE {column} = ?",
                                         [keep_id, drop_id]).rowcount
                left = self._rows(f"SELECT * FROM {table} WHERE {column} = ?", [drop_id])
                clashed += [{"table": table, **row} for row in left]
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", [drop_id])
            # templates already sent to the dropped unit still map back, to the kept one
            self.db.execute("UPDATE unit_merges SET kept_id = ? WHERE kept_id = ?", [keep_id, drop_id])
            self.db.execute("INSERT OR REPLACE INTO unit_merges VALUES (?, ?, ?, ?)",
                            [drop_id, keep_id, drop.name, self.clock().isoformat(timespec="seconds")])
            # rows an import set aside come back under the kept unit if that import is undone
            self.db.execute("UPDATE replaced_rows SET row = json_set(row, '$.unit_id', ?) "
                            "WHERE json_extract(row, '$.unit_id') = ?", [keep_id, drop_id])
            for alias in [drop.name, *drop.aliases]:
                if unit_key(alias) != unit_key(keep.name):
                    self.db.execute("INSERT OR IGNORE INTO unit_aliases VALUES (?, ?, ?)",
                                    [keep_id, alias, unit_key(alias)])
            for field in ("short_name", "contact_person", "phone", "email", "kind"):
                if not getattr(keep, field) and getattr(drop, field):
                    self.db.execute(f"UPDATE units SET {field} = ? WHERE id = ?", [getattr(drop, field), keep_id])
            self.db.execute("DELETE FROM unit_aliases WHERE unit_id = ?", [drop_id])
            self.db.execute("DELETE FROM units WHERE id = ?", [drop_id])
            self.audit("合并单位", "units", keep_id, old={"merged": drop.name, "clashed": clashed},
                       new={"kept": keep.name},
                       detail=f"“{drop.name}”并入“{keep.name}”：移动 {moved} 条记录，重复 {len(clashed)} 条")
        return {"moved": moved, "clashed": len(clashed)}

    def unit_usage(self, unit_id: int) -> dict[str, int]:
        """How much hangs on a unit: tasks, reports, cases, list entries."""
        if not self.db.execute("SELECT 1 FROM units WHERE id = ?", [unit_id]).fetchone():
            raise NotFound(f"找不到编号为 {unit_id} 的单位。")
        count = lambda sql: self.db.execute(sql, [unit_id]).fetchone()[0]  # noqa: E731
        return {"任务": count("SELECT count(DISTINCT task_id) FROM task_units WHERE unit_id = ?"),
                "进展": count("SELECT count(*) FROM progress WHERE unit_id = ?"),
                "案例": count("SELECT count(*) FROM cases WHERE unit_id = ?"),
                "名单": count("SELECT count(*) FROM list_entries WHERE unit_id = ?")}

    def plan_unit_ids(self, plan_id: int) -> list[int]:
        """The units a plan names on its tasks, in the order the plan first names them (a
        form offers these before the rest of the directory)."""
        rows = self.db.execute(
            "SELECT tu.unit_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id "
            "WHERE t.plan_id = ? ORDER BY t.id, tu.position, tu.rowid", [plan_id])
        return list(dict.fromkeys(r[0] for r in rows))


class TaskEditStore:
    """Editing the task tree by hand: a task's units by role, and its place among siblings."""

    def set_task_units(self, task_id: int, units: dict[str, list[str]]) -> None:
        """Give a task exactly these units (names matched in the plan's region, new ones added
        to the directory); one audit entry."""
        from models.records import ROLE_LABELS, Plan, Task

        task = self.get(Task, task_id)
        region = self.get(Plan, task.plan_id).region or ""
        before = {role: [u.name for u, r in self.task_units(task_id) if r == role] for role in ROLE_LABELS}
        with self.db.atomic():
            self.db.execute("DELETE FROM task_units WHERE task_id = ?", [task_id])
            position = 0
            for role in ROLE_LABELS:
                for name in dict.fromkeys(n.strip() for n in units.get(role, []) if n.strip()):
                    unit_id = self.ensure_unit(name, region)
                    self.db.execute("INSERT OR IGNORE INTO task_units VALUES (?, ?, ?, ?)",
                                    [task_id, unit_id, role, position])
                    position += 1
            self.audit("修改", "task_units", task_id, old=before, new=units)

    def move_task(self, task_id: int, step: int) -> bool:
        """Move a task up (-1) or down (+1) among its siblings; False at either end."""
        from models.records import Task

        task = self.get(Task, task_id)
        siblings = [t for t in self.tasks(task.plan_id) if t.parent_id == task.parent_id]
        at = next(i for i, t in enumerate(siblings) if t.id == task_id)
        other = at + step
        if not 0 <= other < len(siblings):
            return False
        order = siblings[:]
        order[at], order[other] = order[other], order[at]
        with self.db.atomic():
            for position, sibling in enumerate(order):
                self.db.execute("UPDATE tasks SET position = ? WHERE id = ?", [position, sibling.id])
            self.audit("移动", "tasks", task_id, old={"position": at}, new={"position": other})
        return True
