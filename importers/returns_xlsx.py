"""Reading a returned 报送模板 into plain records: its hidden ids, each task's progress, the
unit's typical cases and red/black-list counts, and every problem with its sheet, row and
column. Columns are found by their headers; rows by the task id they carry. Nothing here
knows the ledger: `Ledger.check_return` does that part."""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter

from importers.deadlines import parse_deadline
from importers.workbook_source import SheetGrid, WorkbookError, as_date, open_workbook
from models.entries import PROGRESS_STATUSES, Case
from models.identifiers import normalise_code
from models.returns import (
    CASE_DATES,
    CASE_INPUTS,
    CASES_SHEET,
    DOMAIN_COLUMN,
    HEADER_ROW,
    ID_KEYS,
    IDS_SHEET,
    LIST_ROWS,
    LISTS_SHEET,
    PROGRESS_INPUTS,
    PROGRESS_SHEET,
    READABLE_VERSIONS,
    TASK_ID_HEADER,
    Problem,
    ReturnFile,
    ReturnRow,
)
from models.validation import ValidationError, validate

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_MEASURE_WORDS = re.compile(r"(件|个|户|家|人|起|条|次|项|元|万元|宗|批|份|处|所|名)$")
_EXCEL_EPOCH = date(1899, 12, 30)


def collect_return_files(paths: list[str | Path]) -> list[Path]:
    """The workbooks named, and those inside named folders (not their subfolders' temp files),
    oldest first: a corrected resubmission, saved later, is taken last and so wins."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found += [p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                      and not p.name.startswith(("~$", ".~"))]
        else:
            found.append(item)
    return sorted(dict.fromkeys(found), key=lambda p: (p.stat().st_mtime if p.exists() else 0, str(p)))


def is_return_template(path: str | Path) -> bool:
    """True for a file that looks like a returned 报送模板 (old formats included), without
    parsing it: a plan's .xlsx lacks the template's id sheet."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".et"):
        return True
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            return IDS_SHEET.encode() in archive.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error):
        return True  # a damaged workbook: the returns import says what is wrong with it


def read_return(path: str | Path) -> ReturnFile:
    """A returned template, read whole; problems are collected, never raised."""
    result = ReturnFile(str(path))
    try:
        sheets = open_workbook(path)
    except WorkbookError as exc:
        result.problems.append(Problem(str(exc)))
        return result
    ids = sheets.get(IDS_SHEET)
    if ids is None or not _read_ids(ids, result):
        if not result.problems:
            result.problems.append(Problem(
                "这不是本程序下发的报送模板（没有“模板标识”）。请报送单位用下发的模板填报，"
                "不要复制内容到新建的工作簿。"))
        return result
    for name in (PROGRESS_SHEET, CASES_SHEET, LISTS_SHEET):
        if name not in sheets:
            result.problems.append(Problem(f"缺少工作表“{name}”：模板被改动过。请用下发的模板重新填报。"))
    if result.problems:
        return result
    for name in (PROGRESS_SHEET, CASES_SHEET, LISTS_SHEET):
        for row, column in sorted(sheets[name].uncalculated):
            if row > HEADER_ROW:
                result.problems.append(Problem(
                    "这里是公式，但文件中没有它的计算结果（保存文件的程序没有计算公式）。请在 Excel 或 WPS "
                    "中打开、保存后重新发送，或直接填写数值。", name, row, get_column_letter(column)))
    if result.problems:
        return result
    domains = {str(ids.value(r, DOMAIN_COLUMN)).strip(): int(ids.value(r, DOMAIN_COLUMN + 1))
               for r in range(2, ids.max_row + 1) if ids.value(r, DOMAIN_COLUMN)}
    _read_progress(sheets[PROGRESS_SHEET], result)
    _read_cases(sheets[CASES_SHEET], result, domains)
    _read_lists(sheets[LISTS_SHEET], result)
    if not (result.problems or result.progress or result.cases or result.list_counts):
        # taking an empty file would replace the unit's month with nothing
        result.problems.append(Problem("文件中没有填写任何进展、案例或名单数量，可能发错了文件（未填写的空模板）。"
                                       "请报送单位填写后重新发送。", PROGRESS_SHEET))
    return result


# ---------------------------------------------------------------------- ids

