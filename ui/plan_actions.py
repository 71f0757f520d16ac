"""Window actions for plans: pick or drop a plan file, preview it, load the sample plans."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

if TYPE_CHECKING:
    from models.ledger import Ledger

PLAN_FILTER = ("实施方案或任务分解表 (*.docx *.doc *.wps *.pdf *.ofd *.txt *.xlsx *.xls);;"
               "Word 文档 (*.docx *.doc *.wps);;PDF 或 OFD (*.pdf *.ofd);;所有文件 (*)")


def choose_plan_file(parent) -> Path | None:
    """Ask for a plan file, starting in the folder last used (else the documents folder);
    None when the user cancels."""
    from ui.window_state import remember_folder, start_folder

    state = getattr(parent, "state", None)
    name, _ = QFileDialog.getOpenFileName(parent, "选择实施方案", start_folder(state, "plans"), PLAN_FILTER)
    remember_folder(state, "plans", name)
    return Path(name) if name else None


def preview_plan(parent, ledger: "Ledger", path: Path):
    """Read a plan file and open its preview; a file that cannot be read gets a message.
    (The plan reader loads here, on first use, not at start-up.)"""
    from PySide6.QtCore import Qt  # the Qt namespace costs 15 ms to load: not at start-up

    from importers.plan_reader import read_plan
    from importers.plan_source import PlanReadError
    from ui.plan_import_dialog import PlanImportDialog

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        draft = read_plan(path)
    except PlanReadError as exc:
        QMessageBox.warning(parent, "无法读取方案", str(exc))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    dialog = PlanImportDialog(ledger, draft, parent)
    dialog.setModal(True)
    dialog.show()
    return dialog


def load_samples(parent, ledger: "Ledger") -> int:
    """An empty ledger becomes the demo ledger (the five sample plans with three months of
    reports, cases and lists); a ledger in use only gets the sample plans, never invented
    reports. Returns how many plans were new."""
    from importers.samples import sample_plans
    from models.demo import build_demo

    drafts = sample_plans()
    if not ledger.plans():
        build_demo(ledger, drafts)
        return len(drafts)
    added = 0
    for draft in drafts:
        existing = ledger.find_plan(draft)
        ledger.apply_plan(draft, update=existing)
        added += existing is None
    return added
