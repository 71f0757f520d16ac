"""Official documents from the demo ledger: content against the ledger, 文号 in sequence, the
notice read back, and a clear message when the file is in use (the rendered GB/T 9704
checks are in test_documents_rendered.py)."""

import re
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import run_main

from exporters.doc_common import DocMeta
from exporters.doc_notice import notice_content
from exporters.gongwen import Gongwen, build_gongwen, export_gongwen
from importers.plan_reader import read_plan
from models.cycle import MISSING
from models.ledger import Ledger

KINDS = ("notice", "bulletin", "summary", "casebook", "reminder")
TODAY = "2021-01-25"  # the 临汾 plan's January reports are due on the 20th


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    ledger = folder / "demo.sqlite"
    assert run_main("demo", "--ledger", ledger).returncode == 0
    paths = {}
    for kind in KINDS:
        out = folder / f"{kind}.docx"
        result = run_main("export", kind, "--ledger", ledger, "--plan", 3, "--period", "2021-01",
                          "--date", TODAY, "--cc", "市委办公室，市政府办公室", "-o", out)
        assert result.returncode == 0, result.stderr
        paths[kind] = out
    return ledger, paths


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_each_document_has_its_own_consecutive_doc_number(demo):
    numbers = [re.search(r"示信办〔2021〕(\d+)号", text_of(p)).group(1) for p in demo[1].values()]
    assert numbers == ["1", "2", "3", "4", "5"]
    with Ledger.open(demo[0]) as ledger:
        assert ledger.next_doc_number("示信办", 2021) == 6


def test_the_notice_imports_back_to_the_same_tasks_and_units(demo):
    back = read_plan(demo[1]["notice"])
    with Ledger.open(demo[0]) as ledger:
        tasks = ledger.tasks(3)
        expected = [(t.title, {r: [u.name for u, role in ledger.task_units(t.id) if role == r]
                               for r in ("lead", "participating", "responsible")}) for t in tasks]
    assert [(t.title, t.units) for t in back.walk()] == expected


def test_the_bulletin_says_what_the_ledger_holds(demo):
    text = text_of(demo[1]["bulletin"])
    with Ledger.open(demo[0]) as ledger:
        report = ledger.month_report(3, "2021-01", date(2021, 1, 25))
        scores = ledger.month_scores(3, "2021-01", date(2021, 1, 25))
    states = report.state_counts()
    assert f"按时报送{states['按时']}项" in text and f"逾期报送{states['逾期']}项" in text
    for unit in report.units_missing():
        assert unit.name in text.split("通报批评")[1]
    assert scores[0].unit_name in text and "2021年1月各单位进展报送情况统计表" in text
    document = docx.Document(str(demo[1]["bulletin"]))
    table_rows = {row.cells[1].text: row.cells[5].text for row in document.tables[0].rows[1:]}
    assert table_rows == {u.name: str(u.states[MISSING]) for u in report.units}


def test_the_reminder_lists_the_missing_units_with_contacts(demo):
    text = text_of(demo[1]["reminder"])
    with Ledger.open(demo[0]) as ledger:
        missing = ledger.month_report(3, "2021-01", date(2021, 1, 25)).units_missing()
    assert missing and all(u.name in text for u in missing)
    assert "2021年1月28日前补报" in text


def test_the_casebook_masks_id_numbers(demo):
    text = text_of(demo[1]["casebook"])
    with Ledger.open(demo[0]) as ledger:
        cases = [c for c, _, _ in ledger.casebook_data(3, "2021-01").cases]  # the month exported
    titles, codes = [c.title for c in cases], [c.subject_code for c in cases]
    assert titles and all(t in text for t in titles)
    for code in codes:
        if re.fullmatch(r"\d{17}[\dX]", code):
            assert code not in text and code[:3] + "*" * 11 + code[-4:] in text


def test_a_file_open_elsewhere_gets_a_plain_message(demo, tmp_path, monkeypatch):
    def refuse(self, path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(docx.document.Document, "save", refuse)
    import main

    code = main.run_cli(["export", "notice", "--ledger", str(demo[0]), "--plan", "1",
                         "-o", str(tmp_path / "通知.docx"), "--doc-number", "示信办〔2021〕99号"])
    assert code == 1


def test_cli_refusal_message_names_the_file(demo, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(docx.document.Document, "save",
                        lambda self, path: (_ for _ in ()).throw(PermissionError(13, "denied", path)))
    import main

    main.run_cli(["export", "casebook", "--ledger", str(demo[0]), "--plan", "1",
                  "-o", str(tmp_path / "汇编.docx"), "--doc-number", "示信办〔2021〕98号"])
    err = capsys.readouterr().err
    assert "汇编.docx" in err and "WPS" in err and "Traceback" not in err


def test_same_content_gives_the_same_document():
    content = Gongwen(title="关于测试的通知", body=["一、总体要求", "正文。"], date=date(2020, 6, 28),
                      signature="某办公室", cc="市委办公室", printer="某办公室")
    first, second = build_gongwen(content), build_gongwen(content)
    assert [p.text for p in first.paragraphs] == [p.text for p in second.paragraphs]
    assert "2020年6月28日" in [p.text for p in first.paragraphs]


def test_font_names_are_the_offices(tmp_path, ledger):
    from exporters.styles import Fonts

    ledger.apply_plan(read_plan(Path(__file__).parent.parent / "resources" / "sample_plans"
                                / "000_hangzhou.txt"))
    meta = DocMeta(today=date(2020, 7, 1), date=date(2020, 7, 1), fonts=Fonts(fang="仿宋", title="华文中宋"))
    path = export_gongwen(notice_content(ledger.plan_data(1), meta), tmp_path / "n.docx")
    xml = __import__("zipfile").ZipFile(path).read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋"' in xml and 'w:eastAsia="华文中宋"' in xml
    assert "仿宋_GB2312" not in xml


def test_the_bulletin_tells_已完成_from_已办结_when_it_counts_both(demo, tmp_path):
    out = tmp_path / "通报.docx"
    result = run_main("export", "bulletin", "--ledger", demo[0], "--plan", 5, "--date", "2026-12-01",
                      "--doc-number", "示信办〔2026〕90号", "-o", out)
    assert result.returncode == 0, result.stderr
    overview = next(p for p in text_of(out).splitlines() if "项具体任务中" in p)
    assert "已完成" in overview and "已办结" in overview  # plan 5 counts both in the demo
    assert "已完成指各责任单位均已报告完成、尚待审核办结；已办结指经审核办结销号" in overview
