"""The `Ledger`: the one class that writes SQL. This module opens, migrates and closes it.

The class is assembled from mixins kept in `ledger_*.py` beside this file (records, entries,
search, safety), each owning one part of the ledger's SQL. Nothing here imports Qt.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from models.doc_data import DocDataStore
from models.doc_register import DocRegisterStore
from models.errors import (
    DamagedLedger,
    LedgerError,
    LedgerLocked,
    NetworkLedger,
    NewerLedger,
    ReadOnlyLedger,
)
from models.files import os_error_reason
from models.identifiers import mask_id_number
from models.ledger_access import (
    connect_readonly,
    probe_write,
    sqlite_access_problem,
    sqlite_damage_reason,
    write_problem,
)
from models.ledger_browse import BrowseStore
from models.ledger_cycle import CycleStore
from models.ledger_entries import EntryStore
from models.ledger_file import LedgerLock, header_problem, network_reason, os_user
from models.ledger_lifecycle import LifecycleStore
from models.ledger_plans import PlanStore
from models.ledger_records import RecordStore
from models.ledger_returns import ReturnStore
from models.ledger_safety import SafetyStore, newest_backup
from models.ledger_scores import ScoreStore
from models.ledger_search import SearchStore
from models.ledger_stats import StatsStore
from models.ledger_undo import UndoStore
from models.ledger_units import TaskEditStore, UnitStore
from models.ledger_version import VersionStore
from models.schema import MIGRATIONS
from models.settings import DEFAULTS, setting_problem
from models.validation import ValidationError
from models.version import VERSION


class Ledger(RecordStore, PlanStore, EntryStore, CycleStore, LifecycleStore, ScoreStore,
             UnitStore, TaskEditStore, UndoStore, DocDataStore, DocRegisterStore, BrowseStore,
             SearchStore, SafetyStore, ReturnStore, StatsStore, VersionStore):
    """One office's ledger file: records, search, audit, settings and backups."""

    def __init__(self, db: Database, *, path: Path | None = None, lock: LedgerLock | None = None,
                 clock: Callable[[], datetime] = datetime.now, readonly: bool = False):
        self.db = db
        self.path = path
        self._lock = lock
        self.clock = clock
        self.readonly = readonly
        self.readonly_reason: str | None = None  # why it was opened read-only, when it was
        self.os_user = os_user()
        self.upgraded_from: str | None = None  # set when this opening upgraded the ledger

    # ------------------------------------------------------------------ opening

    @classmethod
    def open_read_only(cls, path: str | Path, refused: LedgerError, default: str | None = None) -> "Ledger":
        """The ledger opened read-only after `refused` said why it cannot be written; its
        `readonly_reason` is that reason (else `default`, else the refusal itself)."""
        ledger = cls.open(path, readonly=True)
        ledger.readonly_reason = getattr(refused, "reason", None) or default or refused.message
        return ledger

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False,
             clock: Callable[[], datetime] = datetime.now) -> "Ledger":
        """Open (or create) the ledger at `path`, refusing unsafe places and damaged files.

        A ledger this user cannot write raises `ReadOnlyLedger` (it may still be opened with
        `readonly=True`); one another program writes raises `LedgerLocked`."""
        path = Path(path).absolute()
        reason = network_reason(path)
        if reason:
            raise NetworkLedger(
                f"不能在网络共享上打开台账：{reason}。SQLite 的文件锁在网络文件系统上不可靠，"
                "多人或断网时会损坏台账。请把台账放在本机磁盘上（如默认位置），"
                "同事之间通过导出、导入文件交换数据。"
            )
        if readonly and not path.exists():
            raise DamagedLedger(f"台账文件“{path}”不存在。")
        try:
            if path.exists():
                _refuse_damaged(path, header_problem(path))
        except OSError as exc:
            raise LedgerError(f"无法读取台账“{path}”：{os_error_reason(exc)}。") from None
        lock = None if readonly else _take_lock(path)
        try:
            ledger = cls(_connect(path, readonly), path=path, lock=lock, clock=clock,
                         readonly=readonly)
            ledger._prepare(quick_check=bool(lock and lock.previous_run_unclean))
        except sqlite3.DatabaseError as exc:
            if lock:
                lock.release(clean=False)
            _refuse_unusable(path, exc, readonly)
        except BaseException:
            if lock:
                lock.release(clean=False)
            raise
        return ledger

    @classmethod
    def in_memory(cls, *, clock: Callable[[], datetime] = datetime.now) -> "Ledger":
        """A throw-away ledger in memory, fully migrated (tests and previews)."""
        db = Database(memory=True, execute_plugins=False)
        db.execute("PRAGMA foreign_keys = ON")
        ledger = cls(db, clock=clock)
        MIGRATIONS.apply(db)
        return ledger

    def _prepare(self, *, quick_check: bool) -> None:
        known = {m.fn.__name__ for m in MIGRATIONS._migrations}
        applied = {m.name for m in MIGRATIONS.applied(self.db)}
        self.refuse_if_newer()
        if applied - known:
            raise NewerLedger(
                f"台账“{self.path}”由更新版本的本程序写入（含 {len(applied - known)} 项"
                f"本程序 {VERSION} 版不认识的结构升级），请升级程序后再打开。"
            )
        if quick_check:
            result = self.db.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                _refuse_damaged(self.path, f"快速检查未通过：{result}")
        pending = MIGRATIONS.pending(self.db)
        if pending and self.readonly:
            raise NewerLedger(f"台账“{self.path}”的结构较旧，请先用本程序正常打开一次以完成升级。")
        if pending:
            if applied:  # an existing ledger: keep a copy of it as it was before the upgrade
                self.backup_now(reason="升级前")
            MIGRATIONS.apply(self.db)
        if not self.readonly:
            self.upgraded_from = self.record_writer(existed=bool(applied))

    @property
    def previous_run_unclean(self) -> bool:
        """True when the last program that wrote this ledger did not close it cleanly."""
        return bool(self._lock and self._lock.previous_run_unclean)

    def close(self) -> None:
        """Close the connection and release the write lock (a clean close)."""
        if self.db is None:
            return
        if not self.readonly and self.path is not None:
            try:
                self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass
        self.db.close()
        self.db = None
        if self._lock:
            self._lock.release(clean=True)

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    @contextmanager
    def atomic(self):
        """One transaction for a multi-row write: all of it is kept, or none."""
        with self.db.atomic():
            yield self

    def audit(self, action: str, table: str, row_id: int | None = None, *,
              old: dict | None = None, new: dict | None = None, detail: str | None = None,
              sensitive: tuple[str, ...] = ()) -> None:
        """Append one audit entry; `sensitive` fields are stored masked."""
        self.db.execute(
            "INSERT INTO audit_log (at, os_user, action, table_name, row_id, old, new, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [self.clock().isoformat(timespec="seconds"), self.os_user, action, table, row_id,
             _audit_json(old, sensitive), _audit_json(new, sensitive), detail],
        )

    def audit_entries(self, *, limit: int = 200) -> list[dict]:
        """The newest audit entries, newest first."""
        rows = self.db.execute(
            "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]
        ).fetchall()
        cols = [d[0] for d in self.db.execute("SELECT * FROM audit_log LIMIT 0").description]
        return [dict(zip(cols, r)) for r in rows]

    # ------------------------------------------------------------------ settings

    def setting(self, key: str):
        """One office setting, or its default."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return json.loads(row[0]) if row else DEFAULTS[key]

    def settings(self) -> dict:
        """All office settings, defaults filled in."""
        stored = {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM settings")}
        return {**DEFAULTS, **{k: v for k, v in stored.items() if k in DEFAULTS}}

    def set_settings(self, values: dict) -> None:
        """Change office settings at once; each change is audited."""
        errors = {k: p for k, v in values.items() if (p := setting_problem(k, v))}
        if errors:
            raise ValidationError(errors, record="设置")
        with self.db.atomic():
            for key, value in values.items():
                old = self.setting(key)
                if old == value:
                    continue
                self.db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, json.dumps(value, ensure_ascii=False)],
                )
                self.audit("修改设置", "settings", None, old={key: old}, new={key: value})

    def newest_backup(self) -> Path | None:
        """The newest verified backup of this ledger, if any."""
        return newest_backup(self.path) if self.path else None


def _take_lock(path: Path) -> LedgerLock:
    """The write lock, or why this user cannot write here (a second writer is refused)."""
    problem = write_problem(path)
    try:
        if problem is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = LedgerLock(path)
            if not lock.acquire():
                raise LedgerLocked(
                    f"台账“{path}”正由{lock.holder()}使用，不能同时由两个程序写入。"
                    "请先关闭另一个窗口或程序，再打开。"
                )
            return lock
    except OSError as exc:
        problem = f"无法在“{exc.filename or path.parent}”建立锁文件：{os_error_reason(exc)}"
    raise ReadOnlyLedger(readonly_message(path, problem), reason=problem)


def readonly_message(path: Path, problem: str) -> str:
    """What to tell a user whose ledger cannot be written, and what to do."""
    if not path.exists():
        return (f"无法在这里建立台账“{path}”：{problem}。请换一个有写入权限且有空余空间的位置"
                "（如默认位置，或用“文件 → 打开台账”另选），或请管理员开放权限。")
    return (f"台账“{path}”不能写入：{problem}。台账文件本身完好，可以只读方式查看和导出表格；"
            "要修改，请把它复制到有写入权限且有空余空间的位置（如“我的文档”）再打开，"
            "或请管理员开放权限。")


def _refuse_unusable(path: Path, exc: sqlite3.DatabaseError, readonly: bool) -> None:
    """A failure to open: lack of permission, space or a lock says so; only what SQLite
    finds wrong with the file itself calls it damaged."""
    problem = sqlite_access_problem(exc)
    if problem and not readonly:
        raise ReadOnlyLedger(readonly_message(path, problem), reason=problem) from None
    if problem:
        raise LedgerError(f"无法读取台账“{path}”：{problem}。") from None
    _refuse_damaged(path, sqlite_damage_reason(exc))


def _connect(path: Path, readonly: bool) -> Database:
    if readonly:
        conn = connect_readonly(path)
    else:
        conn = sqlite3.connect(str(path), timeout=5)
        probe_write(conn)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        db.enable_wal()
        # FULL: a committed import survives a power cut too; writes are few and grouped.
        db.execute("PRAGMA synchronous = FULL")
    db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails fast on a non-database
    return db


def _refuse_damaged(path: Path, problem: str | None) -> None:
    if not problem:
        return
    backup = newest_backup(path)
    if backup:
        advice = (f"最新的备份是“{backup}”。可执行 python main.py restore \"{backup}\" "
                  f"--ledger \"{path}\" 用它恢复（当前文件会另存一旁，不会被覆盖）。")
    else:
        advice = "没有找到这个台账的备份；请从其他电脑或移动介质上找回副本。"
    raise DamagedLedger(f"台账文件“{path}”无法使用：{problem}。{advice}",
                        newest_backup=str(backup) if backup else None)


def _audit_json(values: dict | None, sensitive: tuple[str, ...]) -> str | None:
    if values is None:
        return None
    masked = {k: (mask_id_number(v) if k in sensitive and isinstance(v, str) else v)
              for k, v in values.items()}
    return json.dumps(masked, ensure_ascii=False, default=str)
