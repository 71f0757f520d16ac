"""The three input sheets of a returned 报送模板, read from their cells: each task's progress
(numbers only where the task asks for them, whole where they count), the typical cases, the
red/black-list counts. What the template does not ask for — values in grey locked cells, in
columns it does not have — is never stored, and is listed as a note."""

from __future__ import annotations

import re

from importers.return_values import Cleaner, clean, parse_date, parse_number
from importers.workbook_source import SheetGrid
from importers.xml_stream import column_letter
from models.entries import PROGRESS_STATUSES, Case
from models.identifiers import normalise_code
from models.returns import (
    CASE_CODES,
    CASE_DATES,
    CASE_INPUTS,
    CASE_ROWS,
    HEADER_ROW,
    LIST_COLUMNS,
    LIST_ROWS,
    NUMBER_FOR_CODE,
    PROGRESS_FIXED,
    PROGRESS_INPUTS,
    TASK_ID_HEADER,
    Problem,
    ReturnFile,
    ReturnRow,
)
from models.validation import ValidationError, validate

_SHOWN = 5  # places listed in a note before "等 N 处"


class Notes:
    """Values left out, grouped by why, each with where it stood and what it held."""

    def __init__(self):
        self.groups: dict[str, list[str]] = {}

    def add(self, why: str, sheet: SheetGrid, row: int, column: int) -> None:
        value = str(sheet.value(row, column))
        shown = value if len(value) <= 12 else value[:12] + "…"
        self.groups.setdefault(why, []).append(f"{column_letter(column)}{row}“{shown}”")

    def lines(self) -> list[str]:
        out = []
        for why, places in self.groups.items():
            more = f"等 {len(places)} 处" if len(places) > _SHOWN else ""
            out.append(f"{why}，未导入：{'、'.join(places[:_SHOWN])}{more}。")
        return out


def _headers(sheet: SheetGrid) -> dict[str, int]:
    """Columns by header, a header's line breaks taken out (本单位\n职责 is 本单位职责)."""
    found = {}
    for (row, column), value in sorted(sheet.cells.items()):
        if row == HEADER_ROW and isinstance(value, str):
            found.setdefault(re.sub(r"\s*\n\s*", "", clean(value)), column)
    return found


def _merged_problems(sheet: SheetGrid, columns: set[int], first_row: int) -> list[Problem]:
    """Merged cells over input cells hide all but one value: say where, refuse the file."""
    problems = []
    for r1, c1, r2, c2 in sheet.merged:
        if r2 >= first_row and any(c1 <= c <= c2 for c in columns):
            where = f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"
            problems.append(Problem(f"单元格 {where} 被合并，合并后只保留一个值。请取消合并，每格分别填写后再发送。",
                                    sheet.name, max(r1, first_row), column_letter(c1)))
    return problems


def _unknown_columns(sheet: SheetGrid, known: set[int], notes: Notes) -> None:
    """Values under headers the template does not have (a column a unit added)."""
    for (row, column) in sorted(sheet.cells):
        if row > HEADER_ROW and column not in known:
            header = sheet.value(HEADER_ROW, column)
            why = (f"工作表“{sheet.name}”中“{str(header).strip()}”列不是模板中的数据项" if header
                   else f"工作表“{sheet.name}”中模板表格右侧的单元格")
            notes.add(why, sheet, row, column)


# ---------------------------------------------------------------------- 进展情况

