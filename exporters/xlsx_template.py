"""报送模板 (.xlsx), one per unit and month: only the unit's tasks, input cells unlocked and
shaded and the rest protected, dropdowns for fixed choices, checks on numbers and dates, an
instructions sheet, a block of rows for typical cases, the red/black-list counts (local and
national apart), and a very hidden sheet of ids so that a returned file maps back exactly."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from exporters.xlsx_common import (
    BORDER,
    growing_row,
    header_cells,
    print_as_table,
    put,
    row_height,
    title_rows,
)
from exporters.xlsx_print import PAPER_A3, new_workbook, set_up_page
from models.cycle import month_label
from models.entries import CASE_KINDS, PROGRESS_STATUSES, SUBJECT_TYPES
from models.files import atomic_path, save_atomically
from models.returns import (
    CASE_CODES,
    CASE_DATES,
    CASE_INPUTS,
    CASE_ROWS,
    CASES_SHEET,
    DOMAIN_COLUMN,
    GUIDE_SHEET,
    HEADER_ROW,
    ID_KEYS,
    IDS_SHEET,
    LIST_COLUMNS,
    LIST_ROWS,
    LISTS_SHEET,
    MAX_NUMBER,
    PROGRESS_FIXED,
    PROGRESS_INPUTS,
    PROGRESS_SHEET,
    TemplateData,
    is_count,
)

# Keeps a unit from changing the layout by accident; the office can unprotect with it.
TEMPLATE_PASSWORD = "zxzl"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
CLOSED_FILL = PatternFill("solid", fgColor="D9D9D9")
# Widths in characters of the Normal font, chosen so each sheet prints readable: 进展情况 on
# A4 landscape at 80–90 %, 典型案例 on A3 landscape at about 85 % (see exporters.xlsx_print).
PROGRESS_WIDTHS = (6, 5, 28, 7, 20, 9, 34, 20, 20)
NUMBER_WIDTH = 9
CASE_WIDTHS = {"kind": 9, "title": 17, "task_id": 16, "subject_name": 16, "subject_type": 9,
               "subject_code": 25, "behaviour": 20, "basis": 15, "measures": 16,
               "implementing_units": 12, "occurred_on": 11, "publicity_site": 12,
               "publicity_date": 11, "outcome": 15}
# Headers as printed: broken between words where the column is narrower (the reader finds a
# column by its header with the line breaks taken out).
SHOWN_HEADERS = {"本单位职责": "本单位\n职责", "统一社会信用代码/身份证号": "统一社会信用代码\n/身份证号",
                 "依据国家标准认定（本月新增）": "依据国家标准认定\n（本月新增）",
                 "其中：已作出信用承诺、参加修复培训或接受约谈": "其中：已作出信用承诺、\n参加修复培训或接受约谈"}
WRITING_LINES = 6  # lines of 工作进展 an empty row has room for, on screen and on paper
GUIDE_WIDTH = 80  # one column of instructions, A4 portrait at full size


def build_template_workbook(data: TemplateData, *, font: str = "仿宋",
                            title_font: str = "黑体") -> Workbook:
    """One unit's template for one month."""
    book = new_workbook()
    _add_styles(book, font)
    _guide_sheet(book.active, data, font, title_font)
    _progress_sheet(book.create_sheet(PROGRESS_SHEET), data, font, title_font)
    _cases_sheet(book.create_sheet(CASES_SHEET), data, font, title_font)
    _lists_sheet(book.create_sheet(LISTS_SHEET), data, font, title_font)
    _ids_sheet(book.create_sheet(IDS_SHEET), data)
    book.security = WorkbookProtection(lockStructure=True)
    book.security.set_workbook_password(TEMPLATE_PASSWORD)
    book.active = 1  # open on the 进展情况 sheet
    return book


def template_file_name(data: TemplateData) -> str:
    """2020-11_市公安局_报送模板.xlsx (characters Windows forbids in names replaced)."""
    unit = re.sub(r'[\\/:*?"<>|\s]+', "_", data.unit_name)
    return f"{data.period}_{unit}_报送模板.xlsx"


