"""A plan as read from a document, before it is saved: what the importer understood.

Importers fill these plain records; the import preview edits them; `Ledger.apply_plan` saves
them. `to_json` gives the shape of DESIGN.md §5.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ROLE_KEYS = ("lead", "participating", "responsible")


@dataclass
class TargetDraft:
    """A measurable goal read from a task's words."""

    metric: str
    comparator: str
    threshold: float
    measure_unit: str
    text: str


@dataclass
class TaskDraft:
    """One governance item with its units, deadline, targets and children."""

    number: str
    title: str
    text: str = ""
    units: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in ROLE_KEYS})
    deadline: str | None = None
    deadline_text: str | None = None
    ongoing: bool = False
    report_day: int | None = None  # a recurring monthly report (每月20日之前报送)
    targets: list[TargetDraft] = field(default_factory=list)
    children: list["TaskDraft"] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the reader was unsure of here
    # the units and deadline words as the document gave them, before the office corrected
    # anything in the preview: the text says these, so the plan can be regenerated verbatim
    as_read: dict | None = field(default=None, repr=False, compare=False)

    def mark_as_read(self) -> None:
        """Remember the units and deadline words as read (the reader calls this last)."""
        self.as_read = {"units": {k: list(self.units[k]) for k in ROLE_KEYS},
                        "deadline_text": self.deadline_text}

    def walk(self):
        """This task and all its descendants, parents first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_units(self) -> list[str]:
        """Every unit named on this task, in role order, without repeats."""
        return list(dict.fromkeys(n for k in ROLE_KEYS for n in self.units[k]))


@dataclass
class PhaseDraft:
    """A phase sentence: 6月至9月为集中治理阶段."""

    name: str
    start: str | None
    end: str | None
    text: str


BLOCK_KINDS = ("heading", "prose", "task")


@dataclass
class BlockDraft:
    """One piece of the plan's own structure, in order: a section heading (一、指导思想), a
    paragraph of prose (the preamble, 工作要求…), or the place of a top-level task."""

    kind: str  # heading / prose / task
    number: str = ""  # the marker, brackets made full-width: 一、 （一） 1.
    text: str = ""  # the wording after the marker (empty for a task: the task holds it)
    task: TaskDraft | None = None


@dataclass
class PlanDraft:
    """Everything read from one plan document."""

    title: str
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None
    recipients: str | None = None
    region: str | None = None
    report_day: int | None = None
    summary_due: str | None = None
    summary_due_text: str | None = None
    contact: str | None = None
    notes: str | None = None
    source_file: str | None = None
    phases: list[PhaseDraft] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blocks: list[BlockDraft] = field(default_factory=list)  # the plan's own structure

    def walk(self):
        """Every task of the plan, parents first."""
        for task in self.tasks:
            yield from task.walk()

    def unit_names(self) -> list[str]:
        """Every unit name the plan uses, in order of first appearance."""
        return list(dict.fromkeys(n for t in self.walk() for n in t.all_units()))


def task_json(task: TaskDraft) -> dict:
    """One task in the JSON shape of DESIGN.md §5 (plus targets and report day)."""
    return {
        "number": task.number,
        "title": task.title,
        "text": task.text,
        "units": {k: list(task.units[k]) for k in ROLE_KEYS},
        "deadline": task.deadline,
        "deadline_text": task.deadline_text,
        "ongoing": task.ongoing,
        "report_day": task.report_day,
        "targets": [asdict(t) for t in task.targets],
        "children": [task_json(c) for c in task.children],
        "warnings": list(task.warnings),
    }


def to_json(plan: PlanDraft) -> dict:
    """The plan in the JSON shape of DESIGN.md §5; extra keys follow the fixed ones."""
    return {
        "title": plan.title,
        "issuer": plan.issuer,
        "doc_number": plan.doc_number,
        "date": plan.date,
        "recipients": plan.recipients,
        "tasks": [task_json(t) for t in plan.tasks],
        "warnings": list(plan.warnings),
        "region": plan.region,
        "report_day": plan.report_day,
        "summary_due": plan.summary_due,
        "summary_due_text": plan.summary_due_text,
        "phases": [asdict(p) for p in plan.phases],
        "contact": plan.contact,
        "notes": plan.notes,
        "structure": _structure_json(plan),
    }


def _structure_json(plan: PlanDraft) -> list[dict]:
    """The plan's structure; a task block names its task by position in `tasks`."""
    index = {id(t): i for i, t in enumerate(plan.tasks)}
    out = []
    for block in plan.blocks:
        item = {"kind": block.kind, "number": block.number, "text": block.text}
        if block.task is not None:
            item["task"] = index.get(id(block.task))
        out.append(item)
    return out
