"""Background work off the GUI thread: plain data in, signals out, no widgets touched."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from models.errors import LedgerError
from models.files import describe_os_error
from models.ledger_safety import take_backup


class WorkerSignals(QObject):
    """Signals a worker sends back to the GUI thread."""

    finished = Signal(object)
    failed = Signal(str)


class BackupWorker(QRunnable):
    """Takes a verified backup with its own SQLite connections."""

    def __init__(self, ledger_path: Path, settings: dict):
        super().__init__()
        self.ledger_path = ledger_path
        self.keep_runs = settings["backups_kept"]
        self.keep_days = settings["backup_days"]
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            path = take_backup(self.ledger_path, now=datetime.now(), keep_runs=self.keep_runs,
                               keep_days=self.keep_days)
        except LedgerError as exc:
            self.signals.failed.emit(exc.message)
        except OSError as exc:
            self.signals.failed.emit(f"后台备份失败：{describe_os_error(exc)}")
        else:
            self.signals.finished.emit(path)


class _Task(QRunnable):
    """Runs one function with plain data; reports back through signals."""

    def __init__(self, fn, args):
        super().__init__()
        self.fn, self.args = fn, args
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except PermissionError as exc:
            self.signals.failed.emit(f"无法写入“{exc.filename}”：文件可能正在 WPS 或 Office 中打开，"
                                     "或没有写入权限。请关闭该文件后重试。")
        except OSError as exc:
            self.signals.failed.emit(describe_os_error(exc))
        except ValueError as exc:
            self.signals.failed.emit(f"操作失败：{exc}")
        else:
            self.signals.finished.emit(result)


def run_in_background(parent, label: str, fn, *args, on_done=None, on_error=None):
    """Run `fn(*args)` off the GUI thread behind a cancellable progress dialog; the window stays
    responsive. `fn` gets plain data only and never touches widgets or the ledger. Cancelling
    drops the result (a file already half written is replaced whole by the next export)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    dialog = QProgressDialog(label, "取消", 0, 0, parent)
    dialog.setWindowTitle("请稍候")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick work never flashes a dialog
    task = _Task(fn, args)
    state = {"cancelled": False}
    dialog.canceled.connect(lambda: state.update(cancelled=True))

    def cancelled() -> bool:
        state["cancelled"] = state["cancelled"] or dialog.wasCanceled()
        dialog.reset()
        return state["cancelled"]

    def finished(result):
        if not cancelled() and on_done:
            on_done(result)

    def failed(message):
        if not cancelled() and on_error:
            on_error(message)

    task.signals.finished.connect(finished)
    task.signals.failed.connect(failed)
    task.setAutoDelete(False)
    dialog._task = task  # the runnable and its signals live as long as the dialog
    QThreadPool.globalInstance().start(task)
    return dialog, state
