"""The window on a real office PC: every page fits a 1366×768 screen (and the window one
scaled to 150%), headers are readable, Chinese sorts by pinyin, forms keep their fields
together, and the 帮助 menu has the manual and 关于."""

import re
from datetime import date

import pytest
from conftest import menu_titled
from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtWidgets import QApplication, QFontComboBox, QGroupBox

from models.ledger import Ledger
from models.version import VERSION
from ui.app import setup_application
from ui.main_window import PAGES, MainWindow
from ui.progress_grid_model import header_lines
from ui.welcome_page import WelcomePage

TODAY = date(2021, 3, 25)
# 1366×768 less the Windows taskbar (40) and the title bar (31): the window's own area
SCREEN = (1366, 768 - 40 - 31)
# …and what a page gets inside it: less the navigation column, menu, toolbar and status bar
PAGE_AREA = (SCREEN[0] - 160, SCREEN[1] - 100)


@pytest.fixture
def window(qtbot, demo_copy):
    setup_application(QApplication.instance())  # the style sheet's spacing counts too
    ledger = Ledger.open(demo_copy)
    win = MainWindow(ledger, today=lambda: TODAY)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    yield win
    QApplication.instance().setStyleSheet("")
    ledger.close()


@pytest.mark.parametrize("name", [n for _, n in PAGES])
def test_every_page_fits_a_1366x768_screen(window, name):
    window.resize(*SCREEN)
    page = window.go_to(name)
    QApplication.processEvents()
    need = page.minimumSizeHint()
    assert need.width() <= PAGE_AREA[0] and need.height() <= PAGE_AREA[1], (name, need)
    frame = window.stack.currentWidget()  # the page's scroll area: no scrolling needed here
    assert not frame.verticalScrollBar().isVisible(), name
    assert not frame.horizontalScrollBar().isVisible(), name


def test_the_window_fits_the_screen_at_150_percent(window):
    for _label, name in PAGES:  # every page built: the window's minimum is the largest
        window.go_to(name)
    QApplication.processEvents()
    need = window.minimumSizeHint()
    assert need.width() * 1.5 <= SCREEN[0] and need.height() * 1.5 <= SCREEN[1], need


def test_dialogs_fit_the_screen_at_150_percent(window, qtbot):
    from pathlib import Path

    from models.entries import Case
    from ui.case_form import CaseForm, ListEntryForm
    from ui.plan_actions import preview_plan

    samples = Path(__file__).resolve().parent.parent / "resources" / "sample_plans"
    dialogs = [preview_plan(window, window.ledger, samples / "004_yingkou.txt"),
               CaseForm(window.ledger, window.ledger.get(Case, 1), window),
               ListEntryForm(window.ledger, None, window), window.import_returns(),
               window.search("信用")]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        need = dialog.minimumSizeHint()
        assert need.width() * 1.5 <= SCREEN[0] and need.height() * 1.5 <= SCREEN[1], (dialog, need)


def test_unit_headers_of_the_progress_grid_are_whole_lines(window):
    page = window.go_to("progress_page")
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(1))  # 杭州: long bank names
    header = page.grid.horizontalHeader()
    metrics = header.fontMetrics()
    model = page.model
    names = [model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
             for c in range(model.columnCount())]
    assert "人行杭州中心支行" in names
    for column, name in enumerate(names):
        shown = model.headerData(column, Qt.Orientation.Horizontal)
        assert shown.replace("\n", "").rstrip("…") in name
        for line in shown.split("\n"):
            assert metrics.horizontalAdvance(line) + 8 <= header.sectionSize(column), line
    assert header_lines("人行杭州中心支行") == "人行杭州\n中心支行"


