"""Starting the window: QApplication, Chinese Qt dialogs, opening the ledger with clear errors."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from models.errors import DamagedLedger, LedgerError, LedgerLocked, ReadOnlyLedger
from models.files import describe_os_error
from models.paths import data_dir, program_dir
from ui.errors import install_excepthook

if TYPE_CHECKING:
    from models.ledger import Ledger


def _install_chinese(app: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)


def open_ledger(path: Path) -> Ledger | None:
    """Open the ledger: read-only (saying why) when this user cannot write it or another
    program writes it; offering the newest backup when the file is damaged; every refusal
    is a dialog, never only a line on stderr."""
    from models.ledger import Ledger

    try:
        return Ledger.open(path)
    except (ReadOnlyLedger, LedgerLocked) as exc:
        return _open_read_only(Path(path), exc)
    except DamagedLedger as exc:
        return _offer_backup(Path(path), exc)
    except LedgerError as exc:
        QMessageBox.critical(None, "台账无法打开", exc.message)
    except OSError as exc:
        QMessageBox.critical(None, "台账无法打开", describe_os_error(exc, path))
    return None


def _open_read_only(path: Path, refused: LedgerError) -> Ledger | None:
    from models.ledger import Ledger

    if not path.exists():  # nothing to read: a new ledger cannot be made here
        QMessageBox.critical(None, "台账无法建立", refused.message)
        return None
    try:
        return Ledger.open_read_only(path, refused)
    except LedgerError as exc:
        QMessageBox.critical(None, "台账无法打开", f"{refused.message}\n\n以只读方式也无法打开：{exc.message}")
        return None


def _offer_backup(path: Path, exc: DamagedLedger) -> Ledger | None:
    from models.ledger import Ledger

    if not exc.newest_backup:
        QMessageBox.critical(None, "台账无法打开", exc.message)
        return None
    answer = QMessageBox.question(None, "台账已损坏", exc.message + "\n\n现在用最新备份恢复吗？")
    if answer != QMessageBox.StandardButton.Yes:
        return None
    from models.ledger_safety import restore_backup

    aside = restore_backup(Path(exc.newest_backup), path, now=datetime.now())
    QMessageBox.information(None, "已恢复", f"已用最新备份恢复台账。损坏的文件另存为“{aside}”。")
    return Ledger.open(path)


def _tell_unclean_exit(window) -> None:
    log = data_dir() / "logs" / "error.log"
    where = f"错误日志在“{log}”。" if log.exists() else ""
    QMessageBox.information(window, "上次没有正常关闭",
                            "程序上次运行时没有正常关闭（可能是出错或断电）。台账已通过快速完整性检查，"
                            f"已保存的数据都在。{where}如有疑问，可从“文件 → 立即备份”留一份副本。")


def setup_application(app: QApplication) -> None:
    """Name, Chinese dialogs and the light style sheet (resources/style.qss)."""
    _name_and_language(app)
    apply_style(app)


def _name_and_language(app: QApplication) -> None:
    """The program's name and icon, and Qt's own dialogs in Chinese."""
    app.setApplicationName("专项治理台账")
    app.setWindowIcon(QIcon(str(program_dir() / "resources" / "icon.png")))
    _install_chinese(app)


def apply_style(app: QApplication) -> None:
    """The light style sheet. Parsing it and restyling every widget through it costs tens of
    milliseconds, so a start applies it once the window is shown, with the ledger (`_attach`)."""
    style = program_dir() / "resources" / "style.qss"
    if style.exists() and not app.styleSheet():
        app.setStyleSheet(style.read_text(encoding="utf-8"))


def run_gui(path: Path) -> int:
    """Show the main window on the ledger at `path`; returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    _name_and_language(app)  # the style sheet follows once the window shows (_attach)
    install_excepthook(data_dir() / "logs")
    from ui.window_state import window_settings

    state = window_settings(data_dir())
    session = {"ledger": None, "window": None}
    if not _open_window(Path(path), state, session, shell_first=True):
        return 3
    try:
        return app.exec()
    finally:
        if session["ledger"] is not None:
            session["ledger"].close()


def _open_window(path: Path, state, session: dict, *, shell_first: bool = False) -> bool:
    """Open a ledger in a new main window; the window can ask to switch to another ledger.
    With `shell_first` the window is shown before the ledger (and the code reading it) loads."""
    from ui.main_window import MainWindow

    window = MainWindow(None, state=state)
    window.switch_requested.connect(lambda other: _switch(Path(other), state, session))
    session.update(window=window)
    if shell_first:
        window.show()
        QApplication.processEvents()
    return _attach(window, path, state, session)


def _attach(window, path: Path, state, session: dict) -> bool:
    from ui.window_state import remember_ledger

    ledger = open_ledger(path)
    if ledger is None:
        window.close()
        return False
    remember_ledger(state, ledger.path)
    apply_style(QApplication.instance())
    window.attach(ledger)
    session.update(ledger=ledger)
    window.show()
    if ledger.previous_run_unclean:
        _tell_unclean_exit(window)
    from ui.startup import after_open

    after_open(window, ledger, state)
    return True


def _switch(path: Path, state, session: dict) -> None:
    """Close this ledger (backed up as on any close) and open the other one."""
    old_window, old_ledger = session["window"], session["ledger"]
    if path.absolute() == old_ledger.path:
        return
    if not old_window.close():  # an unsaved form was kept open
        return
    old_ledger.close()
    session.update(ledger=None, window=None)
    if not _open_window(path, state, session):  # the other ledger could not be opened
        _open_window(old_ledger.path, state, session)
