"""Ledger part: full-text search over tasks, progress, cases, red/black-list entries and
units, for Chinese substrings, grouped by kind and ranked (BM25).

The index is an FTS5 trigram table kept in step by triggers (models.schema, m014). Terms of
three or more characters are phrase queries. A two-character term has no trigram of its own,
so it is expanded through the index's vocabulary into the trigrams that begin with it (every
indexed text ends with a space, so each occurrence begins one); a one-character term falls
back to a scan. A term is looked for as typed and in its other widths ("(一)" finds
"（一）"). A query shaped like a 统一社会信用代码 also finds the cases and list entries of the
legal person with that code (read from the records: ID numbers of persons are never searched).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from models.cycle import month_label
from models.identifiers import looks_like_id_number, normalise_code
from models.schema import SEARCH_STRIDE

KINDS = {1: "task", 2: "progress", 3: "case", 4: "list_entry", 5: "unit"}
KIND_LABELS = {"task": "任务", "progress": "进展", "case": "案例", "list_entry": "红黑名单",
               "unit": "单位"}
_CODES = {kind: code for code, kind in KINDS.items()}
# per kind: (table, the text searched, the SQL that labels a hit as a person would say it)
_SOURCES = {
    "task": ("tasks", "coalesce(number,'') || ' ' || title || ' ' || coalesce(text,'')",
             "SELECT t.id, coalesce(t.number,'') || t.title || '（' "
             "|| coalesce(p.doc_number, substr(p.title, 1, 16)) || '）' FROM tasks t "
             "JOIN plans p ON p.id = t.plan_id WHERE t.id IN ({ids})"),
    "progress": ("progress", "coalesce(text,'') || ' ' || coalesce(problems,'') || ' ' "
                             "|| coalesce(next_steps,'')",
                 "SELECT r.id, r.period, u.name, coalesce(t.number,'') || t.title FROM progress r "
                 "JOIN units u ON u.id = r.unit_id JOIN tasks t ON t.id = r.task_id "
                 "WHERE r.id IN ({ids})"),
    "case": ("cases", "title || ' ' || subject_name || ' ' || coalesce(behaviour,'') || ' ' "
                      "|| coalesce(basis,'') || ' ' || coalesce(measures,'') || ' ' "
                      "|| coalesce(implementing_units,'') || ' ' || coalesce(outcome,'')",
             "SELECT c.id, coalesce(c.occurred_on, '') || ' ' || c.kind || '｜' || c.title "
             "|| coalesce('（' || u.name || '）', '') FROM cases c "
             "LEFT JOIN units u ON u.id = c.unit_id WHERE c.id IN ({ids})"),
    "list_entry": ("list_entries", "list_kind || ' ' || subject_name || ' ' || coalesce(reason,'') "
                                   "|| ' ' || coalesce(repair_status,'')",
                   "SELECT e.id, e.list_kind || '（' || e.scope || '）' || e.subject_name "
                   "|| coalesce('｜' || u.name, '') FROM list_entries e "
                   "LEFT JOIN units u ON u.id = e.unit_id WHERE e.id IN ({ids})"),
    "unit": ("units", "name || ' ' || coalesce(short_name,'') || ' ' || coalesce(contact_person,'')",
             "SELECT id, name || CASE WHEN region != '' THEN '（' || region || '）' ELSE '' END "
             "FROM units WHERE id IN ({ids})"),
}
_MAX_EXPANSION = 2000  # trigrams a two-character term may expand to
# half-width punctuation a clerk types for the full-width the documents use
_FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "()[],:;!?"})
_CODE_SHAPE = re.compile(r"[0-9A-Z]{6,18}")  # a 统一社会信用代码, or at least six of its characters
# (kind, table, the SQL of its codes): a code is public unless the subject is a person
_CODE_SOURCES = (("case", "SELECT id, subject_code, subject_type FROM cases "
                          "WHERE upper(subject_code) LIKE ? AND coalesce(subject_type, '') != '自然人'"),
                 ("list_entry", "SELECT id, subject_code, NULL FROM list_entries WHERE upper(subject_code) LIKE ?"))


@dataclass
class SearchHit:
    """One record that contains the search terms: a label saying what it is, and a snippet
    around the first term."""

    kind: str
    id: int
    snippet: str
    label: str = ""


@dataclass
class SearchGroup:
    """The hits of one kind: how many there are, and the best ones first."""

    kind: str
    count: int
    hits: list[SearchHit] = field(default_factory=list)

    @property
    def title(self) -> str:
        return KIND_LABELS[self.kind]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def search_terms(query: str) -> list[str]:
    """The terms of a query: whitespace separates them, case is folded."""
    return [t.lower() for t in query.split() if t.strip()]


def spellings(term: str) -> list[str]:
    """A term as typed and in its other widths: "(一)" and "（一）", "ＡＢ" and "ab" — the
    documents mix both, and a clerk types whichever the keyboard gives."""
    half = unicodedata.normalize("NFKC", term)
    return list(dict.fromkeys((term, half, half.translate(_FULL_WIDTH))))


def code_query(terms: list[str]) -> str | None:
    """The code a query asks for, when it is one term shaped like (part of) a 统一社会信用代码."""
    if len(terms) != 1:
        return None
    code = normalise_code(terms[0])
    return code if _CODE_SHAPE.fullmatch(code) else None


class SearchStore:
    """Finds the records whose text contains every term of a query."""

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Up to `limit` hits of every kind, newest records first, each with a snippet."""
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
        coded = [r for found in self._code_rowids(terms).values() for r in found]
        rowids = [*coded, *(r for r in rowids if r not in coded)][:limit]
        return self._hits(rowids, terms[0])

    def search_groups(self, query: str, *, first: int = 5) -> list[SearchGroup]:
        """The hits grouped by kind (任务, 进展, 案例, 红黑名单, 单位): each group's count and its
        `first` best hits (BM25; newest first where no index can rank)."""
        terms = search_terms(query)
        coded = self._coded(terms[0]) if terms else set()  # looked up once for every group
        return [SearchGroup(kind, count, self._hits(rowids, terms[0], coded))
                for kind, rowids, count in self._ranked(terms, first)]

    def search_kind(self, query: str, kind: str) -> list[SearchHit]:
        """Every hit of one kind, best first ("show all" of a group)."""
        terms = search_terms(query)
        found = [(rowids, count) for k, rowids, count in self._ranked(terms, None, only=kind)]
        return self._hits(found[0][0], terms[0]) if found else []

    def _ranked(self, terms: list[str], first: int | None, *, only: str | None = None):
        """(kind, best rowids, count) for each kind with hits, in the order of KINDS; the
        records whose subject has the code asked for come first in their kind."""
        found = self._text_ranked(terms, first, only=only)
        coded = self._code_rowids(terms)
        if not coded:
            return found
        by_kind = {kind: (rowids, count) for kind, rowids, count in found}
        merged = []
        for kind in (k for k in KINDS.values() if only in (None, k)):
            rowids, count = by_kind.get(kind, ([], 0))
            extra = coded.get(kind, [])
            if extra and count:  # a record found both ways counts once
                also = set(self._match_rowids(self._match_expression(terms), _CODES[kind], None))
                count -= len(also & set(extra))
            best = [*extra, *(r for r in rowids if r not in extra)]
            if best:
                merged.append((kind, best[:first] if first else best, count + len(extra)))
        return merged

    def _text_ranked(self, terms: list[str], first: int | None, *, only: str | None = None):
        """(kind, best rowids, count) for each kind whose text has every term."""
        if not terms:
            return []
        expression = self._match_expression([t for t in terms if len(t) >= 2])
        if expression == "":
            return []
        wanted = [k for k in KINDS.values() if only in (None, k)]
        if expression is None or any(len(t) == 1 for t in terms):
            rowids = (self._scan(terms, None) if expression is None else self._filter_short_terms(
                self._match_rowids(expression, None, None), terms))
            per_kind = {k: [r for r in rowids if KINDS[r % SEARCH_STRIDE] == k] for k in wanted}
            return [(k, r[:first] if first else r, len(r)) for k, r in per_kind.items() if r]
        counts = dict(self.db.execute(
            f"SELECT rowid % {SEARCH_STRIDE}, count(*) FROM search_index WHERE search_index MATCH ? "
            "GROUP BY 1", [expression]).fetchall())
        return [(k, self._match_rowids(expression, _CODES[k], first), counts[_CODES[k]])
                for k in wanted if counts.get(_CODES[k])]

    def _match_rowids(self, expression: str, code: int | None, limit: int | None) -> list[int]:
        where = f" AND rowid % {SEARCH_STRIDE} = {code}" if code is not None else ""
        sql = (f"SELECT rowid FROM search_index WHERE search_index MATCH ?{where} ORDER BY rank"
               + (" LIMIT ?" if limit else ""))
        return [r[0] for r in self.db.execute(sql, [expression, limit] if limit else [expression])]

    def match_clause(self, query: str, kind: str, id_column: str) -> tuple[str, list]:
        """An SQL condition keeping the records of `kind` whose text has every term, for a
        filter in a bigger query (no snippets, no limit)."""
        code = _CODES[kind]
        terms = search_terms(query)
        expression = self._match_expression([t for t in terms if len(t) >= 2])
        if expression == "":
            return "0", []
        clauses, params = [], []
        if expression:
            clauses.append(f"{id_column} IN (SELECT rowid / {SEARCH_STRIDE} FROM search_index "
                           f"WHERE search_index MATCH ? AND rowid % {SEARCH_STRIDE} = {code})")
            params.append(expression)
        table, expr, _ = _SOURCES[kind]
        singles = [t for t in terms if len(t) == 1]
        if singles:
            where, like = _like_all(expr, singles)
            clauses.append(f"{id_column} IN (SELECT id FROM {table} WHERE {where})")
            params += like
        clause = " AND ".join(clauses) or "1"
        coded = [r // SEARCH_STRIDE for r in self._code_rowids(terms).get(kind, [])]
        if coded:  # the subject's 统一社会信用代码, typed in the filter
            clause = f"(({clause}) OR {id_column} IN ({','.join(map(str, coded))}))"
        return clause, params

    def _code_rowids(self, terms: list[str]) -> dict[str, list[int]]:
        """Index rowids (kind → rowids) of the cases and list entries whose subject's code
        contains the one code-shaped term — legal persons only: an ID number is never matched."""
        code = code_query(terms)
        if code is None:
            return {}
        found = {}
        for kind, sql in _CODE_SOURCES:
            rowids = [r[0] * SEARCH_STRIDE + _CODES[kind] for r in self.db.execute(sql, [f"%{code}%"])
                      if r[2] == "法人及其他组织" or not looks_like_id_number(normalise_code(r[1]))]
            if rowids:
                found[kind] = sorted(rowids, reverse=True)
        return found

    def _match_expression(self, terms: list[str]) -> str | None:
        if not terms:
            return None
        parts = []
        for term in terms:
            alternatives = []
            for spelling in spellings(term):
                if len(spelling) >= 3:
                    alternatives.append(_quote(spelling))
                    continue
                upper = spelling[:-1] + chr(ord(spelling[-1]) + 1)
                alternatives += [_quote(r[0]) for r in self.db.execute(
                    "SELECT term FROM search_vocab WHERE term >= ? AND term < ? LIMIT ?",
                    [spelling, upper, _MAX_EXPANSION])]
            if not alternatives:
                return ""
            parts.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
        return " AND ".join(parts)

    def _filter_short_terms(self, rowids: list[int], terms: list[str]) -> list[int]:
        singles = [t for t in terms if len(t) == 1]
        if not singles:
            return rowids
        wanted = [tuple(spellings(t)) for t in singles]

        def holds_all(rowid: int) -> bool:
            text = self._text_of(rowid).lower()  # one read per row, whatever the spellings
            return all(any(s in text for s in forms) for forms in wanted)

        return [r for r in rowids if holds_all(r)]

    def _scan(self, terms: list[str], limit: int | None) -> list[int]:
        found = []
        for code, kind in sorted(KINDS.items(), reverse=True):
            table, expr, _ = _SOURCES[kind]
            where, params = _like_all(expr, terms)
            rows = self.db.execute(
                f"SELECT id FROM {table} WHERE {where} ORDER BY id DESC LIMIT ?",
                [*params, -1 if limit is None else limit]).fetchall()
            found += [r[0] * SEARCH_STRIDE + code for r in rows]
        found.sort(reverse=True)
        return found if limit is None else found[:limit]

    def _text_of(self, rowid: int) -> str:
        table, expr, _ = _SOURCES[KINDS[rowid % SEARCH_STRIDE]]
        row = self.db.execute(f"SELECT {expr} FROM {table} WHERE id = ?",
                              [rowid // SEARCH_STRIDE]).fetchone()
        return row[0] if row else ""

    def _coded(self, first_term: str) -> set[int]:
        """The records whose subject's code is the term asked for."""
        return {r for found in self._code_rowids([first_term]).values() for r in found}

    def _hits(self, rowids: list[int], first_term: str, coded: set[int] | None = None) -> list[SearchHit]:
        hits = self._text_hits(rowids, first_term)
        coded = self._coded(first_term) if coded is None else coded
        for hit in hits:  # found by its (public) code: show the code, not text without it
            if hit.id * SEARCH_STRIDE + _CODES[hit.kind] in coded:
                table = _SOURCES[hit.kind][0]
                code = self.db.execute(f"SELECT subject_code FROM {table} WHERE id = ?", [hit.id]).fetchone()
                hit.snippet = f"统一社会信用代码：{code[0]}"
        return hits

    def _text_hits(self, rowids: list[int], first_term: str) -> list[SearchHit]:
        by_kind: dict[str, list[int]] = {}
        for rowid in rowids:
            by_kind.setdefault(KINDS[rowid % SEARCH_STRIDE], []).append(rowid // SEARCH_STRIDE)
        texts: dict[tuple[str, int], str] = {}
        labels: dict[tuple[str, int], str] = {}
        for kind, ids in by_kind.items():
            table, expr, label_sql = _SOURCES[kind]
            marks = ",".join("?" * len(ids))
            for record_id, text in self.db.execute(
                    f"SELECT id, {expr} FROM {table} WHERE id IN ({marks})", ids):
                texts[(kind, record_id)] = text
            for row in self.db.execute(label_sql.format(ids=marks), ids):
                labels[(kind, row[0])] = _label(kind, row[1:])
        hits = []
        for rowid in rowids:
            key = (KINDS[rowid % SEARCH_STRIDE], rowid // SEARCH_STRIDE)
            if key in texts:
                hits.append(SearchHit(*key, snippet(texts[key], first_term), labels.get(key, "")))
        return hits


def _like_all(expr: str, terms: list[str]) -> tuple[str, list[str]]:
    """An SQL condition: `expr` contains every term, each in any of its spellings."""
    clauses, params = [], []
    for term in terms:
        options = spellings(term)
        clauses.append("(" + " OR ".join(f"lower({expr}) LIKE ?" for _ in options) + ")")
        params += [f"%{o}%" for o in options]
    return " AND ".join(clauses), params


def _label(kind: str, values: tuple) -> str:
    """How a person names a hit: a report is “2021年1月 市公安局：（一）…”."""
    if kind == "progress":
        period, unit, task = values
        return f"{month_label(period)} {unit}：{task}"
    return values[0]


def snippet(text: str, term: str, width: int = 24) -> str:
    """A short stretch of `text` around the first occurrence of `term`."""
    text = " ".join(text.split())
    at, term = next(((text.lower().find(s), s) for s in spellings(term) if s in text.lower()), (-1, term))
    if at < 0:
        return text[: width * 2]
    start = max(0, at - width)
    end = min(len(text), at + len(term) + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
