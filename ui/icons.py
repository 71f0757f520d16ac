"""Icons for the navigation, toolbar and menus: one set, Phosphor (regular weight, MIT
licence, resources/icons/LICENSE-phosphor.txt), kept as SVG files under resources/icons/.

SVG files are drawn by Qt's own svg icon engine when first painted, so loading them costs
nothing at start-up and needs no package beyond PySide6 (a frozen build carries them as
data files).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from models.paths import program_dir

ICON_DIR = program_dir() / "resources" / "icons"

# navigation page → icon
PAGE_ICONS = {"dashboard": "gauge", "plans_page": "files", "tasks_page": "tree-structure",
              "progress_page": "note-pencil", "cases_page": "star", "lists_page": "flag",
              "units_page": "address-book", "scores_page": "trophy", "settings_page": "gear"}


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The icon `name` (a file name under resources/icons without .svg); an empty icon when
    the file is missing, so a damaged install still shows every command by its text."""
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
