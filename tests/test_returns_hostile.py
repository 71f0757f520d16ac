"""Returned files as they really arrive: each hostile one refused with a Chinese message
naming file, sheet, row and column, the ledger's rows unchanged, the good files beside it
still imported; each readable oddity (old .xls, wrong sizes, reordered rows, text numbers
and dates, formulas, another program's save) imported exactly."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import run_main
from returns_kit import (
    RECEIVED,
    checksum,
    fill_template,
    headers,
    put_text,
    soffice_convert,
    task_rows,
)

from models.ledger import Ledger
from models.records import Unit
from models.returns import IDS_SHEET, PROGRESS_SHEET

PLAN, PERIOD = 4, "2018-11"
needs_office = pytest.mark.skipif(not shutil.which("soffice"),
                                  reason="需要 LibreOffice（CI 通过 render.sh --setup-only 安装）")


@pytest.fixture(scope="module")
def blank_templates(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    ledger = Path(shutil.copyfile(demo_master, folder / "demo.sqlite"))
    result = run_main("export", "templates", "--ledger", ledger, "--plan", PLAN, "--period", PERIOD,
                      "-o", folder / "out")
    assert result.returncode == 0, result.stderr
    return [Path(p) for p in result.stdout.split() if p.endswith(".xlsx")]


@pytest.fixture
def good(blank_templates, tmp_path):
    """A filled template of a unit whose tasks ask for numbers, and what was entered."""
    source = next(p for p in blank_templates if "排查数" in headers(openpyxl.load_workbook(p)[PROGRESS_SHEET]))
    path = Path(shutil.copyfile(source, tmp_path / source.name))
    tasks = task_rows(path)
    values = {t: {"status": "推进中", "text": f"进展{i}", "排查数": 10 + i} for i, t in enumerate(tasks)}
    sheet = openpyxl.load_workbook(path)[PROGRESS_SHEET]
    for t in tasks:  # only the numbers this task asks for are unlocked
        row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == t)
        if sheet.cell(row, headers(sheet)["排查数"]).protection.locked:
            values[t].pop("排查数")
    fill_template(path, progress=values, counts={"黑名单": (2, 1, 1)})
    return path, values


def other_template(blank_templates, good_path: Path, tmp_path: Path) -> Path:
    """A second unit's template, filled, to import beside a bad file."""
    source = next(p for p in blank_templates if p.name != good_path.name)
    (tmp_path / "other").mkdir(exist_ok=True)
    path = Path(shutil.copyfile(source, tmp_path / "other" / source.name))
    fill_template(path, progress={task_rows(path)[0]: {"status": "已完成", "text": "按期完成"}})
    return path


def refused(demo_copy, bad: Path, tmp_path, blank_templates, good_path, *expected: str) -> str:
    """Import a bad file beside a good one: the bad one is refused naming itself and what is
    expected; the ledger holds nothing from it; the good one is imported."""
    alone_before = checksum(demo_copy)
    result = run_main("import-returns", bad, "--ledger", demo_copy, "--received", RECEIVED)
    assert result.returncode == 1, result.stdout + result.stderr
    assert checksum(demo_copy) == alone_before
    assert f"拒绝 {bad.name}" in result.stdout
    for words in expected:
        assert words in result.stdout, result.stdout
    other = other_template(blank_templates, good_path, tmp_path)
    both = run_main("import-returns", bad, other, "--ledger", demo_copy, "--received", RECEIVED)
    assert both.returncode == 1 and "导入 1 个，拒绝 1 个" in both.stdout, both.stdout
    return result.stdout


def progress_of(ledger_path: Path, unit_id: int) -> dict[int, tuple]:
    with Ledger.open(ledger_path) as ledger:
        return {p.task_id: (p.status, p.text, p.numbers.get("排查数"))
                for p in ledger.progress(period=PERIOD, unit_id=unit_id)}


def unit_id_of(path: Path) -> int:
    return int(openpyxl.load_workbook(path)[IDS_SHEET]["B3"].value)


def expected(values: dict) -> dict[int, tuple]:
    return {t: (v["status"], v["text"], float(v["排查数"]) if "排查数" in v else None) for t, v in values.items()}


# ---------------------------------------------------------------------- refused

def test_wps_et_file(good, demo_copy, tmp_path, blank_templates):
    bad = Path(shutil.copyfile(good[0], tmp_path / "市公安局.et"))
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "WPS 表格专用格式", "另存为")


def test_file_that_is_not_a_workbook(good, demo_copy, tmp_path, blank_templates):
    bad = tmp_path / "进展.xlsx"
    bad.write_text("这是一份说明文字，不是表格。", encoding="utf-8")
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "不是 Excel 工作簿")


def test_word_document_named_xlsx(good, demo_copy, tmp_path, blank_templates):
    import docx

    bad = tmp_path / "报送.xlsx"
    document = docx.Document()
    document.add_paragraph("本月工作进展")
    document.save(str(bad))
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "是Word 文档，不是 Excel 工作簿")


