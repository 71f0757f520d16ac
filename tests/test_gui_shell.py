"""The window on a ledger: plans listed, the table model sound, a backup taken on close."""

from pathlib import Path

import pytest
from conftest import menu_titled
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.ledger import Ledger
from models.records import Plan
from ui.app import open_ledger
from ui.main_window import MainWindow
from ui.plan_table_model import PlanTableModel


@pytest.fixture
def window(qtbot, ledger, campaign):
    ledger.save(Plan(title="杭州市2020年重点领域失信专项治理实施方案", doc_number="杭信办〔2020〕5号"))
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    return win


def test_the_window_lists_the_ledgers_plans(window, ledger):
    model = window.plans_view.model()
    assert model.rowCount() == len(ledger.plans()) == 2
    assert model.index(1, 0).data() == "杭信办〔2020〕5号"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "方案名称"
    assert not window.empty_label.isVisible()
    assert str(ledger.path) in window.ledger_label.text()


def test_plan_table_model_passes_the_model_tester(qtmodeltester, ledger, campaign):
    model = PlanTableModel(ledger.plans())
    qtmodeltester.check(model)
    model.set_records([])
    qtmodeltester.check(model)


def test_closing_the_window_takes_a_backup(window, ledger, qtbot):
    assert ledger.newest_backup() is None
    window.close()
    assert ledger.newest_backup() is not None


def test_the_daily_backup_runs_in_the_background(window, ledger, qtbot):
    window.backups.start_daily()
    qtbot.waitUntil(lambda: ledger.newest_backup() is not None, timeout=5000)
    qtbot.waitUntil(lambda: "最近备份" in window.backups.label.text(), timeout=5000)


def test_a_damaged_ledger_offers_its_newest_backup(qtbot, ledger_path, monkeypatch):
    with Ledger.open(ledger_path) as ledger:
        ledger.save(Plan(title="方案甲"))
        ledger.backup_now()
    ledger_path.write_bytes(b"not a database" * 100)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    reopened = open_ledger(ledger_path)
    try:
        assert "备份" in asked[0]
        assert [p.title for p in reopened.plans()] == ["方案甲"]
    finally:
        reopened.close()


def test_an_empty_ledger_greets_with_two_actions(qtbot, ledger):
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    assert win.current_page() is win.welcome and win.welcome.context.isHidden()
    win.go_to("cases_page")  # another page on an empty ledger: the welcome says why
    assert win.current_page() is win.welcome and "“典型案例”要先有方案" in win.welcome.context.text()
    win.go_to("dashboard")
    win.welcome.samples_button.click()  # 载入示例: the demo ledger
    assert len(ledger.plans()) == 5 and ledger.count("progress") > 0 and ledger.count("cases") > 0
    assert win.current_page() is win.dashboard


def test_the_search_box_lists_hits_by_kind_and_opens_a_task(qtbot, ledger, campaign):
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    win.search_box.setText("诈骗")
    qtbot.keyClick(win.search_box, Qt.Key.Key_Return)
    dialog = win.search_dialog
    qtbot.addWidget(dialog)
    group = dialog.tree.topLevelItem(0)
    assert group.text(0) == "任务（1 条）" and group.childCount() == 1
    dialog.tree.itemActivated.emit(group.child(0), 0)
    assert win.current_page() is win.tasks_page
    assert win.tasks_page.current_task_id() == campaign["domain"]


def test_settings_save_and_refuse_with_the_message_by_the_field(qtbot, ledger):
    from ui.settings_page import SettingsPage

    page = SettingsPage(ledger)
    qtbot.addWidget(page)
    page.editors["office_name"].setText("临汾市文明办")
    page.editors["report_day"].setValue(28)
    assert page.accept() and ledger.settings()["report_day"] == 28
    assert ledger.setting("office_name") == "临汾市文明办"
    page.editors["report_day"].setValue(40)
    assert not page.accept()
    assert "1到31" in page.errors["report_day"].text()
    assert ledger.settings()["report_day"] == 28  # nothing written


