"""Workbooks that print like the seeds: the 任务分解表's page breaks computed from its row heights
(a page filled before it breaks, a task never split, no page LibreOffice has to break again),
附件1 above the title, page numbers in every footer; a task's name repeated on a continuation
page of the 进展统计表; 按领域 totals equal to 按单位 totals; short domain labels; every
template sheet fitted to its paper and readable."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import SHARED, run_main

from exporters.xlsx_metrics import PADDING, line_height, wrapped_lines
from exporters.xlsx_print import PAGE_NUMBERS, largest_scale, printable, table_points
from models.ledger import Ledger

RENDER = SHARED / "tools" / "render.sh"
needs_render = pytest.mark.skipif(not RENDER.exists() or not shutil.which("soffice"),
                                  reason="需要 ../shared/tools/render.sh 和 LibreOffice")


def export(ledger: Path, kind: str, plan: int, out: Path, *extra) -> Path:
    result = run_main("export", kind, "--ledger", ledger, "--plan", plan, "-o", out, *extra)
    assert result.returncode == 0, result.stderr
    return out


def heights(sheet, first: int, last: int) -> float:
    return sum(sheet.row_dimensions[r].height or 15 for r in range(first, last + 1))


def task_blocks(sheet) -> list[tuple[int, int]]:
    """The rows of each task: from the row that shows its 序号 to the row before the next
    task's (a task continued on a new page shows its number again: still the same task)."""
    starts, current = [], None
    for row in range(4, sheet.max_row + 1):
        number = sheet.cell(row, 1).value
        if number not in (None, "") and number != current:
            starts.append(row)
            current = number
    return [(a, b - 1) for a, b in zip(starts, [*starts[1:], sheet.max_row + 1])]


@pytest.mark.parametrize("plan", [1, 2, 3, 4, 5])
def test_breakdown_pages_are_filled_and_tasks_never_split(demo_master, tmp_path, plan):
    sheet = openpyxl.load_workbook(export(demo_master, "breakdown", plan, tmp_path / "分解表.xlsx"))["任务分解表"]
    assert sheet["A1"].value == "附件1" and sheet["A2"].value.endswith("分解表")
    assert sheet.oddFooter.center.text == PAGE_NUMBERS == "第 &P 页 共 &N 页"
    assert sheet.print_title_rows == "$3:$3"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEF"]
    assert table_points(widths) <= printable()[0]  # full size in Excel and WPS too
    capacity = printable()[1] / largest_scale(widths)
    header = heights(sheet, 3, 3)
    room = capacity - header
    breaks = [b.id + 1 for b in sheet.row_breaks.brk]  # the first row of each new page
    blocks = task_blocks(sheet)
    starts = {first: last for first, last in blocks}
    for first, last in blocks:  # a task that fits a page is never split
        if heights(sheet, first, last) <= room:
            assert not [b for b in breaks if first < b <= last], (first, last, breaks)
    pages = [4, *breaks, sheet.max_row + 1]
    for index, (top, end) in enumerate(zip(pages, pages[1:])):
        used = (heights(sheet, 1, 3) if index == 0 else header) + heights(sheet, top, end - 1)
        oversize = any(heights(sheet, f, l) > room for f, l in blocks if top <= f < end or f < top <= l)
        assert used <= capacity or oversize, (plan, top, end)  # no page a program must break again
        if end in starts and heights(sheet, end, starts[end]) <= room and not oversize:
            assert used + heights(sheet, end, starts[end]) > capacity  # filled: the next did not fit


