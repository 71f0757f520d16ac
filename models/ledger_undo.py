"""Ledger part: what undo needs — the rows a deletion would remove (a task with its measures,
links, targets, reports and events), put back exactly; and a record's row before an edit."""

from __future__ import annotations

from models.ledger_records import TABLES
from models.records import Task

# rows that hang on tasks and go with them
_TASK_CHILDREN = ("task_units", "targets", "progress", "task_events", "plan_blocks", "task_origins")


class UndoStore:
    """Snapshots taken before a change, and putting them back."""

    def snapshot_deletion(self, cls, record_id: int) -> dict:
        """Every row deleting this record removes (or unlinks), to restore it later."""
        table = TABLES[cls]
        snapshot: dict = {table: self._rows(f"SELECT * FROM {table} WHERE id = ?", [record_id])}
        if cls is Task:
            ids = self._subtree(record_id)
            marks = ",".join("?" * len(ids))
            snapshot["tasks"] = self._rows(f"SELECT * FROM tasks WHERE id IN ({marks}) ORDER BY id", ids)
            for child in _TASK_CHILDREN:
                snapshot[child] = self._rows(f"SELECT * FROM {child} WHERE task_id IN ({marks})", ids)
            snapshot["cases.task_id"] = self._rows(
                f"SELECT id, task_id FROM cases WHERE task_id IN ({marks})", ids)
        return snapshot

    def restore_snapshot(self, snapshot: dict, *, action: str = "撤销删除") -> None:
        """Put back the rows of a snapshot (parents before children), in one transaction."""
        tables = [t for t in ("plans", "tasks", "units", *_TASK_CHILDREN, "cases", "list_entries")
                  if snapshot.get(t)]
        with self.db.atomic():
            for table in tables:
                rows = snapshot[table]
                if table == "tasks":
                    rows = _parents_first(rows)
                for row in rows:
                    cols = list(row)
                    self.db.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
                                    f"VALUES ({', '.join('?' * len(cols))})", list(row.values()))
            for row in snapshot.get("cases.task_id", []):
                self.db.execute("UPDATE cases SET task_id = ? WHERE id = ?", [row["task_id"], row["id"]])
            first = next(iter(snapshot.values()))
            self.audit(action, next(iter(snapshot)), first[0]["id"] if first else None,
                       detail=f"恢复 {sum(len(v) for v in snapshot.values())} 行")

    def row_of(self, cls, record_id: int) -> dict:
        """A record's row as it is now (before an edit)."""
        rows = self._rows(f"SELECT * FROM {TABLES[cls]} WHERE id = ?", [record_id])
        return rows[0] if rows else {}

    def put_row(self, cls, row: dict, *, action: str = "撤销修改") -> None:
        """Write a record's row back as it was (an edit undone or redone); audited."""
        table = TABLES[cls]
        with self.db.atomic():
            old = self.row_of(cls, row["id"])
            sets = ", ".join(f"{k} = ?" for k in row if k != "id")
            self.db.execute(f"UPDATE {table} SET {sets} WHERE id = ?",
                            [v for k, v in row.items() if k != "id"] + [row["id"]])
            changed = {k for k in row if old.get(k) != row[k]}
            self.audit(action, table, row["id"], old={k: old.get(k) for k in changed},
                       new={k: row[k] for k in changed})


def _parents_first(rows: list[dict]) -> list[dict]:
    ids = {r["id"] for r in rows}
    placed, out = set(), []
    pending = list(rows)
    while pending:
        for row in list(pending):
            if row["parent_id"] not in ids or row["parent_id"] in placed:
                out.append(row)
                placed.add(row["id"])
                pending.remove(row)
    return out
