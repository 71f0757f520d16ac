"""Ledger part: verified rotating backups, restore (keeping the current file aside), check."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from models.backups import backup_name, backup_time, backups_to_keep
from models.errors import BackupError, LedgerLocked
from models.files import atomic_path, describe_os_error, describe_write_error
from models.identifiers import id_number_problem, looks_like_id_number, uscc_problem
from models.ledger_access import connect_readonly, sqlite_access_problem, sqlite_damage_reason
from models.ledger_file import LedgerLock, header_problem
from models.paths import backup_dir

REQUIRED_TABLES = {"plans", "tasks", "units", "progress", "cases", "audit_log"}


def list_backups(ledger_path: Path) -> list[Path]:
    """The ledger's backups, newest first."""
    folder = backup_dir(ledger_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob("*.sqlite") if backup_time(p)]
    return sorted(found, key=backup_time, reverse=True)


def newest_backup(ledger_path: Path) -> Path | None:
    """The newest backup of a ledger, or None."""
    found = list_backups(Path(ledger_path))
    return found[0] if found else None


def verify_file(path: Path) -> str | None:
    """Why a ledger or backup file is unusable (Chinese), or None after a full integrity check."""
    path = Path(path)
    if not path.is_file():
        return f"文件“{path}”不存在"
    problem = header_problem(path)
    if problem:
        return problem
    try:
        conn = connect_readonly(path)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return sqlite_access_problem(exc) or sqlite_damage_reason(exc)
    except OSError as exc:
        return describe_os_error(exc, path)
    if result != "ok":
        return f"完整性检查未通过：{result}"
    if not REQUIRED_TABLES <= tables:
        return "文件不是本程序的台账"
    return None


def copy_database(source: Path, target: Path) -> None:
    """Copy a database with SQLite's online backup into a single self-contained file."""
    src = connect_readonly(Path(source), timeout=10)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")
        dst.commit()
    finally:
        dst.close()
        src.close()


def take_backup(ledger_path: Path, *, now: datetime, keep_runs: int, keep_days: int) -> Path:
    """Back the ledger up (safe while it is in use), verify the copy, then rotate old ones.

    Opens its own connections, so it can run on a background thread.
    """
    folder = backup_dir(ledger_path)
    final = folder / backup_name(Path(ledger_path).stem, now)
    write_verified_copy(ledger_path, final)
    _rotate(ledger_path, now=now, keep_runs=keep_runs, keep_days=keep_days)
    return final


def write_verified_copy(source: Path, target: Path) -> None:
    """Copy a ledger to `target` under a temporary name, verify the copy, then rename it into
    place: a kill or a full disk leaves no backup rather than a truncated one. BackupError
    (Chinese, naming the file and the cause) when the copy cannot be written or fails."""
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            copy_database(source, tmp)
            problem = verify_file(tmp)
            if problem:
                raise BackupError(f"备份副本未通过校验（{problem}），已丢弃；原台账未改动。"
                                  "请运行 python main.py check 检查台账。")
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"备份台账失败：{describe_write_error(exc, target)}。原台账未改动。") from None


def _rotate(ledger_path: Path, *, now: datetime, keep_runs: int, keep_days: int) -> None:
    backups = list_backups(ledger_path)
    keep = backups_to_keep([backup_time(p) for p in backups], now=now, keep_runs=keep_runs,
                           keep_days=keep_days)
    for path in backups:
        if backup_time(path) not in keep:
            path.unlink(missing_ok=True)


def restore_backup(backup: Path, ledger_path: Path, *, now: datetime) -> Path | None:
    """Replace the ledger by a verified backup; the current file is moved aside, never
    overwritten. Returns where the current file went (None when there was none)."""
    backup, ledger_path = Path(backup), Path(ledger_path).absolute()
    problem = verify_file(backup)
    if problem:
        raise BackupError(f"备份文件“{backup}”不能用于恢复：{problem}。请选择另一个备份。")
    lock = LedgerLock(ledger_path)
    if not lock.acquire():
        raise LedgerLocked(f"台账“{ledger_path}”正由{lock.holder()}使用，请先关闭它再恢复。")
    try:
        aside = None
        if ledger_path.exists():
            aside = ledger_path.with_name(
                f"{ledger_path.stem}.恢复前-{now.strftime('%Y%m%d-%H%M%S')}{ledger_path.suffix}")
            for suffix in ("", "-wal", "-shm"):  # a ledger and its WAL travel together
                part = Path(str(ledger_path) + suffix)
                if part.exists():
                    os.replace(part, str(aside) + suffix)
        with atomic_path(ledger_path) as tmp:
            copy_database(backup, tmp)
        return aside
    finally:
        lock.release(clean=True)


class SafetyStore:
    """Backups and the consistency check of an open ledger."""

    def backup_now(self, *, reason: str = "手动") -> Path:
        """Take a verified backup now and rotate old ones; audited."""
        path = take_backup(self.path, now=self.clock(), keep_runs=self.setting("backups_kept"),
                           keep_days=self.setting("backup_days"))
        if not self.readonly:
            self.audit("备份", "ledger", None, detail=f"{reason}：{path.name}")
        return path

    def backup_due(self) -> bool:
        """True when the newest backup is more than a day old (or there is none)."""
        newest = newest_backup(self.path)
        return newest is None or self.clock() - backup_time(newest) > timedelta(days=1)

    def check(self) -> list[str]:
        """Problems found in the ledger (Chinese), empty when it is sound."""
        problems = []
        result = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            problems.append("完整性检查：" + "；".join(result[:5]))
        for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"数据表 {table} 第 {rowid} 行引用的 {parent} 记录不存在")
        if not self.readonly:  # FTS5 runs its check as a write command
            try:
                self.db.execute("INSERT INTO search_index(search_index) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                if sqlite_access_problem(exc) is None:  # not a file this user cannot write
                    problems.append(f"全文检索索引损坏（{sqlite_damage_reason(exc)}）")
        problems += self._task_problems() + self._entry_problems()
        return problems

    def _task_problems(self) -> list[str]:
        out = []
        for (task_id,) in self.db.execute(
                "SELECT c.id FROM tasks c JOIN tasks p ON p.id = c.parent_id "
                "WHERE p.plan_id != c.plan_id OR c.root_id != p.root_id"):
            out.append(f"任务 {task_id} 与其上级任务不属于同一方案或同一领域")
        for (task_id,) in self.db.execute(
                "SELECT id FROM tasks WHERE parent_id IS NULL AND coalesce(root_id, -1) != id"):
            out.append(f"顶层任务 {task_id} 的领域标记不正确")
        return out

    def _entry_problems(self) -> list[str]:
        out = []
        for (count,) in self.db.execute(
                "SELECT count(*) FROM progress WHERE status NOT IN ('未启动','推进中','已完成','滞后') "
                "OR period NOT GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'"):
            if count:
                out.append(f"有 {count} 条进展的状态或月份不合规")
        for table, label in (("cases", "案例"), ("list_entries", "名单")):
            bad = 0
            for (code,) in self.db.execute(
                    f"SELECT subject_code FROM {table} WHERE coalesce(subject_code, '') != ''"):
                check = id_number_problem if looks_like_id_number(code) else uscc_problem
                bad += check(code) is not None
            if bad:
                out.append(f"有 {bad} 条{label}的统一社会信用代码或身份证号码校验不通过")
        return out
