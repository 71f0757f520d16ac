"""A returned file costs what its template allows: read as a stream within the template's
sheets, columns and rows plus a margin, empty formatting ignored anywhere, content beyond
refused naming the sheet and the first such cell. Only clean values reach the ledger (no
control characters, no inf, counts whole, plausible, separators where they are ones); what
the template does not ask for is noted, never stored. Other formats get their right reasons."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import run_main
from returns_kit import (
    RECEIVED,
    append_rows,
    case_rows,
    checksum,
    fill_template,
    headers,
    rewrite_part,
    sheet_part,
    soffice_convert,
    task_rows,
    text_cell,
)

from importers.returns_xlsx import collect_return_files, read_return
from models.ledger import Ledger
from models.returns import CASES_SHEET, IDS_SHEET, PROGRESS_SHEET

PLAN, PERIOD = 4, "2018-11"
needs_office = pytest.mark.skipif(not shutil.which("soffice"), reason="需要 LibreOffice（soffice）")


@pytest.fixture(scope="module")
def blank(demo_master, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("blank")
    ledger = Path(shutil.copyfile(demo_master, folder / "demo.sqlite"))
    result = run_main("export", "templates", "--ledger", ledger, "--plan", PLAN, "--period", PERIOD,
                      "-o", folder / "out")
    assert result.returncode == 0, result.stderr
    return [Path(p) for p in result.stdout.split() if p.endswith(".xlsx")]


def with_numbers(blank: list[Path]) -> Path:
    return next(p for p in blank if "排查数" in headers(openpyxl.load_workbook(p)[PROGRESS_SHEET]))


def asked_rows(path: Path, name: str) -> tuple[list[int], list[int], int]:
    """Task rows whose `name` cell is open, those where it is grey (locked), and its column."""
    sheet = openpyxl.load_workbook(path)[PROGRESS_SHEET]
    column = headers(sheet)[name]
    rows = [r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value]
    return ([r for r in rows if not sheet.cell(r, column).protection.locked],
            [r for r in rows if sheet.cell(r, column).protection.locked], column)


def filled(blank: list[Path], folder: Path, source: Path | None = None, **values) -> Path:
    source = source or blank[0]
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(shutil.copyfile(source, folder / source.name))
    return fill_template(path, progress={t: {"status": "推进中", "text": f"任务{t}的进展", **values}
                                         for t in task_rows(path)})


def import_returns(ledger: Path, *paths):
    return run_main("import-returns", *paths, "--ledger", ledger, "--received", RECEIVED)


def stored_texts(ledger_path: Path, unit_id: int) -> dict[int, str]:
    with Ledger.open(ledger_path) as ledger:
        return {p.task_id: p.text for p in ledger.progress(period=PERIOD, unit_id=unit_id)}


def unit_of(path: Path) -> int:
    return int(openpyxl.load_workbook(path)[IDS_SHEET]["B3"].value)


def set_cell_xml(path: Path, out: Path, sheet: str, ref: str, inner: bytes) -> Path:
    """Replace what a cell holds in the XML (`inner`: e.g. b'<v>1E400</v>'), as a hand edit."""
    def edit(data: bytes) -> bytes:
        pattern = rb'<c r="' + ref.encode() + rb'"([^>]*?)(?:/>|>.*?</c>)'
        attrs = lambda m: re.sub(rb'\s*t="[^"]*"', b"", m.group(1))  # noqa: E731
        changed, count = re.subn(pattern, lambda m: b'<c r="' + ref.encode() + b'"' + attrs(m) + b">" + inner
                                 + b"</c>", data, flags=re.S)
        assert count == 1, ref
        return changed
    return rewrite_part(path, out, lambda archive: sheet_part(archive, sheet), edit)


# ---------------------------------------------------------------------- bounded reading

def test_a_far_formatted_cell_is_ignored_alone_and_in_a_folder(blank, demo_copy, tmp_path):
    good = filled(blank, tmp_path / "src")
    folder = tmp_path / "folder"
    folder.mkdir()
    far = append_rows(good, folder / good.name, PROGRESS_SHEET, b'<row r="1048576"><c r="XFD1048576" s="1"/></row>')
    wide = append_rows(filled(blank, tmp_path / "src2", blank[1]), folder / blank[1].name, CASES_SHEET,
                       b'<row r="300"><c r="XFD300" s="2"/></row>')
    other = filled(blank, folder, blank[2])
    result = import_returns(demo_copy, folder)
    assert result.returncode == 0, result.stdout
    assert "3 个文件，导入 3 个，拒绝 0 个" in result.stdout
    for path in (far, wide, other):
        assert set(stored_texts(demo_copy, unit_of(path)).values()) == {f"任务{t}的进展" for t in task_rows(path)}


def test_content_beyond_the_bounds_is_refused_naming_the_first_cell(blank, demo_copy, tmp_path):
    good = filled(blank, tmp_path / "src")
    stray = append_rows(good, tmp_path / "远处有值.xlsx", PROGRESS_SHEET,
                        b'<row r="60000">' + text_cell("Z60000", "多余") + b"</row>")
    rows = append_rows(good, tmp_path / "十万行案例.xlsx", CASES_SHEET, case_rows(54, 100_000))
    added = append_rows(good, tmp_path / "多一行案例.xlsx", CASES_SHEET, case_rows(54, 1))
    other = filled(blank, tmp_path / "other", blank[3])
    before = checksum(demo_copy)
    for bad in (stray, rows, added):
        assert read_return(bad).problems  # refused before anything is written
    result = import_returns(demo_copy, stray, rows, added, other)
    assert result.returncode == 1
    assert "4 个文件，导入 1 个，拒绝 3 个" in result.stdout, result.stdout
    said = result.stdout
    assert "工作表“进展情况”第60000行Z列：这里有内容，超出了报送模板的范围" in said
    assert "工作表“典型案例”第74行B列：这里有内容，超出了报送模板的范围（模板的表格到第 53 行" in said
    assert "工作表“典型案例”第54行B列：模板只有 50 行案例" in said  # within the margin: said as such
    with Ledger.open(demo_copy) as ledger:
        assert ledger.db.execute("SELECT count(*) FROM cases WHERE title LIKE '第%号案例'").fetchone()[0] == 0
    assert checksum(demo_copy) != before  # the good one went in


def test_a_sheet_of_a_million_formatted_rows_is_refused_as_too_big(blank, tmp_path):
    good = filled(blank, tmp_path / "src")
    rows = (f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>'.encode()
            for r in range(100, 1_000_000))
    bad = append_rows(good, tmp_path / "整表格式.xlsx", PROGRESS_SHEET, rows)
    problems = [str(p) for p in read_return(bad).problems]
    assert problems and "工作表“进展情况”异常庞大" in problems[0]


# ---------------------------------------------------------------------- clean values

@needs_office
def test_control_characters_through_libreoffice_xls_never_reach_the_ledger(blank, demo_copy, tmp_path):
    good = filled(blank, tmp_path / "src")
    book = openpyxl.load_workbook(good)
    sheet = book[PROGRESS_SHEET]
    first = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value)
    sheet.cell(first, headers(sheet)["工作进展"]).value = "检查甲乙完毕"
    book.save(good)
    xls = soffice_convert(good, "xls", tmp_path / "lo")
    data = xls.read_bytes()
    marker = "甲乙".encode("utf-16-le")
    assert data.count(marker) == 1
    xls.write_bytes(data.replace(marker, "\x07\x01".encode("utf-16-le")))  # BEL and SOH, as typed in
    result = import_returns(demo_copy, xls)
    assert result.returncode == 0, result.stdout
    assert "2 个不可见的控制字符" in result.stdout
    texts = stored_texts(demo_copy, unit_of(good))
    assert texts[sheet.cell(first, 1).value] == "检查完毕"
    out = tmp_path / "进展统计表.xlsx"
    export = run_main("export", "progress", "--ledger", demo_copy, "--plan", PLAN, "--period", PERIOD, "-o", out)
    assert export.returncode == 0, export.stderr
    assert openpyxl.load_workbook(out).worksheets


def test_inf_and_implausible_numbers_are_refused(blank, tmp_path):
    source = with_numbers(blank)
    open_rows, _, column = asked_rows(source, "排查数")
    good = filled(blank, tmp_path / "src", source, 排查数=5)
    letter = openpyxl.utils.get_column_letter(column)
    inf = set_cell_xml(good, tmp_path / "inf.xlsx", PROGRESS_SHEET, f"{letter}{open_rows[0]}", b"<v>1E400</v>")
    said = [str(p) for p in read_return(inf).problems]
    assert said == [f"工作表“进展情况”第{open_rows[0]}行{letter}列：“排查数”应填整数，实际是“inf”："
                    "不是有效的数值（无穷大或非数）。"]
    book = openpyxl.load_workbook(good)
    values = (0.5, "1,2,3", 1e23, "1,234", "１２件")
    for row, value in zip(open_rows, values):
        book[PROGRESS_SHEET].cell(row, column).value = value
    book.save(tmp_path / "数字.xlsx")
    parsed = read_return(tmp_path / "数字.xlsx")
    said = "\n".join(map(str, parsed.problems))
    assert f"第{open_rows[0]}行{letter}列：“排查数”应填整数，实际是“0.5”：是计数，应为整数" in said
    assert f"第{open_rows[1]}行{letter}列：“排查数”应填整数，实际是“1,2,3”：其中的逗号不是千位分隔符" in said
    assert f"第{open_rows[2]}行{letter}列：“排查数”应填整数，实际是“1e+23”：超出合理范围" in said
    assert len(parsed.problems) == 3  # "1,234" and "１２件" are read as 1234 and 12
    numbers = {r.row: r.numbers.get("排查数") for r in parsed.progress}
    assert numbers[open_rows[3]] == 1234 and numbers[open_rows[4]] == 12


def test_values_in_grey_cells_and_unknown_columns_are_noted_never_stored(blank, demo_copy, tmp_path):
    source = with_numbers(blank)
    open_rows, grey_rows, column = asked_rows(source, "排查数")
    assert grey_rows, "a task that does not ask for 排查数"
    good = filled(blank, tmp_path / "src", source)
    book = openpyxl.load_workbook(good)
    sheet = book[PROGRESS_SHEET]
    sheet.protection.sheet = False  # a unit that unprotects the sheet
    extra = sheet.max_column + 1
    sheet.cell(3, extra).value = "经费（万元）"
    for row in open_rows + grey_rows:
        sheet.cell(row, extra).value = 88
    sheet.cell(grey_rows[0], column).value = 7
    sheet.cell(open_rows[0], column).value = 3
    book.save(good)
    result = import_returns(demo_copy, good)
    assert result.returncode == 0, result.stdout
    assert "“经费（万元）”列不是模板中的数据项，未导入" in result.stdout
    assert "灰色锁定的单元格（该任务不需填写此项），未导入" in result.stdout
    with Ledger.open(demo_copy) as ledger:
        numbers = {p.task_id: p.numbers for p in ledger.progress(period=PERIOD, unit_id=unit_of(good))}
    ids = {r: sheet.cell(r, 1).value for r in open_rows + grey_rows}
    assert numbers[ids[open_rows[0]]] == {"排查数": 3.0}
    assert numbers[ids[grey_rows[0]]] == {}
    assert not any("经费（万元）" in n for n in numbers.values())


# ---------------------------------------------------------------------- right reasons

@needs_office
def test_an_ods_file_is_named_as_such_alone_and_in_a_folder(blank, demo_copy, tmp_path):
    good = filled(blank, tmp_path / "src")
    folder = tmp_path / "folder"
    ods = soffice_convert(good, "ods", folder)
    files = collect_return_files([folder])
    assert files == [ods]  # listed, not silently skipped
    result = import_returns(demo_copy, folder)
    assert result.returncode == 1
    assert f"拒绝 {ods.name}" in result.stdout
    assert "OpenDocument 表格：请在 WPS 或 Excel 中另存为 .xlsx" in result.stdout


def to_strict(path: Path, out: Path) -> Path:
    """The same workbook in Strict OOXML (Excel's "Strict Open XML 电子表格"): the namespaces
    and relationship types of ISO/IEC 29500 Strict."""
    swaps = ((b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
              b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships"))
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            for old, new in swaps:
                data = data.replace(old, new)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            target.writestr(item, data)
    return out


def with_backslashes(path: Path, out: Path) -> Path:
    """The same workbook with its zip names written with backslashes (some Windows tools)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename.replace("/", "\\"), source.read(item))
    return out