def read_progress(sheet: SheetGrid, layout, result: ReturnFile, notes: Notes, cleaner: Cleaner) -> None:
    headers = _headers(sheet)
    id_column = headers.get(TASK_ID_HEADER, 1)
    inputs = {name: headers.get(label) for name, label in PROGRESS_INPUTS}
    missing = [label for name, label in PROGRESS_INPUTS if inputs[name] is None]
    if missing:
        result.problems.append(Problem(f"找不到“{'、'.join(missing)}”列：模板被改动过。请用下发的模板重新填报。",
                                       sheet.name, HEADER_ROW))
        return
    numbers = {name: headers[name] for name in layout.numbers if name in headers}
    fixed = {headers.get(label, index) for index, label in enumerate(PROGRESS_FIXED, start=1)}
    result.problems += _merged_problems(sheet, set(inputs.values()) | set(numbers.values()), HEADER_ROW + 1)
    _unknown_columns(sheet, fixed | set(inputs.values()) | set(numbers.values()), notes)
    seen: dict[int, int] = {}
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        entry = _progress_row(sheet, row, id_column, inputs, numbers, layout, result, notes, cleaner)
        if entry is None:
            continue
        if entry.task_id in seen:
            result.problems.append(Problem(f"与第{seen[entry.task_id]}行是同一项任务（任务编号 {entry.task_id}），"
                                           "请删去重复的一行。", sheet.name, row, "A"))
            continue
        seen[entry.task_id] = row
        result.progress.append(entry)
    blank = [t for t in result.task_ids if t not in seen]
    if blank:
        result.notes.append(f"有 {len(blank)} 项任务未填写进展状态，按未报处理。")


def _progress_row(sheet: SheetGrid, row: int, id_column: int, inputs: dict, numbers: dict, layout,
                  result: ReturnFile, notes: Notes, cleaner: Cleaner) -> ReturnRow | None:
    problem = lambda message, column: result.problems.append(  # noqa: E731
        Problem(message, sheet.name, row, column_letter(column)))
    raw_id = sheet.value(row, id_column)
    values = {name: sheet.value(row, column) for name, column in inputs.items()}
    filled = {n: c for n, c in numbers.items() if sheet.value(row, c) is not None}
    if raw_id is None:
        if any(v is not None for v in values.values()) or filled:
            problem("该行没有任务编号，是模板之外新增的行。请不要增加行：每项任务在原有的行中填写。", inputs["status"])
        return None
    try:
        task_id = int(parse_number(raw_id, whole=True))
    except ValueError:
        problem(f"任务编号“{raw_id}”被改动过。请用下发的模板重新填报。", id_column)
        return None
    if task_id not in result.task_ids:
        problem(f"任务编号 {task_id} 不属于这份模板。请不要从其他单位的模板复制行。", id_column)
        return None
    for name in [n for n in filled if n not in layout.asked.get(task_id, [])]:
        notes.add(f"工作表“{sheet.name}”中灰色锁定的单元格（该任务不需填写此项）", sheet, row, filled.pop(name))
    status = cleaner.text(values["status"])
    texts = {n: cleaner.text(values[n]) for n in ("text", "problems", "next_steps")}
    if status is None:
        if any(texts.values()) or filled:
            problem("填写了进展内容，但没有选择“进展状态”。请在下拉列表中选择后再发送。", inputs["status"])
        return None
    status = clean(status)
    if status not in PROGRESS_STATUSES:
        problem(f"进展状态“{status}”不在可选范围内（{'、'.join(PROGRESS_STATUSES)}）。", inputs["status"])
        return None
    parsed = {}
    for name, column in filled.items():
        try:
            parsed[name] = parse_number(sheet.value(row, column), whole=name in layout.counts)
        except ValueError as exc:
            kind = "整数" if name in layout.counts else "数字"
            problem(f"“{name}”应填{kind}，实际是“{sheet.value(row, column)}”：{exc}。", column)
    return ReturnRow(task_id, row, status, numbers=parsed, **texts)


# ---------------------------------------------------------------------- 典型案例

