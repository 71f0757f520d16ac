"""The plan import preview in the window: open a file, correct a unit through the unit list,
save; what the reader understood is saved unchanged, as the command line saves it."""

import pytest
from conftest import run_main
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from test_plan_seeds import SAMPLES, SEEDS

from models.ledger import Ledger
from models.records import Unit
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
    assert third.text(0) == "（三）" and "浙江证监局" in dialog.units_of(third, "responsible")
    dialog.tree.setCurrentItem(third, 4)
    dialog.tree.editItem(third, 4)  # as a double-click or F2 does: the unit list opens
    qtbot.waitUntil(lambda: getattr(dialog, "unit_dialog", None) is not None
                    and dialog.unit_dialog.isVisible(), timeout=3000)
    editor = dialog.unit_dialog
    before = editor.names()
    editor.list.setCurrentRow(before.index("浙江证监局"))
    editor.remove_selected()
    editor.new_name.setText("市金融办（含、顿号）")  # QTest types ASCII only
    qtbot.keyClick(editor.new_name, Qt.Key.Key_Return)
    editor.accept()
    assert dialog.units_of(third, "responsible") == [n for n in before if n != "浙江证监局"] + [
        "市金融办（含、顿号）"]
    with qtbot.waitSignal(dialog.imported, timeout=3000) as saved:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
    plan_id = saved.args[0]
    task = next(t for t in ledger.tasks(plan_id) if t.number == "（三）")
    names = [u.name for u, role in ledger.task_units(task.id) if role == "responsible"]
    assert names == dialog.units_of(third, "responsible") and "市金融办（含、顿号）" in names
    assert window.plans_model.rowCount() == 1  # the window shows the new plan


def test_seed_002_keeps_a_unit_whose_name_holds_commas(qtbot, ledger, monkeypatch):
    _, dialog = open_preview(qtbot, ledger, "002", monkeypatch)
    dialog.accept()
    names = {u.name for u in ledger.units()}
    assert "各县、市、区文明办" in names
    assert not names & {"各县", "市", "区文明办"}


def _units_by_task(ledger: Ledger) -> list[tuple]:
    rows = []
    for plan in ledger.plans():
        for task in ledger.tasks(plan.id):
            rows.append((plan.title, task.number, task.title,
                         tuple((role, u.name) for u, role in ledger.task_units(task.id))))
    return rows


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_every_seed_saves_the_same_units_through_the_window_and_the_command_line(
        qtbot, ledger, monkeypatch, tmp_path, key):
    cli_path = tmp_path / "命令行.sqlite"
    extra = ["--year", "2018"] if key == "003" else []
    result = run_main("import-plan", SAMPLES / SEEDS[key], "--ledger", cli_path, *extra)
    assert result.returncode == 0, result.stderr
    _, dialog = open_preview(qtbot, ledger, key, monkeypatch)
    if key == "003":
        dialog.year_spin.setValue(2018)
    dialog.accept()
    with Ledger.open(cli_path, readonly=True) as by_cli:
        expected = _units_by_task(by_cli)
    shown = _units_by_task(ledger)
    assert shown == expected
    assert sum(len(units) for *_, units in shown) > 10  # the comparison has units to compare


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
    dialog.date_edit.setText("2019年5月32日")  # no such day
    dialog.accept()
    assert "2020-06-28" in dialog.error_label.text()
    assert ledger.count("plans") == 0 and dialog.isVisible()
    dialog.date_edit.setText("2019年5月10日")  # the usual way of writing a date is taken
    dialog.accept()
    assert ledger.plans()[0].date == "2019-05-10"


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


def test_a_plan_without_a_year_asks_before_it_is_saved_undated(qtbot, ledger, monkeypatch):
    from datetime import date

    _, dialog = open_preview(qtbot, ledger, "003", monkeypatch)
    asked, answer = [], [QMessageBox.StandardButton.No]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer[0])
    dialog.accept()
    assert "没有年份" in asked[0] and ledger.count("plans") == 0 and dialog.isVisible()
    dialog.year_spin.stepBy(1)  # the first step goes to this year, not to the lowest + 1
    assert dialog.year_spin.value() == date.today().year
    dialog.year_spin.setValue(dialog.year_spin.minimum())
    answer[0] = QMessageBox.StandardButton.Yes
    dialog.accept()
    assert ledger.count("plans") == 1 and len(asked) == 2


def test_a_long_unit_name_is_shortened_in_its_chip_never_hidden(qtbot):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    from ui.unit_list_editor import chip_layout

    metrics = QFontMetrics(QApplication.font())
    long_name = "市社会信用体系建设领导小组各成员单位"
    room = metrics.horizontalAdvance(long_name) // 2
    laid = chip_layout([long_name, "市公安局"], metrics, 0, room)
    (first, _x, width, chip), (more, *_rest, is_chip) = laid
    assert chip and first.startswith("市社会") and first.endswith("…") and width < room
    assert (more, is_chip) == ("+1", False)
    assert [t for t, *_ in chip_layout(["市公安局", "市法院"], metrics, 0, 1000)] == ["市公安局", "市法院"]


def test_a_role_no_task_has_leaves_room_for_the_dates(qtbot, ledger, monkeypatch):
    _, dialog = open_preview(qtbot, ledger, "001", monkeypatch)  # 杭州: no 牵头单位 anywhere
    widths = {dialog.tree.headerItem().text(c): dialog.tree.columnWidth(c) for c in range(dialog.tree.columnCount())}
    assert not any(t.units["lead"] for t in dialog.draft.walk())
    assert widths["牵头单位"] < 100 and widths["责任单位"] >= 200
    number_fits = max(dialog.tree.fontMetrics().horizontalAdvance(t.number) for t in dialog.draft.walk())
    assert widths["序号"] > number_fits
