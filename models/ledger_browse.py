"""Ledger part: browsing big tables (cases, list entries) a page at a time, filtered and
sorted in SQL, so a 100,000-row ledger never loads whole into the window."""

from __future__ import annotations

from dataclasses import dataclass

from models.entries import Case, ListEntry
from models.ledger_records import from_row

BROWSABLE = {
    "cases": (Case, "occurred_on", 3,
              ("kind", "title", "subject_name", "subject_code", "occurred_on", "unit_name", "domain")),
    "list_entries": (ListEntry, "listed_on", None,
                     ("list_kind", "scope", "subject_name", "subject_code", "listed_on",
                      "repair_status", "unit_name")),
}


UNASSIGNED = -1  # BrowseFilter.plan_id for the rows that belong to no plan yet


@dataclass
class BrowseFilter:
    """What a table page shows: a kind, a domain, a unit, a date range, words."""

    kind: str | None = None  # case kind, or list kind
    domain_id: int | None = None
    unit_id: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    plan_id: int | None = None


class BrowseStore:
    """Pages of cases and list entries."""

    def _browse_where(self, table: str, f: BrowseFilter) -> tuple[str, list]:
        _cls, date_col, search_code, _cols = BROWSABLE[table]
        kind_col = "kind" if table == "cases" else "list_kind"
        where, params = [], []
        if f.kind:
            where.append(f"r.{kind_col} = ?")
            params.append(f.kind)
        if f.unit_id:
            where.append("r.unit_id = ?")
            params.append(f.unit_id)
        if f.date_from:
            where.append(f"r.{date_col} >= ?")
            params.append(f.date_from)
        if f.date_to:
            where.append(f"r.{date_col} <= ?")
            params.append(f.date_to)
        if table == "cases" and f.domain_id:
            where.append("t.root_id = ?")
            params.append(f.domain_id)
        if f.plan_id == UNASSIGNED:
            where.append("r.plan_id IS NULL")
        elif f.plan_id:
            where.append("r.plan_id = ?")
            params.append(f.plan_id)
        if f.text and f.text.strip():
            if search_code:
                clause, clause_params = self.match_clause(f.text, "case", "r.id")
                where.append(clause)
                params += clause_params
            else:
                where.append("(r.subject_name LIKE ? OR coalesce(r.reason, '') LIKE ?)")
                params += [f"%{f.text.strip()}%"] * 2
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def _browse_from(self, table: str) -> str:
        join_task = " LEFT JOIN tasks t ON t.id = r.task_id" if table == "cases" else ""
        return f" FROM {table} r LEFT JOIN units u ON u.id = r.unit_id{join_task}"

    def browse_count(self, table: str, f: BrowseFilter) -> int:
        """How many rows the filter lets through."""
        where, params = self._browse_where(table, f)
        return self.db.execute(f"SELECT count(*){self._browse_from(table)}{where}", params).fetchone()[0]

    def browse(self, table: str, f: BrowseFilter, *, order_by: str | None = None,
               descending: bool = True, offset: int = 0, limit: int = 200) -> list[dict]:
        """One page of rows (the record's columns plus unit_name and domain)."""
        _cls, date_col, _code, columns = BROWSABLE[table]
        order = order_by if order_by in columns else date_col
        order_sql = {"unit_name": "u.name", "domain": "t.title"}.get(order, f"r.{order}")
        where, params = self._browse_where(table, f)
        domain = ", coalesce(t.number || t.title, '') AS domain" if table == "cases" else ""
        sql = (f"SELECT r.*, coalesce(u.name, '') AS unit_name{domain}{self._browse_from(table)}"
               f"{where} ORDER BY {order_sql} {'DESC' if descending else 'ASC'}, r.id "
               f"{'DESC' if descending else 'ASC'} LIMIT ? OFFSET ?")
        return self._rows(sql, [*params, limit, offset])

    def browse_record(self, table: str, row: dict):
        """The record a browsed row stands for."""
        return from_row(BROWSABLE[table][0], row)

