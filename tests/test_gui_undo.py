"""Undo and redo in the window: a deleted task comes back with its measures, units and
reports; an edited case goes back to what it was; both can be redone."""

from datetime import date

from PySide6.QtWidgets import QMessageBox

from models.entries import Case
from models.ledger import Ledger
from models.records import Task
from ui.main_window import MainWindow


def test_undo_and_redo_a_deletion_and_an_edit(qtbot, demo_copy, monkeypatch):
    path = demo_copy
    ledger = Ledger.open(path)
    try:
        window = MainWindow(ledger, today=lambda: date(2021, 1, 25))
        qtbot.addWidget(window)
        page = window.tasks_page
        page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
        page.tree.setCurrentItem(page.tree.topLevelItem(0))
        domain = page.current_task_id()
        before = {t: ledger.count(t) for t in ("tasks", "task_units", "progress", "targets")}
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        page.delete()
        assert ledger.count("tasks") == before["tasks"] - 4 and ledger.count("progress") < before["progress"]
        window.undo.stack.undo()  # Ctrl+Z
        assert {t: ledger.count(t) for t in before} == before
        assert ledger.get(Task, domain).title == "开展电信网络诈骗专项治理行动"
        assert ledger.check() == [] and ledger.search("云剑")  # the search index came back too
        window.undo.stack.redo()  # Ctrl+Y
        assert ledger.count("tasks") == before["tasks"] - 4
        window.undo.stack.undo()

        cases = window.cases_page
        cases.view.selectRow(0)
        case = cases.selected()
        form = cases.edit_record()
        qtbot.addWidget(form)
        form.editors["title"].setText("改过的标题")
        form.accept()
        assert ledger.get(Case, case.id).title == "改过的标题"
        window.undo.stack.undo()
        assert ledger.get(Case, case.id).title == case.title
        window.undo.stack.redo()
        assert ledger.get(Case, case.id).title == "改过的标题"
        assert [a["action"] for a in ledger.audit_entries(limit=3)] == ["重做修改", "撤销修改", "修改"]
    finally:
        ledger.close()
