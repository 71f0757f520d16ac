"""方案与任务: the tree and its filters, the detail pane, a task added, edited, moved and
deleted through forms (undo of the deletion is issue 4's; the audit log keeps the old row)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.ledger import Ledger
from models.records import Task
from ui.tasks_page import TasksPage

TODAY = date(2021, 1, 25)


@pytest.fixture
def page(qtbot, demo_copy):
    path = demo_copy
    ledger = Ledger.open(path)
    widget = TasksPage(ledger, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.plan_combo.setCurrentIndex(widget.plan_combo.findData(3))
    yield widget
    ledger.close()


def visible_titles(page):
    out = []

    def walk(item):
        if not item.isHidden():
            out.append(item.text(1))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(page.tree.topLevelItemCount()):
        walk(page.tree.topLevelItem(i))
    return out


def test_tree_filters_and_detail(page):
    assert page.tree.topLevelItemCount() == 11
    first = page.tree.topLevelItem(0)
    assert first.text(0) == "（一）" and "市公安局" in first.text(2) and first.childCount() == 3
    page.tree.setCurrentItem(first.child(0))
    assert "云剑" in page.detail.toPlainText() and "最近进展" in page.detail.toPlainText()
    page.unit_filter.setCurrentIndex(page.unit_filter.findText("市扶贫办"))
    shown = visible_titles(page)
    assert "开展扶贫脱贫失信问题专项治理行动" in shown and "开展电信网络诈骗专项治理行动" not in shown


def test_add_edit_move_delete(page, qtbot, monkeypatch):
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    form = page.add_child()
    qtbot.addWidget(form)
    form.number.setText("4.")
    form.title.setText("开展反诈宣传进社区")
    form.units["lead"].setText("市公安局")
    form.deadline.setText("2021-13-01")
    form.accept()
    assert "完成时限" in form.errors["deadline"].text()
    form.deadline.setText("2021-03-31")
    with qtbot.waitSignal(form.saved, timeout=3000) as saved:
        form.accept()
    task_id = saved.args[0]
    new = page.ledger.get(Task, task_id)
    assert new.parent_id == page.ledger.tasks(3)[0].id and new.deadline == "2021-03-31"
    assert [u.name for u, _ in page.ledger.task_units(task_id)] == ["市公安局"]
    items = {page.tree.topLevelItem(0).child(i).data(0, Qt.ItemDataRole.UserRole): i
             for i in range(page.tree.topLevelItem(0).childCount())}
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(items[task_id]))
    page.move(-1)
    siblings = [t.id for t in page.ledger.tasks(3) if t.parent_id == new.parent_id]
    assert siblings.index(task_id) == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete()
    assert all(t.id != task_id for t in page.ledger.tasks(3))
    assert page.ledger.audit_entries()[0]["action"] == "删除"


def test_buttons_on_a_task_wait_for_a_chosen_task(page):
    """新增下级任务 with none chosen used to add a top-level task without a word."""
    page.tree.setCurrentItem(None)
    on = {b.text(): b.isEnabled() for b in page.write_buttons}
    assert on == {"新增下级任务…": False, "新增顶层任务…": True, "编辑…": False, "上移": False,
                  "下移": False, "删除": False}
    page.tree.setCurrentItem(page.tree.topLevelItem(0))
    assert all(b.isEnabled() for b in page.write_buttons)


def test_the_status_column_says_what_each_status_means(page):
    from ui.colors import STATUS_HELP

    column = [page.tree.headerItem().text(c) for c in range(page.tree.columnCount())].index("任务状态")
    assert page.tree.headerItem().toolTip(column) == STATUS_HELP
    assert "办结：经审核办结销号" in STATUS_HELP and "已完成：各责任单位均已报告完成" in STATUS_HELP
