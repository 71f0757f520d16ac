"""Upgrading in place: the version a ledger was last written by, refusing a newer ledger with
both version numbers, the 更新说明 shown once after an upgrade, and `--version`."""

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, run_main

from models.changelog import notes_since, parse_changelog, releases_since
from models.errors import NewerLedger
from models.ledger import Ledger
from models.ledger_version import LEGACY_VERSION, is_newer, parse_version
from models.version import VERSION

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = """# 更新说明

## 0.3.0

- 第三版

## 0.2.1（2027-01-05）

- 修正

## 0.2.0
- 第二版

## 0.1.0

- 第一版
"""


def test_versions_compare_as_numbers():
    assert parse_version("0.10.0") > parse_version("0.9.9")
    assert parse_version("1.2") == parse_version("1.2.0")
    assert is_newer("0.2.0", "0.1.0") and not is_newer("0.1.0", "0.1.0")
    assert is_newer("0.2.0", "0.2.0rc1") is False  # text after a number does not count


def test_a_new_ledger_records_the_version_that_wrote_it(ledger):
    assert ledger.written_by() == VERSION
    assert ledger.upgraded_from is None and ledger.notes_pending_since() is None


def test_a_ledger_written_by_a_newer_program_is_refused_with_both_versions(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.db.execute("UPDATE program_meta SET value = '9.1.0' WHERE key = 'written_by'")
        ledger.db.conn.commit()
    for readonly in (False, True):
        with pytest.raises(NewerLedger) as caught:
            Ledger.open(ledger_path, readonly=readonly)
        assert "9.1.0" in caught.value.message and VERSION in caught.value.message
    # refused means untouched: still the newer version's ledger, and openable by it
    import sqlite3

    with sqlite3.connect(ledger_path) as conn:
        assert conn.execute("SELECT value FROM program_meta WHERE key = 'written_by'").fetchone() == ("9.1.0",)


def test_the_command_line_refuses_a_newer_ledger_with_exit_3(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.db.execute("UPDATE program_meta SET value = '9.1.0' WHERE key = 'written_by'")
        ledger.db.conn.commit()
    result = run_main("check", "--ledger", ledger_path)
    assert result.returncode == 3
    assert "9.1.0" in result.stderr and VERSION in result.stderr and "Traceback" not in result.stderr


def test_an_old_ledger_is_upgraded_and_its_notes_are_due_once(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledger_v1.sqlite", old)
    with Ledger.open(old) as ledger:
        assert ledger.upgraded_from == LEGACY_VERSION
        assert ledger.written_by() == VERSION
        assert ledger.notes_pending_since() == LEGACY_VERSION
        assert any(e["action"] == "程序升级" for e in ledger.audit_entries())
    with Ledger.open(old) as ledger:  # the upgrade happened once; the notes wait for the window
        assert ledger.upgraded_from is None
        assert ledger.notes_pending_since() == LEGACY_VERSION
        ledger.notes_shown()
    with Ledger.open(old) as ledger:
        assert ledger.notes_pending_since() is None


def test_changelog_sections_between_two_versions():
    releases = parse_changelog(SAMPLE)
    assert [r.version for r in releases] == ["0.3.0", "0.2.1", "0.2.0", "0.1.0"]
    assert releases[1].title == "0.2.1（2027-01-05）" and releases[1].lines == ["- 修正"]
    assert [r.version for r in releases_since(SAMPLE, "0.1.0", "0.2.1")] == ["0.2.1", "0.2.0"]
    assert releases_since(SAMPLE, "0.3.0", "0.3.0") == []


def test_the_changelog_has_a_section_for_this_version():
    releases = notes_since(LEGACY_VERSION, VERSION, ROOT / "CHANGELOG.md")
    assert releases and releases[0].version == VERSION and releases[0].lines


def test_pyproject_takes_its_version_from_models_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "models.version.VERSION"}


def test_version_on_the_command_line():
    result = run_main("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"专项治理台账 {VERSION}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)


def test_the_window_shows_the_notes_once_after_an_upgrade(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    import ui.app
    from ui.whats_new_dialog import WhatsNewDialog
    from ui.window_state import window_settings

    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledger_v1.sqlite", old)
    state = window_settings(tmp_path)
    seen = []
    for _ in range(2):
        session = {"ledger": None, "window": None}
        assert ui.app._open_window(old, state, session)
        window = session["window"]
        qtbot.addWidget(window)
        dialogs = [d for d in window.startup_dialogs if isinstance(d, WhatsNewDialog)]
        seen.append(len(dialogs))
        if dialogs:
            text = dialogs[0].text.toPlainText()
            assert f"{VERSION}" in text and "安装包" in text
            intro = " ".join(label.text() for label in dialogs[0].findChildren(QLabel))
            assert f"从 {LEGACY_VERSION} 版更新到 {VERSION} 版" in intro
            dialogs[0].accept()
        window.close()
        session["ledger"].close()
    assert seen == [1, 0]
