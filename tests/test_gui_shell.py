"""The window on a ledger: plans listed, the table model sound, a backup taken on close."""

import pytest
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
    window.start_daily_backup()
    qtbot.waitUntil(lambda: ledger.newest_backup() is not None, timeout=5000)
    qtbot.waitUntil(lambda: "最近备份" in window.backup_label.text(), timeout=5000)


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
