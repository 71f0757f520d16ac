"""Schema of the ledger as numbered sqlite-utils migrations; never edit one that has shipped.

A migration is applied once per ledger file, inside one transaction with its record in
`_sqlite_migrations`. New columns and tables go in a new migration at the end.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("ledger")

_CORE = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    issuer TEXT, doc_number TEXT, date TEXT, recipients TEXT, region TEXT,
    report_day INTEGER, report_next_month INTEGER NOT NULL DEFAULT 0,
    summary_due TEXT, summary_due_text TEXT, contact TEXT, notes TEXT, source_file TEXT
);
CREATE UNIQUE INDEX plans_doc_number ON plans(doc_number) WHERE doc_number IS NOT NULL;
CREATE TABLE phases (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL, start TEXT, "end" TEXT, text TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX phases_plan ON phases(plan_id);
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    root_id INTEGER,
    number TEXT NOT NULL DEFAULT '', title TEXT NOT NULL, text TEXT,
    deadline TEXT, deadline_text TEXT, ongoing INTEGER NOT NULL DEFAULT 0,
    phase_id INTEGER REFERENCES phases(id) ON DELETE SET NULL,
    position INTEGER NOT NULL DEFAULT 0,
    closed_on TEXT, closing_note TEXT
);
CREATE INDEX tasks_plan ON tasks(plan_id, parent_id, position);
CREATE INDEX tasks_parent ON tasks(parent_id);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL, key TEXT NOT NULL, short_name TEXT, kind TEXT,
    region TEXT NOT NULL DEFAULT '',
    contact_person TEXT, phone TEXT, email TEXT
);
CREATE UNIQUE INDEX units_key ON units(region, key);
CREATE TABLE unit_aliases (
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    alias TEXT NOT NULL, key TEXT NOT NULL,
    PRIMARY KEY (unit_id, key)
);
CREATE INDEX unit_aliases_key ON unit_aliases(key);
CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL CHECK (role IN ('lead', 'participating', 'responsible')),
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, unit_id, role)
);
CREATE INDEX task_units_unit ON task_units(unit_id);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    metric TEXT NOT NULL, comparator TEXT NOT NULL, threshold REAL NOT NULL,
    measure_unit TEXT, text TEXT
);
CREATE INDEX targets_task ON targets(task_id);
CREATE TABLE progress (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    period TEXT NOT NULL, status TEXT NOT NULL,
    text TEXT, problems TEXT, next_steps TEXT, numbers TEXT NOT NULL DEFAULT '{}',
    received_on TEXT, source_file TEXT
);
CREATE UNIQUE INDEX progress_key ON progress(task_id, period, unit_id);
CREATE INDEX progress_unit ON progress(unit_id, period);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL, title TEXT NOT NULL,
    task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    subject_name TEXT NOT NULL, subject_type TEXT, subject_code TEXT,
    behaviour TEXT, basis TEXT, measures TEXT, implementing_units TEXT,
    occurred_on TEXT, publicity_site TEXT, publicity_date TEXT, outcome TEXT,
    unit_id INTEGER REFERENCES units(id)
);
CREATE INDEX cases_unit ON cases(unit_id);
CREATE INDEX cases_task ON cases(task_id);
CREATE INDEX cases_date ON cases(occurred_on);
CREATE TABLE list_entries (
    id INTEGER PRIMARY KEY,
    list_kind TEXT NOT NULL, scope TEXT NOT NULL DEFAULT '地方',
    subject_name TEXT NOT NULL, subject_code TEXT, reason TEXT,
    unit_id INTEGER REFERENCES units(id),
    listed_on TEXT, removed_on TEXT, repair_status TEXT
);
CREATE INDEX list_entries_unit ON list_entries(unit_id);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL, os_user TEXT NOT NULL, action TEXT NOT NULL,
    table_name TEXT NOT NULL, row_id INTEGER, old TEXT, new TEXT, detail TEXT
);
"""


@MIGRATIONS()
def m001_core(db: Database) -> None:
    """Plans, tasks, units, links, targets, progress, cases, list entries, settings, audit."""
    _run_script(db, _CORE)


