"""A 任务分解表 (seed 003's layout) into tasks: 序号 / 重点工作任务 / 牵头单位 / 责任单位 /
工作任务及时限要求, with grouped rows (row 10 专项治理 and its sub-items) and requirements
shared down merged cells."""

from __future__ import annotations

import re

from importers.deadlines import date_task, needs_year_warning
from importers.plan_text import TableRows, first_sentence
from importers.targets import find_targets
from importers.unit_clauses import role_of_label
from importers.unit_names import split_units
from models.labels import CONTINUED
from models.plan_draft import TaskDraft

_HEADER_WORDS = {"number": ("序号", "编号"), "task": ("任务", "事项", "工作内容", "内容", "名称", "措施"),
                 "requirement": ("时限", "要求", "完成时间", "时间进度", "进度", "完成期限")}
_UNIT_HEADER = re.compile(r"单位|部门|处室|分工")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unit_role(cell: str) -> str | None:
    """The role a header cell names (牵头单位, 配合部门, 负责部门, 主责单位…), if it is a unit column."""
    if not _UNIT_HEADER.search(cell) and "牵头" not in cell:
        return None
    return role_of_label(cell)


def _header_columns(row: list[str]) -> dict[str, int] | None:
    """Column positions by key; unit columns as `unit:<n>` with their role in `roles`."""
    cells = [_squash(c) for c in row]
    units = {at: role for at, cell in enumerate(cells) if (role := _unit_role(cell))}
    if not units:
        return None
    columns: dict[str, int] = {}
    for key, words in _HEADER_WORDS.items():
        for at, cell in enumerate(cells):
            if at in units or at in columns.values() or key in columns:
                continue
            if any(w in cell for w in words):
                columns[key] = at
    if "task" not in columns:
        return None
    for n, (at, role) in enumerate(units.items()):
        columns[f"unit:{role}:{n}"] = at
    return columns


def has_header(row: list[str]) -> bool:
    """True when a table row is a breakdown table's header (序号 / 任务 / 牵头单位 …)."""
    return _header_columns(row) is not None


class TableReader:
    """Reads one breakdown table; `year` dates the month-day deadlines (None: keep words)."""

    def __init__(self, year: int | None, places: tuple[str, ...]):
        self.year, self.places = year, places
        self.warnings: list[str] = []
        self.columns: dict[str, int] | None = None
        self.width = 0
        self.table_of: dict[int, int] = {}  # id(task) → index of the table its row is in

    def read(self, tables: list[TableRows]) -> list[TaskDraft]:
        tasks: list[TaskDraft] = []
        group: TaskDraft | None = None
        shared_requirement = ""
        for index, table in enumerate(tables):
            for row in table.rows:
                columns = _header_columns(row)
                if columns:
                    self.columns, self.width = columns, len(row)
                    continue
                if self.columns is None or not any(c.strip() for c in row):
                    continue
                split = len(row) == self.width + 1  # the task column holds group and sub-item
                if self._continues(row, split, tasks, group):
                    continue
                number = row[self.columns.get("number", 0)].strip()
                if split and group is not None and row[1].strip().endswith(CONTINUED):
                    number = ""  # a group named again at the top of a page: the same group
                if number:
                    group = None
                    if split:
                        group = TaskDraft(number=number, title=first_sentence(row[1]), text=row[1])
                        tasks.append(group)
                        self.table_of[id(group)] = index
                        shared_requirement = ""
                    else:
                        tasks.append(self._task(number, row, 0, ""))
                        self.table_of[id(tasks[-1])] = index
                        continue
                if group is None or not split:
                    self.warnings.append(f"表格中有一行无法归入任何任务：“{'|'.join(row)[:40]}”")
                    continue
                requirement = row[self.columns["requirement"] + 1] if "requirement" in self.columns else ""
                if requirement.strip().endswith(CONTINUED):  # the shared one, named again on a new page
                    requirement = ""
                shared_requirement = requirement.strip() or shared_requirement
                group.children.append(self._task("", row, 1, shared_requirement))
        for task in tasks:  # a group whose items all have the same units has those units too
            units = [c.units for c in task.children]
            if units and all(u == units[0] for u in units) and not task.all_units():
                task.units = {k: list(v) for k, v in units[0].items()}
        return tasks

    def _continues(self, row: list[str], split: bool, tasks: list[TaskDraft], group: TaskDraft | None) -> bool:
        """A row that holds the rest of the task above (its text led by （续）, as a writer
        puts words too long for one row): joined to that task, the row's other cells (the
        task's number, units, requirement named again) left. True when it was one."""
        at = self.columns["task"] + (1 if split else 0)
        text = row[at].strip() if at < len(row) else ""
        if not text.startswith(CONTINUED) or not tasks:
            return False
        task = group.children[-1] if split and group is not None and group.children else tasks[-1]
        task.text += text[len(CONTINUED):]
        task.title = first_sentence(task.text)
        task.targets = find_targets(task.text + "；" + (task.deadline_text or ""))
        return True

    def _task(self, number: str, row: list[str], shift: int, requirement: str) -> TaskDraft:
        col = {k: v + shift for k, v in self.columns.items()}
        cell = lambda key: row[col[key]].strip() if key in col and col[key] < len(row) else ""  # noqa: E731
        text = cell("task")
        requirement = requirement or cell("requirement")
        task = TaskDraft(number=number, title=first_sentence(text), text=text,
                         deadline_text=requirement or None)
        for key in (k for k in col if k.startswith("unit:")):
            role = key.split(":")[1]
            lead = next((n for names in task.units.values() for n in names), None)  # the row's first unit
            names, doubts = split_units(cell(key), self.places, lead=lead)
            task.units[role] += [n for n in names if n not in task.units[role]]
            task.warnings += doubts
            self.warnings += [f"表格第{number or '（续）'}行：{d}" for d in doubts]
        needs_year, doubt = date_task(task, requirement, self.year)
        if needs_year:
            self.warnings.append(needs_year_warning())
        if doubt:
            task.warnings.append(doubt)
            self.warnings.append(f"表格第{number or '（续）'}行：{doubt}")
        task.targets = find_targets(text + "；" + requirement)
        return task