def test_window_state_is_remembered(qtbot, ledger, campaign, tmp_path):
    from ui.window_state import recent_ledgers, remember_ledger, window_settings

    state = window_settings(tmp_path)
    first = MainWindow(ledger, state=state)
    qtbot.addWidget(first)
    with qtbot.waitExposed(first):
        first.show()
    first.nav.setCurrentRow(8)
    first.close()
    saved = window_settings(tmp_path).value("window/geometry")
    assert saved is not None and bytes(saved) == bytes(first.saveGeometry())
    second = MainWindow(ledger, state=window_settings(tmp_path))
    qtbot.addWidget(second)
    assert second.nav.currentRow() == 8
    remember_ledger(state, Path("/a.sqlite"))
    remember_ledger(state, Path("/b.sqlite"))
    remember_ledger(state, Path("/a.sqlite"))
    assert recent_ledgers(state)[:2] == ["/a.sqlite", "/b.sqlite"]


def test_an_unclean_exit_is_told_on_the_next_start(qtbot, ledger_path, monkeypatch):
    import ui.app

    told = []
    monkeypatch.setattr(ui.app.QMessageBox, "information", lambda *a: told.append(a[2]))
    Ledger.open(ledger_path)._lock.release(clean=False)  # as a crash leaves it
    reopened = Ledger.open(ledger_path)
    win = MainWindow(reopened)
    qtbot.addWidget(win)
    ui.app._tell_unclean_exit(win)
    assert reopened.previous_run_unclean and "没有正常关闭" in told[0]
    reopened.close()


def test_switching_to_a_recent_ledger(qtbot, tmp_path, monkeypatch):
    import ui.app
    from ui.window_state import remember_ledger, window_settings

    first, second = tmp_path / "甲.sqlite", tmp_path / "乙.sqlite"
    for path, title in ((first, "甲方案"), (second, "乙方案")):
        with Ledger.open(path) as ledger:
            ledger.save(Plan(title=title))
    state = window_settings(tmp_path)
    remember_ledger(state, second)
    session = {"ledger": None, "window": None}
    assert ui.app._open_window(first, state, session)
    window = session["window"]
    qtbot.addWidget(window)
    file_menu = menu_titled(window, "文件")
    recent = menu_titled(window, "最近打开的台账")
    assert recent.menuAction() in file_menu.actions() and recent.isEnabled()
    window.switch_requested.emit(str(second))
    qtbot.addWidget(session["window"])
    assert session["ledger"].path == second.absolute()
    assert [p.title for p in session["ledger"].plans()] == ["乙方案"]
    assert not window.isVisible()
    session["ledger"].close()


SHELL_PROBE = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])

class Spy(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QMainWindow):
            heavy = ["models.ledger", "ui.dashboard_page", "docx", "openpyxl", "jieba", "sqlite_utils"]
            print(" ".join(name for name in heavy if name in sys.modules) or "none")
            sys.stdout.flush()
            os._exit(0)
        return False

spy = Spy()
app.installEventFilter(spy)
import ui.app
ui.app.run_gui(Path(sys.argv[1]))
"""


def test_the_window_shows_before_the_ledger_code_loads(tmp_path):
    """The shell is on screen before the ledger, its pages and the document libraries are
    imported: that is what keeps the start near a bare Qt window's (benchmarks/gui_bench.py)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    out = subprocess.run([sys.executable, "-c", SHELL_PROBE, str(tmp_path / "ledger.sqlite")],
                         capture_output=True, text=True, env=env, timeout=60, cwd=root)
    assert out.stdout.strip().splitlines()[-1] == "none", out.stdout + out.stderr


def test_samples_join_a_ledger_in_use_only_when_asked_and_leave_its_plans_alone(
        qtbot, ledger, campaign, monkeypatch):
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    tasks_before = [t.title for t in ledger.tasks(campaign["plan"])]
    asked, answer = [], [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer[0])
    win.load_samples()
    assert len(ledger.plans()) == 1 and "不能再删除" in asked[0] and "4 份示例方案" in asked[0]
    answer[0] = QMessageBox.StandardButton.Yes
    win.load_samples()
    assert len(ledger.plans()) == 5 and ledger.count("progress") == 0  # no invented reports
    # the office's own 兰州 plan matches a sample: kept as it was, not overwritten by it
    assert [t.title for t in ledger.tasks(campaign["plan"])] == tasks_before
    assert "4 份" in win.statusBar().currentMessage()
