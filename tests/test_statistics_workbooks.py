"""The statistics workbooks from the demo ledger, reopened: 进展统计表 (every report owed, its
state, the numbers and their totals), 典型案例报送表 (规范格式, IDs masked, streamed), 红黑名单统计表
(per unit and per domain, the plan's ratios marked) — layout and print setup as described."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from conftest import run_main

from models.ledger import Ledger

PLAN, PERIOD = 4, "2018-11"


@pytest.fixture(scope="module")
def books(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("books")
    out = {}
    for kind in ("progress", "cases", "lists"):
        out[kind] = folder / f"{kind}.xlsx"
        result = run_main("export", kind, "--ledger", demo_master, "--plan", PLAN, "--period", PERIOD,
                          "-o", out[kind])
        assert result.returncode == 0, result.stderr
    return out


def print_setup(sheet, header: str, paper: int = 9) -> None:
    assert sheet.print_title_rows == header and sheet.page_setup.paperSize == paper
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_progress_table_lists_every_report_owed_with_totals(books, demo_master):
    book = openpyxl.load_workbook(books["progress"])
    sheet = book["进展统计表"]
    with Ledger.open(demo_master, readonly=True) as ledger:
        report = ledger.month_report(PLAN, PERIOD, date.today())
        stored = {(p.task_id, p.unit_id): p for p in ledger.progress(period=PERIOD)}
    header = [c.value.replace("\n", "") for c in sheet[3]]  # a narrow header breaks between words
    assert header[:9] == ["序号", "重点工作任务", "责任单位", "职责", "报送状态", "进展状态", "工作进展",
                          "存在问题", "下步计划"]
    assert sheet["E3"].value == "报送\n状态" and sheet["F3"].value == "进展\n状态"
    assert "排查数" in header and "整治数" in header and header[-1] == "收到日期"
    last = header.index("收到日期") + 1
    assert f"A1:{openpyxl.utils.get_column_letter(last)}1" in {str(r) for r in sheet.merged_cells.ranges}
    lines = [row for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]
    assert len(lines) == len(report.rows)
    assert [(r[2], r[4]) for r in lines] == [(row.unit_name, row.state) for row in report.rows]
    numbers = header.index("排查数")
    want = sum(p.numbers.get("排查数", 0) for (t, u), p in stored.items()
               if (t, u) in {(r.task_id, r.unit_id) for r in report.rows})
    total_row = [c.value for c in sheet[sheet.max_row]]
    assert total_row[0].startswith(f"合计：应报 {len(report.rows)} 项") and total_row[numbers] == want
    # a task reported by several units is one merged cell down their rows
    task_merges = [r for r in sheet.merged_cells.ranges if r.min_col == r.max_col == 2]
    assert task_merges and all(r.max_row > r.min_row for r in task_merges)
    print_setup(sheet, "$3:$3")
    assert sheet.freeze_panes == "A4"
    units = book["单位汇总"]
    figures = {row[1]: row[2:7] for row in units.iter_rows(min_row=4, values_only=True) if row[1] != "合计"}
    assert figures == {u.name: (u.owed, u.states["按时"], u.states["逾期"], u.states["未报"], u.states["未到期"])
                       for u in report.units}
    print_setup(units, "$3:$3")


def test_case_table_in_the_standard_columns_with_ids_masked(books, demo_master):
    sheet = openpyxl.load_workbook(books["cases"]).active
    with Ledger.open(demo_master, readonly=True) as ledger:
        data = ledger.case_table(PLAN, PERIOD)
    assert [c.value.replace("\n", "") for c in sheet[2]][:7] == ["序号", "案例类型", "案例标题", "所属领域", "主体名称", "主体类型",
                                               "统一社会信用代码/身份证号"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(data.cases) > 0
    assert [r[2] for r in rows] == [c.title for c, _, _ in data.cases]
    people = [r[6] for r in rows if r[5] == "自然人"]
    assert all("*" in code for code in people if code)
    assert "A1:P1" in {str(r) for r in sheet.merged_cells.ranges}
    print_setup(sheet, "$2:$2", paper=8)  # A3: sixteen columns
    assert sheet["C3"].style == "案例表正文" and sheet["C2"].style == "案例表表头"


def test_list_table_per_unit_and_domain_with_the_plans_ratios(books, demo_master):
    book = openpyxl.load_workbook(books["lists"])
    assert book.sheetnames == ["按单位", "按领域"]
    sheet = book["按单位"]
    assert "案例数量不低于" not in sheet["A2"].value  # the words are the table's own
    assert "案例数占名单数不低于10%" in sheet["A2"].value and "承诺修复占比超过50%" in sheet["A2"].value
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C3:D3", "E3:F3", "G3:H3", "A3:A4", "B3:B4"} <= merged
    assert [sheet.cell(4, c).value.replace("\n", "") for c in range(3, 9)] == ["地方", "国家标准"] * 3
    with Ledger.open(demo_master, readonly=True) as ledger:
        data = ledger.list_table(PLAN, PERIOD)
    rows = {row[1]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    for line in data.units:
        assert rows[line.name][8] == line.total and rows[line.name][9] == line.cases
    total = rows["合计"]
    assert total[8] == sum(line.total for line in data.units)
    listed = [line for line in data.units if line.total]
    assert listed, "the demo has list entries"
    for line in listed:
        row = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 2).value == line.name)
        ratio = sheet.cell(row, 11)
        assert ratio.value == pytest.approx(line.cases / line.total) and ratio.number_format == "0.0%"
        red = ratio.font.color is not None and ratio.font.color.rgb == "00C00000"
        assert red == (line.cases * 100 / line.total < 10)
    print_setup(sheet, "$3:$4")
    domains = {row[1] for row in book["按领域"].iter_rows(min_row=5, values_only=True)}
    assert {line.name for line in data.domains} | {"合计"} == domains
