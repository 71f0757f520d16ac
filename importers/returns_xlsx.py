"""Reading a returned 报送模板 into plain records: its hidden ids, each task's progress, the
unit's typical cases and red/black-list counts, and every problem with its sheet, row and
column. The ids sheet is read first and says the template's own bounds (its tasks, numbers
and rows); the input sheets are then read as a stream within them. Columns are found by their
headers; rows by the task id they carry. Nothing here knows the ledger: `Ledger.check_return`
does that part."""

from __future__ import annotations

import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from importers.return_book import open_return_book
from importers.return_sheets import Notes, read_cases, read_lists, read_progress
from importers.return_values import Cleaner, clean
from importers.workbook_source import SheetGrid, WorkbookError
from importers.xlsx_stream import Bounds, OutOfBounds
from importers.xml_stream import column_letter
from models.returns import (
    CASE_INPUTS,
    CASE_ROWS,
    CASES_SHEET,
    DOMAIN_COLUMN,
    HEADER_ROW,
    ID_KEYS,
    IDS_EXTENT,
    IDS_SHEET,
    LIST_COLUMNS,
    LIST_ROWS,
    LISTS_SHEET,
    MARGIN_COLUMNS,
    MARGIN_ROWS,
    PROGRESS_FIXED,
    PROGRESS_INPUTS,
    PROGRESS_SHEET,
    READABLE_VERSIONS,
    TEMPLATE_VERSION,
    Problem,
    ReturnFile,
    parse_asked,
    split_names,
)

_SHOWN_UNIT = re.compile(r"填报单位\s*[：:]\s*([^\s　]+)")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
INPUT_SHEETS = (PROGRESS_SHEET, CASES_SHEET, LISTS_SHEET)


@dataclass
class Layout:
    """What a template defines, read back from its ids: its tasks and the numbers they ask."""

    task_ids: list[int]
    numbers: list[str]
    counts: set[str]
    asked: dict[int, list[str]]

    def bounds(self) -> dict[str, Bounds]:
        """Each input sheet's table, with the stated margin."""
        extent = {PROGRESS_SHEET: (HEADER_ROW + len(self.task_ids),
                                   len(PROGRESS_FIXED) + len(PROGRESS_INPUTS) + len(self.numbers)),
                  CASES_SHEET: (HEADER_ROW + CASE_ROWS, 1 + len(CASE_INPUTS)),
                  LISTS_SHEET: (HEADER_ROW + len(LIST_ROWS), 1 + len(LIST_COLUMNS))}
        return {name: Bounds(rows, columns, MARGIN_ROWS, MARGIN_COLUMNS)
                for name, (rows, columns) in extent.items()}


def collect_return_files(paths: list[str | Path]) -> list[Path]:
    """The files named (whatever they are: a missing or odd one is refused by name when
    read), and the workbooks inside named folders — not Office's lock files (~$), not macOS's
    "._" companions — oldest first: a corrected resubmission, saved later, is taken last and
    so wins. Anything in a folder that is not a regular file (a pipe, a device) is listed
    too, so the office sees it refused rather than missing."""
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            found += [p for p in item.rglob("*") if p.suffix.lower() in WORKBOOK_SUFFIXES
                      and not p.name.startswith(("~$", ".~", "._")) and not p.is_dir()]
        else:
            found.append(item)
    return sorted(dict.fromkeys(found), key=lambda p: (_saved_at(p), str(p)))


def _saved_at(path: Path) -> float:
    try:
        return os.lstat(path).st_mtime
    except OSError:
        return 0.0


