"""The status bar's 最近备份: the label, the daily backup in the background, and 立即备份."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel


class BackupStatus:
    """Shows the newest backup of the window's ledger and takes new ones."""

    def __init__(self, window):
        self.window = window
        self.label = QLabel()
        window.statusBar().addPermanentWidget(self.label)
        self._worker = None  # kept alive while it runs

    def show_newest(self) -> None:
        newest = self.window.ledger.newest_backup()
        self.label.setText(f"最近备份：{_stamp(newest)}" if newest else "尚无备份")

    def backup_now(self) -> None:
        """Take a verified backup on the GUI thread (a menu command)."""
        from ui.errors import run_guarded

        run_guarded(self.window, self.window.ledger.backup_now, reason="手动")
        self.show_newest()

    def start_daily(self) -> None:
        """Back up in the background when the newest backup is more than a day old."""
        ledger = self.window.ledger
        if ledger.path is None or ledger.db is None or ledger.readonly or not ledger.backup_due():
            return  # in memory, read-only (its writer backs it up), or closed before the timer
        from ui.workers import BackupWorker

        self._worker = BackupWorker(ledger.path, ledger.settings())
        self._worker.signals.finished.connect(lambda _path: self.show_newest())
        self._worker.signals.failed.connect(self.label.setText)
        QThreadPool.globalInstance().start(self._worker)


def _stamp(path) -> str:
    from models.backups import backup_time

    when = backup_time(path)
    return when.strftime("%Y-%m-%d %H:%M") if when else path.name
