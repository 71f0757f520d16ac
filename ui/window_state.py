"""Window state kept between runs (QSettings in an INI file in the data folder, so a portable
copy keeps it beside itself): geometry, the last page, splitter sizes, recent ledgers, and the
folder each file dialog last opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEPT = 8


def window_settings(data_dir: Path) -> QSettings:
    """The settings file of the window (not the office's settings, which are in the ledger)."""
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def restore(window, settings: QSettings) -> None:
    """Put the window back as it was left."""
    geometry = settings.value("window/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    page = settings.value("window/page", 0, type=int)
    if 0 <= page < window.nav.count():
        window.nav.setCurrentRow(page)


def save(window, settings: QSettings) -> None:
    """Remember the window's geometry and page."""
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/page", window.nav.currentRow())
    settings.sync()


def remember_ledger(settings: QSettings, path: Path) -> list[str]:
    """Put a ledger first in the recent list; returns the list."""
    recent = [p for p in (settings.value("ledgers/recent", [], type=list) or []) if p != str(path)]
    recent = [str(path), *recent][:RECENT_KEPT]
    settings.setValue("ledgers/recent", recent)
    settings.sync()
    return recent


def recent_ledgers(settings: QSettings) -> list[str]:
    """Recently opened ledgers, newest first."""
    return list(settings.value("ledgers/recent", [], type=list) or [])


def start_folder(settings: QSettings | None, key: str) -> str:
    """Where a file dialog opens: the folder last used for this kind of file, else the user's
    documents folder (never the program's own folder)."""
    folder = settings.value(f"folders/{key}", "", type=str) if settings is not None else ""
    if folder and Path(folder).is_dir():
        return folder
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def remember_folder(settings: QSettings | None, key: str, chosen: str) -> None:
    """Remember the folder of a file (or a folder) just chosen, for the next dialog of its kind."""
    if settings is None or not chosen:
        return
    path = Path(chosen)
    settings.setValue(f"folders/{key}", str(path if path.is_dir() else path.parent))
    settings.sync()


def _splitters(page):
    from PySide6.QtWidgets import QSplitter

    return [s for s in page.findChildren(QSplitter) if s.objectName()]


def restore_splitters(page, settings: QSettings, name: str) -> None:
    """Give a page's named splitters the sizes they were left at."""
    for splitter in _splitters(page):
        state = settings.value(f"splitters/{name}/{splitter.objectName()}")
        if state is not None:
            splitter.restoreState(state)


def save_splitters(page, settings: QSettings, name: str) -> None:
    """Remember the sizes of a page's named splitters."""
    for splitter in _splitters(page):
        settings.setValue(f"splitters/{name}/{splitter.objectName()}", splitter.saveState())
    settings.sync()
