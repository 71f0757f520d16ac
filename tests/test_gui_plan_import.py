"""The plan import preview in the window: open a file, correct a unit, save."""


from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.records import Unit
from test_plan_seeds import SAMPLES, SEEDS
from ui.main_window import MainWindow
from ui.plan_import_dialog import PlanImportDialog


def open_preview(qtbot, ledger, key, monkeypatch):
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    monkeypatch.setattr("ui.plan_actions.choose_plan_file", lambda parent: SAMPLES / SEEDS[key])
    window.import_plan()
    dialog = window.import_dialog
    qtbot.addWidget(dialog)
    return window, dialog


def test_preview_shows_the_tree_and_saves_a_corrected_unit(qtbot, ledger, monkeypatch):
    window, dialog = open_preview(qtbot, ledger, "000", monkeypatch)
    assert dialog.tree.topLevelItemCount() == 20
    third = dialog.tree.topLevelItem(2)
    assert third.text(0) == "（三）" and "浙江证监局" in third.text(4)
    third.setText(4, "人行杭州中心支行、市地方金融监管局、浙江银保监局、浙江证监局")
    with qtbot.waitSignal(dialog.imported, timeout=3000) as saved:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    plan_id = saved.args[0]
    task = next(t for t in ledger.tasks(plan_id) if t.number == "（三）")
    assert [u.name for u, _ in ledger.task_units(task.id)] == [
        "人行杭州中心支行", "市地方金融监管局", "浙江银保监局", "浙江证监局"]
    assert window.plans_model.rowCount() == 1  # the window shows the new plan


def test_a_year_set_in_the_preview_dates_the_deadlines(qtbot, ledger, monkeypatch):
    _, dialog = open_preview(qtbot, ledger, "003", monkeypatch)
    assert dialog.year_spin.isEnabled()
    dialog.year_spin.setValue(2018)
    dialog.accept()
    deadlines = {t.deadline for t in ledger.tasks(1) if t.deadline_text}
    assert "2018-11-20" in deadlines


def test_reimport_offers_an_update_and_merges_become_aliases(qtbot, ledger, monkeypatch):
    court = ledger.save(Unit(name="市中级人民法院", region="营口"))
    _, dialog = open_preview(qtbot, ledger, "004", monkeypatch)
    combo = dialog.merge_combos["市中法"]
    combo.setCurrentIndex(combo.findData(court))
    dialog.accept()
    assert ledger.find_unit("市中法", "营口").id == court
    _, again = open_preview(qtbot, ledger, "004", monkeypatch)
    assert again.buttons.button(QDialogButtonBox.StandardButton.Save).text() == "更新方案"
    again.accept()
    assert ledger.count("plans") == 1


def test_invalid_input_is_shown_and_nothing_written(qtbot, ledger, monkeypatch):
    _, dialog = open_preview(qtbot, ledger, "001", monkeypatch)
    dialog.date_edit.setText("2019年5月10日")
    dialog.accept()
    assert "2020-06-28" in dialog.error_label.text()
    assert ledger.count("plans") == 0 and dialog.isVisible()


def test_an_unreadable_file_gets_a_message(qtbot, ledger, monkeypatch, tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04junk")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    window.import_plan(bad)
    assert window.import_dialog is None and "坏.docx" in shown[0]


def test_a_plan_dropped_on_the_window_opens_the_preview(qtbot, ledger):
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SAMPLES / SEEDS["002"]))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert isinstance(window.import_dialog, PlanImportDialog)
    qtbot.addWidget(window.import_dialog)
    assert window.import_dialog.tree.topLevelItemCount() == 11


def test_the_preview_marks_the_tasks_the_reader_was_unsure_of(qtbot, ledger, monkeypatch, tmp_path):
    plan = tmp_path / "方案.txt"
    plan.write_text("某某市专项治理实施方案\n一、重点任务\n（一）开展欠薪治理。（责任单位：市人社局）\n"
                    "（二）开展骗保治理。（责任单位：市医保局、负责督促各县区做好自查自纠工作）\n",
                    encoding="utf-8")
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    monkeypatch.setattr("ui.plan_actions.choose_plan_file", lambda parent: plan)
    window.import_plan()
    dialog = window.import_dialog
    qtbot.addWidget(dialog)
    sure, unsure = dialog.tree.topLevelItem(0), dialog.tree.topLevelItem(1)
    assert sure.icon(0).isNull() and "需要核对" not in sure.toolTip(0)
    assert not unsure.icon(0).isNull()
    assert "第4行" in unsure.toolTip(0) and "像一句话" in unsure.toolTip(0)
    listed = [dialog.warning_list.item(i).text() for i in range(dialog.warning_list.count())]
    assert any("第4行" in w and "（二）" in w for w in listed)
