"""进展填报: the grid's states are the ledger's; a report is typed and saved with Ctrl+S; a
bad value is refused by the form; F3 goes to the next missing report."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from models.cycle import MISSING
from models.ledger import Ledger
from ui.progress_grid_model import ProgressGridTableModel
from ui.progress_page import ProgressPage

TODAY = date(2021, 1, 25)


@pytest.fixture
def page(qtbot, demo_copy):
    path = demo_copy
    ledger = Ledger.open(path)
    widget = ProgressPage(ledger, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.plan_combo.setCurrentIndex(widget.plan_combo.findData(3))
    yield widget
    ledger.close()


def test_grid_states_are_the_month_reports(page, qtmodeltester):
    assert page.period_combo.currentData() == "2021-01"
    report = page.ledger.month_report(3, "2021-01", TODAY)
    shown = {page.model.key_at(page.model.index(r, c)): page.model.index(r, c).data()
             for r in range(page.model.rowCount()) for c in range(page.model.columnCount())}
    assert {k: v for k, v in shown.items() if v} == {(r.task_id, r.unit_id): r.state for r in report.rows}
    qtmodeltester.check(page.model)
    qtmodeltester.check(ProgressGridTableModel())


def test_next_missing_then_type_and_save_with_ctrl_s(page, qtbot):
    with qtbot.waitExposed(page):
        page.show()
    page.activateWindow()
    qtbot.keyClick(page.grid, Qt.Key.Key_F3)
    index = page.grid.currentIndex()
    assert page.model.data(index) == MISSING
    task_id, unit_id = page.model.key_at(index)
    # the date decides 按时 or 逾期: said beside it before saving (2021-01 reports due 01-20)
    assert page.form.timing.text() == "报送时限 2021-01-20，按此日期记为逾期"
    page.form.received.setDate(page.form.received.date().addDays(-10))
    assert page.form.timing.text().endswith("记为按时")
    page.form.received.setDate(page.form.received.date().addDays(10))
    page.form.status.setCurrentText("已完成")
    page.form.text.setPlainText("本月完成全部整改。")
    page.form.numbers.setText("排查数=12，整治数=11")
    qtbot.keyClick(page.form.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [saved] = page.ledger.progress(task_id=task_id, unit_id=unit_id, period="2021-01")
    assert (saved.status, saved.text, saved.numbers) == ("已完成", "本月完成全部整改。", {"排查数": 12, "整治数": 11})
    assert saved.received_on == "2021-01-25"
    assert page.model.data(page.model.index(index.row(), index.column())) == "逾期"


def test_a_bad_number_is_refused_and_nothing_written(page):
    page.go_next_missing()
    task_id, unit_id = page.model.key_at(page.grid.currentIndex())
    page.form.numbers.setText("排查数=很多")
    assert not page.form.accept()
    assert "“排查数”的值“很多”不是数字" in page.form.error.text()  # the value is blamed
    assert page.ledger.progress(task_id=task_id, unit_id=unit_id, period="2021-01") == []


def test_closing_with_an_unsaved_report_asks(qtbot, demo_copy, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.main_window import MainWindow

    path = demo_copy
    ledger = Ledger.open(path)
    try:
        window = MainWindow(ledger, today=lambda: TODAY)
        qtbot.addWidget(window)
        page = window.progress_page
        page.go_next_missing()
        page.form.text.insertPlainText("写了一半")  # typed by the user
        asked = []
        monkeypatch.setattr(QMessageBox, "question",
                            lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
        assert not window.close()  # the user chose not to discard
        assert asked and "还没有保存" in asked[0]
        page.form.accept()
        assert not page.form.dirty
    finally:
        ledger.close()


@pytest.mark.parametrize("existing", [False, True], ids=["new report", "replaced report"])
def test_a_saved_report_is_undone_and_redone_by_the_keyboard(qtbot, demo_copy, existing):
    from ui.main_window import MainWindow

    ledger = Ledger.open(demo_copy)
    try:
        window = MainWindow(ledger, today=lambda: TODAY)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        window.activateWindow()
        page = window.go_to("progress_page")
        page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
        if existing:
            index = next(page.model.index(r, c) for r in range(page.model.rowCount())
                         for c in range(page.model.columnCount())
                         if page.model.index(r, c).data() == "按时")
            page.grid.setCurrentIndex(index)
        else:
            page.go_next_missing()
        task_id, unit_id = page.model.key_at(page.grid.currentIndex())
        before = ledger.progress(task_id=task_id, unit_id=unit_id, period="2021-01")
        page.form.text.setFocus()
        page.form.text.setPlainText("保存后又撤销的进展。")
        qtbot.keyClick(page.form.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        [saved] = ledger.progress(task_id=task_id, unit_id=unit_id, period="2021-01")
        assert saved.text == "保存后又撤销的进展。"
        qtbot.keyClick(page.form.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert ledger.progress(task_id=task_id, unit_id=unit_id, period="2021-01") == before
        assert page.form.text.toPlainText() == (before[0].text or "" if before else "")
        qtbot.keyClick(page.form.text, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        [again] = ledger.progress(task_id=task_id, unit_id=unit_id, period="2021-01")
        assert again.text == "保存后又撤销的进展。"
    finally:
        ledger.close()


def test_a_cell_the_unit_does_not_report_on_offers_no_form(page):
    """A report typed there would be stored yet never shown in the grid: the form says why
    there is nothing to fill in, and the cell is hatched apart from the owed ones."""
    model = page.model
    blank = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                 if not model.owes(model.index(r, c)))
    page.grid.setCurrentIndex(blank)
    assert not page.form.isEnabled() and page.form.key is None
    assert "无需报送" in page.form.heading.text()
    assert model.units[blank.column()][1] in page.form.heading.text()
    assert model.data(blank, Qt.ItemDataRole.BackgroundRole).style() == Qt.BrushStyle.BDiagPattern
    owed = next(model.index(r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                if model.owes(model.index(r, c)))
    page.grid.setCurrentIndex(owed)
    assert page.form.isEnabled() and page.form.key is not None


def test_a_legend_under_the_grid_says_what_each_colour_means(page):
    from PySide6.QtWidgets import QLabel

    from ui.colors import STATE_COLORS

    [legend] = [label for label in page.findChildren(QLabel) if label.text().startswith("图例")]
    assert all(state in legend.text() and colour in legend.text() for state, colour in STATE_COLORS.items())
    assert "无需报送" in legend.text()
