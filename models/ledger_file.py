"""Checks on the ledger file before SQLite touches it: network shares, header, process lock.

All of these are O(1) in the size of the file, so opening never waits on whole-file work.
"""

from __future__ import annotations

import getpass
import ntpath
import os
import socket
import struct
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
NETWORK_FILESYSTEMS = {
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "9p", "afs", "ncpfs",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre",
}  # fmt: skip
_DRIVE_REMOTE = 4  # GetDriveTypeW


def os_user() -> str:
    """The login name of whoever runs the program, for the audit log."""
    try:
        return getpass.getuser()
    except Exception:  # no USERNAME/LOGNAME in the environment (services, some Windows PCs)
        return "未知用户"


def network_reason(path: Path, *, os_name: str | None = None, mounts: str | None = None) -> str | None:
    """Why `path` is on a network share (Chinese), or None when it is on a local disk."""
    os_name = os_name or os.name
    text = str(path)
    if os_name == "nt":
        if text.startswith(("\\\\", "//")):
            return f"“{text}”是网络共享路径"
        drive = ntpath.splitdrive(ntpath.abspath(text))[0]
        if drive and _windows_drive_is_remote(drive):
            return f"“{drive}”是映射的网络驱动器"
        return None
    fs_type = _mount_fs_type(Path(os.path.abspath(text)), mounts)
    if fs_type in NETWORK_FILESYSTEMS:
        return f"“{text}”位于网络文件系统（{fs_type}）上"
    return None


def _windows_drive_is_remote(drive: str) -> bool:
    if os.name != "nt":
        return False
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE


def _mount_fs_type(path: Path, mounts: str | None) -> str | None:
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    best, best_type = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        inside = str(path) == point or str(path).startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, parts[2]
    return best_type


def header_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be a whole SQLite database (Chinese), or None.

    Reads the 100-byte header only: the magic string, the page size, and the page count,
    which SQLite keeps valid while the change counter matches (offsets 24 and 92).
    """
    size = path.stat().st_size
    if size == 0:
        return None  # a new, empty file becomes a ledger
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "文件不是 SQLite 台账文件"
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    valid_for = struct.unpack(">I", header[92:96])[0]
    wal = Path(str(path) + "-wal")
    wal_has_pages = wal.exists() and wal.stat().st_size > 0
    if page_size < 512 or page_size & (page_size - 1):
        return "文件头已损坏"
    if valid_for == change_counter and page_count and not wal_has_pages:
        expected = page_count * page_size
        if size < expected:
            return f"文件不完整（应有 {expected} 字节，实际 {size} 字节），可能被截断"
    return None


class LedgerLock:
    """An exclusive OS lock on `<ledger>.lock`, held while a process writes the ledger.

    The lock file also tells whether the last session closed cleanly: it is removed on a
    clean close, so finding it (unlocked) at start means the last run ended abruptly.
    """

    def __init__(self, ledger_path: Path):
        self.path = Path(str(ledger_path) + ".lock")
        self._file = None
        self.previous_run_unclean = False

    def acquire(self) -> bool:
        """Take the lock; False when another live process holds it."""
        existed = self.path.exists()
        f = open(self.path, "a+", encoding="utf-8")
        if not _try_lock(f):
            f.close()
            return False
        f.seek(0)
        self.previous_run_unclean = existed and bool(f.read().strip())
        f.seek(0)
        f.truncate()
        f.write(f"{os_user()}@{socket.gethostname()} pid={os.getpid()}\n")
        f.flush()
        self._file = f
        return True

    def holder(self) -> str:
        """Who holds the lock, as written in the lock file."""
        try:
            return self.path.read_text(encoding="utf-8").strip() or "另一个程序"
        except OSError:
            return "另一个程序"

    def release(self, *, clean: bool = True) -> None:
        """Drop the lock; a clean release also removes the file."""
        if self._file is None:
            return
        f, self._file = self._file, None
        if clean:
            f.seek(0)
            f.truncate()
            f.flush()
        _unlock(f)
        f.close()
        if clean:
            try:
                self.path.unlink()
            except OSError:
                pass


def _try_lock(f) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(f) -> None:
    try:
        if os.name == "nt":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass
