"""Screenshots of every page and the main dialogs on a fresh demo ledger, at 1366×768 and
1920×1080, into docs/screenshots/ (the README's gallery shows them).

Run: QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--out DIR] [--scale 1.5]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2021, 3, 25)  # inside the demo's campaigns, so every page has figures
SIZES = ((1366, 768), (1920, 1080))
PAGES = ("dashboard", "plans_page", "tasks_page", "progress_page", "cases_page", "lists_page",
         "units_page", "scores_page", "settings_page")
NAMES = {"dashboard": "dashboard", "plans_page": "plans", "tasks_page": "tasks",
         "progress_page": "progress", "cases_page": "cases", "lists_page": "lists",
         "units_page": "units", "scores_page": "scores", "settings_page": "settings"}


def _demo(folder: Path) -> Path:
    path = folder / "演示台账.sqlite"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--ledger", str(path)],
                   check=True, capture_output=True)
    return path


def _save(widget, out: Path, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


def shoot(out: Path, scale_note: str = "") -> None:
    from PySide6.QtWidgets import QApplication

    from models.ledger import Ledger
    from ui.app import setup_application
    from ui.main_window import MainWindow, PAGES as NAV

    app = QApplication.instance() or QApplication([])
    setup_application(app)
    folder = Path(tempfile.mkdtemp(prefix="screens-"))
    ledger = Ledger.open(_demo(folder))
    window = MainWindow(ledger, today=lambda: TODAY)
    window.show()
    order = [n for _, n in NAV]
    for width, height in SIZES:
        suffix = f"-{width}" + scale_note
        window.resize(width, height)
        for name in PAGES:
            window.nav.setCurrentRow(order.index(name))
            _save(window, out, NAMES[name] + suffix)
        _dialogs(window, out, suffix, width, height)
    empty = Ledger.open(folder / "空台账.sqlite")
    welcome = MainWindow(empty)
    welcome.show()
    for width, height in SIZES:
        welcome.resize(width, height)
        _save(welcome, out, f"welcome-{width}{scale_note}")
    welcome.close()
    window.close()
    app.processEvents()


def _dialogs(window, out: Path, suffix: str, width: int, height: int) -> None:
    from ui.plan_actions import preview_plan

    samples = ROOT / "resources" / "sample_plans"
    dialog = preview_plan(window, window.ledger, samples / "002_linfen.txt")
    _fit(dialog, width, height)
    _save(dialog, out, "plan-import-preview" + suffix)
    dialog.close()
    search = window.search("信用")
    _fit(search, width, height)
    _save(search, out, "search" + suffix)
    search.close()
    returns = window.import_returns()
    _save(returns, out, "returns-import" + suffix)
    returns.close()
    from ui.help import open_about, open_manual

    manual = open_manual(window)
    _save(manual, out, "manual" + suffix)
    manual.close()
    about = open_about(window)
    _save(about, out, "about" + suffix)
    about.close()


def _fit(dialog, width: int, height: int) -> None:
    dialog.resize(min(dialog.width(), width - 60), min(dialog.height(), height - 80))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shoot(out)
    print(f"screenshots written to {out}", flush=True)
    os._exit(0)  # skip tearing down the windows one by one at interpreter exit


if __name__ == "__main__":
    main()
