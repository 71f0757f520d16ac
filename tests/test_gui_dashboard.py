"""The dashboard on the demo ledger: its numbers are the ledger's, and the missing units lead
to a 催报通知 in a few clicks."""

from datetime import date

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from conftest import run_main
from models.cycle import LATE, MISSING
from models.ledger import Ledger
from ui.main_window import MainWindow

TODAY = date(2021, 1, 25)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "demo.sqlite"
    assert run_main("demo", "--ledger", path).returncode == 0
    ledger = Ledger.open(path)
    win = MainWindow(ledger, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.dashboard.plan_combo.setCurrentIndex(win.dashboard.plan_combo.findData(3))  # 临汾
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    yield win
    ledger.close()


def test_the_dashboard_numbers_are_the_ledgers(window):
    page = window.dashboard
    assert page.period_combo.currentData() == "2021-01"  # the latest month already due
    report = window.ledger.month_report(3, "2021-01", TODAY)
    assert f"有未报 {len(report.units_missing())} 个" in page.summary.text()
    assert f"有逾期 {len(report.units_late())} 个" in page.summary.text()
    shown = {page.chase_table.item(r, 0).text(): (int(page.chase_table.item(r, 3).text()),
                                                   int(page.chase_table.item(r, 4).text()))
             for r in range(page.chase_table.rowCount())}
    assert shown == {u.name: (u.states[MISSING], u.states[LATE]) for u in report.units
                     if u.states[MISSING] or u.states[LATE]}
    bars = {label: sum(c.values()) for label, c in page.bars.rows}
    assert sum(bars.values()) == len(window.ledger.leaf_tasks(3))
    assert page.targets.count() == len(window.ledger.evaluate_targets(3, "2021-01"))


def test_from_the_missing_units_to_the_reminder_in_a_few_clicks(window, qtbot, tmp_path, monkeypatch):
    page = window.dashboard
    qtbot.mouseClick(page.reminder_button, Qt.MouseButton.LeftButton)  # click 1
    dialog = window.export_dialog
    qtbot.addWidget(dialog)
    assert dialog.kind == "reminder" and dialog.period_combo.currentData() == "2021-01"
    out = tmp_path / "催报通知.docx"
    monkeypatch.setattr(dialog, "choose_path", lambda: out)
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)  # click 2
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    missing = window.ledger.month_report(3, "2021-01", TODAY).units_missing()
    assert missing and all(u.name in text for u in missing)


def test_recording_a_chase_shows_in_the_table_and_the_units_history(window, monkeypatch):
    page = window.dashboard
    page.chase_table.selectRow(0)
    unit_id = page.chase_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("电话", True))
    page.record_chase()
    row = next(r for r in range(page.chase_table.rowCount())
               if page.chase_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == unit_id)
    assert page.chase_table.item(row, 5).text() == "2021-01-25 电话"
    assert window.ledger.reminders(unit_id)[0]["method"] == "电话"
