"""The dashboard on the demo ledger: its numbers are the ledger's, and the missing units lead
to a 催报通知 in a few clicks."""

from datetime import date

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from models.cycle import LATE, MISSING, ON_TIME
from models.ledger import Ledger
from ui.main_window import MainWindow

TODAY = date(2021, 1, 25)


@pytest.fixture
def window(qtbot, demo_copy, monkeypatch):
    path = demo_copy
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
    targets = window.ledger.evaluate_targets(3, "2021-01")
    if targets:
        assert page.targets.count() == len(targets)
    else:  # an empty panel says so
        assert page.targets.count() == 1 and page.targets.item(0).text().startswith("暂无")


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
    assert not page.record_button.isEnabled()  # nothing chosen yet: the button would do nothing
    page.chase_table.selectRow(0)
    assert page.record_button.isEnabled()
    unit_id = page.chase_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("电话", True))
    page.record_chase()
    row = next(r for r in range(page.chase_table.rowCount())
               if page.chase_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == unit_id)
    assert page.chase_table.item(row, 5).text() == "2021-01-25 电话"
    assert window.ledger.reminders(unit_id)[0]["method"] == "电话"


def test_a_task_can_be_extended_and_closed_from_the_dashboard(window, qtbot):
    task = next(t for t in window.ledger.leaf_tasks(3))
    dialog = window.open_task_lifecycle(task.id)
    qtbot.addWidget(dialog)
    dialog.reason_edit.setText("需跨部门核查")
    dialog.new_date.setDate(dialog.new_date.date().addDays(30))
    dialog.extend_button.click()
    dialog.note_edit.setText("专项治理已完成")
    dialog.close_button.click()
    assert [e["kind"] for e in window.ledger.task_events(task.id)] == ["延期", "办结"]
    assert "延期至 2021-02-24" in dialog.heading.text() and "已办结" in dialog.heading.text()
    dialog.reopen_button.click()
    assert not window.ledger.get(type(task), task.id).closed_on


def test_an_empty_reason_is_refused_by_the_form(window, qtbot):
    task = window.ledger.leaf_tasks(3)[0]
    dialog = window.open_task_lifecycle(task.id)
    qtbot.addWidget(dialog)
    dialog.extend_button.click()
    assert "延期理由" in dialog.error_label.text() and window.ledger.task_events(task.id) == []