def _read_ids(sheet: SheetGrid, result: ReturnFile) -> bool:
    values = {sheet.value(r, 1): sheet.value(r, 2) for r in range(1, sheet.max_row + 1)}
    raw = {key: values.get(label) for key, label in ID_KEYS}
    try:
        result.version = int(raw["version"])
    except (TypeError, ValueError):
        return False
    if result.version not in READABLE_VERSIONS:
        result.problems.append(Problem(
            f"这是第 {result.version} 版的报送模板，本程序只能读取第 {'、'.join(map(str, READABLE_VERSIONS))} "
            "版。请报送单位用本月下发的新模板重新填报。"))
        return False
    try:
        result.plan_id, result.unit_id = int(raw["plan_id"]), int(raw["unit_id"])
        result.task_ids = [int(t) for t in str(raw["task_ids"] or "").split(",") if t.strip()]
    except (TypeError, ValueError):
        return False
    result.unit_name = str(raw["unit_name"] or "")
    result.period = str(raw["period"] or "")
    result.signature = str(raw["signature"] or "")
    return True


# ---------------------------------------------------------------------- helpers

def _headers(sheet: SheetGrid) -> dict[str, int]:
    found = {}
    for (row, column), value in sheet.cells.items():
        if row == HEADER_ROW and isinstance(value, str):
            found.setdefault(_clean(value), column)
    return found


def _clean(value) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def _text(value) -> str | None:
    """A cell as text, as the unit wrote it (a leading = + - @ stays text)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date().isoformat()
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").strip()
    return text or None


def parse_number(value) -> float:
    """A number from a cell: numbers as they are; text with full-width digits, thousands
    separators, spaces or a measure word (１２件) read as the number. ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace(" ", "").strip()
    text = _MEASURE_WORDS.sub("", text)
    if not _NUMBER.match(text):
        raise ValueError(text)
    return float(text)


def parse_date(value, period: str) -> str:
    """An ISO date from a cell: a real date, an Excel serial number, or words such as
    2020年11月30日, 2020.11.30, 2020/11/30 or 11月20日前 (the year taken from the month
    reported). ValueError otherwise."""
    day = as_date(value)
    if day:
        return day.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 < value < 80000:
        return date.fromordinal(_EXCEL_EPOCH.toordinal() + int(value)).isoformat()
    text = unicodedata.normalize("NFKC", str(value)).replace(" ", "")
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    found = parse_deadline(text, int(period[:4]) if period[:4].isdigit() else None).date
    if not found:
        raise ValueError(text)
    return found


def _merged_problems(sheet: SheetGrid, columns: set[int], first_row: int) -> list[Problem]:
    """Merged cells over input cells hide all but one value: say where, refuse the file."""
    problems = []
    for r1, c1, r2, c2 in sheet.merged:
        if r2 >= first_row and any(c1 <= c <= c2 for c in columns):
            where = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
            problems.append(Problem(f"单元格 {where} 被合并，合并后只保留一个值。请取消合并，每格分别填写后再发送。",
                                    sheet.name, max(r1, first_row), get_column_letter(c1)))
    return problems


# ---------------------------------------------------------------------- 进展情况

def _read_progress(sheet: SheetGrid, result: ReturnFile) -> None:
    headers = _headers(sheet)
    id_column = headers.get(TASK_ID_HEADER, 1)
    inputs = {name: headers.get(label) for name, label in PROGRESS_INPUTS}
    missing = [label for name, label in PROGRESS_INPUTS if inputs[name] is None]
    if missing:
        result.problems.append(Problem(f"找不到“{'、'.join(missing)}”列：模板被改动过。请用下发的模板重新填报。",
                                       sheet.name, HEADER_ROW))
        return
    fixed = set(inputs.values()) | {id_column}
    numbers = {name: column for name, column in headers.items()
               if column > max(inputs.values()) and column not in fixed}
    result.problems += _merged_problems(sheet, set(inputs.values()) | set(numbers.values()), HEADER_ROW + 1)
    seen: dict[int, int] = {}
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        entry = _progress_row(sheet, row, id_column, inputs, numbers, result)
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


