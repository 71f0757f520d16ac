"""MainWindow: the shell around the pages; for now the list of the ledger's plans."""

from __future__ import annotations

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from models.ledger import Ledger
from ui.plan_table_model import PlanTableModel
from ui.workers import BackupWorker


class MainWindow(QMainWindow):
    """The main window; it owns no data, only the ledger handed to it."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle(f"专项治理台账 — {ledger.path.name if ledger.path else '内存台账'}")
        self.resize(1000, 640)
        self.plans_model = PlanTableModel(ledger.plans(), self)
        self.setCentralWidget(self._build_plans_page())
        self._build_menus()
        self.ledger_label = QLabel(f"台账：{ledger.path}")
        self.backup_label = QLabel()
        self.statusBar().addWidget(self.ledger_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self._show_last_backup()
        self._backup_worker: BackupWorker | None = None
        # The daily backup starts once the window is up: opening never waits on it.
        QTimer.singleShot(1000, self.start_daily_backup)

    def _build_plans_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = QLabel("方案列表")
        heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.plans_view = QTableView(page)
        self.plans_view.setModel(self.plans_model)
        self.plans_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.plans_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel("台账中还没有方案。")
        self.empty_label.setVisible(self.plans_model.rowCount() == 0)
        layout.addWidget(heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.plans_view)
        return page

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        backup = QAction("立即备份(&B)", self)
        backup.triggered.connect(self.backup_now)
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(backup)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    def _show_last_backup(self) -> None:
        newest = self.ledger.newest_backup()
        self.backup_label.setText(f"最近备份：{_stamp(newest)}" if newest else "尚无备份")

    def backup_now(self) -> None:
        """Take a verified backup on the GUI thread (a menu command)."""
        from ui.errors import run_guarded

        run_guarded(self, self.ledger.backup_now, reason="手动")
        self._show_last_backup()

    def start_daily_backup(self) -> None:
        """Back up in the background when the newest backup is more than a day old."""
        if self.ledger.path is None or not self.ledger.backup_due():
            return
        self._backup_worker = BackupWorker(self.ledger.path, self.ledger.settings())
        self._backup_worker.signals.finished.connect(lambda _path: self._show_last_backup())
        self._backup_worker.signals.failed.connect(self.backup_label.setText)
        QThreadPool.globalInstance().start(self._backup_worker)

    def closeEvent(self, event) -> None:
        QThreadPool.globalInstance().waitForDone()
        if self.ledger.path is not None and self.ledger.db is not None:
            from ui.errors import run_guarded

            run_guarded(self, self.ledger.backup_now, reason="关闭时")
        super().closeEvent(event)


def _stamp(path) -> str:
    from models.backups import backup_time

    when = backup_time(path)
    return when.strftime("%Y-%m-%d %H:%M") if when else path.name