def test_scores_page_edits_rules_and_locks_a_month(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = window.scores_page
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
    page.period_combo.setCurrentIndex(page.period_combo.findData("2021-01"))
    expected = window.ledger.month_scores(3, "2021-01", TODAY)
    assert page.table.item(0, 1).text() == expected[0].unit_name
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.lock_month()
    assert window.ledger.is_locked(3, "2021-01") and not page.lock_button.isEnabled()
    page.rule_fields["missing"].setValue(-30)
    page.save_rules()
    assert window.ledger.score_rules()["missing"] == -30
    locked = {page.table.item(r, 1).text(): float(page.table.item(r, 2).text())
              for r in range(page.table.rowCount())}
    assert locked == {s.unit_name: s.score for s in expected}  # the locked month did not move


def test_unit_chase_history_text(window):
    page = window.dashboard
    unit_id = page.chase_table.item(0, 0).data(Qt.ItemDataRole.UserRole)
    assert page.unit_history(unit_id) == "尚无催报记录。"
    window.ledger.record_reminder(3, "2021-01", unit_id, chased_on="2021-01-22", method="短信")
    assert page.unit_history(unit_id).startswith("2021-01-22 短信 2021-01")


def test_plan_report_rules_and_summary_reports_from_the_plans_page(window, qtbot):
    page = window.plans_page
    page.view.selectRow(2)  # 临汾
    dialog = page.open_cycle()
    qtbot.addWidget(dialog)
    assert dialog.summary_due.text() == "2020-12-31"
    assert dialog.table.rowCount() == len(window.ledger.deliverables(3, TODAY))
    dialog.report_day.setValue(28)
    dialog.next_month.setChecked(True)
    assert dialog.accept_rules()
    assert window.ledger.due_of(window.ledger.get(type(window.ledger.plans()[0]), 3), "2021-01") == date(2021, 2, 28)
    dialog.table.selectRow(0)
    dialog.received.setText("2021-01-03")
    dialog.record_received()
    assert dialog.table.item(0, 3).text() == "逾期"  # due 2020-12-31
    dialog.summary_due.setText("2020年12月底")
    assert not dialog.accept_rules() and "总结报告时限" in dialog.error.text()


def test_scores_show_counts_of_reports_for_a_month_and_the_campaign(window):
    from collections import Counter

    from ui.scores_page import CAMPAIGN, COLUMNS

    page = window.scores_page
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
    page.period_combo.setCurrentIndex(page.period_combo.findData("2021-01"))
    report = window.ledger.month_report(3, "2021-01", TODAY)
    states = {u.name: Counter() for u in report.units}
    for row in report.rows:
        states[row.unit_name][row.state] += 1
    header = [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    assert header == list(COLUMNS) and "（份）" in header[4]
    on_time, late, missing = 4, 5, 6
    shown = {page.table.item(r, 1).text(): tuple(int(page.table.item(r, c).text())
                                                 for c in (on_time, late, missing))
             for r in range(page.table.rowCount())}
    assert shown == {name: (c[ON_TIME], c[LATE], c[MISSING]) for name, c in states.items()
                     if name in shown}
    assert any(sum(v) for v in shown.values())
    page.period_combo.setCurrentIndex(page.period_combo.findData(CAMPAIGN))
    campaign = [page.table.item(r, missing).text() for r in range(page.table.rowCount())]
    assert all(text.isdigit() for text in campaign) and page.table.rowCount() > 0


def test_months_outside_the_report_period_are_not_offered(window):
    page = window.dashboard
    offered = lambda: [page.period_combo.itemData(i) for i in range(page.period_combo.count())]  # noqa: E731
    assert offered() == ["2021-01", "2020-12"]  # 临汾: issued 2020-11-20, February not begun on 01-25
    assert "报送期 2020年12月至2021年2月" in page.summary.text()
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(1))  # 杭州: issued 2020-06-28
    assert offered() == ["2020-11", "2020-10", "2020-09", "2020-08", "2020-07"]
    assert page.period_combo.currentData() == "2020-11"  # the latest month due, never past the end
    report = window.ledger.month_report(1, "2020-11", TODAY)
    bars = dict(page.bars.rows)
    assert sum(sum(c.values()) for c in bars.values()) == 20 and report.task_status
    # the bars count task statuses, never report states
    assert set().union(*bars.values()) <= {"办结", "已完成", "推进中", "未启动", "滞后"}


def test_the_plan_report_period_is_set_in_the_plans_page(window, qtbot):
    page = window.plans_page
    page.view.selectRow(0)  # 杭州
    dialog = page.open_cycle()
    qtbot.addWidget(dialog)
    assert dialog.first_month.text() == "" and "2020年7月至2020年11月" in dialog.span_label.text()
    assert "成文日期" in dialog.span_label.text()
    dialog.first_month.setText("2020-13")
    assert not dialog.accept_rules() and "首个报送月份" in dialog.error.text()
    dialog.first_month.setText("2020-08")
    dialog.last_month.setText("2020-10")
    assert dialog.accept_rules()
    assert window.ledger.periods(1, TODAY) == ["2020-08", "2020-09", "2020-10"]
    assert "办公室设定" in dialog.span_label.text()


def test_the_lifecycle_dialog_shows_the_status_the_tree_shows(window, qtbot):
    from ui.task_lifecycle_dialog import TaskLifecycleDialog

    report = window.ledger.month_report(3, "2021-01", TODAY)
    task_id = next(t for t, s in report.task_status.items() if s == "滞后")
    dialog = TaskLifecycleDialog(window.ledger, task_id, window, today=TODAY)
    qtbot.addWidget(dialog)
    assert "状态：滞后（截至2021年1月）" in dialog.heading.text()
