"""The 公文 font check: the best font per role from what a machine has, plain words about what
is missing, the dialog on a patched font database (present / missing), the export warning."""

import pytest
from PySide6.QtGui import QFontDatabase

from models.fonts import ROLES, check_fonts, describe, missing_warning, proposed_settings
from models.settings import DEFAULTS

OFFICE_PC = {"仿宋_GB2312", "楷体_GB2312", "黑体", "宋体", "方正小标宋简体"}  # a fully fitted PC
WINDOWS_10 = {"FangSong", "KaiTi", "SimHei", "SimSun", "Microsoft YaHei"}  # Windows' own CJK fonts
WITH_OFFICE = WINDOWS_10 | {"STZhongsong", "STFangsong"}  # MS Office adds the 华文 fonts


def machine(families):
    return lambda name: name in families


def test_a_fully_fitted_machine_needs_no_change():
    checks = check_fonts(DEFAULTS, machine(OFFICE_PC))
    assert all(c.ok for c in checks) and proposed_settings(checks) == {}
    assert missing_warning(checks) is None
    assert [c.role.setting for c in checks] == [r.setting for r in ROLES]


def test_windows_without_the_gb2312_fonts_gets_their_equivalents():
    checks = {c.role.setting: c for c in check_fonts(DEFAULTS, machine(WITH_OFFICE))}
    assert proposed_settings(list(checks.values())) == {
        "font_fang": "仿宋", "font_kai": "楷体", "font_title": "华文中宋"}
    assert checks["font_hei"].ok and checks["font_song"].ok  # found under their English names
    text = describe(checks["font_fang"])
    assert "本机没有“仿宋_GB2312”" in text and "“仿宋”" in text and "同款字体" in text
    assert "行数" in text  # says what it means on paper
    assert "代用字体" in describe(checks["font_title"])


def test_a_role_with_no_font_at_all_says_so():
    checks = {c.role.setting: c for c in check_fonts(DEFAULTS, machine(WINDOWS_10))}
    assert checks["font_title"].best.name == "宋体"  # the last resort for a title
    bare = {c.role.setting: c for c in check_fonts(DEFAULTS, machine(set()))}
    assert bare["font_fang"].best is None and bare["font_fang"].proposal is None
    assert "没有可代替的字体" in describe(bare["font_fang"])


def test_a_name_the_settings_use_counts_under_its_other_names():
    settings = {**DEFAULTS, "font_fang": "仿宋", "font_hei": "SimHei"}
    checks = {c.role.setting: c for c in check_fonts(settings, machine({"FangSong", "黑体"}))}
    assert checks["font_fang"].ok and checks["font_hei"].ok


def test_the_warning_names_each_missing_font_and_its_role():
    warning = missing_warning(check_fonts(DEFAULTS, machine(WINDOWS_10)))
    assert "“仿宋_GB2312”（正文（仿宋））" in warning and "“方正小标宋简体”" in warning
    assert "检查本机字体" in warning


@pytest.fixture
def font_database(monkeypatch):
    """Qt's font database patched to hold exactly the families put in the returned set."""
    families = set()
    monkeypatch.setattr(QFontDatabase, "hasFamily", staticmethod(lambda name: name in families))
    return families


def test_dialog_on_a_machine_missing_fonts_applies_the_proposals(qtbot, ledger, font_database):
    from ui.font_check_dialog import FontCheckDialog

    font_database.update(WITH_OFFICE)
    dialog = FontCheckDialog(ledger)
    qtbot.addWidget(dialog)
    cells = {dialog.table.item(r, 0).text(): [dialog.table.item(r, c).text() for c in range(4)]
             for r in range(dialog.table.rowCount())}
    assert cells["正文（仿宋）"] == ["正文（仿宋）", "仿宋_GB2312", "没有", "仿宋"]
    assert cells["一级标题（黑体）"][2] == "有"
    assert "缺少 3 种" in dialog.summary.text()
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    settings = ledger.settings()
    assert (settings["font_fang"], settings["font_kai"], settings["font_title"]) == ("仿宋", "楷体", "华文中宋")
    assert all(dialog.table.item(r, 2).text() == "有" for r in range(dialog.table.rowCount()))
    assert not dialog.apply_button.isEnabled()


def test_dialog_on_a_fully_fitted_machine(qtbot, ledger, font_database):
    from ui.font_check_dialog import FontCheckDialog

    font_database.update(OFFICE_PC)
    dialog = FontCheckDialog(ledger)
    qtbot.addWidget(dialog)
    assert "全部公文字体" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()


def test_export_dialog_warns_only_when_a_font_is_missing(qtbot, ledger, campaign, font_database):
    from ui.export_dialog import ExportDialog

    for families, shown in ((set(WINDOWS_10), True), (OFFICE_PC, False)):
        font_database.clear()
        font_database.update(families)
        dialog = ExportDialog(ledger, "notice")
        qtbot.addWidget(dialog)
        warning = dialog.findChild(type(dialog.error_label), "font_warning")
        assert warning.isVisibleTo(dialog) is shown
        assert ("仿宋_GB2312" in warning.text()) is shown


def test_settings_page_opens_the_check_and_shows_the_new_fonts(qtbot, ledger, font_database):
    from PySide6.QtWidgets import QPushButton

    from ui.font_check_dialog import FontCheckDialog
    from ui.settings_page import SettingsPage

    font_database.update(WITH_OFFICE)
    page = SettingsPage(ledger)
    qtbot.addWidget(page)
    page.findChild(QPushButton, "font_check_button").click()
    dialog = page.findChild(FontCheckDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.apply_button.click()
    dialog.reject()
    assert page.editors["font_fang"].currentText() == "仿宋"


def test_first_start_checks_once_per_machine_and_only_speaks_when_missing(qtbot, ledger, tmp_path, font_database):
    from PySide6.QtWidgets import QWidget

    from ui.font_check_dialog import check_fonts_on_first_start
    from ui.window_state import window_settings

    parent = QWidget()
    qtbot.addWidget(parent)
    font_database.update(OFFICE_PC)
    assert check_fonts_on_first_start(parent, ledger, window_settings(tmp_path / "a")) is None
    font_database.clear()
    font_database.update(WINDOWS_10)
    state = window_settings(tmp_path / "b")
    dialog = check_fonts_on_first_start(parent, ledger, state)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    assert check_fonts_on_first_start(parent, ledger, state) is None  # asked once on this machine
