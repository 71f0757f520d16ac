"""MainWindow: the shell around the pages; for now the list of the ledger's plans."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView, QVBoxLayout, QWidget

from models.ledger import Ledger
from ui.document_actions import add_document_menus
from ui.plan_actions import PLAN_SUFFIXES, choose_plan_file, load_samples, preview_plan
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
        add_document_menus(self)
        self.ledger_label = QLabel(f"台账：{ledger.path}")
        self.backup_label = QLabel()
        self.statusBar().addWidget(self.ledger_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self._show_last_backup()
        self._backup_worker: BackupWorker | None = None
        self.import_dialog = None
        self.setAcceptDrops(True)
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
        self.empty_label = QLabel("台账中还没有方案。可从“文件”菜单导入方案（Ctrl+I），"
                                  "或载入五份示例方案；也可以把方案文件拖到窗口中。")
        self.empty_label.setVisible(self.plans_model.rowCount() == 0)
        layout.addWidget(heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.plans_view)
        return page

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        import_plan = QAction("导入方案(&I)…", self)
        import_plan.setShortcut(QKeySequence("Ctrl+I"))
        import_plan.triggered.connect(self.import_plan)
        samples = QAction("载入示例方案(&S)", self)
        samples.triggered.connect(self.load_samples)
        file_menu.addAction(import_plan)
        file_menu.addAction(samples)
        file_menu.addSeparator()
        backup = QAction("立即备份(&B)", self)
        backup.triggered.connect(self.backup_now)
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(backup)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)

    def current_plan_id(self) -> int | None:
        """The plan selected in the list, else the first one."""
        rows = self.plans_view.selectionModel().selectedRows()
        if rows:
            return self.plans_model.record_at(rows[0].row()).id
        return self.plans_model.record_at(0).id if self.plans_model.rowCount() else None

    def refresh(self) -> None:
        """Re-read the plans after a change."""
        self.plans_model.set_records(self.ledger.plans())
        self.empty_label.setVisible(self.plans_model.rowCount() == 0)

    def import_plan(self, path: Path | None = None) -> None:
        """Pick (or take) a plan file and open its import preview."""
        path = path or choose_plan_file(self)
        if path is None:
            return
        self.import_dialog = preview_plan(self, self.ledger, Path(path))
        if self.import_dialog is not None:
            self.import_dialog.imported.connect(lambda _id: self.refresh())

    def load_samples(self) -> None:
        """Save the five sample plans shipped with the program."""
        from ui.errors import run_guarded

        run_guarded(self, load_samples, self, self.ledger)
        self.refresh()

    def dragEnterEvent(self, event) -> None:
        if any(url.toLocalFile().lower().endswith(PLAN_SUFFIXES) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().lower().endswith(PLAN_SUFFIXES):
                self.import_plan(Path(url.toLocalFile()))
                break

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