def test_encrypted_workbook(good, demo_copy, tmp_path, blank_templates):
    import msoffcrypto.format.ooxml

    bad = tmp_path / "加密.xlsx"
    with good[0].open("rb") as plain, bad.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt("123456", out)
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "设置了打开密码", "去掉密码")


def test_truncated_zip(good, demo_copy, tmp_path, blank_templates):
    bad = tmp_path / "截断.xlsx"
    data = good[0].read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "已损坏或不完整")


def test_corrupted_member(good, demo_copy, tmp_path, blank_templates):
    bad = tmp_path / "损坏.xlsx"
    data = bytearray(good[0].read_bytes())
    with zipfile.ZipFile(good[0]) as archive:
        info = archive.getinfo("xl/worksheets/sheet2.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    data[start:start + 40] = bytes(40)  # damage the compressed sheet data, keep the directory
    bad.write_bytes(bytes(data))
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "已损坏")


def test_zip_bomb(good, demo_copy, tmp_path, blank_templates):
    bad = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(good[0]) as source, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("xl/media/padding.xml", b"\0" * (30 * 1024 * 1024))
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "压缩炸弹")


def test_wrong_units_template(good, demo_copy, tmp_path, blank_templates):
    with Ledger.open(demo_copy) as ledger:
        own = ledger.get(Unit, unit_id_of(good[0])).name
        other = next(u.name for u in ledger.units() if u.name != own and own not in u.name
                     and u.name not in own and len(u.name) > 3)
    bad = Path(shutil.copyfile(good[0], tmp_path / f"{other}11月报送.xlsx"))
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], f"文件名写的是“{other}”", f"模板却是“{own}”的")


def test_edited_hidden_ids(good, demo_copy, tmp_path, blank_templates):
    book = openpyxl.load_workbook(good[0])
    book[IDS_SHEET]["B5"] = "2018-10"  # another month
    bad = tmp_path / "改过标识.xlsx"
    book.save(bad)
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "隐藏标识被改动过")


def test_older_template_version(good, demo_copy, tmp_path, blank_templates):
    book = openpyxl.load_workbook(good[0])
    book[IDS_SHEET]["B1"] = 1
    bad = tmp_path / "旧版模板.xlsx"
    book.save(bad)
    refused(demo_copy, bad, tmp_path, blank_templates, good[0], "第 1 版的报送模板", "新模板重新填报")


def test_merged_cells_where_values_are_expected(good, demo_copy, tmp_path, blank_templates):
    book = openpyxl.load_workbook(good[0])
    book[PROGRESS_SHEET].merge_cells("G4:H5")
    bad = tmp_path / "合并.xlsx"
    book.save(bad)
    said = refused(demo_copy, bad, tmp_path, blank_templates, good[0], "单元格 G4:H5 被合并")
    assert "工作表“进展情况”第4行G列" in said


def test_added_row_bad_status_bad_number_and_bad_case(good, demo_copy, tmp_path, blank_templates):
    book = openpyxl.load_workbook(good[0])
    sheet = book[PROGRESS_SHEET]
    columns = headers(sheet)
    last = sheet.max_row
    sheet.cell(last + 1, columns["工作进展"], "多加的一行")
    sheet.cell(4, columns["进展状态"], "差不多完成了")
    number_row = next(r for r in range(4, last + 1) if not sheet.cell(r, columns["排查数"]).protection.locked)
    sheet.cell(number_row, columns["排查数"], "很多")
    cases = book["典型案例"]
    for column, value in enumerate(("失信惩戒", "案例", None, "某公司", "法人及其他组织", "91330282L07196379A"), 2):
        cases.cell(4, column, value)
    bad = tmp_path / "多处错误.xlsx"
    book.save(bad)
    said = refused(demo_copy, bad, tmp_path, blank_templates, good[0])
    letter = openpyxl.utils.get_column_letter
    assert f"工作表“进展情况”第{last + 1}行F列：该行没有任务编号" in said
    assert "工作表“进展情况”第4行F列：进展状态“差不多完成了”不在可选范围内" in said
    assert f"工作表“进展情况”第{number_row}行{letter(columns['排查数'])}列：“排查数”应填整数，实际是“很多”" in said
    assert "工作表“典型案例”第4行G列：统一社会信用代码校验不通过，其中可能有一位输错" in said


def test_formula_saved_without_its_result(good, demo_copy, tmp_path, blank_templates):
    book = openpyxl.load_workbook(good[0])
    sheet = book[PROGRESS_SHEET]
    column = headers(sheet)["排查数"]
    row = next(r for r in range(4, sheet.max_row + 1) if not sheet.cell(r, column).protection.locked)
    sheet.cell(row, column).value = "=20+3"  # openpyxl, like some tools, stores no result
    bad = tmp_path / "公式无结果.xlsx"
    book.save(bad)
    letter = openpyxl.utils.get_column_letter(column)
    refused(demo_copy, bad, tmp_path, blank_templates, good[0],
            f"工作表“进展情况”第{row}行{letter}列：这里是公式，但文件中没有它的计算结果")


