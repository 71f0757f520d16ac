"""Ledger part: merging two entries of the unit directory into one; links, reports, cases,
list entries and chases follow, the other name becomes an alias."""

from __future__ import annotations

from models.errors import NotFound
from models.records import Unit
from models.unitnames import unit_key
from models.validation import ValidationError

# (table, unit column) rows that simply move to the kept unit
_MOVED = (("cases", "unit_id"), ("list_entries", "unit_id"), ("reminders", "unit_id"),
          ("task_events", "unit_id"))
# tables with a key that includes the unit: a clash keeps the kept unit's row
_KEYED = (("task_units", "unit_id"), ("progress", "unit_id"), ("deliverables", "unit_id"),
          ("scores", "unit_id"), ("unit_members", "group_id"), ("unit_members", "member_id"))


class UnitStore:
    """Merging units."""

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