def _progress_row(sheet: SheetGrid, row: int, id_column: int, inputs: dict, numbers: dict,
                  result: ReturnFile) -> ReturnRow | None:
    problem = lambda message, column: result.problems.append(  # noqa: E731
        Problem(message, sheet.name, row, get_column_letter(column)))
    raw_id = sheet.value(row, id_column)
    values = {name: sheet.value(row, column) for name, column in inputs.items()}
    filled = {n: v for n, v in numbers.items() if sheet.value(row, v) is not None}
    if raw_id is None:
        if any(v is not None for v in values.values()) or filled:
            problem("该行没有任务编号，是模板之外新增的行。请不要增加行：每项任务在原有的行中填写。", inputs["status"])
        return None
    try:
        task_id = int(parse_number(raw_id))
    except ValueError:
        problem(f"任务编号“{raw_id}”被改动过。请用下发的模板重新填报。", id_column)
        return None
    if task_id not in result.task_ids:
        problem(f"任务编号 {task_id} 不属于这份模板。请不要从其他单位的模板复制行。", id_column)
        return None
    status = _text(values["status"])
    texts = {n: _text(values[n]) for n in ("text", "problems", "next_steps")}
    if status is None:
        if any(texts.values()) or filled:
            problem("填写了进展内容，但没有选择“进展状态”。请在下拉列表中选择后再发送。", inputs["status"])
        return None
    status = _clean(status)
    if status not in PROGRESS_STATUSES:
        problem(f"进展状态“{status}”不在可选范围内（{'、'.join(PROGRESS_STATUSES)}）。", inputs["status"])
        return None
    parsed = {}
    for name, column in filled.items():
        try:
            parsed[name] = parse_number(sheet.value(row, column))
        except ValueError:
            problem(f"“{name}”应填数字，实际是“{sheet.value(row, column)}”。", column)
            continue
        if parsed[name] < 0:
            problem(f"“{name}”不能为负数。", column)
    return ReturnRow(task_id, row, status, numbers=parsed, **texts)


# ---------------------------------------------------------------------- 典型案例

def _read_cases(sheet: SheetGrid, result: ReturnFile, domains: dict[str, int]) -> None:
    headers = _headers(sheet)
    columns = {name: headers.get(label) for name, label in CASE_INPUTS}
    missing = [label for name, label in CASE_INPUTS if columns[name] is None]
    if missing:
        result.problems.append(Problem(f"找不到“{'、'.join(missing)}”列：模板被改动过。", sheet.name, HEADER_ROW))
        return
    result.problems += _merged_problems(sheet, set(columns.values()), HEADER_ROW + 1)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        raw = {name: sheet.value(row, column) for name, column in columns.items()}
        if all(v is None for v in raw.values()):
            continue
        case = _case_of(raw, row, sheet.name, columns, domains, result)
        if case is not None:
            result.cases.append((row, case))


def _case_of(raw: dict, row: int, sheet_name: str, columns: dict, domains: dict[str, int],
             result: ReturnFile) -> Case | None:
    errors: dict[str, str] = {}
    values = {name: _text(value) for name, value in raw.items()}
    for name in CASE_DATES:
        if raw[name] is not None:
            try:
                values[name] = parse_date(raw[name], result.period)
            except ValueError:
                errors[name] = f"日期“{values[name]}”无法识别，请写成 2020-11-30 或 2020年11月30日"
    domain = values.pop("task_id")
    if domain and _clean(domain) not in {_clean(k) for k in domains}:
        errors["task_id"] = f"所属领域“{domain}”不在下拉列表中"
    task_id = next((v for k, v in domains.items() if _clean(k) == _clean(domain or "")), None)
    for name in ("kind", "subject_type"):  # dropdown choices, maybe typed with stray spaces
        if values[name]:
            values[name] = _clean(values[name])
    if values["subject_code"]:
        values["subject_code"] = normalise_code(values["subject_code"])
    case = Case(task_id=task_id, **{k: v for k, v in values.items() if not (k in errors and k in CASE_DATES)})
    try:
        validate(case)
    except ValidationError as exc:
        errors = {**exc.errors, **errors}
    for name, message in errors.items():
        column = columns.get(name) or columns["kind"]
        result.problems.append(Problem(message, sheet_name, row, get_column_letter(column)))
    return None if errors else case


# ---------------------------------------------------------------------- 红黑名单

def _read_lists(sheet: SheetGrid, result: ReturnFile) -> None:
    result.problems += _merged_problems(sheet, {2, 3, 4}, HEADER_ROW + 1)
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        kind = _text(sheet.value(row, 1))
        if kind is None or _clean(kind) not in LIST_ROWS:
            continue
        counts = []
        for column in (2, 3, 4):
            value = sheet.value(row, column)
            try:
                number = parse_number(value) if value is not None else 0.0
            except ValueError:
                number = -1.0
            if number < 0 or not number.is_integer():
                result.problems.append(Problem(f"名单数量应为不小于 0 的整数，实际是“{value}”。",
                                               sheet.name, row, get_column_letter(column)))
            counts.append(int(number))
        if any(counts):
            result.list_counts[_clean(kind)] = tuple(counts)
