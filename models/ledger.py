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
from models.ledger_browse import BrowseStore
from models.errors import DamagedLedger, LedgerLocked, NetworkLedger, NewerLedger
from models.identifiers import mask_id_number
from models.ledger_cycle import CycleStore
from models.ledger_entries import EntryStore
from models.ledger_file import LedgerLock, header_problem, network_reason, os_user
from models.ledger_lifecycle import LifecycleStore
from models.ledger_plans import PlanStore
from models.ledger_records import RecordStore
from models.ledger_returns import ReturnStore
from models.ledger_stats import StatsStore
from models.ledger_safety import SafetyStore, newest_backup
from models.ledger_scores import ScoreStore
from models.ledger_search import SearchStore
from models.ledger_undo import UndoStore
from models.ledger_units import TaskEditStore, UnitStore
from models.schema import MIGRATIONS
from models.settings import DEFAULTS, setting_problem
from models.validation import ValidationError


class Ledger(RecordStore, PlanStore, EntryStore, CycleStore, LifecycleStore, ScoreStore,
             UnitStore, TaskEditStore, UndoStore, DocDataStore, DocRegisterStore, BrowseStore,
             SearchStore, SafetyStore, ReturnStore, StatsStore):
    """One office's ledger file: records, search, audit, settings and backups."""

    def __init__(self, db: Database, *, path: Path | None = None, lock: LedgerLock | None = None,
                 clock: Callable[[], datetime] = datetime.now, readonly: bool = False):
        self.db = db
        self.path = path
        self._lock = lock
        self.clock = clock
        self.readonly = readonly
        self.os_user = os_user()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False,
             clock: Callable[[], datetime] = datetime.now) -> "Ledger":
        """Open (or create) the ledger at `path`, refusing unsafe places and damaged files."""
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
        if path.exists():
            _refuse_damaged(path, header_problem(path))
        lock = None
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = LedgerLock(path)
            if not lock.acquire():
                raise LedgerLocked(
                    f"台账“{path}”正由{lock.holder()}使用，不能同时由两个程序写入。"
                    "请先关闭另一个窗口或程序，再打开。"
                )
        try:
            ledger = cls(_connect(path, readonly), path=path, lock=lock, clock=clock,
                         readonly=readonly)
            ledger._prepare(quick_check=bool(lock and lock.previous_run_unclean))
        except sqlite3.DatabaseError as exc:
            if lock:
                lock.release(clean=False)
            _refuse_damaged(path, f"SQLite 报告：{exc}")
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
        if applied - known:
            raise NewerLedger(
                f"台账“{self.path}”由更新版本的本程序写入（含 {len(applied - known)} 项未知的结构升级），"
                "请升级程序后再打开。"
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


def _connect(path: Path, readonly: bool) -> Database:
    if readonly:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    else:
        conn = sqlite3.connect(str(path), timeout=5)
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
