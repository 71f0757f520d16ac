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
    reports, cases and lists). A ledger in use only gets the sample plans it lacks, never
    invented reports and never a change to its own plans, and only once the user agrees: a
    plan cannot be taken out again. Returns how many plans were added."""
    from importers.samples import sample_plans
    from models.demo import build_demo

    drafts = sample_plans()
    if not ledger.plans():
        build_demo(ledger, drafts)
        return len(drafts)
    new = [draft for draft in drafts if ledger.find_plan(draft) is None]
    if not new:
        QMessageBox.information(parent, "载入示例方案", "示例方案已经都在这个台账中。")
        return 0
    answer = QMessageBox.question(
        parent, "载入示例方案",
        f"这个台账已有 {len(ledger.plans())} 份方案。载入示例会把 {len(new)} 份示例方案加入其中，"
        "加入后不能再删除，会出现在看板、通报和统计表的方案列表里。\n\n"
        "只是想熟悉操作的话，建议用“文件 → 打开台账”新建一个空台账，在那里载入示例。\n\n"
        "仍要加入这个台账吗？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return 0
    for draft in new:
        ledger.apply_plan(draft)
    return len(new)
