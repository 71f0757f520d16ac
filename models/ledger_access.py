"""Whether this user may write a ledger, opening one read-only, and SQLite's failures told
in Chinese (a read-only or full disk is never reported as a damaged file). No Qt.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

MIN_FREE_BYTES = 1 << 20  # below this a write-ahead log cannot grow: treat the disk as full

# SQLite's primary result codes (the low byte of an extended code)
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26)
_ACCESS_WORDS = {
    _READONLY: "台账文件或它所在的文件夹不允许写入",
    _PERM: "没有读写台账文件的权限",
    _CANTOPEN: "无法打开台账文件（没有权限，或所在文件夹不允许写入）",
    _FULL: "磁盘空间已满",
    _BUSY: "台账正被另一个程序使用",
    _LOCKED: "台账正被另一个程序使用",
    _IOERR: "读写磁盘时出错，磁盘或U盘可能已损坏或被拔出",
}
_DAMAGE_WORDS = {_CORRUPT: "文件内容已损坏", _NOTADB: "文件不是 SQLite 台账文件"}


def _writable(path: Path) -> bool:
    # effective ids: a program started through setuid or a service runs with those
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)


def _mounted_read_only(path: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def write_problem(path: Path) -> str | None:
    """Why this user cannot write the ledger at `path` (Chinese, naming the place), or None.

    Cheap checks before SQLite or the lock file are touched: the file's own permission or
    read-only attribute, a read-only disk, the folder's permission, free space.
    """
    path = Path(path)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if _mounted_read_only(folder):
        return f"台账所在的磁盘或文件夹“{folder}”是只读的"
    if path.exists() and not _writable(path):
        return f"台账文件“{path}”是只读的（文件属性或权限不允许写入）"
    if not _writable(folder):
        return f"台账所在的文件夹“{folder}”不允许写入（没有写入权限）"
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if free < MIN_FREE_BYTES:
        return f"台账所在的磁盘已满（“{folder}”只剩 {free // 1024} KB）"
    return None


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def sqlite_access_problem(exc: sqlite3.Error) -> str | None:
    """The Chinese reason when SQLite failed for lack of permission, space or a lock (the
    file itself is sound), else None."""
    code = _code(exc)
    if code in _ACCESS_WORDS:
        return _ACCESS_WORDS[code]
    if code is None and "readonly" in str(exc):  # an SQLite build without extended codes
        return _ACCESS_WORDS[_READONLY]
    return None


def sqlite_damage_reason(exc: sqlite3.Error) -> str:
    """What a failure that is not about access says about the file, in Chinese."""
    code = _code(exc)
    if code in _DAMAGE_WORDS:
        return _DAMAGE_WORDS[code]
    name = getattr(exc, "sqlite_errorname", None)
    return f"SQLite 无法读取该文件（{name}）" if name else "SQLite 无法读取该文件"


def connect_readonly(path: Path, *, timeout: float = 5) -> sqlite3.Connection:
    """A read-only connection. A WAL ledger in a folder this user cannot write has no
    shared-memory file to open; it is then read as immutable (nobody can change it here)."""
    uri = Path(path).absolute().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        if _code(exc) not in (_READONLY, _CANTOPEN) or _writable(Path(path).parent):
            raise
    conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn


def probe_write(conn: sqlite3.Connection) -> None:
    """Take and drop the write lock: SQLite opens a file it may not write read-only without
    saying so, and only the first write would fail."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("ROLLBACK")