# The text each kind of record contributes to the search index. A trailing space closes every
# text, so a two-character term at its very end still starts an indexed trigram.
SEARCH_SOURCES = {
    "tasks": (1, "coalesce({p}number,'') || ' ' || {p}title || ' ' || coalesce({p}text,'') || ' '"),
    "progress": (
        2,
        "coalesce({p}text,'') || ' ' || coalesce({p}problems,'') || ' ' "
        "|| coalesce({p}next_steps,'') || ' '",
    ),
    "cases": (
        3,
        "{p}title || ' ' || {p}subject_name || ' ' || coalesce({p}behaviour,'') || ' ' "
        "|| coalesce({p}basis,'') || ' ' || coalesce({p}measures,'') || ' ' "
        "|| coalesce({p}implementing_units,'') || ' ' || coalesce({p}outcome,'') || ' '",
    ),
}
SEARCH_KIND_STRIDE = 4  # index rowid = record id * 4 + kind code
SEARCH_TEXT_COLUMNS = {
    "tasks": "number, title, text",
    "progress": "text, problems, next_steps",
    "cases": "title, subject_name, behaviour, basis, measures, implementing_units, outcome",
}


def _search_triggers(table: str) -> str:
    code, expr = SEARCH_SOURCES[table]
    new_row = f"new.id * {SEARCH_KIND_STRIDE} + {code}, " + expr.format(p="new.")
    old_row = f"old.id * {SEARCH_KIND_STRIDE} + {code}, " + expr.format(p="old.")
    insert = f"INSERT INTO search_index(rowid, body) VALUES ({new_row});"
    delete = f"INSERT INTO search_index(search_index, rowid, body) VALUES ('delete', {old_row});"
    return f"""
CREATE TRIGGER {table}_search_ai AFTER INSERT ON {table} BEGIN {insert} END;
CREATE TRIGGER {table}_search_ad AFTER DELETE ON {table} BEGIN {delete} END;
CREATE TRIGGER {table}_search_au AFTER UPDATE OF {SEARCH_TEXT_COLUMNS[table]} ON {table}
BEGIN {delete} {insert} END;
"""


def search_fill_sql(table: str) -> str:
    """SQL that indexes every existing row of `table` (used by the migration and by rebuild)."""
    code, expr = SEARCH_SOURCES[table]
    return (
        f"INSERT INTO search_index(rowid, body) SELECT id * {SEARCH_KIND_STRIDE} + {code}, "
        f"{expr.format(p='')} FROM {table}"
    )


@MIGRATIONS()
def m002_search(db: Database) -> None:
    """Full-text index (FTS5 trigram, contentless) over task, progress and case texts."""
    script = "CREATE VIRTUAL TABLE search_index USING fts5(body, content='', tokenize='trigram');\n"
    script += "CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');\n"
    script += "".join(_search_triggers(t) for t in SEARCH_SOURCES)
    _run_script(db, script)
    for table in SEARCH_SOURCES:
        db.execute(search_fill_sql(table))


@MIGRATIONS()
def m003_audit_append_only(db: Database) -> None:
    """Make the audit log append-only: no update or delete of an entry is possible."""
    _run_script(
        db,
        """
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
""",
    )


def _run_script(db: Database, script: str) -> None:
    # executescript() would COMMIT the migration's transaction; run statement by statement.
    for statement in _split_statements(script):
        db.execute(statement)


def _split_statements(script: str) -> list[str]:
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements



@MIGRATIONS()
def m004_progress_status_index(db: Database) -> None:
    """Covering index for the dashboard's counts by domain × month × status."""
    db.execute("CREATE INDEX progress_status ON progress(task_id, period, status)")


@MIGRATIONS()
def m005_task_report_day(db: Database) -> None:
    """A task that is reported every month by a given day (每月20日之前报送)."""
    db.execute("ALTER TABLE tasks ADD COLUMN report_day INTEGER")


