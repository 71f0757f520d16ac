"""MainWindow: the shell — a navigation list of pages, menus, the status bar, backups, drops.

Each page is its own class; the window only builds menus and wires their signals.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui import drops
from ui.backup_status import BackupStatus
from ui.widgets import fit_window, scrolled

if TYPE_CHECKING:
    from models.ledger import Ledger

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
        fit_window(self, 1200, 760)  # the first time; afterwards the size it was left at
        self._pages: dict[str, QWidget] = {}
        self._frames: dict[str, QWidget] = {}
        self.welcome = None  # built with the ledger (it is only shown for an empty one)
        self.loading = QLabel("正在打开台账…")
        # centred by style sheet: loading the Qt namespace for an alignment flag costs 15 ms
        self.loading.setStyleSheet("qproperty-alignment: AlignCenter; font-size: 16px; color: #666;")
        self.ledger_label = QLabel()
        self.statusBar().addWidget(self.ledger_label, 1)
        self.backups = BackupStatus(self)
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
        self.setWindowTitle(f"专项治理台账 — {ledger.path.name if ledger.path else '内存台账'}"
                            + ("（只读）" if ledger.readonly else ""))
        self.undo = LedgerUndo(ledger, self)
        self.undo.changed.connect(self.refresh)
        from ui.welcome_page import WelcomePage

        self.welcome = WelcomePage(self)
        self.stack.addWidget(self.welcome)
        self.welcome.import_requested.connect(self.import_plan)
        self.welcome.samples_requested.connect(self.load_samples)
        from ui.icons import PAGE_ICONS, icon
        from ui.menus import build_menus
        from ui.toolbar import add_toolbar

        for row, (_label, name) in enumerate(PAGES):
            self.nav.item(row).setIcon(icon(PAGE_ICONS[name]))
        self.write_actions = build_menus(self)
        self.search_box, toolbar_writes = add_toolbar(self)
        self.write_actions += toolbar_writes
        self.ledger_label.setText(f"台账：{ledger.path}")
        self.backups.show_newest()
        self.setAcceptDrops(not ledger.readonly)
        if ledger.readonly:
            self._show_read_only(ledger.readonly_reason or "台账以只读方式打开")
        self.show_page(self.nav.currentRow())
        # The daily backup starts once the window is up: opening never waits on it.
        QTimer.singleShot(1000, self, self.backups.start_daily)

    def _show_read_only(self, reason: str) -> None:
        """The banner that says why nothing can be changed, and the commands that would."""
        self.banner.setText(f"只读：{reason}。可以查看、搜索、打印和导出表格；导入、填报和修改不会保存。"
                            "要修改，请把台账复制到有写入权限的位置后用“文件 → 打开台账”打开。")
        self.banner.show()
        for action in self.write_actions:
            action.setEnabled(False)
        self.welcome.import_button.setEnabled(False)
        self.welcome.samples_button.setEnabled(False)

    def page(self, name: str) -> QWidget:
        """A page, built (and put in the stack) the first time it is asked for."""
        if name not in self._pages:
            cls = _page_class(name)
            dated = name in ("dashboard", "progress_page", "scores_page", "tasks_page")
            page = cls(self.ledger, self, today=self.today) if dated else cls(self.ledger, self)
            # in a scroll area: a page taller or wider than a small screen scrolls instead of
            # pushing the window's status bar off the screen
            self._frames[name] = frame = scrolled(page)
            self.stack.insertWidget([n for _, n in PAGES].index(name), frame)
            page.undo = self.undo  # deletions and edits on the page can be undone
            self._pages[name] = page
            if self.state is not None:
                from ui.window_state import restore_splitters

                restore_splitters(page, self.state, name)
            if name == "dashboard":
                page.reminder_requested.connect(self.open_reminder)
                page.task_requested.connect(self.open_task_lifecycle)
            if name == "plans_page":  # new 报送设置: every month page offers other months
                page.changed.connect(self.refresh)
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
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(136)
        self.stack = QStackedWidget()
        for label, _name in PAGES:
            self.nav.addItem(label)
        self.stack.addWidget(self.loading)
        self.stack.setCurrentWidget(self.loading)
        self.nav.currentRowChanged.connect(self.show_page)
        self.nav.setCurrentRow(0)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.banner)
        row = QHBoxLayout()
        row.setContentsMargins(6, 6, 6, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)

    def show_page(self, row: int) -> None:
        """Show a page; an empty ledger shows the welcome page instead of empty tables."""
        name = PAGES[row][1] if 0 <= row < len(PAGES) else PAGES[0][1]
        if self.ledger is None:
            return  # still loading: the page is chosen once the ledger is attached
        if not self.ledger.plans() and name not in ALWAYS_SHOWN:
            label = PAGES[row][0] if 0 < row < len(PAGES) else None  # 首页看板 greets plainly
            self.welcome.show_for(label)
            self.stack.setCurrentWidget(self.welcome)
        else:
            self.page(name)
            self.stack.setCurrentWidget(self._frames[name])

    def current_page(self) -> QWidget:
        """The page in view (the welcome page on an empty ledger)."""
        shown = self.stack.currentWidget()
        return next((self._pages[n] for n, f in self._frames.items() if f is shown), shown)

    def go_to(self, name: str) -> QWidget:
        """Show the page `name` (choosing it in the navigation) and return it."""
        self.nav.setCurrentRow([n for _, n in PAGES].index(name))
        return self.page(name)

    def search(self, query: str):
        """List what the full-text index finds; choosing a hit opens it."""
        from ui.search_dialog import open_search

        self.search_dialog = open_search(self, query)
        return self.search_dialog

    def choose_ledger(self) -> None:
        """Pick another ledger file to open instead of this one."""
        from PySide6.QtWidgets import QFileDialog

        from ui.window_state import remember_folder, start_folder

        name, _ = QFileDialog.getOpenFileName(self, "打开台账", start_folder(self.state, "ledgers"),
                                              "台账文件 (*.sqlite *.db);;所有文件 (*)")
        remember_folder(self.state, "ledgers", name)
        if name:
            self.switch_requested.emit(name)

    def current_plan_id(self) -> int | None:
        """The plan chosen on the page in view."""
        shown = self.current_page()
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

        added = run_guarded(self, load_samples, self, self.ledger)
        if added:
            self.statusBar().showMessage(f"已载入示例方案 {added} 份", 8000)
        self.refresh()

    def open_reminder(self, plan_id: int, period: str):
        """The 催报通知 for a plan's month, from the dashboard."""
        from ui.export_dialog import ExportDialog

        self.export_dialog = ExportDialog(self.ledger, "reminder", self, plan_id=plan_id,
                                          period=period, today=self.today())
        self.export_dialog.exported.connect(lambda path: self.statusBar().showMessage(f"已导出：{path}", 15000))
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
        if drops.takes(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        """Returned templates and folders go to the returns import; a plan file to the plan's."""
        drops.route(self, event)

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
            from ui.window_state import save, save_splitters

            save(self, self.state)
            for name, page in self._pages.items():
                save_splitters(page, self.state, name)
        QThreadPool.globalInstance().waitForDone()
        if self.ledger.path is not None and self.ledger.db is not None and not self.ledger.readonly:
            from ui.errors import run_guarded

            run_guarded(self, self.ledger.backup_now, reason="关闭时")
        super().closeEvent(event)

