"""The round trip from the window: 导出 → 报送模板 writes every unit's template in the
background; 导入回执 (toolbar, or a folder dropped on the window) previews each file, imports
the good one and names the refused one's sheet, row and column; the report is saved; the
import is undone from the list of imports."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import menu_titled
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from returns_kit import fill_template, task_rows

from exporters.workbooks import export_template_folder
from models.ledger import Ledger
from models.records import Plan
from models.returns import IDS_SHEET
from ui.main_window import MainWindow

PLAN, PERIOD = 4, "2018-11"


@pytest.fixture
def window(qtbot, demo_copy, monkeypatch):
    ledger = Ledger.open(demo_copy)
    win = MainWindow(ledger, today=lambda: date(2018, 11, 25))
    qtbot.addWidget(win)
    win.nav.setCurrentRow(1)  # 方案列表
    win.plans_view.selectRow(PLAN - 1)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    yield win
    ledger.close()


def test_templates_out_returns_in_from_the_window(window, qtbot, tmp_path, monkeypatch):
    assert window.current_plan_id() == PLAN
    folder = tmp_path / "模板"
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("2018年11月", True))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    menu = menu_titled(window, "导出")
    next(a for a in menu.actions() if a.text().startswith("报送模板")).trigger()
    # 36: the demo office merged 市人社局 into 市人力资源和社会保障局
    qtbot.waitUntil(lambda: "36 个单位" in window.statusBar().currentMessage(), timeout=20000)
    templates = sorted(folder.glob("*.xlsx"))
    assert len(templates) == 36 and len(list(folder.glob("*.zip"))) == 1

    returned = tmp_path / "回执"
    returned.mkdir()
    good = Path(shutil.copyfile(templates[0], returned / templates[0].name))
    bad = Path(shutil.copyfile(templates[1], returned / templates[1].name))
    first = task_rows(good)[0]
    fill_template(good, progress={first: {"status": "已完成", "text": "窗口导入的进展"}})
    fill_template(bad, progress={task_rows(bad)[0]: {"status": "做完了"}})

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(returned))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    dialog = window.returns_dialog
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    results = {dialog.table.item(r, 0).text(): dialog.table.item(r, 3).text() for r in range(2)}
    assert results == {good.name: "可导入", bad.name: "拒绝"}
    bad_row = next(r for r in range(2) if dialog.table.item(r, 0).text() == bad.name)
    dialog.table.selectRow(bad_row)
    assert "工作表“进展情况”第4行F列：进展状态“做完了”不在可选范围内" in dialog.details.toPlainText()
    assert dialog.import_button.text() == "导入 1 个文件"
    dialog.received.setDate(date(2018, 11, 19))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    unit_id = int(openpyxl.load_workbook(good)[IDS_SHEET]["B3"].value)
    stored = window.ledger.progress(period=PERIOD, unit_id=unit_id)
    assert [(p.task_id, p.status, p.text, p.received_on) for p in stored] == [
        (first, "已完成", "窗口导入的进展", "2018-11-19")]
    from ui.progress_page import ProgressForm

    form = ProgressForm(window.ledger)  # 进展填报 says where the report came from
    qtbot.addWidget(form)
    form.populate((first, unit_id, PERIOD), stored[0])
    assert form.source.text() == good.name and form.text.toPlainText() == "窗口导入的进展"
    assert {dialog.table.item(r, 3).text() for r in range(2)} == {"已导入", "拒绝"}
    assert not dialog.import_button.isEnabled()
    report = dialog.save_report(str(tmp_path / "导入报告.xlsx"))
    assert openpyxl.load_workbook(report)["导入报告"].max_row == 5  # title, note, header, 2 files
    assert dialog.history.topLevelItemCount() == 1
    assert dialog.history.topLevelItem(0).childCount() == 1

    dialog.tabs.setCurrentIndex(1)
    dialog.history.setCurrentItem(dialog.history.topLevelItem(0).child(0))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert dialog.undo_selected()
    assert [(p.task_id, p.status) for p in window.ledger.progress(period=PERIOD, unit_id=unit_id)] != [
        (first, "已完成")]
    assert "撤销" in dialog.history.topLevelItem(0).text(0)


def test_toolbar_opens_the_returns_import_and_offers_the_workbooks(window, qtbot):
    from PySide6.QtWidgets import QToolBar, QToolButton

    bar = window.findChild(QToolBar, "main_toolbar")
    export = next(b for b in bar.findChildren(QToolButton) if b.text() == "导出")
    labels = [a.text() for a in export.menu().actions()]
    assert {"进展统计表（Excel）…", "红黑名单统计表（Excel）…", "报送模板（每个单位一份）…"} <= set(labels)
    action = next(a for a in bar.actions() if a.text() == "导入回执")
    assert action.isEnabled()
    action.trigger()
    qtbot.addWidget(window.returns_dialog)
    assert window.returns_dialog.isVisible() and window.returns_dialog.table.rowCount() == 0


@pytest.mark.parametrize("kind, label, sheet", [("progress", "进展统计表", "进展统计表"),
                                                ("cases", "典型案例报送表", "典型案例报送表"),
                                                ("lists", "红黑名单统计表", "按单位")])
def test_export_menu_writes_the_statistics_workbooks(window, tmp_path, monkeypatch, kind, label, sheet):
    out = tmp_path / f"{kind}.xlsx"
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: asked.append(a[3]) or ("2018年11月", True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    menu = menu_titled(window, "导出")
    next(a for a in menu.actions() if a.text() == f"{label}（Excel）…").trigger()
    book = openpyxl.load_workbook(out)
    # titled by the campaign the plan runs, not by its document (…任务分解表)
    assert "社会信用体系建设有关重点工作" in book[sheet]["A1"].value
    assert window.ledger.get(Plan, PLAN).title not in book[sheet]["A1"].value
    assert bool(asked) == (kind != "cases")  # the 案例表 lists all months; the others ask for one
    if asked:
        assert "2018年11月" in asked[0]
    assert window.statusBar().currentMessage().endswith(str(out))


def test_adding_files_reads_only_the_new_ones(window, qtbot, tmp_path, monkeypatch):
    import ui.returns_dialog as dialog_module

    folder = tmp_path / "模板"
    paths = export_template_folder(window.ledger.template_set(PLAN, PERIOD)[:3], folder,
                                   body_font="仿宋", title_font="黑体")[:3]
    reads = []
    real = dialog_module.read_return
    monkeypatch.setattr(dialog_module, "read_return", lambda p: reads.append(Path(p).name) or real(p))
    dialog = window.import_returns(paths[:2])
    qtbot.addWidget(dialog)
    dialog.add_paths([paths[2]])
    assert sorted(reads) == sorted(p.name for p in paths) and dialog.table.rowCount() == 3


def test_a_new_received_date_checks_the_files_again_once_it_settles(window, qtbot, monkeypatch):
    from datetime import date

    dialog = window.import_returns()
    qtbot.addWidget(dialog)
    checks = []
    monkeypatch.setattr(dialog, "preview", lambda: checks.append(dialog.received_on()))
    for day in (17, 18, 19):  # stepping through the days: no full check per step
        dialog.received.setDate(date(2018, 11, day))
    assert checks == []
    qtbot.waitUntil(lambda: checks == ["2018-11-19"], timeout=3000)
