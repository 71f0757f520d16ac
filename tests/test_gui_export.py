"""Exporting from the window: the dialog writes the document and records the 文号; a file in
use gets a message by the form; the 任务分解表 comes from the 导出 menu; the statistics table
prints A4 landscape with its header."""

import shutil
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import menu_titled
from docx.oxml.ns import qn
from PySide6.QtGui import QDesktopServices, QPageLayout
from PySide6.QtPrintSupport import QPrinter

from models.ledger import Ledger
from ui.document_actions import export_breakdown, open_export, open_print_preview, open_register
from ui.main_window import MainWindow
from ui.print_statistics import landscape_printer, statistics_document, statistics_html

TODAY = date(2021, 1, 25)


@pytest.fixture(scope="module")
def demo_path(demo_master, tmp_path_factory):
    """This module's own copy of the demo ledger (its exports record 文号 in it)."""
    return Path(shutil.copyfile(demo_master, tmp_path_factory.mktemp("gui") / "demo.sqlite"))


@pytest.fixture
def window(qtbot, demo_path, monkeypatch):
    ledger = Ledger.open(demo_path)
    win = MainWindow(ledger, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.nav.setCurrentRow(1)  # 方案列表
    win.plans_view.selectRow(2)  # the 临汾 plan
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    yield win
    ledger.close()


def test_export_dialog_writes_the_bulletin_and_records_the_number(window, qtbot, tmp_path, monkeypatch):
    dialog = open_export(window, "bulletin")
    qtbot.addWidget(dialog)
    assert dialog.plan_combo.currentData() == 3
    expected_number = f"示信办〔{date.today().year}〕{window.ledger.next_doc_number('示信办', date.today().year)}号"
    assert dialog.number_edit.text() == expected_number
    assert "2021年2月20日前报送2021年2月进展情况" in dialog.requirements.toPlainText()  # proposed, editable
    dialog.requirements.setPlainText("请各单位抓紧整改。")
    dialog.cc_edit.setText("市委办公室")
    out = tmp_path / "通报.docx"
    monkeypatch.setattr(dialog, "choose_path", lambda: out)
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.accept()
    text = all_text(out)
    assert expected_number in text and "请各单位抓紧整改。" in text and "抄送：市委办公室。" in text
    assert window.ledger.next_doc_number("示信办", date.today().year) == int(expected_number[9:-1]) + 1
    assert str(out) in window.statusBar().currentMessage()  # where it went, once the dialog is gone


def all_text(path) -> str:
    """Every paragraph's text, the 版记's text box included."""
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def test_the_summary_goes_up_with_its_signer_and_a_reissue_is_confirmed(window, qtbot, tmp_path, monkeypatch):
    dialog = open_export(window, "summary")
    qtbot.addWidget(dialog)
    assert dialog.upward_check.isChecked() and dialog.signer_edit.text() == "王某某"
    dialog.signer_edit.setText("李某某")  # the dialog's say beats the setting
    first = tmp_path / "总结报告.docx"
    monkeypatch.setattr(dialog, "choose_path", lambda: first)
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.accept()
    number = dialog.number_edit.text()
    assert f"{number}签发人：李某某" in all_text(first)  # 文号, a tab, 签发人 on one line
    # the same number again: refused unless the office confirms a re-issue
    again = open_export(window, "summary")
    qtbot.addWidget(again)
    again.number_edit.setText(number)
    monkeypatch.setattr(again, "choose_path", lambda: tmp_path / "重发.docx")
    monkeypatch.setattr(again, "confirm_reissue", lambda entry: False)
    again.accept()
    assert not (tmp_path / "重发.docx").exists() and "请改用" in again.error_label.text()
    monkeypatch.setattr(again, "confirm_reissue", lambda entry: entry.doc_number == number)
    with qtbot.waitSignal(again.exported, timeout=20000):
        again.accept()
    year = int(number[4:8])
    entries = [e for e in window.ledger.doc_register(year) if e.doc_number == number]
    assert [e.file for e in entries] == [str(first), str(tmp_path / "重发.docx")]
    assert entries[1].reissue_of == entries[0].id and entries[0].document == "总结报告"
    register = open_register(window)
    qtbot.addWidget(register)
    register.year_combo.setCurrentIndex(register.year_combo.findData(year))
    rows = [[register.model.index(r, c).data() for c in range(7)] for r in range(register.model.rowCount())]
    assert [number, "总结报告"] == rows[-2][:2] and rows[-1][0] == number and rows[-1][6].startswith("重新印发")


def test_a_malformed_number_is_said_by_the_form(window, qtbot, tmp_path, monkeypatch):
    dialog = open_export(window, "casebook")
    qtbot.addWidget(dialog)
    dialog.number_edit.setText("示信办[2021]003号")
    monkeypatch.setattr(dialog, "choose_path", lambda: tmp_path / "汇编.docx")
    dialog.accept()
    assert "六角括号" in dialog.error_label.text() and not (tmp_path / "汇编.docx").exists()


def test_a_file_in_use_is_said_by_the_form(window, qtbot, tmp_path, monkeypatch):
    dialog = open_export(window, "notice")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "choose_path", lambda: tmp_path / "通知.docx")

    def refuse(self, path):
        raise PermissionError(13, "denied", path)

    monkeypatch.setattr(docx.document.Document, "save", refuse)
    before = window.ledger.next_doc_number("示信办", date.today().year)
    dialog.accept()  # written off the GUI thread: the message arrives by signal
    qtbot.waitUntil(lambda: "WPS" in dialog.error_label.text(), timeout=20000)
    assert dialog.isVisible()
    assert window.ledger.next_doc_number("示信办", date.today().year) == before  # not used up


