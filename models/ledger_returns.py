"""Ledger part: the monthly 报送模板 and the returned files — what each unit's template asks,
checking a returned file against the ledger, taking it in (each file whole or not at all,
replacing the unit's month and keeping what it replaced), and undoing an import."""

from __future__ import annotations

import json
import sqlite3

from models.entries import Progress
from models.files import describe_write_error
from models.labels import task_label
from models.ledger_records import to_row
from models.ledger_return_checks import ReturnChecks
from models.records import Plan
from models.returns import (
    ROLE_LABELS,
    FileOutcome,
    ImportOutcome,
    Problem,
    ReturnFile,
    TemplateData,
    TemplateTask,
    template_check_code,
)
from models.validation import ValidationError

_REPLACED_TABLES = ("progress", "cases", "list_counts")
TASK_LIMIT = 200  # a task's label in a template row or a preview: its whole first sentence


class ReturnStore(ReturnChecks):
    """Templates out, returns in, imports undone."""

    # ------------------------------------------------------------------ templates

    def template_set(self, plan_id: int, period: str) -> list[TemplateData]:
        """One template per unit that owes reports for the month, in the plan's unit order."""
        plan = self.get(Plan, plan_id)
        owed: dict[int, list[TemplateTask]] = {}
        names: dict[int, str] = {}
        tasks = self.tasks(plan_id)
        labels = {t.id: task_label(t.number, t.title, limit=TASK_LIMIT) for t in tasks}
        short = {t.id: task_label(t.number, t.title) for t in tasks if t.parent_id is None}
        roots = dict(self.db.execute("SELECT id, root_id FROM tasks WHERE plan_id = ?", [plan_id]))
        for task, unit, role in self.obligations(plan_id, period):
            names[unit["id"]] = unit["name"]
            owed.setdefault(unit["id"], []).append(TemplateTask(
                task.id, labels[task.id], short[roots[task.id]], ROLE_LABELS[role],
                task.requirement, list(task.numbers_asked)))
        due = self.due_of(plan, period).isoformat()
        office = self.setting("office_name") or plan.issuer or ""
        domains = list(short.items())  # the 所属领域 dropdown: short labels, one per domain
        ledger_id, secret = self.ledger_identity()
        templates = [TemplateData(plan_id, plan.title, unit_id, names[unit_id], period, due, office,
                                  tasks, domains, ledger_id, self.setting("office_name") or "")
                     for unit_id, tasks in owed.items()]
        for template in templates:
            template.check_code = template_check_code(secret, template.id_values(), domains)
        return templates

    # ------------------------------------------------------------------ importing

    def apply_returns(self, files: list[ReturnFile], *, received_on: str, dry_run: bool = False,
                      allow_months: tuple[str, ...] = ()) -> ImportOutcome:
        """Take in returned files: each one whole or not at all; a refused file does not stop
        the others, nor does a file whose month waits for confirmation (`allow_months` gives
        it). A file replaces its unit's entries for its month; what it replaced is kept with
        the import so that undoing it restores them. One import id for the batch, recorded
        with its first file, so a batch that writes nothing leaves no record. When writing
        fails part way (disk full, ledger read-only), the files written stay and the outcome
        says which, and why the rest were not."""
        outcomes = []
        for f in files:
            problems = list(f.problems) or self.check_return(f)  # names the unit as the ledger does
            outcome = FileOutcome(f.path, f.unit_name, f.period, False, notes=list(f.notes), problems=problems)
            if not problems and f.period not in allow_months:
                outcome.held = self.month_hold(f, received_on)
            outcomes.append(outcome)
        takeable = [(f, o) for f, o in zip(files, outcomes) if not o.problems and not o.held]
        last_of = {(f.plan_id, f.unit_id, f.period): f.name for f, _ in takeable}
        result = ImportOutcome(None, received_on, outcomes, dry_run=dry_run)
        for parsed, outcome in takeable:
            current = self._current_rows(parsed)
            outcome.progress, outcome.replaced = len(parsed.progress), len(current["progress"])
            outcome.cases, outcome.list_kinds = len(parsed.cases), len(parsed.list_counts)
            outcome.changes = self._changes(parsed, current["progress"])
            outcome.notes += self._batch_notes(parsed, last_of[(parsed.plan_id, parsed.unit_id, parsed.period)])
            if not dry_run:
                try:
                    result.import_id, outcome.import_file_id = self._take_file(
                        result.import_id, parsed, current, received_on, outcome.summary)
                except (sqlite3.Error, OSError) as exc:
                    result.failure = self._write_failure(exc, outcome, result)
                    break
            outcome.taken = True
        return result

    def _write_failure(self, exc: Exception, failed: FileOutcome, result: ImportOutcome) -> str:
        """Mark the file being written and those after it as not imported; say what happened."""
        reason = describe_write_error(exc, self.path)
        waiting = [o for o in result.files if not o.taken and not o.problems and not o.held]
        for outcome in waiting:
            outcome.problems = [Problem(f"未导入：写入台账时出错（{reason}）。问题解决后可再次导入本文件。")]
        taken = result.taken
        done = (f"此前已导入的 {len(taken)} 个文件（{'、'.join(o.name for o in taken)}）已完整写入，导入批次 "
                f"{result.import_id}" if taken else "没有任何文件写入台账")
        return (f"导入在写入“{failed.name}”时中断：{reason}。{done}；其余 {len(waiting)} 个文件未导入，"
                "问题解决后可再次导入它们。")

    def _batch_notes(self, parsed: ReturnFile, last_name: str) -> list[str]:
        notes = []
        if last_name != parsed.name:
            notes.append(f"同一批中还有本单位本月的“{last_name}”（保存得更晚），将以它为准替换本文件的内容。")
        if self.is_locked(parsed.plan_id, parsed.period):
            notes.append(f"{parsed.period} 的考核已锁定：得分按锁定时记录，不随本次导入改变。")
        return notes

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
        labels = {r[0]: task_label(r[1], r[2], limit=TASK_LIMIT) for r in self.db.execute(
            "SELECT id, number, title FROM tasks WHERE plan_id = ?", [parsed.plan_id])}
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

    def _take_file(self, import_id: int | None, parsed: ReturnFile, current: dict[str, list[dict]],
                   received_on: str, summary: str) -> tuple[int, int]:
        """One file, one transaction: the batch record (with the batch's first file), the
        file's record, the `current` rows it replaces set aside (read just before; the
        ledger's lock keeps other writers out), its rows. Returns the batch and file ids."""
        with self.db.atomic():
            if import_id is None:
                import_id = self.db.execute(
                    "INSERT INTO imports (at, os_user, received_on) VALUES (?, ?, ?)",
                    [self.clock().isoformat(timespec="seconds"), self.os_user, received_on]).lastrowid
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
        return import_id, file_id

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