def test_empty_template_is_refused_rather_than_replacing_a_month(blank_templates, demo_copy, tmp_path, good):
    blank = Path(shutil.copyfile(blank_templates[0], tmp_path / blank_templates[0].name))
    refused(demo_copy, blank, tmp_path, blank_templates, good[0], "没有填写任何进展")


def test_import_report_names_sheet_row_and_column(good, demo_copy, tmp_path):
    book = openpyxl.load_workbook(good[0])
    book[PROGRESS_SHEET]["F4"] = "完成"
    bad = tmp_path / "状态错误.xlsx"
    book.save(bad)
    report = tmp_path / "导入报告.xlsx"
    result = run_main("import-returns", bad, good[0], "--ledger", demo_copy, "--received", RECEIVED, "--report", report)
    assert result.returncode == 1
    sheet = openpyxl.load_workbook(report)["导入报告"]
    rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert list(rows["状态错误.xlsx"][4:8]) == ["拒绝", PROGRESS_SHEET, 4, "F"]
    assert "进展状态“完成”不在可选范围内" in rows["状态错误.xlsx"][8]
    assert rows[good[0].name][4] == "已导入" and "进展" in rows[good[0].name][8]
    assert sheet.print_title_rows == "$3:$3" and sheet.page_setup.orientation == "landscape"


# ---------------------------------------------------------------------- read correctly

def test_wrong_dimensions_reordered_rows_text_numbers_and_dates(good, demo_copy, tmp_path):
    path, values = good
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    columns = headers(sheet)
    rows = [[sheet.cell(r, c).value for c in range(1, sheet.max_column + 1)] for r in range(4, sheet.max_row + 1)]
    rows.reverse()  # rows moved about: each still carries its task id
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c).value = value
    first = next(t for t, v in values.items() if "排查数" in v)
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == first)
    sheet.cell(row, columns["排查数"]).value = "１,２３４件"  # full-width digits, a separator, a measure word
    values[first]["排查数"] = 1234
    cases = book["典型案例"]
    for offset, day in enumerate(("2018年11月30日", "2018.11.3", "11月20日前", "２０１８－１１－０５")):
        put_text(cases.cell(4 + offset, 2), "守信激励")
        put_text(cases.cell(4 + offset, 3), f"{'=+-@'[offset]}案例{offset}")
        put_text(cases.cell(4 + offset, 5), "某某合作社")
        put_text(cases.cell(4 + offset, 12), day)
    book.save(path)
    _break_dimensions(path)
    result = run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED)
    assert result.returncode == 0, result.stdout
    assert progress_of(demo_copy, unit_id_of(path)) == expected(values)
    with Ledger.open(demo_copy) as ledger:
        got = ledger.db.execute("SELECT title, occurred_on FROM cases WHERE period = ? "
                                "AND import_file_id IS NOT NULL ORDER BY id", [PERIOD]).fetchall()
    titles = ["=案例0", "+案例1", "-案例2", "@案例3"]
    assert got == list(zip(titles, ("2018-11-30", "2018-11-03", "2018-11-20", "2018-11-05")))
    out = tmp_path / "案例.xlsx"  # written back out, the text stays text
    assert run_main("export", "cases", "--ledger", demo_copy, "--plan", PLAN, "--period", PERIOD,
                    "-o", out).returncode == 0
    written = openpyxl.load_workbook(out).active
    cells = [c for row in written.iter_rows(min_row=3) for c in row if c.value in titles]
    assert len(cells) == 4 and all(c.data_type == "s" and c.quotePrefix for c in cells)


def _break_dimensions(path: Path) -> None:
    """Make every sheet claim it is A1:A1, as WPS-written files sometimes do."""
    import re

    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]+"\s*/>', b'<dimension ref="A1:A1"/>', data)
            out.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def _soffice(source: Path, kind: str, folder: Path) -> Path:
    return soffice_convert(source, kind, folder)


@needs_office
def test_saved_by_libreoffice_as_xlsx_and_as_old_xls_with_formulas(good, demo_copy, tmp_path):
    path, values = good
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    columns = headers(sheet)
    first = next(t for t, v in values.items() if "排查数" in v)
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == first)
    sheet.cell(row, columns["排查数"]).value = "=20+3"  # a formula: its cached value is taken
    values[first]["排查数"] = 23
    book.save(path)
    xlsx = _soffice(path, "xlsx", tmp_path / "lo")
    xls = _soffice(path, "xls", tmp_path / "lo")
    for converted in (xlsx, xls):
        result = run_main("import-returns", converted, "--ledger", demo_copy, "--received", RECEIVED,
                          "--allow-month", PERIOD)  # the second replaces the first: confirmed
        assert result.returncode == 0, result.stdout + result.stderr
        assert progress_of(demo_copy, unit_id_of(path)) == expected(values)
    with Ledger.open(demo_copy) as ledger:
        figures = [(r["list_kind"], r["local"], r["national"], r["repaired"]) for r in ledger.list_counts(PLAN, PERIOD)]
        assert figures == [("黑名单", 2, 1, 1)]
        assert len(ledger.imports()) == 2  # the .xls replaced the .xlsx: one month, no duplicates
