"""Files dropped on the main window: which are taken, and whether each is a plan or a return."""

from __future__ import annotations

from pathlib import Path

PLAN_SUFFIXES = (".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".xlsx")  # dropped: a plan
DROP_SUFFIXES = (*PLAN_SUFFIXES, ".xls", ".et", ".ods")  # and returned templates (folders too)


def dropped_paths(event) -> list[Path]:
    """The local files and folders a drag carries."""
    return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.toLocalFile()]


def takes(event) -> bool:
    """Whether the drag carries a folder or a file of a kind the window imports."""
    return any(path.is_dir() or path.name.lower().endswith(DROP_SUFFIXES) for path in dropped_paths(event))


def route(window, event) -> None:
    """Returned templates and folders go to the returns import; else a plan file to the plan's."""
    from importers.returns_xlsx import is_return_template

    paths = dropped_paths(event)
    returns = [p for p in paths if p.is_dir() or is_return_template(p)]
    if returns:
        window.import_returns(returns)
        return
    plan = next((p for p in paths if p.suffix.lower() in PLAN_SUFFIXES), None)
    if plan:
        window.import_plan(plan)