_CYCLE = """
ALTER TABLE targets ADD COLUMN formula TEXT;
ALTER TABLE targets ADD COLUMN numerator TEXT;
ALTER TABLE targets ADD COLUMN denominator TEXT;
ALTER TABLE tasks ADD COLUMN numbers_asked TEXT;
ALTER TABLE tasks ADD COLUMN extended_to TEXT;
CREATE TABLE task_events (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('办结', '重新打开', '延期')),
    on_date TEXT NOT NULL, unit_id INTEGER REFERENCES units(id),
    new_deadline TEXT, note TEXT
);
CREATE INDEX task_events_task ON task_events(task_id);
CREATE TABLE unit_members (
    group_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, member_id)
);
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id),
    chased_on TEXT NOT NULL, method TEXT NOT NULL, note TEXT
);
CREATE INDEX reminders_unit ON reminders(unit_id, period);
CREATE TABLE deliverables (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL, received_on TEXT, source_file TEXT,
    UNIQUE (plan_id, unit_id, kind)
);
CREATE TABLE score_rules (
    id INTEGER PRIMARY KEY,
    rules TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE period_locks (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period TEXT NOT NULL, locked_at TEXT NOT NULL,
    rules_id INTEGER REFERENCES score_rules(id),
    PRIMARY KEY (plan_id, period)
);
CREATE TABLE scores (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id),
    score REAL NOT NULL, rank INTEGER NOT NULL, grade TEXT, detail TEXT,
    PRIMARY KEY (plan_id, period, unit_id)
);
"""


@MIGRATIONS()
def m006_monthly_cycle(db: Database) -> None:
    """The monthly cycle: how targets are computed, task events (办结, 延期), group members,
    reminders (催报), deliverables (总结报告), scoring rules with history, locked months."""
    _run_script(db, _CYCLE)


@MIGRATIONS()
def m007_doc_numbers(db: Database) -> None:
    """The office's 文号 numbering, per prefix and year; a number is issued once."""
    db.execute("CREATE TABLE doc_numbers (prefix TEXT NOT NULL, year INTEGER NOT NULL, "
               "number INTEGER NOT NULL, title TEXT, issued_at TEXT NOT NULL, "
               "PRIMARY KEY (prefix, year, number))")


_RETURNS = """
CREATE TABLE list_counts (
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period TEXT NOT NULL, unit_id INTEGER NOT NULL REFERENCES units(id),
    list_kind TEXT NOT NULL, local INTEGER NOT NULL DEFAULT 0, national INTEGER NOT NULL DEFAULT 0,
    repaired INTEGER NOT NULL DEFAULT 0, import_file_id INTEGER,
    PRIMARY KEY (plan_id, period, unit_id, list_kind)
);
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL, os_user TEXT NOT NULL, received_on TEXT NOT NULL, undone_at TEXT
);
CREATE TABLE import_files (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    file TEXT NOT NULL, plan_id INTEGER, unit_id INTEGER, period TEXT,
    summary TEXT, undone_at TEXT
);
CREATE INDEX import_files_import ON import_files(import_id);
CREATE TABLE replaced_rows (
    id INTEGER PRIMARY KEY,
    import_file_id INTEGER NOT NULL REFERENCES import_files(id),
    table_name TEXT NOT NULL, row TEXT NOT NULL
);
CREATE INDEX replaced_rows_file ON replaced_rows(import_file_id);
ALTER TABLE progress ADD COLUMN import_file_id INTEGER;
ALTER TABLE cases ADD COLUMN import_file_id INTEGER;
ALTER TABLE cases ADD COLUMN period TEXT;
CREATE INDEX cases_import ON cases(import_file_id);
CREATE TABLE unit_merges (
    dropped_id INTEGER PRIMARY KEY, kept_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    dropped_name TEXT NOT NULL, merged_at TEXT NOT NULL
);
"""


@MIGRATIONS()
def m008_returns(db: Database) -> None:
    """Returned templates: red/black-list counts a unit reports per month (local and national
    apart), each import batch and file, the rows a file replaced (kept to be restored), and
    which unit each merged-away unit went into (its templates still map back)."""
    _run_script(db, _RETURNS)


_REPORT_SPAN_AND_OWNERS = """
ALTER TABLE plans ADD COLUMN report_first TEXT;
ALTER TABLE plans ADD COLUMN report_last TEXT;
ALTER TABLE cases ADD COLUMN plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL;
ALTER TABLE list_entries ADD COLUMN plan_id INTEGER REFERENCES plans(id) ON DELETE SET NULL;
CREATE INDEX cases_plan ON cases(plan_id, occurred_on);
CREATE INDEX list_entries_plan ON list_entries(plan_id, unit_id);
CREATE TABLE unit_distinct (
    first_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    second_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (first_id, second_id)
);
UPDATE cases SET plan_id = (SELECT t.plan_id FROM tasks t WHERE t.id = cases.task_id)
WHERE task_id IS NOT NULL;
UPDATE cases SET plan_id = (SELECT f.plan_id FROM import_files f WHERE f.id = cases.import_file_id
                            AND f.plan_id IN (SELECT id FROM plans))
WHERE plan_id IS NULL AND import_file_id IS NOT NULL;
"""