def read_cases(sheet: SheetGrid, domains: dict[str, int], result: ReturnFile, notes: Notes,
               cleaner: Cleaner) -> None:
    headers = _headers(sheet)
    columns = {name: headers.get(label) for name, label in CASE_INPUTS}
    missing = [label for name, label in CASE_INPUTS if columns[name] is None]
    if missing:
        result.problems.append(Problem(f"找不到“{'、'.join(missing)}”列：模板被改动过。", sheet.name, HEADER_ROW))
        return
    result.problems += _merged_problems(sheet, set(columns.values()), HEADER_ROW + 1)
    _unknown_columns(sheet, {1, *columns.values()}, notes)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        raw = {name: sheet.value(row, column) for name, column in columns.items()}
        if all(v is None for v in raw.values()):
            continue
        if row > HEADER_ROW + CASE_ROWS:
            result.problems.append(Problem(
                f"模板只有 {CASE_ROWS} 行案例，这一行是新增的，不能导入。请不要增加行；案例较多的，"
                "请只填写最典型的，其余另行报送。", sheet.name, row, column_letter(columns["kind"])))
            continue
        case = _case_of(raw, row, sheet.name, columns, domains, result, cleaner)
        if case is not None:
            result.cases.append((row, case))


def _case_of(raw: dict, row: int, sheet_name: str, columns: dict, domains: dict[str, int],
             result: ReturnFile, cleaner: Cleaner) -> Case | None:
    errors: dict[str, str] = {}
    values = {name: cleaner.text(value) for name, value in raw.items()}
    for name in CASE_DATES:
        if raw[name] is not None:
            try:
                values[name] = parse_date(raw[name], result.period)
            except ValueError:
                errors[name] = f"日期“{values[name]}”无法识别，请写成 2020-11-30 或 2020年11月30日"
    domain = values.pop("task_id")
    choices = {clean(k): v for k, v in domains.items()}
    if domain and clean(domain) not in choices:
        errors["task_id"] = f"所属领域“{domain}”不在下拉列表中"
    task_id = choices.get(clean(domain or ""))
    for name in ("kind", "subject_type"):  # dropdown choices, maybe typed with stray spaces
        if values[name]:
            values[name] = clean(values[name])
    for name in CASE_CODES:  # a code typed into a General cell became a number, digits lost
        if isinstance(raw[name], (int, float)) and not isinstance(raw[name], bool):
            errors[name] = NUMBER_FOR_CODE
            values[name] = None
    if values["subject_code"]:
        values["subject_code"] = normalise_code(values["subject_code"])
    case = Case(task_id=task_id, **{k: v for k, v in values.items()
                                    if not (k in errors and k in CASE_DATES)})
    try:
        validate(case)
    except ValidationError as exc:
        errors = {**exc.errors, **errors}
    for name, message in errors.items():
        column = columns.get(name) or columns["kind"]
        result.problems.append(Problem(message, sheet_name, row, column_letter(column)))
    return None if errors else case


# ---------------------------------------------------------------------- 红黑名单

def read_lists(sheet: SheetGrid, result: ReturnFile, notes: Notes, cleaner: Cleaner) -> None:
    inputs = range(2, 2 + len(LIST_COLUMNS))
    result.problems += _merged_problems(sheet, set(inputs), HEADER_ROW + 1)
    _unknown_columns(sheet, {1, *inputs}, notes)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        kind = cleaner.text(sheet.value(row, 1))
        kind = clean(kind) if kind else None
        if kind not in LIST_ROWS:
            for column in inputs:
                if sheet.value(row, column) is not None:
                    notes.add(f"工作表“{sheet.name}”中不属于红名单、黑名单或重点关注名单的行", sheet, row, column)
            continue
        counts = []
        for column in inputs:
            value = sheet.value(row, column)
            if column == inputs[-1] and kind == LIST_ROWS[0] and value is not None:
                notes.add(f"工作表“{sheet.name}”中灰色锁定的单元格（红名单无信用修复）", sheet, row, column)
                value = None
            try:
                counts.append(int(parse_number(value, whole=True)) if value is not None else 0)
            except ValueError as exc:
                result.problems.append(Problem(f"名单数量应为不小于 0 的整数，实际是“{value}”：{exc}。",
                                               sheet.name, row, column_letter(column)))
                counts.append(0)
        if any(counts):
            result.list_counts[kind] = tuple(counts)
