"""Text that fits its cells: row heights reckoned from measured line metrics (no text cut
when printed, no row far taller than its text), headers that break only between words, an
18-character code on one line, and template rows that grow with what a unit types. The
printed checks read the PDF LibreOffice makes with the fonts render.sh sets up."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import zipfile
from pathlib import Path

import gongwen_check as gc
import openpyxl
import pytest
from conftest import run_main
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from returns_kit import sheet_part
from sheet_print_check import pages, row_fill, text_over_borders

from exporters.xlsx_metrics import PADDING, line_height, row_height, wrapped_lines
from exporters.xlsx_print import new_workbook, set_up_page

PLAN, PERIOD = 4, "2018-11"


@pytest.fixture(scope="module")
def conf():
    """The fontconfig file of the stand-in fonts; a machine without the tools skips, CI fails."""
    reason = gc.missing_reason() or (None if gc.soffice_available() else "找不到 soffice / pdftotext")
    if not reason:
        try:
            return gc.fontconfig()
        except subprocess.CalledProcessError as exc:
            reason = f"render.sh --setup-only 失败（退出码 {exc.returncode}）"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def books(demo_master, tmp_path_factory) -> dict[str, Path]:
    """Every workbook kind of plan 4 (long task names, long reports), plan 5's 任务分解表
    (long tasks) and plan 3's (a group over three pages), and one unit's template."""
    folder = tmp_path_factory.mktemp("fit")
    ledger = Path(shutil.copyfile(demo_master, folder / "demo.sqlite"))
    out = {}
    for kind, plan, extra in (("progress", 4, ["--period", PERIOD]), ("breakdown", 4, []), ("breakdown", 5, []),
                              ("breakdown", 3, []), ("breakdown", 2, []), ("breakdown", 1, []),
                              ("lists", 4, ["--period", PERIOD]), ("cases", 4, []), ("progress", 3, [])):
        path = folder / f"p{plan}-{kind}.xlsx"
        result = run_main("export", kind, "--ledger", ledger, "--plan", plan, "-o", path, *extra)
        assert result.returncode == 0, result.stderr
        out[path.stem] = path
    result = run_main("export", "templates", "--ledger", ledger, "--plan", PLAN, "--period", PERIOD,
                      "-o", folder / "模板")
    out["template"] = next(Path(p) for p in result.stdout.split() if p.endswith(".xlsx"))
    return out


def header_cells(book):
    """(sheet, cell, width) of every header cell: the rows the sheets repeat on each page."""
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or not sheet.print_title_rows:
            continue
        first, last = (int(r.replace("$", "")) for r in sheet.print_title_rows.split(":"))
        merged = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
        for row in range(first, last + 1):
            for cell in sheet[row]:
                if not isinstance(cell.value, str) or sheet.column_dimensions[cell.column_letter].hidden:
                    continue
                span = merged.get((row, cell.column))
                columns = range(span.min_col, span.max_col + 1) if span else [cell.column]
                yield sheet, cell, sum(sheet.column_dimensions[get_column_letter(c)].width for c in columns)


def test_headers_break_only_between_words(books):
    seen = set()
    for path in books.values():
        for sheet, cell, width in header_cells(openpyxl.load_workbook(path)):
            for line in cell.value.split("\n"):  # every line the header was given stays whole
                assert wrapped_lines(line, width, cell.font.size or 11) == 1, (path.name, sheet.title, line, width)
            seen.add(cell.value)
    assert {"报送\n状态", "进展\n状态", "国家\n标准", "名单\n合计", "典型\n案例", "本单位\n职责"} <= seen


def test_the_measured_metrics_never_promise_more_than_libreoffice_draws(conf, tmp_path):
    """The line counts the row heights rest on, against the lines LibreOffice draws."""
    texts = ["市信息中心围绕市级政务大厅接入市级信用信息共享平台，并与省信用信息共享平台互联互通。",
             "2018年11月20日前，各牵头单位会同责任单位核查汇总相关领域的不良记录名单，完成专项整治率不低于80%；长期推进",
             "91210100LWXWWYPJJH", "推进中（沿用2020年10月）", "市发改委、市工信局、市通信办、市委网信办、市中法、人民银行营口支行"]
    widths = [7, 12, 20, 25, 34, 50]
    book = new_workbook()
    sheet = book.active
    side = Side(style="thin")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        for row, text in enumerate(texts, start=1):
            cell = sheet.cell(row, column, text)
            cell.font = Font(name="仿宋", size=11)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.border = Border(left=side, right=side, top=side, bottom=side)
            sheet.row_dimensions[row].height = 260
    sheet.row_breaks = RowBreak(brk=[Break(id=row) for row in range(1, len(texts))])  # a page a text
    set_up_page(sheet, header_rows=None)  # A4 landscape, fitted to the page width
    path = tmp_path / "量尺.xlsx"
    book.save(path)
    pdf = gc.convert([path], tmp_path / "pdf", conf)[path]
    drawn = {}
    for runs, rules in pages(pdf):
        columns = sorted({round((r.left + r.right) / 2, 1) for r in rules if not r.horizontal})
        foot = min(r.bottom for r in rules if r.horizontal)
        for run in (r for r in runs if r.baseline > foot):  # not the page number below the table
            column = sum(1 for x in columns if x < run.left)
            drawn.setdefault((run.page, column), set()).add(run.baseline)
    pitches = []
    for (row, column), baselines in drawn.items():
        text, width = texts[row - 1], widths[column - 1]
        lines = wrapped_lines(text, width)
        assert len(baselines) <= lines <= len(baselines) + 1, (text[:12], width, len(baselines), lines)
        ordered = sorted(baselines)
        pitches += [b - a for a, b in zip(ordered, ordered[1:])]
    assert len(drawn) == len(texts) * len(widths)
    scale = statistics.median(r.size for runs, _ in pages(pdf) for r in runs) / 11
    assert statistics.median(pitches) / scale <= line_height()  # the line a row is given holds


def test_no_text_is_cut_and_no_row_is_far_taller_than_its_text(books, conf, tmp_path):
    pdfs = gc.convert(list(books.values()), tmp_path / "pdf", conf)
    for name, path in books.items():
        assert text_over_borders(pdfs[path]) == [], name
        shares = row_fill(pdfs[path])
        if name in ("p4-progress", "p3-progress", "p5-breakdown", "p3-breakdown"):
            # rows reckoned at 1.32 lines an em filled some 70 % of their height
            assert shares and statistics.median(shares) >= 0.8, (name, statistics.median(shares))


def test_a_code_fits_its_cell_on_one_line(books):
    sheet = openpyxl.load_workbook(books["p4-cases"])["典型案例报送表"]
    width = sheet.column_dimensions["G"].width
    assert wrapped_lines("91210100XC7ACA6HW1", width) == wrapped_lines("110105194912310021", width) == 1
    template = openpyxl.load_workbook(books["template"])["典型案例"]
    assert wrapped_lines("91210100XC7ACA6HW1", template.column_dimensions["G"].width) == 1


def test_the_templates_rows_grow_with_what_is_typed(books):
    book = openpyxl.load_workbook(books["template"])
    progress = book["进展情况"]
    rows = range(4, progress.max_row + 1)
    room = 6 * line_height() + 2 * PADDING  # six lines of 工作进展 before it grows
    assert all(progress.row_dimensions[r].height >= room for r in rows)
    with zipfile.ZipFile(books["template"]) as archive:
        for title, first in (("进展情况", 4), ("典型案例", 4)):
            xml = archive.read(sheet_part(archive, title)).decode()
            tags = re.findall(r"<row [^>]*>", xml)
            inputs = [t for t in tags if int(re.search(r'r="(\d+)"', t).group(1)) >= first]
            # a height set by hand (customHeight) is kept as text is typed, and the text is cut
            assert inputs and all('ht="' in t and "customHeight" not in t for t in inputs), title
            assert any("customHeight" in t for t in tags)  # the title rows keep theirs
    guide = " ".join(str(c.value) for c in book["填报说明"]["A"] if c.value)
    assert "自动调整行高" in guide and "最适合的行高" in guide


def test_a_row_is_as_tall_as_its_tallest_cell(books):
    sheet = openpyxl.load_workbook(books["p4-progress"])["进展统计表"]
    widths = [sheet.column_dimensions[get_column_letter(c)].width for c in range(1, sheet.max_column + 1)]
    carried = [r for r in range(4, sheet.max_row + 1) if "沿用" in str(sheet.cell(r, 6).value or "")]
    assert carried, "plan 4 has units that did not report, their status carried over"
    for row in carried:  # a short row once cut “推进中（沿用2020年10月）” in its narrow column
        need = row_height([sheet.cell(row, 6).value], [widths[5]])
        assert sheet.row_dimensions[row].height >= need