def test_strict_ooxml_and_backslash_names_are_read_without_warnings(blank, demo_copy, tmp_path):
    sources = [filled(blank, tmp_path / "a", blank[0]), filled(blank, tmp_path / "b", blank[1])]
    strict = to_strict(sources[0], tmp_path / blank[0].name)
    slashes = with_backslashes(sources[1], tmp_path / blank[1].name)
    with pytest.warns(UserWarning):  # openpyxl reads no sheet of it, and warns: the old trouble
        assert openpyxl.load_workbook(strict).sheetnames == []
    result = import_returns(demo_copy, strict, slashes)
    assert result.returncode == 0, result.stdout
    assert result.stderr == ""  # no Python warning on the user's screen
    for source in sources:
        assert set(stored_texts(demo_copy, unit_of(source)).values()) == {f"任务{t}的进展" for t in task_rows(source)}


def test_macos_companion_files_are_skipped_in_folders_and_named_alone(blank, demo_copy, tmp_path):
    folder = tmp_path / "folder"
    good = filled(blank, folder)
    companion = folder / f"._{good.name}"
    companion.write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 64)
    assert collect_return_files([folder]) == [good]
    result = import_returns(demo_copy, companion)
    assert result.returncode == 1 and "苹果电脑（macOS）" in result.stdout and "“._”附属文件" in result.stdout


def test_a_strict_ooxml_plan_table_is_named_as_such(demo_master, tmp_path):
    from importers.plan_reader import read_plan
    from importers.plan_source import PlanReadError

    result = run_main("export", "breakdown", "--ledger", demo_master, "--plan", PLAN, "-o", tmp_path / "分解表.xlsx")
    assert result.returncode == 0, result.stderr
    strict = to_strict(tmp_path / "分解表.xlsx", tmp_path / "严格.xlsx")
    with pytest.raises(PlanReadError, match="Strict Open XML"):
        read_plan(strict)
    cli = run_main("import-plan", strict, "--dry-run")
    assert cli.returncode == 1 and "Strict Open XML" in cli.stderr and "Warning" not in cli.stderr
