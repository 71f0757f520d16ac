"""Search in the window: hits grouped by kind, each group counted and ranked, labelled as a
person would say them, “显示全部” per group, and a double-click opens the record in its page."""

import pytest
from PySide6.QtCore import Qt

from models.cycle import month_label
from models.entries import Case, ListEntry, Progress
from models.ledger import Ledger
from ui.main_window import MainWindow
from ui.search_dialog import FIRST, SHOW_ALL


@pytest.fixture
def window(qtbot, demo_copy):
    ledger = Ledger.open(demo_copy)
    win = MainWindow(ledger)
    qtbot.addWidget(win)
    yield win
    ledger.close()


def search(qtbot, window, words):
    window.search_box.setText(words)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.addWidget(window.search_dialog)
    return window.search_dialog


def test_credit_finds_tasks_progress_and_cases_each_counted(qtbot, window):
    dialog = search(qtbot, window, "信用")
    counts = {g.kind: g.count for g in dialog.groups}
    assert {"task", "progress", "case"} <= set(counts)
    assert counts["progress"] > 200  # more reports than the old cut-off, yet tasks still show
    for group in dialog.groups:
        top = dialog.group_item(group.kind)
        assert top.text(0) == f"{group.title}（{group.count} 条）"
        hits = [top.child(i) for i in range(top.childCount())
                if top.child(i).data(0, Qt.ItemDataRole.UserRole) != SHOW_ALL]
        assert len(hits) == min(FIRST, group.count)
    report = dialog.group_item("progress").child(0).text(0)
    assert report.startswith(("2018年", "2019年", "2020年", "2021年")) and "：" in report


def test_hits_are_ranked_by_relevance(window):
    ledger = window.ledger
    best = ledger.search_kind("信用", "task")
    assert len(best) == next(g.count for g in ledger.search_groups("信用") if g.kind == "task")
    scored = ledger.db.execute(
        "SELECT rowid / 8, bm25(search_index) FROM search_index WHERE search_index MATCH ? "
        "AND rowid % 8 = 1", [ledger._match_expression(["信用"])]).fetchall()
    score = dict(scored)
    assert [score[hit.id] for hit in best] == sorted(score.values())  # most relevant first
    assert len(set(score.values())) > 1  # the ranking has something to order


def test_show_all_fills_a_group(qtbot, window):
    dialog = search(qtbot, window, "信用")
    top = dialog.group_item("task")
    more = top.child(top.childCount() - 1)
    assert more.data(0, Qt.ItemDataRole.UserRole) == SHOW_ALL
    dialog.tree.itemActivated.emit(more, 0)
    count = next(g.count for g in dialog.groups if g.kind == "task")
    assert top.childCount() == count


def test_a_report_opens_in_the_progress_page(qtbot, window):
    dialog = search(qtbot, window, "信用")
    item = dialog.group_item("progress").child(0)
    _kind, report_id = item.data(0, Qt.ItemDataRole.UserRole)
    dialog.tree.itemActivated.emit(item, 0)
    page = window.progress_page
    assert window.current_page() is page
    report = window.ledger.get(Progress, report_id)
    assert page.period_combo.currentData() == report.period
    assert page.model.key_at(page.grid.currentIndex()) == (report.task_id, report.unit_id)
    assert page.form.heading.text().startswith(month_label(report.period))


@pytest.mark.parametrize("kind, words, cls, page", [
    ("case", "信用", Case, "cases_page"), ("list_entry", "红名单", ListEntry, "lists_page")])
def test_a_case_or_list_entry_opens_its_form(qtbot, window, kind, words, cls, page, monkeypatch):
    dialog = search(qtbot, window, words)
    item = dialog.group_item(kind).child(0)
    _kind, record_id = item.data(0, Qt.ItemDataRole.UserRole)
    dialog.tree.itemActivated.emit(item, 0)
    shown = getattr(window, page)
    qtbot.addWidget(shown.form)
    assert window.current_page() is shown
    assert shown.form.record.id == record_id and shown.form.isVisible()


def test_a_unit_opens_in_the_directory(qtbot, window):
    dialog = search(qtbot, window, "市公安局")
    item = dialog.group_item("unit").child(0)
    _kind, unit_id = item.data(0, Qt.ItemDataRole.UserRole)
    dialog.tree.itemActivated.emit(item, 0)
    page = window.units_page
    assert window.current_page() is page
    assert page.form.unit.id == unit_id