def export_templates(templates: list[TemplateData], folder: str | Path, *, zip_name: str | None = None,
                     **fonts) -> list[Path]:
    """Write every unit's template into `folder` (and, given `zip_name`, one zip of them all)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for data in templates:
        path = folder / template_file_name(data)
        save_atomically(build_template_workbook(data, **fonts).save, path)
        paths.append(path)
    if zip_name:
        archive_path = folder / zip_name
        with atomic_path(archive_path) as temp:
            with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
                for path in paths:
                    archive.write(path, path.name)
        paths.append(archive_path)
    return paths


# ---------------------------------------------------------------------- sheets

def _add_styles(book: Workbook, font: str) -> None:
    """The body cells' named styles: text, input (shaded, unlocked) and closed (grey), each
    left or centred. One named style per cell is several times faster than setting font,
    border, alignment, fill and protection one by one, and keeps the file small."""
    for center in (False, True):
        alignment = Alignment(horizontal="center" if center else "left", vertical="center", wrap_text=True)
        for kind, fill, locked in (("text", None, True), ("input", INPUT_FILL, False),
                                   ("closed", CLOSED_FILL, True)):
            style = NamedStyle(_style_name(kind, center), font=Font(name=font, size=11), border=BORDER,
                               alignment=alignment, protection=Protection(locked=locked))
            if fill is not None:
                style.fill = fill
            book.add_named_style(style)


def _style_name(kind: str, center: bool) -> str:
    return {"text": "模板文字", "input": "模板填写", "closed": "模板不填"}[kind] + ("居中" if center else "")


def _body(cell, *, editable: bool = False, closed: bool = False, center: bool = False):
    cell.style = _style_name("input" if editable else "closed" if closed else "text", center)
    return cell


def _protect(sheet) -> None:
    """Locked cells stay as they are; row heights and column widths may still be changed."""
    protection = sheet.protection
    protection.sheet = True
    protection.formatRows = protection.formatColumns = False
    protection.set_password(TEMPLATE_PASSWORD)


def _validation(sheet, kind: str, cells: str, prompt: str, **options) -> None:
    rule = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorStyle="stop",
                          errorTitle="填写有误", error=prompt, showInputMessage=True,
                          promptTitle="填写提示", prompt=prompt, **options)
    rule.add(cells)
    sheet.add_data_validation(rule)


def _progress_sheet(sheet, data: TemplateData, font: str, title_font: str) -> None:
    numbers = data.number_columns
    names = [SHOWN_HEADERS.get(n, n) for n in (*PROGRESS_FIXED, *(label for _, label in PROGRESS_INPUTS))]
    names += numbers
    title_rows(sheet, f"{month_label(data.period)}工作进展情况报送表",
               f"填报单位：{data.unit_name}　　报送截止：{data.due}　　方案：{data.plan_title}",
               len(names), font=font, title_font=title_font)
    header_cells(sheet, HEADER_ROW, names, [*PROGRESS_WIDTHS, *([NUMBER_WIDTH] * len(numbers))], font=title_font)
    first_input, first_number = len(PROGRESS_FIXED) + 1, len(PROGRESS_FIXED) + len(PROGRESS_INPUTS) + 1
    last_row = HEADER_ROW + len(data.tasks)
    for index, task in enumerate(data.tasks, start=1):
        row = HEADER_ROW + index
        for column, value in enumerate((task.task_id, index, task.label, task.role, task.requirement), 1):
            _body(put(sheet, row, column, value), center=column in (1, 2, 4))
        for column in range(first_input, first_number):
            _body(sheet.cell(row, column), editable=True, center=column == first_input)
        for offset, name in enumerate(numbers):
            asked = name in task.numbers_asked
            _body(sheet.cell(row, first_number + offset), editable=asked, closed=not asked,
                  center=True)
        # room to write, and a row that grows as a long 工作进展 is typed in (see 填报说明)
        growing_row(sheet, row, max(row_height(["\n" * (WRITING_LINES - 1)], [PROGRESS_WIDTHS[6]]),
                                    row_height([task.label, task.requirement],
                                               [PROGRESS_WIDTHS[2], PROGRESS_WIDTHS[4]])))
    _fit_subtitle(sheet, [*PROGRESS_WIDTHS[1:], *([NUMBER_WIDTH] * len(numbers))])
    if data.tasks:
        status = get_column_letter(first_input)
        _validation(sheet, "list", f"{status}{HEADER_ROW + 1}:{status}{last_row}",
                    f"请在下拉列表中选择：{'、'.join(PROGRESS_STATUSES)}",
                    formula1=f'"{",".join(PROGRESS_STATUSES)}"')
        for offset, name in enumerate(numbers):
            letter = get_column_letter(first_number + offset)
            cells = f"{letter}{HEADER_ROW + 1}:{letter}{last_row}"
            if is_count(name):  # a count must be whole; the reader holds returns to the same
                _validation(sheet, "whole", cells, f"“{name}”请填写不小于 0 的整数（不带单位）",
                            operator="between", formula1="0", formula2=str(MAX_NUMBER))
            else:
                _validation(sheet, "decimal", cells, f"“{name}”请填写不小于 0 的数字（不带单位）",
                            operator="between", formula1="0", formula2=str(MAX_NUMBER))
    sheet.column_dimensions["A"].hidden = True
    print_as_table(sheet, header_row=HEADER_ROW)
    _protect(sheet)


def _cases_sheet(sheet, data: TemplateData, font: str, title_font: str) -> None:
    names = ["序号", *(SHOWN_HEADERS.get(label, label) for _, label in CASE_INPUTS)]
    title_rows(sheet, f"{month_label(data.period)}典型案例报送表",
               f"填报单位：{data.unit_name}　　本月有案例的，每件填一行（最多 {CASE_ROWS} 件）；"
               "案例类型、所属领域、主体类型请在下拉列表中选择；日期写成 2020-11-30。",
               len(names), font=font, title_font=title_font)
    header_cells(sheet, HEADER_ROW, names, [6, *(CASE_WIDTHS[name] for name, _ in CASE_INPUTS)],
                 font=title_font)
    last_row = HEADER_ROW + CASE_ROWS
    for row in range(HEADER_ROW + 1, last_row + 1):
        _body(sheet.cell(row, 1, row - HEADER_ROW), center=True)
        for column in range(2, len(names) + 1):
            _body(sheet.cell(row, column), editable=True)
        growing_row(sheet, row, 30)  # room to write, also on a printed copy; grows with the text
    column_of = {name: get_column_letter(i) for i, (name, _) in enumerate(CASE_INPUTS, start=2)}
    span = lambda name: f"{column_of[name]}{HEADER_ROW + 1}:{column_of[name]}{last_row}"  # noqa: E731
    _validation(sheet, "list", span("kind"), f"请选择：{'、'.join(CASE_KINDS)}",
                formula1=f'"{",".join(CASE_KINDS)}"')
    _validation(sheet, "list", span("subject_type"), f"请选择：{'、'.join(SUBJECT_TYPES)}",
                formula1=f'"{",".join(SUBJECT_TYPES)}"')
    if data.domains:
        letter = get_column_letter(DOMAIN_COLUMN)
        _validation(sheet, "list", span("task_id"), "请在下拉列表中选择案例所属的治理领域",
                    formula1=f"'{IDS_SHEET}'!${letter}$2:${letter}${len(data.domains) + 1}")
    for name in CASE_DATES:
        _validation(sheet, "date", span(name), "请填写日期，如 2020-11-30",
                    operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)")
    formats = {**dict.fromkeys(CASE_DATES, "yyyy-mm-dd"), **dict.fromkeys(CASE_CODES, "@")}
    for name, number_format in formats.items():  # "@": a typed 18-digit number stays text
        for row in range(HEADER_ROW + 1, last_row + 1):
            sheet[f"{column_of[name]}{row}"].number_format = number_format
    _fit_subtitle(sheet, [6, *(CASE_WIDTHS[name] for name, _ in CASE_INPUTS)])
    print_as_table(sheet, header_row=HEADER_ROW, paper=PAPER_A3)
    _protect(sheet)


def _fit_subtitle(sheet, widths: list[float]) -> None:
    """Row 2 (the line under the title) as tall as its text across the table."""
    sheet.row_dimensions[2].height = row_height([sheet.cell(2, 1).value], [sum(widths)])


def _lists_sheet(sheet, data: TemplateData, font: str, title_font: str) -> None:
    names = ["名单类型", *(SHOWN_HEADERS.get(n, n) for n in LIST_COLUMNS)]
    title_rows(sheet, f"{month_label(data.period)}红黑名单情况",
               f"填报单位：{data.unit_name}　　填写本月新认定的名单主体个数：地方认定与依据国家标准认定分开填写，"
               "没有的填 0 或留空。", len(names), font=font, title_font=title_font)
    header_cells(sheet, HEADER_ROW, names, [16, 22, 26, 34], font=title_font)
    for row, kind in enumerate(LIST_ROWS, start=HEADER_ROW + 1):
        _body(sheet.cell(row, 1, kind), center=True)
        for column in (2, 3, 4):
            repair = column == 4 and kind == "红名单"  # only listed subjects make commitments
            _body(sheet.cell(row, column), editable=not repair, closed=repair, center=True)
        sheet.row_dimensions[row].height = 24
    _fit_subtitle(sheet, [16, 22, 26, 34])
    _validation(sheet, "whole", f"B{HEADER_ROW + 1}:D{HEADER_ROW + len(LIST_ROWS)}",
                "请填写不小于 0 的整数", operator="greaterThanOrEqual", formula1="0")
    print_as_table(sheet, header_row=HEADER_ROW)
    _protect(sheet)


def _guide_sheet(sheet, data: TemplateData, font: str, title_font: str) -> None:
    sheet.title = GUIDE_SHEET
    month = month_label(data.period)
    lines = [
        f"{data.unit_name}：",
        f"请于 {data.due} 前填写本表，报送{data.office or '专项治理工作办公室'}。本表只列出贵单位{month}"
        f"须报送的 {len(data.tasks)} 项任务。",
        "1．“进展情况”表：每项任务在原有的行中填写，浅黄色单元格可以填写，灰色和白色单元格已锁定。"
        "“进展状态”请在下拉列表中选择（未启动 / 推进中 / 已完成 / 滞后）；数据项只填数字，不带单位。",
        "2．“典型案例”表：本月有守信激励、失信惩戒、行政奖励等典型案例的，每件填一行，按规范格式写明主体、"
        "行为、依据、措施、实施单位和日期；身份证号码请完整填写，汇总时会脱敏处理。",
        "3．“红黑名单”表：填写本月新认定的红名单、黑名单、重点关注名单主体个数，地方认定与依据国家标准认定分开填写。",
        "4．请不要增加、删除或移动工作表，不要增加行或合并单元格，不要设置打开密码；"
        "保存为 Excel 工作簿（.xlsx）后发送，文件名保留单位名称。",
        "5．同一月份重新报送的，以最后收到的文件为准，会整体替换前一次报送的内容。",
        "6．填写的文字较多时，行高会随内容自动增高。如打印预览中文字显示不全，请选中这些行，点“开始 → 格式 → "
        "自动调整行高”（WPS：“行和列 → 最适合的行高”）后再打印。身份证号码、统一社会信用代码所在列已设为文本格式，"
        "请直接输入完整号码。",
    ]
    sheet.column_dimensions["A"].width = GUIDE_WIDTH
    put(sheet, 1, 1, f"{month}报送模板填报说明").font = Font(name=title_font, size=16, bold=True)
    sheet.row_dimensions[1].height = 32
    for row, text in enumerate(lines, start=3):
        cell = put(sheet, row, 1, text)
        cell.font = Font(name=font, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = row_height([text], [GUIDE_WIDTH], size=12)
    set_up_page(sheet, header_rows=None, landscape=False)
    _protect(sheet)


def _ids_sheet(sheet, data: TemplateData) -> None:
    values = data.id_values()
    for row, (key, label) in enumerate(ID_KEYS, start=1):
        sheet.cell(row, 1, label)
        put(sheet, row, 2, values[key])
    sheet.cell(1, DOMAIN_COLUMN, "所属领域")
    for row, (task_id, label) in enumerate(data.domains, start=2):
        put(sheet, row, DOMAIN_COLUMN, label)
        sheet.cell(row, DOMAIN_COLUMN + 1, task_id)
    sheet.sheet_state = "veryHidden"
    _protect(sheet)