def is_return_template(path: str | Path) -> bool:
    """True for a file that looks like a returned 报送模板 (old formats included), without
    parsing it: a plan's .xlsx lacks the template's id sheet."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".et", ".ods"):
        return True
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # the returns import says what is wrong with it
        with zipfile.ZipFile(path) as archive:
            book = next((i for i in archive.infolist()
                         if i.filename.replace("\\", "/").lower().endswith("xl/workbook.xml")), None)
            return book is None or book.file_size > 4 * 1024 * 1024 or IDS_SHEET.encode() in archive.read(book)
    except (OSError, KeyError, zipfile.BadZipFile, zlib.error, NotImplementedError):
        return True  # a damaged workbook: the returns import says what is wrong with it


def read_return(path: str | Path) -> ReturnFile:
    """A returned template, read within its bounds; problems are collected, never raised."""
    result = ReturnFile(str(path))
    try:
        with open_return_book(path) as book:
            layout = _read_ids(book, result)
            if layout is None:
                return result
            missing = [name for name in INPUT_SHEETS if name not in book.titles]
            if missing:
                result.problems.append(Problem(f"缺少工作表“{'、'.join(missing)}”：模板被改动过。"
                                               "请用下发的模板重新填报。"))
                return result
            sheets = book.sheets(layout.bounds())
    except OutOfBounds as exc:
        result.problems.append(Problem(exc.reason, exc.sheet, exc.row, column_letter(exc.column)))
        return result
    except WorkbookError as exc:
        result.problems.append(Problem(str(exc)))
        return result
    except OSError as exc:  # the file went away or was locked while it was read
        from models.files import describe_os_error

        result.problems.append(Problem(describe_os_error(exc, path)))
        return result
    _read_inputs(sheets, layout, result)
    return result


def _read_inputs(sheets: dict[str, SheetGrid], layout: Layout, result: ReturnFile) -> None:
    for name in INPUT_SHEETS:
        for row, column in sorted(sheets[name].uncalculated):
            if row > HEADER_ROW:
                result.problems.append(Problem(
                    "这里是公式，但文件中没有它的计算结果（保存文件的程序没有计算公式）。请在 Excel 或 WPS "
                    "中打开、保存后重新发送，或直接填写数值。", name, row, column_letter(column)))
    if result.problems:
        return
    notes, cleaner = Notes(), Cleaner()
    result.shown_units = shown_units(sheets)
    read_progress(sheets[PROGRESS_SHEET], layout, result, notes, cleaner)
    read_cases(sheets[CASES_SHEET], dict((label, task_id) for task_id, label in result.domains),
               result, notes, cleaner)
    read_lists(sheets[LISTS_SHEET], result, notes, cleaner)
    result.notes += notes.lines()
    if cleaner.removed:
        result.notes.append(f"文件中有 {cleaner.removed} 个不可见的控制字符（多为从其他程序复制带入），已删除。")
    if not (result.problems or result.progress or result.cases or result.list_counts):
        # taking an empty file would replace the unit's month with nothing
        result.problems.append(Problem("文件中没有填写任何进展、案例或名单数量，可能发错了文件（未填写的空模板）。"
                                       "请报送单位填写后重新发送。", PROGRESS_SHEET))


def shown_units(sheets: dict[str, SheetGrid]) -> list[str]:
    """The units the sheets name on their second line (填报单位：市财政局　　…), each once."""
    names = []
    for name in INPUT_SHEETS:
        found = _SHOWN_UNIT.search(Cleaner().text(sheets[name].value(2, 1)) or "")
        if found and found.group(1) not in names:
            names.append(found.group(1))
    return names


# ---------------------------------------------------------------------- ids

def _read_ids(book, result: ReturnFile) -> Layout | None:
    """The hidden ids, into `result`; the template's layout, or None (with a problem)."""
    ids = book.sheets({IDS_SHEET: Bounds(*IDS_EXTENT)}).get(IDS_SHEET)
    if ids is None:
        result.problems.append(Problem(
            "这不是本程序下发的报送模板（没有“模板标识”）。请报送单位用下发的模板填报，"
            "不要复制内容到新建的工作簿。"))
        return None
    labels = {clean(ids.value(r, 1)): ids.value(r, 2) for r in range(1, len(ID_KEYS) + 1)
              if ids.value(r, 1) is not None}
    raw = {key: _id_text(labels.get(label)) for key, label in ID_KEYS}
    try:
        result.version = int(raw["version"])
    except ValueError:
        result.version = None
    if result.version not in READABLE_VERSIONS:
        result.problems.append(Problem(_version_problem(result.version)))
        return None
    try:
        result.plan_id, result.unit_id = int(raw["plan_id"]), int(raw["unit_id"])
        result.task_ids = [int(t) for t in raw["task_ids"].split(",") if t.strip()]
        asked = parse_asked(raw["asked"])
        result.domains = [(int(ids.value(r, DOMAIN_COLUMN + 1)), str(ids.value(r, DOMAIN_COLUMN)))
                          for r in range(2, ids.max_row + 1) if ids.value(r, DOMAIN_COLUMN)]
    except (TypeError, ValueError):
        result.problems.append(Problem("模板的隐藏标识被改动过，无法确认它属于哪个单位、哪个月。"
                                       "请该单位用下发的原模板重新填报。"))
        return None
    result.ids = raw
    result.unit_name, result.period, result.signature = raw["unit_name"], raw["period"], raw["signature"]
    numbers = split_names(raw["numbers"])
    return Layout(result.task_ids, numbers, set(split_names(raw["counts"])), asked)


def _id_text(value) -> str:
    """An id cell as the text it was written from (a number re-saved as 12.0 reads 12)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _version_problem(version: int | None) -> str:
    readable = "、".join(map(str, READABLE_VERSIONS))
    if version is None:
        return "模板的隐藏标识被改动过（没有模板版本），请该单位用下发的原模板重新填报。"
    if version < TEMPLATE_VERSION:
        return (f"这是第 {version} 版的报送模板（由旧版本程序生成，没有本台账的识别码），本程序只能读取第 "
                f"{readable} 版。请重新导出本月的报送模板发给该单位，由其用新模板重新填报。")
    return (f"这是第 {version} 版的报送模板（由更新版本的程序生成），本程序只能读取第 {readable} 版。"
            "请升级本程序后再导入。")