def test_print_preview_is_a4_landscape_with_a_repeated_header(window, qtbot):
    dialog = open_print_preview(window, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle().startswith("打印预览")
    printer = landscape_printer(QPrinter())
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    html = statistics_html(window.ledger, 3, "2021-01", TODAY)
    assert "<thead>" in html and "市公安局" in html
    document = statistics_document(window.ledger, 3, "2021-01", TODAY)
    table = next(f for f in document.rootFrame().childFrames())
    assert table.format().toTableFormat().headerRowCount() == 1


def test_print_to_pdf(window, tmp_path):
    printer = landscape_printer(QPrinter())
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "统计表.pdf"))
    statistics_document(window.ledger, 3, "2021-01", TODAY).print_(printer)
    data = (tmp_path / "统计表.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") >= 2


def test_long_work_runs_off_the_gui_thread_and_can_be_cancelled(qtbot):
    import threading
    import time

    from PySide6.QtWidgets import QWidget

    from ui.workers import run_in_background

    parent = QWidget()
    qtbot.addWidget(parent)
    threads, results = [], []

    def slow(n):
        threads.append(threading.current_thread() is threading.main_thread())
        time.sleep(0.3)
        return n * 2

    run_in_background(parent, "测试", slow, 21, on_done=results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=20000)
    assert threads == [False]
    dialog, state = run_in_background(parent, "测试", slow, 1, on_done=results.append)
    dialog.cancel()
    qtbot.wait(600)
    assert state["cancelled"] and results == [42]  # the cancelled result is dropped


def test_export_menu_writes_the_chosen_plans_breakdown_table(window, tmp_path, monkeypatch):
    out = tmp_path / "分解表.xlsx"
    menu = menu_titled(window, "导出")
    action = next(a for a in menu.actions() if a.text().startswith("任务分解表"))
    monkeypatch.setattr("ui.workbook_actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    action.trigger()
    sheet = openpyxl.load_workbook(out)["任务分解表"]
    plan = window.ledger.plan_data(window.current_plan_id())
    assert sheet["A1"].value == "附件1" and sheet["A2"].value.startswith(plan.plan.title)
    assert window.statusBar().currentMessage().endswith(str(out))
    assert export_breakdown(window, str(tmp_path / "again.xlsx")) == str(tmp_path / "again.xlsx")


def test_the_proposed_number_follows_the_year_of_the_date(window, qtbot):
    from PySide6.QtCore import QDate

    dialog = open_export(window, "notice")
    qtbot.addWidget(dialog)
    dialog.date_edit.setDate(QDate(2019, 5, 10))
    assert dialog.number_edit.text() == f"示信办〔2019〕{window.ledger.next_doc_number('示信办', 2019)}号"
    dialog.number_edit.setText("示信办〔2019〕40号")  # typed: kept when the date moves
    dialog.date_edit.setDate(QDate(2020, 5, 10))
    assert dialog.number_edit.text() == "示信办〔2019〕40号"


def test_the_dialog_says_before_ranking_when_likely_duplicates_are_unreviewed(qtbot, demo_copy, tmp_path,
                                                                              monkeypatch):
    from models.records import Unit
    from ui.export_dialog import ExportDialog

    def dialog(kind: str) -> ExportDialog:
        made = ExportDialog(ledger, kind, plan_id=3, today=TODAY)
        qtbot.addWidget(made)
        return made

    with Ledger.open(demo_copy) as ledger:
        assert dialog("bulletin").duplicates_label.isHidden()  # the demo office merged its pairs
        twin = ledger.save(Unit(name="临汾市公安局", region="临汾"))  # 市公安局 written another way
        ledger.link_unit(ledger.leaf_tasks(3)[0].id, twin, "participating", 99)
        for kind, shown in (("bulletin", True), ("summary", True), ("reminder", False)):
            assert dialog(kind).duplicates_label.isHidden() != shown, kind
        bulletin = dialog("bulletin")
        assert "有1组疑似同一单位尚未核对，排名可能重复：请先在“单位名录”中核对" in bulletin.duplicates_label.text()
        out = tmp_path / "通报.docx"  # said, not blocking: the 通报 is still written
        monkeypatch.setattr(bulletin, "choose_path", lambda: out)
        with qtbot.waitSignal(bulletin.exported, timeout=20000):
            bulletin.accept()
        assert out.exists()
        pair = ledger.likely_duplicates()[0]
        ledger.mark_distinct(pair.first.id, pair.second.id)  # reviewed: nothing more to say
        assert ledger.ranking_note(3) == "" and dialog("bulletin").duplicates_label.isHidden()
