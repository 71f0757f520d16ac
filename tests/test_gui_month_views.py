"""The month pages tell the truth about the plan chosen: a plan that owes no month yet clears
every panel and says why (never the previous plan's figures under its name), a month not yet
due says so instead of "0 and 0", task statuses wear one colour map on every page with the
deadline light beside them, and a 长期推进 task's date is a milestone, never 已超期."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTreeWidgetItemIterator

import main
from models.cycle import deadline_word
from models.ledger import Ledger
from ui.colors import LIGHT_COLORS, STATUS_COLORS, light_color, status_color
from ui.main_window import MainWindow
from ui.tasks_page import LIGHT, STATUS

NO_DATE_PLAN = """某市诚信缺失突出问题专项治理工作方案
一、重点任务
（一）开展电信网络诈骗专项治理。严厉打击电信网络诈骗。（牵头单位：市公安局；配合单位：市委网信办、市工信局）
（二）开展互联网虚假信息专项治理。清理虚假信息。（牵头单位：市委网信办；参与单位：市公安局）
"""
LINFEN, LIAONING, YINGKOU = 3, 4, 5


def _window(qtbot, path, today):
    ledger = Ledger.open(path)
    window = MainWindow(ledger, today=lambda: today)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def no_date(qtbot, demo_copy, tmp_path):
    """The demo and, imported as a clerk would, a plan without a 成文日期."""
    plan = tmp_path / "无日期方案.txt"
    plan.write_text(NO_DATE_PLAN, encoding="utf-8")
    assert main.run_cli(["import-plan", str(plan), "--ledger", str(demo_copy)]) == 0
    window = _window(qtbot, demo_copy, date(2021, 1, 25))
    plan_id = max(p.id for p in window.ledger.plans())
    assert window.ledger.periods(plan_id, date(2021, 1, 25)) == []
    yield window, plan_id
    window.ledger.close()


def _choose(page, plan_id):
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(plan_id))


def test_a_plan_without_months_clears_the_dashboard_and_says_why(no_date):
    window, plan_id = no_date
    page = window.dashboard
    _choose(page, LINFEN)
    assert page.report is not None and page.chase_table.rowCount() > 0 and page.bars.rows
    _choose(page, plan_id)
    assert page.period_combo.count() == 0 and page.report is None
    assert "该方案还没有应报送的月份" in page.summary.text() and "报送设置" in page.summary.text()
    assert "成文日期" in page.summary.text() and "台账中还没有" not in page.summary.text()
    assert page.bars.rows == [] and "该方案还没有应报送的月份" in page.bars.empty_text
    assert page.chase_table.rowCount() == 0 and not page.chase_empty.isHidden()
    assert "该方案还没有应报送的月份" in page.chase_empty.text()
    assert not page.reminder_button.isEnabled() and not page.record_button.isEnabled()
    for view in (page.deadlines, page.targets, page.cases):  # nothing of 临汾 left
        assert view.count() == 1 and view.item(0).text().startswith("暂无"), view.item(0).text()


def test_a_plan_without_months_clears_the_other_month_pages(no_date):
    window, plan_id = no_date
    progress = window.go_to("progress_page")
    _choose(progress, LINFEN)
    progress.go_next_missing()
    assert progress.model.rowCount() > 0 and progress.form.key is not None
    _choose(progress, plan_id)
    assert progress.model.rowCount() == 0 and progress.form.key is None
    assert not progress.form.isEnabled() and not progress.next_button.isEnabled()
    assert not progress.empty.isHidden() and "该方案还没有应报送的月份" in progress.empty.text()
    assert not progress.picker.hint.isHidden() and "报送设置" in progress.picker.hint.text()
    assert progress.form.text.toPlainText() == "" and progress.form.received.text().strip() == ""
    scores = window.go_to("scores_page")
    _choose(scores, LINFEN)
    assert scores.table.rowCount() > 0
    _choose(scores, plan_id)
    assert scores.table.rowCount() == 0 and "该方案还没有应报送的月份" in scores.empty.text()
    assert not scores.empty.isHidden()
    assert not scores.lock_button.isEnabled() and not scores.export_button.isEnabled()
    tasks = window.go_to("tasks_page")
    _choose(tasks, plan_id)
    assert tasks.tree.topLevelItemCount() == 2 and not tasks.picker.hint.isHidden()
    top = tasks.tree.topLevelItem(0)
    assert top.text(STATUS) == "" and top.text(LIGHT) == ""  # no status from another plan's month


def test_the_plans_date_set_in_the_report_settings_brings_its_months(no_date, qtbot):
    window, plan_id = no_date
    _choose(window.dashboard, plan_id)
    plans = window.go_to("plans_page")
    plans.view.selectRow(plans.model.rowCount() - 1)
    dialog = plans.open_cycle()
    qtbot.addWidget(dialog)
    dialog.issued.setText("2020-11-10")  # what the message asks for
    assert dialog.accept_rules()
    page = window.dashboard
    assert page.plan_combo.currentData() == plan_id and page.period_combo.count() == 3
    assert page.period_combo.currentData() == "2021-01" and page.report is not None
    assert page.summary.text().startswith("报送期 2020年11月")


def test_a_plan_issued_after_today_says_when_its_months_begin(qtbot, demo_copy, monkeypatch):
    window = _window(qtbot, demo_copy, date(2021, 3, 25))
    page = window.dashboard
    _choose(page, LINFEN)
    _choose(page, YINGKOU)  # issued 2021-04-12
    assert page.report is None and page.chase_table.rowCount() == 0
    assert "报送期从2021年4月开始，首次报送时限为2021年4月20日" in page.summary.text()
    assert not page.reminder_button.isEnabled()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    from ui.document_actions import open_print_preview

    assert open_print_preview(window) is None and "报送期从2021年4月开始" in told[0]
    window.ledger.close()


def test_a_month_not_yet_due_says_so_instead_of_none_missing(qtbot, demo_copy):
    with Ledger.open(demo_copy) as ledger:  # the office has received nothing for April yet
        ledger.db.execute("DELETE FROM progress WHERE period = '2021-04' AND task_id IN "
                          "(SELECT id FROM tasks WHERE plan_id = ?)", [YINGKOU])
    window = _window(qtbot, demo_copy, date(2021, 4, 15))
    page = window.dashboard
    _choose(page, YINGKOU)
    assert page.period_combo.currentData() == "2021-04"
    text = page.summary.text()
    assert "2021年4月的进展报送时限为2021年4月20日，尚未到期" in text and "已全部报送 0 个" in text
    assert "有未报" not in text and "有逾期" not in text
    assert not page.chase_empty.isHidden() and "尚未到期" in page.chase_empty.text()
    assert "都已按时报送" not in page.chase_empty.text()
    assert not page.reminder_button.isEnabled()
    window.ledger.close()


def test_task_statuses_wear_one_colour_map_and_the_light_its_own(qtbot, demo_copy):
    window = _window(qtbot, demo_copy, date(2021, 3, 25))
    tasks = window.go_to("tasks_page")
    seen = set()
    for plan_id in (1, LINFEN, LIAONING):
        _choose(tasks, plan_id)
        report = window.ledger.month_report(plan_id, tasks.picker.month(), date(2021, 3, 25))
        items = QTreeWidgetItemIterator(tasks.tree)
        while items.value():
            item = items.value()
            task_id = item.data(0, Qt.ItemDataRole.UserRole)
            status = report.task_status[task_id]
            assert item.text(STATUS) == status
            assert item.foreground(STATUS).color() == status_color(status)  # never the light's
            if item.text(LIGHT):
                assert item.foreground(LIGHT).color() == light_color(report.task_light[task_id])
            seen.add(status)
            items += 1
    assert {"滞后", "推进中", "办结"} <= seen
    assert len(set(STATUS_COLORS.values())) == len(STATUS_COLORS)  # 推进中 is not 已完成's green
    assert not set(STATUS_COLORS.values()) & set(LIGHT_COLORS.values())
    dashboard = window.dashboard  # the bars paint with the same map
    from ui import charts

    assert charts.STATUS_COLORS is STATUS_COLORS and dashboard.bars.rows
    window.ledger.close()


def test_an_ongoing_tasks_date_is_a_milestone_never_overdue(qtbot, demo_copy):
    window = _window(qtbot, demo_copy, date(2021, 3, 25))
    ongoing = {t.id for t in window.ledger.tasks(LIAONING) if t.ongoing}
    page = window.dashboard
    _choose(page, LIAONING)
    listed = [page.deadlines.item(i) for i in range(page.deadlines.count())]
    ids = {item.data(Qt.ItemDataRole.UserRole) for item in listed}
    assert listed and not ids & ongoing, [i.text() for i in listed]  # 2018-11-20 passed: no 已超期
    tasks = window.go_to("tasks_page")
    _choose(tasks, LIAONING)
    marked = set()
    items = QTreeWidgetItemIterator(tasks.tree)
    while items.value():
        item = items.value()
        if item.text(LIGHT) == "● 长期推进":
            marked.add(item.data(0, Qt.ItemDataRole.UserRole))
            assert "阶段节点" in item.toolTip(LIGHT)
        items += 1
    assert marked == ongoing
    window.ledger.close()
    milestone = date(2018, 11, 20)
    assert deadline_word(milestone, ongoing=False, today=date(2018, 12, 1)) == "已超期"
    assert deadline_word(milestone, ongoing=True, today=date(2018, 12, 1)) is None
    assert deadline_word(milestone, ongoing=True, today=date(2018, 11, 10)) == "节点临近"
    assert deadline_word(milestone, ongoing=False, today=date(2018, 11, 10)) == "即将到期"
    assert deadline_word(milestone, ongoing=False, today=date(2018, 10, 1)) is None


def test_a_task_name_in_the_grid_wraps_instead_of_being_cut(qtbot, demo_copy):
    from ui.progress_grid_model import row_lines

    window = _window(qtbot, demo_copy, date(2021, 3, 25))
    page = window.go_to("progress_page")
    _choose(page, 1)
    assert page.form.received.text().strip() == ""  # never 2000-01-01 before a report is shown
    shown = [page.model.headerData(r, Qt.Orientation.Vertical) for r in range(page.model.rowCount())]
    whole = [page.model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
             for r in range(page.model.rowCount())]
    for text, label in zip(shown, whole):
        assert text.replace("\n", "") == label and "…" not in text  # 杭州's labels fit two lines
    assert any("\n" in text for text in shown)
    header = page.grid.verticalHeader()
    two = next(r for r, text in enumerate(shown) if "\n" in text)
    assert header.sectionSize(two) >= 2 * page.grid.fontMetrics().lineSpacing()
    assert row_lines("短的任务") == "短的任务"
    assert row_lines("甲" * 50).endswith("…") and row_lines("甲" * 50).count("\n") == 1
    window.ledger.close()
