"""Ledger part: full-text search over task, progress and case texts, for Chinese substrings.

The index is an FTS5 trigram table kept in step by triggers (models.schema). Terms of three
or more characters are phrase queries. A two-character term has no trigram of its own, so it
is expanded through the index's vocabulary into the trigrams that begin with it (every
indexed text ends with a space, so each occurrence begins one); a one-character term falls
back to a scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from models.schema import SEARCH_KIND_STRIDE

KINDS = {1: "task", 2: "progress", 3: "case"}
KIND_LABELS = {"task": "任务", "progress": "进展", "case": "案例"}
_SNIPPET_SOURCES = {
    "task": ("tasks", "coalesce(number,'') || ' ' || title || ' ' || coalesce(text,'')"),
    "progress": ("progress", "coalesce(text,'') || ' ' || coalesce(problems,'') || ' ' "
                             "|| coalesce(next_steps,'')"),
    "case": ("cases", "title || ' ' || subject_name || ' ' || coalesce(behaviour,'') || ' ' "
                      "|| coalesce(measures,'') || ' ' || coalesce(outcome,'')"),
}
_MAX_EXPANSION = 2000  # trigrams a two-character term may expand to


@dataclass
class SearchHit:
    """One record that contains the search terms, with a snippet around the first term."""

    kind: str
    id: int
    snippet: str


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_terms(query: str) -> list[str]:
    """The terms of a query: whitespace separates them, case is folded."""
    return [t.lower() for t in query.split() if t.strip()]


class SearchStore:
    """Finds the records whose text contains every term of a query."""

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Up to `limit` hits, newest records first, each with a snippet."""
        terms = search_terms(query)
        if not terms:
            return []
        expression = self._match_expression([t for t in terms if len(t) >= 2])
        if expression == "":  # a two-character term that occurs nowhere
            return []
        if expression is None:  # only one-character terms: no index can help
            rowids = self._scan(terms, limit)
        else:
            rowids = [r[0] for r in self.db.execute(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? "
                "ORDER BY rowid DESC LIMIT ?", [expression, limit * 4 if len(terms) > 1 else limit])]
            rowids = self._filter_short_terms(rowids, terms)[:limit]
        return self._hits(rowids, terms[0])

    def match_clause(self, query: str, kind: str, id_column: str) -> tuple[str, list]:
        """An SQL condition keeping the records of `kind` whose text has every term, for a
        filter in a bigger query (no snippets, no limit)."""
        code = next(c for c, k in KINDS.items() if k == kind)
        terms = search_terms(query)
        expression = self._match_expression([t for t in terms if len(t) >= 2])
        if expression == "":
            return "0", []
        clauses, params = [], []
        if expression:
            clauses.append(f"{id_column} IN (SELECT rowid / {SEARCH_KIND_STRIDE} FROM search_index "
                           f"WHERE search_index MATCH ? AND rowid % {SEARCH_KIND_STRIDE} = {code})")
            params.append(expression)
        table, expr = _SNIPPET_SOURCES[kind]
        for term in (t for t in terms if len(t) == 1):
            clauses.append(f"{id_column} IN (SELECT id FROM {table} WHERE lower({expr}) LIKE ?)")
            params.append(f"%{term}%")
        return " AND ".join(clauses) or "1", params

    def _match_expression(self, terms: list[str]) -> str | None:
        if not terms:
            return None
        parts = []
        for term in terms:
            if len(term) >= 3:
                parts.append(_quote(term))
                continue
            upper = term[:-1] + chr(ord(term[-1]) + 1)
            grams = [r[0] for r in self.db.execute(
                "SELECT term FROM search_vocab WHERE term >= ? AND term < ? LIMIT ?",
                [term, upper, _MAX_EXPANSION])]
            if not grams:
                return ""
            parts.append("(" + " OR ".join(_quote(g) for g in grams) + ")")
        return " AND ".join(parts)

    def _filter_short_terms(self, rowids: list[int], terms: list[str]) -> list[int]:
        singles = [t for t in terms if len(t) == 1]
        if not singles:
            return rowids
        return [r for r in rowids if all(t in self._text_of(r).lower() for t in singles)]

    def _scan(self, terms: list[str], limit: int) -> list[int]:
        found = []
        for code, kind in sorted(KINDS.items(), reverse=True):
            table, expr = _SNIPPET_SOURCES[kind]
            where = " AND ".join(f"lower({expr}) LIKE ?" for _ in terms)
            rows = self.db.execute(
                f"SELECT id FROM {table} WHERE {where} ORDER BY id DESC LIMIT ?",
                [*(f"%{t}%" for t in terms), limit]).fetchall()
            found += [r[0] * SEARCH_KIND_STRIDE + code for r in rows]
        return sorted(found, reverse=True)[:limit]

    def _text_of(self, rowid: int) -> str:
        kind = KINDS[rowid % SEARCH_KIND_STRIDE]
        table, expr = _SNIPPET_SOURCES[kind]
        row = self.db.execute(f"SELECT {expr} FROM {table} WHERE id = ?",
                              [rowid // SEARCH_KIND_STRIDE]).fetchone()
        return row[0] if row else ""

    def _hits(self, rowids: list[int], first_term: str) -> list[SearchHit]:
        hits = []
        by_kind: dict[str, list[int]] = {}
        for rowid in rowids:
            by_kind.setdefault(KINDS[rowid % SEARCH_KIND_STRIDE], []).append(
                rowid // SEARCH_KIND_STRIDE)
        texts: dict[tuple[str, int], str] = {}
        for kind, ids in by_kind.items():
            table, expr = _SNIPPET_SOURCES[kind]
            marks = ",".join("?" * len(ids))
            for record_id, text in self.db.execute(
                    f"SELECT id, {expr} FROM {table} WHERE id IN ({marks})", ids):
                texts[(kind, record_id)] = text
        for rowid in rowids:
            kind, record_id = KINDS[rowid % SEARCH_KIND_STRIDE], rowid // SEARCH_KIND_STRIDE
            text = texts.get((kind, record_id))
            if text is not None:
                hits.append(SearchHit(kind, record_id, snippet(text, first_term)))
        return hits


def snippet(text: str, term: str, width: int = 24) -> str:
    """A short stretch of `text` around the first occurrence of `term`."""
    text = " ".join(text.split())
    at = text.lower().find(term)
    if at < 0:
        return text[: width * 2]
    start = max(0, at - width)
    end = min(len(text), at + len(term) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
