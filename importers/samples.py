"""The five sample plans shipped under resources/, read as a user's import would read them."""

from __future__ import annotations

from importers.plan_reader import read_plan, set_plan_year
from models.paths import program_dir
from models.plan_draft import PlanDraft

SAMPLE_DIR = program_dir() / "resources" / "sample_plans"
LIAONING_YEAR = 2018  # the 辽宁 breakdown table gives no year; its campaign ran in 2018


def sample_plans() -> list[PlanDraft]:
    """Drafts of the sample plans, in file order, each dated."""
    drafts = []
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        draft = read_plan(path)
        if draft.date is None:
            set_plan_year(draft, LIAONING_YEAR)
        drafts.append(draft)
    return drafts
