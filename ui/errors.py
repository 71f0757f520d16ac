"""The one error boundary of the window: guarded calls, and the excepthook with its log."""

from __future__ import annotations

import sqlite3
import sys
import traceback
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from models.errors import LedgerError
from models.files import describe_os_error
from models.ledger_access import sqlite_access_problem


@contextmanager
def wait_cursor():
    """The busy cursor while the GUI thread works for a moment (reading a folder of files)."""
    # the Qt namespace costs ~20 ms to load: not before the window shows
    from PySide6.QtCore import Qt

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


def run_guarded(parent, fn, *args, **kwargs):
    """Call fn; show expected failures (ledger, validation, files) as a plain message."""
    from models.validation import ValidationError

    try:
        return fn(*args, **kwargs)
    except LedgerError as exc:
        QMessageBox.warning(parent, "无法完成", exc.message)
    except ValidationError as exc:
        QMessageBox.warning(parent, "数据有误", str(exc))
    except PermissionError as exc:
        QMessageBox.warning(parent, "文件被占用", f"无法写入“{exc.filename}”：文件可能正在 WPS 或"
                            "Office 中打开，或没有写入权限。请关闭该文件后重试。")
    except OSError as exc:
        QMessageBox.warning(parent, "文件错误", describe_os_error(exc))
    except sqlite3.DatabaseError as exc:
        if not tell_unwritable(parent, exc):
            raise
    return None


def tell_unwritable(parent, exc: BaseException) -> bool:
    """Say so when a change failed because the ledger cannot be written (opened read-only,
    or the disk filled up meanwhile); True when that was the cause."""
    problem = sqlite_access_problem(exc) if isinstance(exc, sqlite3.DatabaseError) else None
    if problem is None:
        return False
    QMessageBox.warning(parent, "修改没有保存", f"这项修改没有保存：{problem}。台账中原有的内容没有改变；"
                        "填写的内容仍在窗口中，可复制留存。")
    return True


def install_excepthook(log_dir: Path) -> None:
    """Log unexpected errors to `log_dir/error.log` and tell the user where the log is."""

    def hook(exc_type, exc, tb):
        if QApplication.instance() is not None and tell_unwritable(None, exc):
            return  # an expected refusal, not a fault of the program
        log = log_dir / "error.log"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as f:
                f.write(f"\n[{datetime.now().isoformat(timespec='seconds')}]\n")
                f.write("".join(traceback.format_exception(exc_type, exc, tb)))
        except OSError:
            pass
        if QApplication.instance() is not None:
            QMessageBox.critical(None, "程序错误",
                                 f"发生了意外错误：{exc}\n详情已写入“{log}”。已保存的数据不受影响。")
        else:
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook
