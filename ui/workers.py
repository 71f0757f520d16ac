"""Background work off the GUI thread: plain data in, signals out, no widgets touched."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from models.errors import LedgerError
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
            self.signals.failed.emit(f"后台备份失败：{exc}")
        else:
            self.signals.finished.emit(path)