# A record without a plan goes to the one plan its unit works on, when there is exactly one.
_ONLY_PLAN_OF_UNIT = """
UPDATE {table} SET plan_id = (SELECT min(t.plan_id) FROM task_units tu JOIN tasks t ON t.id = tu.task_id
                              WHERE tu.unit_id = {table}.unit_id)
WHERE plan_id IS NULL AND unit_id IS NOT NULL
AND (SELECT count(DISTINCT t.plan_id) FROM task_units tu JOIN tasks t ON t.id = tu.task_id
     WHERE tu.unit_id = {table}.unit_id) = 1
"""


@MIGRATIONS()
def m009_report_span_and_owners(db: Database) -> None:
    """The office's first and last report month of a plan (报送期), the plan each case and
    list entry belongs to (filled in where the ledger already says it), and unit pairs the
    office said are not the same unit (so they are not offered for merging again)."""
    _run_script(db, _REPORT_SPAN_AND_OWNERS)
    for table in ("cases", "list_entries"):
        db.execute(_ONLY_PLAN_OF_UNIT.format(table=table))


_DOC_REGISTER = """
CREATE TABLE doc_register (
    id INTEGER PRIMARY KEY,
    doc_number TEXT NOT NULL, prefix TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
    document TEXT NOT NULL, title TEXT, file TEXT, issued_on TEXT, recorded_at TEXT NOT NULL,
    reissue_of INTEGER REFERENCES doc_register(id)
);
CREATE INDEX doc_register_number ON doc_register(prefix, year, number);
INSERT INTO doc_register (doc_number, prefix, year, number, document, title, recorded_at)
    SELECT prefix || '〔' || year || '〕' || number || '号', prefix, year, number,
           coalesce(title, ''), title, issued_at FROM doc_numbers ORDER BY issued_at, number;
DROP TABLE doc_numbers;
"""


@MIGRATIONS()
def m010_doc_register(db: Database) -> None:
    """The 文号 register: every number put on a document, with the document, its date and
    file; a number issued again on the office's say-so is a second entry pointing to the
    first (the numbers recorded so far carry over)."""
    _run_script(db, _DOC_REGISTER)


# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, and U+FFFE/U+FFFF):
# stored once by an older version from a returned .xls, they break every later export.
_XML_ILLEGAL = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
_CLEANED_COLUMNS = {
    "progress": ("text", "problems", "next_steps", "source_file"),
    "cases": ("title", "subject_name", "subject_type", "subject_code", "behaviour", "basis",
              "measures", "implementing_units", "publicity_site", "outcome"),
}


@MIGRATIONS()
def m011_ledger_identity(db: Database) -> None:
    """The ledger's own random id and secret, which key the check code of every template it
    sends out; each case's month filled in from its date where no return gave one; and
    characters XML cannot hold removed from the texts returns brought in."""
    import secrets
    import uuid

    db.execute("CREATE TABLE ledger_identity (id TEXT NOT NULL, secret TEXT NOT NULL, "
               "created_at TEXT NOT NULL)")
    db.execute("INSERT INTO ledger_identity VALUES (?, ?, datetime('now'))",
               [uuid.uuid4().hex, secrets.token_hex(32)])
    db.execute("UPDATE cases SET period = substr(occurred_on, 1, 7) "
               "WHERE period IS NULL AND occurred_on IS NOT NULL")
    table = str.maketrans("", "", _XML_ILLEGAL)
    for name, columns in _CLEANED_COLUMNS.items():
        for row in db.execute(f"SELECT id, {', '.join(columns)} FROM {name}").fetchall():
            cleaned = [v.translate(table) if isinstance(v, str) else v for v in row[1:]]
            if cleaned != list(row[1:]):
                sets = ", ".join(f"{c} = ?" for c in columns)
                db.execute(f"UPDATE {name} SET {sets} WHERE id = ?", [*cleaned, row[0]])


