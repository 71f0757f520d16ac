"""A 任务分解表 (seed 003's layout) into tasks: 序号 / 重点工作任务 / 牵头单位 / 责任单位 /
工作任务及时限要求, with grouped rows (row 10 专项治理 and its sub-items) and requirements
shared down merged cells."""

from __future__ import annotations

import re

from importers.deadlines import needs_year_warning, parse_deadline
from importers.plan_text import TableRows, first_sentence
from importers.targets import find_targets
from importers.unit_clauses import split_units
from models.plan_draft import TaskDraft

_HEADER_WORDS = {"number": ("序号", "编号"), "task": ("任务", "事项", "工作内容", "内容"),
                 "lead": ("牵头",), "other": ("责任", "配合", "参与", "协办"),
                 "requirement": ("时限", "要求", "完成时间")}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _header_columns(row: list[str]) -> dict[str, int] | None:
    cells = [_squash(c) for c in row]
    if not any("牵头" in c or "责任单位" in c for c in cells):
        return None
    columns: dict[str, int] = {}
    for key, words in _HEADER_WORDS.items():
        for at, cell in enumerate(cells):
            if any(w in cell for w in words) and at not in columns.values() and key not in columns:
                if key == "task" and ("牵头" in cell or "责任" in cell):
                    continue
                columns[key] = at
    return columns if "task" in columns else None


def _other_role(header: str) -> str:
    return "responsible" if "责任" in header else "participating"


class TableReader:
    """Reads one breakdown table; `year` dates the month-day deadlines (None: keep words)."""

    def __init__(self, year: int | None, places: tuple[str, ...]):
        self.year, self.places = year, places
        self.warnings: list[str] = []
        self.columns: dict[str, int] | None = None
        self.other_role = "responsible"
        self.width = 0

    def read(self, tables: list[TableRows]) -> list[TaskDraft]:
        tasks: list[TaskDraft] = []
        group: TaskDraft | None = None
        shared_requirement = ""
        for table in tables:
            for row in table.rows:
                columns = _header_columns(row)
                if columns:
                    self.columns, self.width = columns, len(row)
                    header = row[columns["other"]] if "other" in columns else ""
                    self.other_role = _other_role(_squash(header))
                    continue
                if self.columns is None or not any(c.strip() for c in row):
                    continue
                split = len(row) == self.width + 1  # the task column holds group and sub-item
                number = row[self.columns.get("number", 0)].strip()
                if number:
                    group = None
                    if split:
                        group = TaskDraft(number=number, title=first_sentence(row[1]), text=row[1])
                        tasks.append(group)
                        shared_requirement = ""
                    else:
                        tasks.append(self._task(number, row, 0, ""))
                        continue
                if group is None or not split:
                    self.warnings.append(f"表格中有一行无法归入任何任务：“{'|'.join(row)[:40]}”")
                    continue
                requirement = row[self.columns["requirement"] + 1] if "requirement" in self.columns else ""
                shared_requirement = requirement.strip() or shared_requirement
                group.children.append(self._task("", row, 1, shared_requirement))
        for task in tasks:  # a group whose items all have the same units has those units too
            units = [c.units for c in task.children]
            if units and all(u == units[0] for u in units) and not task.all_units():
                task.units = {k: list(v) for k, v in units[0].items()}
        return tasks

    def _task(self, number: str, row: list[str], shift: int, requirement: str) -> TaskDraft:
        col = {k: v + shift for k, v in self.columns.items()}
        cell = lambda key: row[col[key]].strip() if key in col and col[key] < len(row) else ""  # noqa: E731
        text = cell("task")
        requirement = requirement or cell("requirement")
        task = TaskDraft(number=number, title=first_sentence(text), text=text,
                         deadline_text=requirement or None)
        for key, role in (("lead", "lead"), ("other", self.other_role)):
            names, doubts = split_units(cell(key), self.places)
            task.units[role] = names
            self.warnings += doubts
        deadline = parse_deadline(requirement, self.year)
        task.deadline, task.ongoing, task.report_day = deadline.date, deadline.ongoing, deadline.report_day
        if deadline.needs_year:
            self.warnings.append(needs_year_warning())
        task.targets = find_targets(text + "；" + requirement)
        return task
