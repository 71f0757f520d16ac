"""Ledger part: the monthly 报送模板 and the returned files — what each unit's template asks,
checking a returned file against the ledger, taking it in (each file whole or not at all,
replacing the unit's month and keeping what it replaced), and undoing an import."""

from __future__ import annotations

import json
import sqlite3

from models.entries import Progress
from models.ledger_records import to_row
from models.records import Plan
from models.returns import (
    ROLE_LABELS,
    FileOutcome,
    ImportOutcome,
    Problem,
    ReturnFile,
    TemplateData,
    TemplateTask,
    template_signature,
)
from models.unitnames import unit_key
from models.validation import ValidationError

_REPLACED_TABLES = ("progress", "cases", "list_counts")


class ReturnStore:
    """Templates out, returns in, imports undone."""

    # ------------------------------------------------------------------ templates

    def template_set(self, plan_id: int, period: str) -> list[TemplateData]:
        """One template per unit that owes reports for the month, in the plan's unit order."""
        plan = self.get(Plan, plan_id)
        owed: dict[int, list[TemplateTask]] = {}
        names: dict[int, str] = {}
        tasks = self.tasks(plan_id)
        labels = {t.id: f"{t.number}{t.title}" for t in tasks}
        for task, unit, role in self.obligations(plan_id, period):
            names[unit["id"]] = unit["name"]
            owed.setdefault(unit["id"], []).append(TemplateTask(
                task.id, labels[task.id], labels[self._root_of(task.id)], ROLE_LABELS[role],
                task.requirement, list(task.numbers_asked)))
        due = self.due_of(plan, period).isoformat()
        office = self.setting("office_name") or plan.issuer or ""
        domains = [(t.id, labels[t.id]) for t in tasks if t.parent_id is None]
        return [TemplateData(plan_id, plan.title, unit_id, names[unit_id], period, due, office,
                             tasks, domains) for unit_id, tasks in owed.items()]

    # ------------------------------------------------------------------ checking

    def check_return(self, parsed: ReturnFile) -> list[Problem]:
        """What in a returned file does not fit this ledger: its plan, unit, ids, tasks. A
        template of a unit merged since into another is taken as the other's (said in a note)."""
        if parsed.problems or parsed.plan_id is None:
            return []
        plan = self.db.execute("SELECT title FROM plans WHERE id = ?", [parsed.plan_id]).fetchone()
        unit_id = self._unit_now(parsed.unit_id)
        unit = self.db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()
        if plan is None or unit is None:
            return [Problem("这份模板不是由本台账生成的（其中的方案或单位在本台账中不存在）。"
                            "请确认打开的是正确的台账，或向该单位重新下发本台账生成的模板。")]
        signature = template_signature(parsed.version, parsed.plan_id, parsed.unit_id,
                                       parsed.period, parsed.task_ids)
        if signature != parsed.signature:
            return [Problem("模板的隐藏标识被改动过，无法确认它属于哪个单位、哪个月。"
                            "请该单位用下发的原模板重新填报。")]
        problems = self._file_name_problem(parsed.name, unit_id, unit[0])
        if not problems and unit_id != parsed.unit_id:
            parsed.notes.append(f"模板发给的“{parsed.unit_name}”已并入“{unit[0]}”，按“{unit[0]}”导入。")
            parsed.unit_id, parsed.unit_name = unit_id, unit[0]
        valid = {r[0] for r in self.db.execute("SELECT id FROM tasks WHERE plan_id = ?",
                                               [parsed.plan_id])}
        for row in parsed.progress:
            if row.task_id not in valid:
                problems.append(Problem("该行的任务已不在方案中，请使用本月下发的新模板。",
                                        "进展情况", row.row, "A"))
        return problems

    def _unit_now(self, unit_id: int) -> int:
        """The unit a template's unit is today: itself, or the unit it was merged into."""
        row = self.db.execute("SELECT kept_id FROM unit_merges WHERE dropped_id = ?", [unit_id]).fetchone()
        return row[0] if row else unit_id

    def _file_name_problem(self, file_name: str, unit_id: int, unit_name: str) -> list[Problem]:
        """A file named after another unit most likely holds that unit's work in the wrong
        template (units copy a colleague's file): refuse rather than credit the wrong unit."""
        stem = unit_key(file_name.rsplit(".", 1)[0])
        own = {unit_key(unit_name), *(unit_key(a) for a in self.unit_aliases(unit_id))}
        if any(k and k in stem for k in own):
            return []
        named = [r[0] for r in self.db.execute("SELECT name FROM units WHERE id != ?", [unit_id])
                 if unit_key(r[0]) and unit_key(r[0]) in stem]
        if not named:
            return []
        other = max(named, key=len)
        return [Problem(f"文件名写的是“{other}”，模板却是“{unit_name}”的：可能用错了其他单位的模板。"
                        f"请“{other}”用本单位的模板重新填报。")]

    # ------------------------------------------------------------------ importing

    def apply_returns(self, files: list[ReturnFile], *, received_on: str,
                      dry_run: bool = False) -> ImportOutcome:
        """Take in returned files: each one whole or not at all; a refused file does not stop
        the others. A file replaces its unit's entries for its month; what it replaced is kept
        with the import so that undoing it restores them. One import id for the batch."""
        import_id = None
        outcomes = []
        for f in files:
            problems = list(f.problems) or self.check_return(f)  # may map a merged unit
            outcomes.append(FileOutcome(f.path, f.unit_name, f.period, False, notes=list(f.notes),
                                        problems=problems))
        last_of = {(f.plan_id, f.unit_id, f.period): f.name for f, o in zip(files, outcomes) if not o.problems}
        for parsed, outcome in zip(files, outcomes):
            if outcome.problems:
                continue
            current = self._current_rows(parsed)
            outcome.taken = True
            outcome.progress, outcome.replaced = len(parsed.progress), len(current["progress"])
            outcome.cases, outcome.list_kinds = len(parsed.cases), len(parsed.list_counts)
            outcome.changes = self._changes(parsed, current["progress"])
            outcome.notes += self._batch_notes(parsed, last_of[(parsed.plan_id, parsed.unit_id, parsed.period)])
            if dry_run:
                continue
            if import_id is None:
                import_id = self._new_import(received_on)
            outcome.import_file_id = self._take_file(import_id, parsed, current, received_on,
                                                     outcome.summary)
        return ImportOutcome(import_id, received_on, outcomes)

    def _batch_notes(self, parsed: ReturnFile, last_name: str) -> list[str]:
        notes = []
        if last_name != parsed.name:
            notes.append(f"同一批中还有本单位本月的“{last_name}”（保存得更晚），将以它为准替换本文件的内容。")
        if self.is_locked(parsed.plan_id, parsed.period):
            notes.append(f"{parsed.period} 的考核已锁定：得分按锁定时记录，不随本次导入改变。")
        return notes

    def _new_import(self, received_on: str) -> int:
        with self.db.atomic():
            return self.db.execute(
                "INSERT INTO imports (at, os_user, received_on) VALUES (?, ?, ?)",
                [self.clock().isoformat(timespec="seconds"), self.os_user, received_on]).lastrowid

    def _current_rows(self, parsed: ReturnFile) -> dict[str, list[dict]]:
        """The unit's entries for the plan and month that a new file replaces."""
        key = [parsed.unit_id, parsed.period, parsed.plan_id]
        return {
            "progress": self._rows(
                "SELECT p.* FROM progress p JOIN tasks t ON t.id = p.task_id "
                "WHERE p.unit_id = ? AND p.period = ? AND t.plan_id = ? ORDER BY p.id", key),
            "cases": self._rows(
                "SELECT c.* FROM cases c JOIN import_files f ON f.id = c.import_file_id "
                "WHERE c.unit_id = ? AND c.period = ? AND f.plan_id = ? ORDER BY c.id", key),
            "list_counts": self._rows(
                "SELECT * FROM list_counts WHERE unit_id = ? AND period = ? AND plan_id = ?", key),
        }

    def _changes(self, parsed: ReturnFile, current_progress: list[dict]) -> list[str]:
        """What the file changes, task by task, for the preview."""
        labels = {r[0]: r[1] for r in self.db.execute(
            "SELECT id, number || title FROM tasks WHERE plan_id = ?", [parsed.plan_id])}
        before = {r["task_id"]: r for r in current_progress}
        lines = []
        for row in parsed.progress:
            old = before.pop(row.task_id, None)
            label = labels.get(row.task_id, str(row.task_id))
            if old is None:
                lines.append(f"新增 {label}：{row.status}")
            elif (old["status"], old["text"] or None) != (row.status, row.text):
                lines.append(f"替换 {label}：{old['status']} → {row.status}")
            else:
                lines.append(f"重报 {label}：{row.status}（内容未变）")
        lines += [f"移除 {labels.get(t, t)}：新文件未填写（原为{r['status']}）" for t, r in before.items()]
        if parsed.cases:
            lines.append(f"典型案例 {len(parsed.cases)} 件")
        for kind, (local, national, repaired) in parsed.list_counts.items():
            lines.append(f"{kind}：地方 {local}，国家标准 {national}，承诺/修复 {repaired}")
        return lines

    def _take_file(self, import_id: int, parsed: ReturnFile, current: dict[str, list[dict]],
                   received_on: str, summary: str) -> int:
        """One file, one transaction: record it, set aside the `current` rows it replaces (read
        just before; the ledger's lock keeps other writers out), write its rows. Returns the
        file's import id."""
        with self.db.atomic():
            file_id = self.db.execute(
                "INSERT INTO import_files (import_id, file, plan_id, unit_id, period, summary) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [import_id, parsed.path, parsed.plan_id, parsed.unit_id, parsed.period, summary]).lastrowid
            for table, rows in current.items():
                for row in rows:
                    self.db.execute("INSERT INTO replaced_rows (import_file_id, table_name, row) "
                                    "VALUES (?, ?, ?)", [file_id, table, json.dumps(row, ensure_ascii=False)])
                    self._delete_row(table, row)
            self._write_return_rows(file_id, parsed, received_on)
            self.audit("导入回执", "import_files", file_id,
                       detail=f"{parsed.name}（{parsed.unit_name} {parsed.period}）：{summary}")
        return file_id

    def _delete_row(self, table: str, row: dict) -> None:
        if table == "list_counts":
            self.db.execute("DELETE FROM list_counts WHERE plan_id = ? AND period = ? AND unit_id = ? "
                            "AND list_kind = ?", [row["plan_id"], row["period"], row["unit_id"],
                                                  row["list_kind"]])
        else:
            self.db.execute(f"DELETE FROM {table} WHERE id = ?", [row["id"]])

    def _write_return_rows(self, file_id: int, parsed: ReturnFile, received_on: str) -> None:
        mine = {"unit_id": parsed.unit_id, "period": parsed.period, "import_file_id": file_id}
        self._bulk_insert("progress", [
            {**to_row(Progress(row.task_id, parsed.unit_id, parsed.period, row.status, row.text,
                               row.problems, row.next_steps, row.numbers, received_on, parsed.name)),
             **mine} for row in parsed.progress])
        for _, case in parsed.cases:
            case.unit_id, case.plan_id = parsed.unit_id, parsed.plan_id
        self._bulk_insert("cases", [{**to_row(case), **mine} for _, case in parsed.cases])
        self._bulk_insert("list_counts", [
            {"plan_id": parsed.plan_id, "list_kind": kind, "local": local, "national": national,
             "repaired": repaired, **mine}
            for kind, (local, national, repaired) in parsed.list_counts.items()])

    # ------------------------------------------------------------------ history and undo

    def imports(self, *, limit: int = 50) -> list[dict]:
        """Import batches, newest first, each with its files."""
        batches = self._rows("SELECT * FROM imports ORDER BY id DESC LIMIT ?", [limit])
        for batch in batches:
            batch["files"] = self._rows(
                "SELECT f.*, u.name AS unit_name FROM import_files f LEFT JOIN units u "
                "ON u.id = f.unit_id WHERE import_id = ? ORDER BY f.id", [batch["id"]])
        return batches

    def replaced_by(self, import_file_id: int) -> list[dict]:
        """The rows an imported file replaced, as they were (table name and row)."""
        return [{"table": r["table_name"], **json.loads(r["row"])} for r in self._rows(
            "SELECT * FROM replaced_rows WHERE import_file_id = ? ORDER BY id", [import_file_id])]

    def undo_import(self, import_id: int) -> int:
        """Undo a whole import: its files' rows go and what they replaced comes back. Refused
        (nothing changed) when a later import has since replaced some of them. Returns the
        number of files undone."""
        batch = self.db.execute("SELECT undone_at FROM imports WHERE id = ?", [import_id]).fetchone()
        if batch is None or batch[0]:
            said = f"没有编号为 {import_id} 的导入" if batch is None else f"导入批次 {import_id} 已于 {batch[0]} 撤销"
            raise ValidationError({"import": said}, record="撤销导入")
        files = [r[0] for r in self.db.execute(
            "SELECT id FROM import_files WHERE import_id = ? AND undone_at IS NULL ORDER BY id DESC",
            [import_id])]
        now = self.clock().isoformat(timespec="seconds")
        with self.db.atomic():
            for file_id in files:
                self._undo_file(file_id, now)
            self.db.execute("UPDATE imports SET undone_at = ? WHERE id = ?", [now, import_id])
            self.audit("撤销导入", "imports", import_id, detail=f"撤销 {len(files)} 个文件的导入")
        return len(files)

    def _undo_file(self, file_id: int, now: str) -> None:
        later = self.db.execute(
            "SELECT f.file FROM replaced_rows r JOIN import_files f ON f.id = r.import_file_id "
            "WHERE f.undone_at IS NULL AND f.id != ? AND json_extract(r.row, '$.import_file_id') = ? "
            "LIMIT 1", [file_id, file_id]).fetchone()
        if later:
            raise ValidationError({"import": f"这次导入的数据已被后来导入的“{later[0]}”替换，"
                                             "请先撤销那次导入。"}, record="撤销导入")
        for table in _REPLACED_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE import_file_id = ?", [file_id])
        for table, row in self.db.execute("SELECT table_name, row FROM replaced_rows "
                                          "WHERE import_file_id = ? ORDER BY id", [file_id]).fetchall():
            try:
                self._bulk_insert(table, [json.loads(row)])
            except sqlite3.IntegrityError:
                raise ValidationError({"import": "被替换的内容所属的任务或单位已被删除，无法恢复；"
                                                 "这次导入保持原样。"}, record="撤销导入") from None
        self.db.execute("UPDATE import_files SET undone_at = ? WHERE id = ?", [now, file_id])

    # ------------------------------------------------------------------ list counts

    def list_counts(self, plan_id: int, period: str) -> list[dict]:
        """Red/black-list counts the units reported for a month."""
        return self._rows("SELECT c.*, u.name AS unit_name FROM list_counts c JOIN units u "
                          "ON u.id = c.unit_id WHERE plan_id = ? AND period = ? "
                          "ORDER BY u.id, c.list_kind", [plan_id, period])