_PLAN_STRUCTURE = """
CREATE TABLE plan_blocks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('heading', 'prose', 'task')),
    number TEXT NOT NULL DEFAULT '', text TEXT NOT NULL DEFAULT '',
    task_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE
);
CREATE INDEX plan_blocks_plan ON plan_blocks(plan_id, position);
CREATE INDEX plan_blocks_task ON plan_blocks(task_id);
CREATE TABLE task_origins (
    task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
    text TEXT, units TEXT NOT NULL, deadline_text TEXT
);
"""


@MIGRATIONS()
def m013_plan_structure(db: Database) -> None:
    """The plan's own structure as imported — preamble, section headings, the prose of the
    sections that are not tasks, and where each top-level task stands — and each task as the
    plan wrote it (words, units, deadline), so the 印发通知 regenerates the plan itself."""
    _run_script(db, _PLAN_STRUCTURE)


# The search index as a clerk searches: tasks, progress, cases, red/black-list entries and
# units, eight kind codes per record id. (m002's index knew three kinds; m014 rebuilds it.)
# ID numbers and credit codes stay out of the index, so no hit ever shows one unmasked.
SEARCH_STRIDE = 8
SEARCH_KINDS = {
    "tasks": (1, SEARCH_SOURCES["tasks"][1], SEARCH_TEXT_COLUMNS["tasks"]),
    "progress": (2, SEARCH_SOURCES["progress"][1], SEARCH_TEXT_COLUMNS["progress"]),
    "cases": (3, SEARCH_SOURCES["cases"][1], SEARCH_TEXT_COLUMNS["cases"]),
    "list_entries": (4, "{p}list_kind || ' ' || {p}subject_name || ' ' || coalesce({p}reason,'') "
                        "|| ' ' || coalesce({p}repair_status,'') || ' '",
                     "list_kind, subject_name, reason, repair_status"),
    "units": (5, "{p}name || ' ' || coalesce({p}short_name,'') || ' ' "
                 "|| coalesce({p}contact_person,'') || ' '", "name, short_name, contact_person"),
}


def search_rebuild_sql(table: str) -> str:
    """SQL that indexes every row of `table` in the index of m014."""
    code, expr, _ = SEARCH_KINDS[table]
    return (f"INSERT INTO search_index(rowid, body) SELECT id * {SEARCH_STRIDE} + {code}, "
            f"{expr.format(p='')} FROM {table}")


def _search_triggers_v2(table: str) -> str:
    code, expr, columns = SEARCH_KINDS[table]
    new_row = f"new.id * {SEARCH_STRIDE} + {code}, " + expr.format(p="new.")
    old_row = f"old.id * {SEARCH_STRIDE} + {code}, " + expr.format(p="old.")
    insert = f"INSERT INTO search_index(rowid, body) VALUES ({new_row});"
    delete = f"INSERT INTO search_index(search_index, rowid, body) VALUES ('delete', {old_row});"
    return f"""
CREATE TRIGGER {table}_find_ai AFTER INSERT ON {table} BEGIN {insert} END;
CREATE TRIGGER {table}_find_ad AFTER DELETE ON {table} BEGIN {delete} END;
CREATE TRIGGER {table}_find_au AFTER UPDATE OF {columns} ON {table}
BEGIN {delete} {insert} END;
"""


@MIGRATIONS()
def m014_search_every_kind(db: Database) -> None:
    """Search also finds red/black-list entries and units: the index is rebuilt with room
    for eight kinds of record and BM25 ranking over all of them."""
    script = "".join(f"DROP TRIGGER IF EXISTS {t}_search_{w};\n"
                     for t in SEARCH_SOURCES for w in ("ai", "ad", "au"))
    script += "DROP TABLE IF EXISTS search_vocab;\nDROP TABLE IF EXISTS search_index;\n"
    script += "CREATE VIRTUAL TABLE search_index USING fts5(body, content='', tokenize='trigram');\n"
    script += "CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row');\n"
    script += "".join(_search_triggers_v2(t) for t in SEARCH_KINDS)
    _run_script(db, script)
    for table in SEARCH_KINDS:
        db.execute(search_rebuild_sql(table))


@MIGRATIONS()
def m015_program_meta(db: Database) -> None:
    """Which program version last wrote the ledger (an older program then refuses it) and the
    version whose 更新说明 are still to be shown."""
    db.execute("CREATE TABLE program_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