@needs_render
def test_the_breakdown_prints_on_the_pages_it_sets_and_keeps_the_plans_words(demo_master, tmp_path):
    out = export(demo_master, "breakdown", 4, tmp_path / "分解表.xlsx")
    sheet = openpyxl.load_workbook(out)["任务分解表"]
    words = {str(sheet.cell(r, 1).value): sheet.cell(r, 2).value for r in range(4, sheet.max_row + 1)}
    assert words["4"] == "建立各领域市场主体企业信用承诺书制度"  # seed 003 writes it without 。
    result = subprocess.run([str(RENDER), str(out), str(tmp_path / "png")], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    pages = result.stdout.split()
    assert len(pages) == len(sheet.row_breaks.brk) + 1  # LibreOffice needed no break of its own


def test_a_task_running_onto_the_next_page_is_named_there_again(demo_master, tmp_path):
    sheet = openpyxl.load_workbook(export(demo_master, "progress", 4, tmp_path / "进展.xlsx",
                                          "--period", "2018-11"))["进展统计表"]
    breaks = [b.id + 1 for b in sheet.row_breaks.brk]
    assert breaks
    repeated = [r for r in breaks if str(sheet.cell(r, 2).value or "").endswith("（续）")]
    assert len(repeated) >= 5, "tasks' rows run over page breaks"
    names = {}  # the name each task shows on its first row
    for row in range(4, sheet.max_row):
        value = sheet.cell(row, 2).value
        if value and not value.endswith("（续）"):
            names[value.split(" ", 1)[0] if value[0].isdigit() else value[:6]] = value
    for row in repeated:
        shown = sheet.cell(row, 2).value.removesuffix("（续）")
        key = shown.split(" ", 1)[0] if shown[0].isdigit() else shown[:6]
        full = names[key]  # the same task: its number, or its name's start
        assert full.startswith(shown.removesuffix("…"))
        assert len(shown) <= 31  # a short title, never the whole name again
        lines = wrapped_lines(sheet.cell(row, 2).value, sheet.column_dimensions["B"].width)
        end = next((m.max_row for m in sheet.merged_cells.ranges if m.min_col == 2 and m.min_row == row), row)
        assert lines * line_height() + 2 * PADDING <= heights(sheet, row, end) + 0.01  # shown whole
        assert not any(m.min_col == 2 and m.min_row < row <= m.max_row for m in sheet.merged_cells.ranges)
    long_names = [v for v in names.values() if len(v) > 100]
    assert long_names, "plan 4 has tasks whose whole name is long"  # shown whole on their first row
    assert sheet.oddFooter.center.text == PAGE_NUMBERS


@pytest.mark.parametrize("plan", [1, 2, 3, 4, 5])
def test_lists_by_domain_add_up_to_lists_by_unit(demo_master, tmp_path, plan):
    with Ledger.open(demo_master, readonly=True) as ledger:
        period = ledger.latest_period(plan)
        data = ledger.list_table(plan, period)
    for attribute in ("total", "cases", "repaired", "local", "national"):
        assert sum(getattr(x, attribute) for x in data.domains) == sum(getattr(x, attribute) for x in data.units)
    book = openpyxl.load_workbook(export(demo_master, "lists", plan, tmp_path / "名单.xlsx", "--period", period))
    totals = []
    for name in ("按单位", "按领域"):
        sheet = book[name]
        row = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 2).value == "合计")
        totals.append([sheet.cell(row, c).value for c in range(3, 11)])
    assert totals[0] == totals[1]


def test_domain_labels_are_short_with_number_and_title_apart(demo_master, tmp_path):
    with Ledger.open(demo_master, readonly=True) as ledger:
        labels = [label for _, label in ledger.template_set(4, "2018-11")[0].domains]
        cases = ledger.case_table(4)
    assert "10 专项治理" in labels and "9 按照规范格式报送行政奖励案例" in labels
    assert all(len(label) <= 34 for label in labels)
    assert not any(label[:2].isdigit() and not label[2:3].isspace() and label[1:2] != " " for label in labels)
    assert {domain for _, _, domain in cases.cases} <= set(labels) | {""}
    sheet = openpyxl.load_workbook(export(demo_master, "cases", 4, tmp_path / "案例.xlsx"))["典型案例报送表"]
    assert {sheet.cell(r, 4).value for r in range(3, sheet.max_row + 1)} <= set(labels) | {None, ""}


def test_every_template_sheet_fits_its_paper_and_the_rules_print(demo_master, tmp_path):
    result = run_main("export", "templates", "--ledger", demo_master, "--plan", 4, "--period", "2018-11",
                      "-o", tmp_path / "模板")
    book = openpyxl.load_workbook(result.stdout.split()[0])
    for sheet in (book[n] for n in ("填报说明", "进展情况", "典型案例", "红黑名单")):
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1, sheet.title
        assert sheet.oddFooter.center.text == PAGE_NUMBERS
    guide = book["填报说明"]
    assert guide.page_setup.orientation == "portrait"
    assert table_points([guide.column_dimensions["A"].width]) <= printable(landscape=False)[0]  # not clipped
    cases = book["典型案例"]
    assert cases.page_setup.paperSize == 8  # A3: at full width its text stays readable
    widths = [cases.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, 16)]
    assert table_points(widths) * 0.85 <= printable(8)[0]  # about 85 % or more, never half size
    scores = openpyxl.load_workbook(export(demo_master, "scores", 4, tmp_path / "考核.xlsx"))["评分规则"]
    assert scores.page_setup.paperSize == 9 and scores.sheet_properties.pageSetUpPr.fitToPage
    assert scores.oddFooter.center.text == PAGE_NUMBERS


def test_the_readme_and_the_progress_workbook_agree(demo_master, tmp_path):
    book = openpyxl.load_workbook(export(demo_master, "progress", 4, tmp_path / "进展.xlsx", "--period", "2018-11"))
    assert book.sheetnames == ["进展统计表", "单位汇总"]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "a sheet per\nunit" not in readme and "a sheet per unit" not in readme
    assert "单位汇总" in readme
