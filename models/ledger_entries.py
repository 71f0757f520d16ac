"""Ledger part: what units report — monthly progress, typical cases, red/black-list entries."""

from __future__ import annotations

from collections.abc import Iterable

from models.entries import Case, ListEntry, Progress
from models.identifiers import normalise_code
from models.ledger_records import from_row, to_row
from models.validation import ValidationError, validate

_PROGRESS_KEY = ("task_id", "period", "unit_id")
# The month a case counts in: its report month where it came with one, else its date's month.
CASE_MONTH = "coalesce(c.period, substr(c.occurred_on, 1, 7))"


def _checked_rows(records: Iterable, label: str) -> list[dict]:
    """Validate every record first, so a bad one stops the batch before anything is written."""
    rows = []
    for number, record in enumerate(records, start=1):
        if getattr(record, "subject_code", None):
            record.subject_code = normalise_code(record.subject_code)
        try:
            validate(record)
        except ValidationError as exc:
            raise ValidationError(exc.errors, record=f"{label}第{number}条") from None
        rows.append(to_row(record))
    return rows


class EntryStore:
    """Progress, cases and list entries: single audited saves come from `save`; bulk adds here."""

    def _bulk_insert(self, table: str, rows: list[dict], *, upsert_key: tuple = ()) -> None:
        if not rows:
            return
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        if upsert_key:
            updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c not in upsert_key)
            sql += f" ON CONFLICT({', '.join(upsert_key)}) DO UPDATE SET {updates}"
        self.db.conn.executemany(sql, [tuple(r[c] for c in cols) for r in rows])

    def add_cases(self, cases: Iterable[Case], *, source: str) -> int:
        """Add many cases in one transaction with one audit entry naming `source`. A case
        filed under a task belongs to the task's plan."""
        cases = list(cases)
        plans = dict(self.db.execute("SELECT id, plan_id FROM tasks"))
        for case in cases:
            if case.plan_id is None and case.task_id in plans:
                case.plan_id = plans[case.task_id]
        rows = _checked_rows(cases, "案例")
        for row in rows:  # a case typed in belongs to the month of its 实施日期
            row["period"] = self._typed_case_month(row["occurred_on"])
        with self.db.atomic():
            before = self._max_id("cases")
            self._bulk_insert("cases", rows)
            self.audit("批量导入", "cases", None, detail=f"{source}：新增案例 {len(rows)} 条"
                       f"（编号 {before + 1}–{before + len(rows)}）")
        return len(rows)

    def add_list_entries(self, entries: Iterable[ListEntry], *, source: str) -> int:
        """Add many red/black-list entries in one transaction, audited once."""
        rows = _checked_rows(entries, "名单")
        with self.db.atomic():
            before = self._max_id("list_entries")
            self._bulk_insert("list_entries", rows)
            self.audit("批量导入", "list_entries", None, detail=f"{source}：新增名单 {len(rows)} 条"
                       f"（编号 {before + 1}–{before + len(rows)}）")
        return len(rows)

    def put_progress(self, reports: Iterable[Progress], *, source: str) -> tuple[int, int]:
        """Store many progress reports at once; a report for the same task, unit and month
        replaces the earlier one. Returns (added, replaced); one audit entry for the batch."""
        rows = _checked_rows(reports, "进展")
        with self.db.atomic():
            existing = self._existing_progress_keys(rows)
            self._bulk_insert("progress", rows, upsert_key=_PROGRESS_KEY)
            replaced = len(existing)
            self.audit("批量导入", "progress", None,
                       detail=f"{source}：新增进展 {len(rows) - replaced} 条，替换 {replaced} 条")
        return len(rows) - replaced, replaced

    def _existing_progress_keys(self, rows: list[dict]) -> set[tuple]:
        keys = {tuple(r[k] for k in _PROGRESS_KEY) for r in rows}
        if len(keys) > 500:  # a big batch: one pass over the index beats many lookups
            found = self.db.execute("SELECT task_id, period, unit_id FROM progress").fetchall()
            return keys & set(found)
        return {k for k in keys if self.db.execute(
            "SELECT 1 FROM progress WHERE task_id = ? AND period = ? AND unit_id = ?",
            list(k)).fetchone()}

    def _max_id(self, table: str) -> int:
        return self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]

    # ------------------------------------------------------------------ reading

    def progress(self, *, task_id: int | None = None, period: str | None = None,
                 unit_id: int | None = None) -> list[Progress]:
        """Progress reports, filtered by any of task, month and unit."""
        where, params = [], []
        for column, value in (("task_id", task_id), ("period", period), ("unit_id", unit_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._rows(f"SELECT * FROM progress {clause} ORDER BY period, task_id, unit_id",
                          params)
        return [from_row(Progress, r) for r in rows]

    def cases(self, *, limit: int = 100, offset: int = 0) -> list[Case]:
        """Cases, newest first, one page at a time."""
        rows = self._rows("SELECT * FROM cases ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset])
        return [from_row(Case, r) for r in rows]

    def list_entries(self, *, limit: int = 100, offset: int = 0) -> list[ListEntry]:
        """Red/black-list entries, newest first, one page at a time."""
        rows = self._rows("SELECT * FROM list_entries ORDER BY id DESC LIMIT ? OFFSET ?",
                          [limit, offset])
        return [from_row(ListEntry, r) for r in rows]

    def count(self, table: str) -> int:
        """How many rows a ledger table holds (tables of records only)."""
        if table not in {"plans", "tasks", "units", "progress", "cases", "list_entries",
                         "targets", "phases", "audit_log", "task_units"}:
            raise ValueError(table)
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def status_counts(self, plan_id: int, period: str | None = None) -> list[tuple]:
        """Progress counts by domain (top-level task) × month × status, for the dashboard."""
        sql = ("SELECT t.root_id, p.period, p.status, count(*) FROM tasks t "
               "JOIN progress p ON p.task_id = t.id WHERE t.plan_id = ?")
        params: list = [plan_id]
        if period:
            sql += " AND p.period = ?"
            params.append(period)
        sql += " GROUP BY t.root_id, p.period, p.status ORDER BY 1, 2, 3"
        return [tuple(r) for r in self.db.execute(sql, params).fetchall()]

    def unassigned_count(self, table: str) -> int:
        """How many cases or list entries belong to no plan yet."""
        if table not in ("cases", "list_entries"):
            raise ValueError(table)
        return self.db.execute(f"SELECT count(*) FROM {table} WHERE plan_id IS NULL").fetchone()[0]

    def assign_records(self, table: str, ids: list[int], plan_id: int, task_id: int | None = None) -> None:
        """File cases or list entries under a plan (a case also under a task of it); audited once."""
        if table not in ("cases", "list_entries"):
            raise ValueError(table)
        if task_id is not None and self.db.execute("SELECT plan_id FROM tasks WHERE id = ?",
                                                   [task_id]).fetchone() != (plan_id,):
            raise ValidationError({"task_id": "所选任务不属于所选方案"})
        title = self.db.execute("SELECT title FROM plans WHERE id = ?", [plan_id]).fetchone()
        if title is None:
            raise ValidationError({"plan_id": f"找不到编号为 {plan_id} 的方案"})
        with self.db.atomic():
            for record_id in ids:
                self.db.execute(f"UPDATE {table} SET plan_id = ? WHERE id = ?", [plan_id, record_id])
                if table == "cases" and task_id is not None:
                    self.db.execute("UPDATE cases SET task_id = ? WHERE id = ?", [task_id, record_id])
                elif table == "cases":  # a task of another plan no longer fits the case
                    self.db.execute("UPDATE cases SET task_id = NULL WHERE id = ? AND task_id NOT IN "
                                    "(SELECT id FROM tasks WHERE plan_id = ?)", [record_id, plan_id])
            self.audit("归入方案", table, None, new={"ids": ids, "plan_id": plan_id, "task_id": task_id},
                       detail=f"{len(ids)} 条记录归入《{title[0]}》")

