"""Where the default ledger lives, and `python main.py` opening a window on it."""

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from models import paths


def test_portable_marker_puts_the_ledger_beside_the_program(tmp_path):
    assert paths.default_ledger_path(tmp_path) != tmp_path / "data" / "ledger.sqlite"
    (tmp_path / "portable").write_text("", encoding="utf-8")
    assert paths.default_ledger_path(tmp_path) == tmp_path / "data" / "ledger.sqlite"


def test_user_data_folder_per_platform():
    win = paths.user_data_dir(env={"LOCALAPPDATA": r"C:\Users\a\AppData\Local"}, platform="win32")
    assert str(win).endswith("ZhuanxiangTaizhang") and "Local" in str(win)
    linux = paths.user_data_dir(env={"XDG_DATA_HOME": "/home/a/.local/share"}, platform="linux")
    assert linux == Path("/home/a/.local/share/ZhuanxiangTaizhang")


def test_no_arguments_opens_the_window_on_the_default_ledger(qtbot, tmp_path, monkeypatch):
    import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    seen = []

    def close_when_shown():
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen.extend(w.windowTitle() for w in windows)
        for window in windows:
            window.close()

    QTimer.singleShot(300, close_when_shown)
    assert main.run_cli([]) == 0
    ledger = tmp_path / "ZhuanxiangTaizhang" / "ledger.sqlite"
    assert ledger.exists() and any("专项治理台账" in t for t in seen)
    assert list((tmp_path / "ZhuanxiangTaizhang" / "backups" / "ledger").glob("*.sqlite"))