def test_the_task_numbers_are_not_clipped(window):
    page = window.go_to("tasks_page")
    page.plan_combo.setCurrentIndex(page.plan_combo.findData(1))  # 杭州: （一）…（二十）
    assert page.tree.columnWidth(0) >= page.tree.sizeHintForColumn(0)
    numbers = [item.text(0) for item in page.tree.findItems(
        "*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)]
    assert "（十一）" in numbers and "（二十）" in numbers


def test_units_sort_by_pinyin_and_rows_are_numbered(window):
    page = window.go_to("units_page")
    names = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert names == sorted(names, key=collator.sortKey) and names != sorted(names)
    rows = [page.proxy.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert rows == ["1", "2", "3"]


def test_an_error_opens_no_gap_in_the_case_form(window, qtbot):
    from ui.case_form import CaseForm

    form = CaseForm(window.ledger, None, window)
    qtbot.addWidget(form)
    form.show()
    below = form.editors["subject_type"]
    before = below.mapTo(form, below.rect().topLeft()).y()
    form.editors["subject_code"].setText("91330282L07196379X")  # wrong check character
    QApplication.processEvents()
    error = form.errors["subject_code"]
    assert error.isVisible() and error.text()
    moved = below.mapTo(form, below.rect().topLeft()).y() - before
    assert moved <= error.sizeHint().height() + 12  # the message's own line, nothing more


def test_settings_are_grouped_with_font_pickers(window):
    page = window.go_to("settings_page")
    assert isinstance(page.editors["font_fang"], QFontComboBox)
    titles = [box.title() for box in page.findChildren(QGroupBox)]
    assert {"办公室与发文", "报送与预警", "备份", "公文字体"} <= set(titles)
    assert page.editors["report_day"].maximumWidth() <= 200
    page.editors["font_kai"].setEditText("楷体")
    assert page.accept() and window.ledger.setting("font_kai") == "楷体"


def test_help_menu_has_the_manual_and_about(window, qtbot):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&B)", "导出(&E)", "帮助(&H)"]  # 打印 is under 文件
    file_menu = menu_titled(window, "文件")
    assert any(a.text().startswith("打印") for a in file_menu.actions())
    qtbot.keyClick(window, Qt.Key.Key_F1)
    manual = window.manual_dialog
    qtbot.addWidget(manual)
    titles = [manual.index.item(i).text() for i in range(manual.index.count())]
    assert titles == ["导入实施方案", "每月的报送与催报", "报送模板与回执", "公文与统计表", "备份与恢复"]
    for row in range(len(titles)):
        manual.index.setCurrentRow(row)
        assert manual.browser.toPlainText().startswith(titles[row])
    help_menu = menu_titled(window, "帮助")
    next(a for a in help_menu.actions() if a.text().startswith("关于")).trigger()
    qtbot.addWidget(window.about_dialog)
    text = window.about_dialog.text.toPlainText()
    assert f"版本 {VERSION}" in text and str(window.ledger.path) in text
    assert "LGPL-3.0" in text and "Phosphor" in text


def test_the_welcome_page_names_every_file_type_a_plan_may_come_in(qtbot):
    from PySide6.QtWidgets import QLabel

    page = WelcomePage()
    qtbot.addWidget(page)
    text = " ".join(label.text() for label in page.findChildren(QLabel))
    for suffix in (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".xlsx", ".xls"):
        assert re.search(re.escape(suffix) + "(?![a-z])", text), suffix


def test_splitter_sizes_are_remembered(qtbot, demo_copy, tmp_path):
    from PySide6.QtWidgets import QSplitter

    from ui.window_state import window_settings

    with Ledger.open(demo_copy) as ledger:
        first = MainWindow(ledger, state=window_settings(tmp_path))
        qtbot.addWidget(first)
        first.resize(1300, 700)
        first.show()
        splitter = first.go_to("progress_page").findChild(QSplitter, "progress_splitter")
        splitter.setSizes([300, 800])
        QApplication.processEvents()
        chosen = splitter.sizes()
        first.close()
        second = MainWindow(ledger, state=window_settings(tmp_path))
        qtbot.addWidget(second)
        second.resize(1300, 700)
        second.show()
        again = second.go_to("progress_page").findChild(QSplitter, "progress_splitter")
        QApplication.processEvents()
        assert again.sizes() == chosen and chosen[0] < chosen[1]
