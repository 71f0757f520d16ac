"""Codes stay text: the 统一社会信用代码/身份证号 cells of the template and of the 典型案例报送表
are text cells, so Excel and WPS keep an 18-digit number typed there whole; a number that
reaches the reader anyway is refused with what happened and what to do, not with a check
digit that the lost digits made wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import run_main
from returns_kit import CASE_LABELS, RECEIVED, fill_template, headers, task_rows

from importers.returns_xlsx import read_return
from models.returns import CASE_ROWS, CASES_SHEET, HEADER_ROW, NUMBER_FOR_CODE

PLAN, PERIOD = 4, "2018-11"
CASE = {"kind": "守信激励", "title": "张某诚信经营案", "subject_name": "张某", "subject_type": "自然人",
        "behaviour": "诚信经营", "basis": "备忘录", "measures": "绿色通道", "implementing_units": "市法院",
        "occurred_on": "2018-11-06"}


@pytest.fixture(scope="module")
def template(demo_master, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("codes")
    result = run_main("export", "templates", "--ledger", demo_master, "--plan", PLAN, "--period", PERIOD,
                      "-o", folder)
    assert result.returncode == 0, result.stderr
    return next(Path(p) for p in result.stdout.split() if p.endswith(".xlsx"))


def test_the_code_column_of_the_template_is_text(template):
    sheet = openpyxl.load_workbook(template)[CASES_SHEET]
    column = headers(sheet)[CASE_LABELS["subject_code"]]
    assert openpyxl.utils.get_column_letter(column) == "G"
    formats = {sheet.cell(r, column).number_format for r in range(HEADER_ROW + 1, HEADER_ROW + CASE_ROWS + 1)}
    assert formats == {"@"}  # G4:G53
    others = {sheet.cell(HEADER_ROW + 1, c).number_format for c in range(2, column)}
    assert "@" not in others  # only the code column: dates and choices keep their formats


def test_a_number_in_the_code_column_is_refused_saying_what_happened(template, demo_master, tmp_path):
    path = Path(shutil.copyfile(template, tmp_path / template.name))
    fill_template(path, progress={t: {"status": "推进中", "text": "已推进"} for t in task_rows(path)},
                  cases=[{**CASE, "subject_code": "11010519491231002X"},
                         {**CASE, "title": "李某诚信经营案", "subject_code": 110105194912310000}])
    assert openpyxl.load_workbook(path)[CASES_SHEET]["G5"].value == 110105194912310000  # a number
    problems = read_return(path).problems
    assert [(p.sheet, p.row, p.column, p.message) for p in problems] == \
        [(CASES_SHEET, 5, "G", NUMBER_FOR_CODE)]
    assert "科学计数法" in NUMBER_FOR_CODE and "文本" in NUMBER_FOR_CODE and "'" in NUMBER_FOR_CODE
    assert "校验位" not in str(problems[0])
    ledger = shutil.copyfile(demo_master, tmp_path / "台账.sqlite")
    result = run_main("import-returns", path, "--ledger", ledger, "--received", RECEIVED, "--dry-run")
    assert "工作表“典型案例”第5行G列：这里是数字，不是文字" in result.stdout + result.stderr


def test_codes_in_the_case_table_are_text(demo_master, tmp_path):
    out = tmp_path / "案例.xlsx"
    result = run_main("export", "cases", "--ledger", demo_master, "--plan", PLAN, "-o", out)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["典型案例报送表"]
    assert sheet.cell(2, 7).value.replace("\n", "") == "统一社会信用代码/身份证号"
    rows = range(3, sheet.max_row + 1)
    assert rows and all(sheet.cell(r, 7).number_format == "@" for r in rows)
    assert all(sheet.cell(r, 6).number_format != "@" for r in rows)
