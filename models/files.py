"""Files the program writes, written whole or not at all; OS errors told in Chinese."""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

# What each common errno means to a clerk, and what to do about it. The path is added by
# `describe_os_error`; the OS's own (English) words never reach the user.
_ERRNO_WORDS = {
    errno.ENOENT: "文件或文件夹不存在，请检查路径是否正确",
    errno.ENOTDIR: "路径中有一段不是文件夹，请检查路径是否正确",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EACCES: "没有读写权限，请换一个有权限的位置，或请管理员开放权限",
    errno.EPERM: "操作系统不允许这项操作，请换一个有权限的位置，或请管理员开放权限",
    errno.EROFS: "所在的磁盘或文件夹是只读的，请换一个可写的位置",
    errno.ENOSPC: "磁盘空间已满，请清理磁盘后重试",
    errno.EDQUOT: "磁盘配额已用完，请清理空间后重试",
    errno.EEXIST: "已有同名文件",
    errno.ENAMETOOLONG: "文件名或路径太长，请缩短后重试",
    errno.EBUSY: "文件正被其他程序使用，请关闭该程序后重试",
    errno.EMFILE: "打开的文件太多，请关闭部分程序后重试",
    errno.EIO: "读写磁盘时出错，磁盘或U盘可能已损坏或被拔出",
    errno.EINVAL: "文件名或路径不合法（可能含有 \\ / : * ? \" < > | 等字符）",
    errno.EXDEV: "不能跨磁盘移动文件",
}
# Windows reports a file held open by another program (WPS, Excel) as a sharing violation.
_WINERROR_WORDS = {
    32: "文件正被其他程序打开（例如 WPS 或 Office），请关闭该文件后重试",
    33: "文件的一部分被其他程序锁定，请关闭使用该文件的程序后重试",
    112: "磁盘空间已满，请清理磁盘后重试",
}


def os_error_reason(exc: OSError) -> str:
    """The Chinese reason for an OSError, without the path."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_WORDS:
        return _WINERROR_WORDS[winerror]
    if exc.errno in _ERRNO_WORDS:
        return _ERRNO_WORDS[exc.errno]
    if isinstance(exc, PermissionError):
        return _ERRNO_WORDS[errno.EACCES]
    if exc.errno is not None:
        return f"操作系统报告错误（错误号 {exc.errno}），请检查路径、权限和磁盘空间"
    return "读写文件时出错，请检查路径、权限和磁盘空间"


def describe_os_error(exc: OSError, path: str | os.PathLike | None = None) -> str:
    """'无法读写“PATH”：REASON。' — the path from the error, else the one given; never empty."""
    name = exc.filename or path
    where = f"“{name}”" if name else "文件"
    return f"无法读写{where}：{os_error_reason(exc)}。"


# SQLite's own result codes for a write that failed, in the same words.
_SQLITE_WORDS = {
    "SQLITE_FULL": _ERRNO_WORDS[errno.ENOSPC],
    "SQLITE_READONLY": "台账文件或其所在的文件夹是只读的（或没有写入权限），请换一个可写的位置，或请管理员开放权限",
    "SQLITE_BUSY": "台账正被另一个程序写入，请稍后重试",
    "SQLITE_LOCKED": "台账正被另一个程序写入，请稍后重试",
    "SQLITE_IOERR": _ERRNO_WORDS[errno.EIO],
    "SQLITE_CANTOPEN": "无法打开台账旁的临时文件（文件夹可能是只读的），请检查文件夹的写入权限",
    "SQLITE_PERM": _ERRNO_WORDS[errno.EACCES],
}


def describe_write_error(exc: Exception, path: str | os.PathLike | None = None) -> str:
    """'写入“PATH”时出错：REASON' for an OSError or a failed SQLite write; never the
    library's English words, never an empty name."""
    if isinstance(exc, OSError):
        name = exc.filename or path
        reason = os_error_reason(exc)
    else:
        name = path
        code = getattr(exc, "sqlite_errorname", "") or ""
        reason = next((words for prefix, words in _SQLITE_WORDS.items() if code.startswith(prefix)), None)
        if reason is None:
            text = str(exc).lower()
            reason = (_SQLITE_WORDS["SQLITE_FULL"] if "full" in text else
                      _SQLITE_WORDS["SQLITE_READONLY"] if "readonly" in text or "read-only" in text else
                      f"数据库报告错误（{code or type(exc).__name__}），请检查磁盘和写入权限后重试")
    return f"写入“{name or '台账'}”时出错：{reason}"


@contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path beside `path`; when the block ends without error the file is
    flushed to disk and renamed over `path`, so a kill or a full disk leaves the old file (or
    none), never a truncated one under the final name."""
    target = Path(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".tmp",
                                             dir=target.parent)
    except OSError as exc:
        exc.filename = str(target)  # the user asked for this file, not for our temporary one
        raise
    os.close(handle)
    temp = Path(temp_name)
    _usual_mode(temp)
    try:
        yield temp
        _flush_to_disk(temp)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if not exc.filename or Path(exc.filename) == temp:
            exc.filename = str(target)  # a failed write names the file being written, not nothing
        raise
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _usual_mode(path: Path) -> None:
    """The mode a file created the ordinary way gets (0666 less the umask): mkstemp's private
    0600 would hide the document from colleagues on a shared folder."""
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(path, 0o666 & ~umask)
    except OSError:  # a file system without modes (FAT on a USB stick) keeps its own
        pass


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def save_atomically(save, path: str | os.PathLike) -> Path:
    """Call `save(temp_path_str)` (python-docx's or openpyxl's `.save`) and rename into place."""
    with atomic_path(path) as temp:
        save(str(temp))
    return Path(path)
