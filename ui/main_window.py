"""MainWindow: the shell — a navigation list of pages, menus, the status bar, backups, drops.

Each page is its own class; the window only builds menus and wires their signals.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QWidget

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.ledger import Ledger

PLAN_SUFFIXES = (".docx", ".txt", ".xlsx")  # files a drop hands to the plan import
DROP_SUFFIXES = (*PLAN_SUFFIXES, ".xls", ".et", ".ods")  # and returned templates (folders too)

# (navigation label, attribute); a page is built the first time it is needed
PAGES = (("首页看板", "dashboard"), ("方案列表", "plans_page"), ("方案与任务", "tasks_page"),
         ("进展填报", "progress_page"),
         ("典型案例", "cases_page"), ("红黑名单", "lists_page"), ("单位名录", "units_page"),
         ("考核打分", "scores_page"), ("设置", "settings_page"))
ALWAYS_SHOWN = ("scores_page", "settings_page")  # also on an empty ledger
RELOAD = {"dashboard": "reload_plans", "progress_page": "reload_plans", "scores_page": "reload_plans",
          "tasks_page": "reload_plans",
          "cases_page": "reload_choices", "lists_page": "reload_choices",
          "settings_page": "populate_from_ledger"}


def _page_class(name: str):
    from importlib import import_module

    module, cls = {"dashboard": ("ui.dashboard_page", "DashboardPage"),
                   "plans_page": ("ui.plans_page", "PlansPage"),
                   "progress_page": ("ui.progress_page", "ProgressPage"),
                   "cases_page": ("ui.cases_page", "CasesPage"),
                   "units_page": ("ui.units_page", "UnitsPage"),
                   "tasks_page": ("ui.tasks_page", "TasksPage"),
                   "lists_page": ("ui.cases_page", "ListsPage"),
                   "scores_page": ("ui.scores_page", "ScoresPage"),
                   "settings_page": ("ui.settings_page", "SettingsPage")}[name]
    return getattr(import_module(module), cls)


class MainWindow(QMainWindow):
    """The main window; it owns no data, only the ledger handed to it."""

    switch_requested = Signal(str)  # another ledger to open in place of this one

    def __init__(self, ledger: "Ledger | None" = None, parent=None, *, today=date.today, state=None):
        super().__init__(parent)
        self.ledger, self.today, self.state = None, today, state
        self.setWindowTitle("专项治理台账")
        self.resize(1200, 760)
        self._pages: dict[str, QWidget] = {}
        self.welcome = None  # built with the ledger (it is only shown for an empty one)
        self.loading = QLabel("正在打开台账…")
        # centred by style sheet: loading the Qt namespace for an alignment flag costs 15 ms
        self.loading.setStyleSheet("qproperty-alignment: AlignCenter; font-size: 16px; color: #666;")
        self.ledger_label, self.backup_label = QLabel(), QLabel()
        self.statusBar().addWidget(self.ledger_label, 1)
        self.statusBar().addPermanentWidget(self.backup_label)
        self._backup_worker = None
        self.import_dialog = self.export_dialog = self.print_dialog = None
        self.task_dialog = self.search_dialog = None
        self._build_pages()
        if state is not None:
            from ui.window_state import restore

            restore(self, state)
        if ledger is not None:
            self.attach(ledger)

    def attach(self, ledger: "Ledger") -> None:
        """Work on this ledger: menus, toolbar, pages. The window can be shown before, while
        the ledger (and the code that reads it) is still loading."""
        from ui.undo import LedgerUndo

        self.ledger = ledger
        self.setWindowTitle(f"专项治理台账 — {ledger.path.name if ledger.path else '内存台账'}")
        self.undo = LedgerUndo(ledger, self)
        self.undo.changed.connect(self.refresh)
        from ui.welcome_page import WelcomePage

        self.welcome = WelcomePage(self)
        self.stack.addWidget(self.welcome)
        self.welcome.import_requested.connect(self.import_plan)
        self.welcome.samples_requested.connect(self.load_samples)
        from ui.document_actions import add_document_menus
        from ui.toolbar import add_toolbar

        self._build_menus()
        add_document_menus(self)
        self.search_box = add_toolbar(self)
        self.ledger_label.setText(f"台账：{ledger.path}")
        self._show_last_backup()
        self.setAcceptDrops(True)
        self.show_page(self.nav.currentRow())
        # The daily backup starts once the window is up: opening never waits on it.
        QTimer.singleShot(1000, self, self.start_daily_backup)

    def page(self, name: str) -> QWidget:
        """A page, built (and put in the stack) the first time it is asked for."""
        if name not in self._pages:
            cls = _page_class(name)
            dated = name in ("dashboard", "progress_page", "scores_page", "tasks_page")
            page = cls(self.ledger, self, today=self.today) if dated else cls(self.ledger, self)
            self.stack.insertWidget([n for _, n in PAGES].index(name), page)
            page.undo = self.undo  # deletions and edits on the page can be undone
            self._pages[name] = page
            if name == "dashboard":
                page.reminder_requested.connect(self.open_reminder)
                page.task_requested.connect(self.open_task_lifecycle)
        return self._pages[name]

    dashboard = property(lambda self: self.page("dashboard"))
    plans_page = property(lambda self: self.page("plans_page"))
    progress_page = property(lambda self: self.page("progress_page"))
    cases_page = property(lambda self: self.page("cases_page"))
    units_page = property(lambda self: self.page("units_page"))
    tasks_page = property(lambda self: self.page("tasks_page"))
    lists_page = property(lambda self: self.page("lists_page"))
    scores_page = property(lambda self: self.page("scores_page"))
    settings_page = property(lambda self: self.page("settings_page"))

    # names the plan actions and tests use
    @property
    def plans_model(self):
        return self.plans_page.model

    @property
    def plans_view(self):
        return self.plans_page.view

    @property
    def empty_label(self):
        return self.plans_page.empty_label

    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setFixedWidth(130)
        self.stack = QStackedWidget()
        for label, _name in PAGES:
            self.nav.addItem(label)
        self.stack.addWidget(self.loading)
        self.stack.setCurrentWidget(self.loading)
        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setCurrentRow(0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        edit_menu = self.menuBar().addMenu("编辑(&B)")
        undo_action = self.undo.stack.createUndoAction(self, "撤销")
        undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo_action = self.undo.stack.createRedoAction(self, "重做")
        redo_action.setShortcut(QKeySequence("Ctrl+Y"))
        edit_menu.addAction(undo_action)
        edit_menu.addAction(redo_action)
        self._add_ledger_menu(file_menu)
        for text, shortcut, slot in (("导入方案(&I)…", "Ctrl+I", self.import_plan),
                                     ("导入回执(&R)…", "Ctrl+R", self.import_returns),
                                     ("载入示例方案(&S)", None, self.load_samples), (None, None, None),
                                     ("立即备份(&B)", None, self.backup_now), (None, None, None),
                                     ("退出(&X)", QKeySequence.StandardKey.Quit, self.close)):
            if text is None:
                file_menu.addSeparator()
                continue
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            file_menu.addAction(action)

    def show_page(self, row: int) -> None:
        """Show a page; an empty ledger shows the welcome page instead of empty tables."""
        name = PAGES[row][1] if 0 <= row < len(PAGES) else PAGES[0][1]
        if self.ledger is None:
            return  # still loading: the page is chosen once the ledger is attached
        if not self.ledger.plans() and name not in ALWAYS_SHOWN:
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.stack.setCurrentWidget(self.page(name))

    def search(self, query: str):
        """List what the full-text index finds; choosing a hit opens it."""
        from ui.search_dialog import open_search

        self.search_dialog = open_search(self, query)
        return self.search_dialog

    def _add_ledger_menu(self, file_menu) -> None:
        """打开台账… and the recently opened ledgers (kept in the window settings)."""
        open_action = QAction("打开台账(&O)…", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_ledger)
        file_menu.addAction(open_action)
        recent_menu = file_menu.addMenu("最近打开的台账")
        if self.state is not None:
            from ui.window_state import recent_ledgers

            for path in recent_ledgers(self.state):
                if path != str(self.ledger.path):
                    recent_menu.addAction(path, lambda p=path: self.switch_requested.emit(p))
        recent_menu.setEnabled(not recent_menu.isEmpty())
        file_menu.addSeparator()

    def choose_ledger(self) -> None:
        """Pick another ledger file to open instead of this one."""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(self, "打开台账", "", "台账文件 (*.sqlite *.db);;所有文件 (*)")
        if name:
            self.switch_requested.emit(name)

    def current_plan_id(self) -> int | None:
        """The plan chosen on the page in view."""
        shown = self.stack.currentWidget()
        combo = getattr(shown, "plan_combo", None)
        if combo is not None and combo.currentData():
            return combo.currentData()
        return self.plans_page.current_plan_id()

    def refresh(self) -> None:
        """Re-read the ledger after a change."""
        for name, page in self._pages.items():
            getattr(page, RELOAD.get(name, "refresh"))()
        self.show_page(self.nav.currentRow())

    def import_plan(self, path: Path | None = None) -> None:
        """Pick (or take) a plan file and open its import preview."""
        from ui.plan_actions import choose_plan_file, preview_plan

        path = path or choose_plan_file(self)
        if path is None:
            return
        self.import_dialog = preview_plan(self, self.ledger, Path(path))
        if self.import_dialog is not None:
            self.import_dialog.imported.connect(lambda _id: self.refresh())

    def import_returns(self, paths=None):
        """Open the returns import (with `paths` already added when given)."""
        from ui.returns_dialog import ReturnsImportDialog

        self.returns_dialog = ReturnsImportDialog(self.ledger, self, today=self.today)
        self.returns_dialog.imported.connect(self.refresh)
        if paths:
            self.returns_dialog.add_paths(paths)
        self.returns_dialog.show()
        return self.returns_dialog

    def load_samples(self) -> None:
        """Save the five sample plans shipped with the program."""
        from ui.errors import run_guarded
        from ui.plan_actions import load_samples

        run_guarded(self, load_samples, self, self.ledger)
        self.refresh()

    def open_reminder(self, plan_id: int, period: str):
        """The 催报通知 for a plan's month, from the dashboard."""
        from ui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.ledger, "reminder", self, plan_id=plan_id,
                                          period=period, today=self.today())
        self.export_dialog.exported.connect(lambda _path: self.dashboard.refresh())
        self.export_dialog.show()
        return self.export_dialog

    def open_task_lifecycle(self, task_id: int):
        """Close, reopen or extend a task."""
        from ui.task_lifecycle_dialog import TaskLifecycleDialog

        self.task_dialog = TaskLifecycleDialog(self.ledger, task_id, self, today=self.today())
        self.task_dialog.changed.connect(self.dashboard.refresh)
        self.task_dialog.show()
        return self.task_dialog

    def dragEnterEvent(self, event) -> None:
        if any(Path(url.toLocalFile()).is_dir() or url.toLocalFile().lower().endswith(DROP_SUFFIXES)
               for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        """Returned templates and folders go to the returns import; a plan file to the plan's."""
        from importers.returns_xlsx import is_return_template

        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.toLocalFile()]
        returns = [p for p in paths if p.is_dir() or is_return_template(p)]
        if returns:
            self.import_returns(returns)
            return
        plan = next((p for p in paths if p.suffix.lower() in PLAN_SUFFIXES), None)
        if plan:
            self.import_plan(plan)

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
        if self.ledger.path is None or self.ledger.db is None or not self.ledger.backup_due():
            return  # an in-memory ledger, or one closed before the timer fired
        from ui.workers import BackupWorker

        self._backup_worker = BackupWorker(self.ledger.path, self.ledger.settings())
        self._backup_worker.signals.finished.connect(lambda _path: self._show_last_backup())
        self._backup_worker.signals.failed.connect(self.backup_label.setText)
        QThreadPool.globalInstance().start(self._backup_worker)

    def closeEvent(self, event) -> None:
        from ui.unsaved import may_discard

        progress = self._pages.get("progress_page")
        if self.ledger is None:
            super().closeEvent(event)
            return
        if progress is not None and not may_discard(self, progress.form):
            event.ignore()
            return
        if self.state is not None:
            from ui.window_state import save

            save(self, self.state)
        QThreadPool.globalInstance().waitForDone()
        if self.ledger.path is not None and self.ledger.db is not None:
            from ui.errors import run_guarded

            run_guarded(self, self.ledger.backup_now, reason="关闭时")
        super().closeEvent(event)


def _stamp(path) -> str:
    from models.backups import backup_time

    when = backup_time(path)
    return when.strftime("%Y-%m-%d %H:%M") if when else path.name
