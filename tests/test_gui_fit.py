"""Sizes a clerk meets: the first window fits the screen's free area, 单位名录 gives the room to
the names and shows most of its rows, columns are as wide as what they hold, the settings'
fields start at one line with 保存设置 under them, empty panels say 暂无…, and file dialogs
open where the user keeps files."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from models.ledger import Ledger
from ui.app import setup_application
from ui.main_window import MainWindow
from ui.widgets import fit_window

TODAY = date(2021, 3, 25)


@pytest.fixture
def window(qtbot, demo_copy):
    setup_application(QApplication.instance())  # the style sheet's spacing counts too
    ledger = Ledger.open(demo_copy)
    win = MainWindow(ledger, today=lambda: TODAY)
    qtbot.addWidget(win)
    yield win
    QApplication.instance().setStyleSheet("")
    ledger.close()


class _Screen:
    """A 1366×768 laptop screen less a 40 px taskbar, as the window manager reports it."""

    def availableGeometry(self):  # noqa: N802 (Qt's name)
        return QRect(0, 0, 1366, 728)


class _LaptopWindow(QMainWindow):
    def screen(self):
        return _Screen()


def test_the_first_window_fits_the_screens_free_area(qtbot, window):
    free = window.screen().availableGeometry()  # the offscreen screen: 800 px wide
    assert window.width() <= free.width() - 16 and window.height() <= free.height() - 40
    assert free.contains(window.geometry())
    laptop = _LaptopWindow()
    qtbot.addWidget(laptop)
    fit_window(laptop, 1200, 760)
    assert (laptop.width(), laptop.height()) == (1200, 688)  # under the taskbar, title bar included
    assert laptop.y() >= 0 and laptop.y() + laptop.height() + 40 <= 728


def test_the_size_left_is_the_size_next_time(qtbot, demo_copy, tmp_path):
    state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    with Ledger.open(demo_copy) as ledger:
        first = MainWindow(ledger, state=state)
        qtbot.addWidget(first)
        first.resize(700, 500)
        first.close()
        again = MainWindow(ledger, state=state)
        qtbot.addWidget(again)
        assert (again.width(), again.height()) == (700, 500)
        again.close()


def test_the_unit_directory_gives_its_room_to_the_names(window):
    from models.records import Unit

    # two spellings the office has not reviewed yet (the demo merged its own plain pairs)
    window.ledger.save(Unit(name="临汾市公安局", region="临汾"))
    window.ledger.save(Unit(name="市人力资源和社会保障局", region="临汾"))
    window.resize(1366, 697)
    page = window.go_to("units_page")
    window.show()
    QApplication.processEvents()
    view, model = page.view, page.model
    name_width = view.columnWidth(0)
    longest = max(view.fontMetrics().horizontalAdvance(n) for n in model.column_texts(0))
    assert name_width >= longest + 8  # no name elided
    for column in range(1, model.columnCount()):
        assert view.columnWidth(column) < name_width
        if not any(model.column_texts(column)):  # an empty column is as wide as its header
            header = view.horizontalHeader().fontMetrics().horizontalAdvance(model.headers[column])
            assert view.columnWidth(column) <= header + 30, model.headers[column]
    box = page.duplicates
    assert box.isVisible() and box.height() <= 100 and box.list.count() == 2
    assert "疑似重复的单位 2 对" in box.toggle.text()
    box.toggle.click()  # folds away to one line
    QApplication.processEvents()
    assert box.list.isHidden() and box.sizeHint().height() <= 40
    box.toggle.click()
    last = view.rowAt(view.viewport().height() - 1)
    assert (last if last >= 0 else model.rowCount()) >= 18  # of 138, on a 1366×768 laptop


def test_task_columns_are_as_wide_as_what_they_hold(window):
    page = window.go_to("tasks_page")
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(1))  # 杭州: no 牵头单位 at all
    header = page.tree.header().fontMetrics().horizontalAdvance("牵头单位")
    assert page.tree.columnWidth(2) <= header + 30
    assert page.tree.columnWidth(3) >= min(page.tree.sizeHintForColumn(3), 260)
    assert page.tree.columnWidth(3) > page.tree.columnWidth(2)


def test_the_settings_fields_start_at_one_line_with_save_under_them(window):
    window.resize(1920, 1080)
    page = window.go_to("settings_page")
    window.show()
    QApplication.processEvents()
    left = [page.editors[n] for n in ("office_name", "signer", "report_day", "backups_kept")]
    xs = {editor.mapTo(page, editor.rect().topLeft()).x() for editor in left}
    assert len(xs) == 1, xs
    fonts = {editor.mapTo(page, editor.rect().topLeft()).x() for editor in page.fonts.editors.values()}
    assert len(fonts) == 1
    boxes = [page.editors[n] for n in ("expand_groups", "mask_ids")]  # check boxes carry their words
    assert all(b.text() for b in boxes) and {b.mapTo(page, b.rect().topLeft()).x() for b in boxes} == xs
    save_y = page.save_button.mapTo(page, page.save_button.rect().topLeft()).y()
    last_y = page.editors["mask_ids"].mapTo(page, page.editors["mask_ids"].rect().bottomLeft()).y()
    assert 0 < save_y - last_y < 80  # right under the fields, not at the foot of the window


def test_empty_panels_say_why(qtbot, ledger, monkeypatch):
    window = MainWindow(ledger, today=lambda: TODAY)
    qtbot.addWidget(window)
    scores = window.go_to("scores_page")  # shown on an empty ledger too
    assert scores.table.rowCount() == 0 and not scores.empty.isHidden()
    assert "台账中还没有方案" in scores.empty.text() and "台账中还没有方案" in scores.picker.hint.text()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    from ui.document_actions import open_print_preview, open_register

    assert open_print_preview(window) is None and "还没有方案" in told[0] and "报送月份" not in told[0]
    register = open_register(window)
    qtbot.addWidget(register)
    assert not register.year_combo.isEnabled() and register.year_combo.placeholderText().startswith("暂无")
    assert not register.empty.isHidden() and register.empty.text().startswith("暂无")


def test_the_print_preview_fits_the_screen_and_prints_the_month_in_view(window):
    from ui.document_actions import open_print_preview
    from ui.print_statistics import statistics_html

    page = window.go_to("dashboard")
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
    page.period_combo.setCurrentIndex(page.period_combo.findData("2020-12"))
    dialog = open_print_preview(window)
    free = dialog.screen().availableGeometry()
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    assert dialog.width() > 692 and dialog.height() > 512  # larger than Qt's own first size
    assert "2020年12月" in statistics_html(window.ledger, 3, "2020-12", TODAY)
    assert "2020年12月" in dialog._document.toPlainText()
    assert "valign='middle'" in statistics_html(window.ledger, 3, "2020-12", TODAY)
    dialog.close()


def test_the_plan_file_dialog_opens_where_the_user_keeps_files(qtbot, tmp_path, monkeypatch):
    from ui.plan_actions import choose_plan_file

    folder = tmp_path / "收到的方案"
    folder.mkdir()
    asked = []

    def pick(_parent, _title, start, _filter):
        asked.append(start)
        return str(folder / "方案.docx"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)

    class Parent:  # the window hands its settings to the dialog
        state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)

    assert choose_plan_file(Parent()) == folder / "方案.docx"
    program = Path(__file__).resolve().parent.parent
    assert asked[0] and Path(asked[0]) != program and Path(asked[0]).is_dir()  # documents or home
    choose_plan_file(Parent())
    assert asked[1] == str(folder)  # the folder used last time
