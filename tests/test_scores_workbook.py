"""The 考核打分表 workbook: its layout, and its figures equal to the ledger's ranking."""

from datetime import date

import openpyxl
from conftest import run_main

from models.ledger import Ledger


def test_scores_workbook_from_the_demo_ledger(demo_copy, tmp_path):
    ledger_path, out = demo_copy, tmp_path / "考核打分表.xlsx"
    result = run_main("export", "scores", "--ledger", ledger_path, "--plan", 3, "--period", "2021-01",
                      "--date", "2021-01-25", "-o", out)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(out)
    sheet = book["考核打分表"]
    assert "A1:J1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    with Ledger.open(ledger_path) as ledger:
        scores = ledger.month_scores(3, "2021-01", date(2021, 1, 25))
    rows = [(r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=4)]
    assert rows == [(s.rank, s.unit_name, s.score) for s in scores]
    assert (book["评分规则"]["A4"].value, book["评分规则"]["B4"].value) == ("逾期报送（每项）", -2)


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    from exporters.xlsx_scores import export_scores_workbook
    from models.cycle import UnitScore

    scores = [UnitScore(1, "=HYPERLINK(\"x\")", 90.0, 1, "A", {}), UnitScore(2, "-市公安局", 80.0, 2, "B", {})]
    path = export_scores_workbook(scores, tmp_path / "s.xlsx", title="@标题", rules={})
    sheet = openpyxl.load_workbook(path)["考核打分表"]
    assert [sheet["B4"].value, sheet["B5"].value, sheet["A1"].value] == ["=HYPERLINK(\"x\")", "-市公安局", "@标题"]
    assert {sheet["B4"].data_type, sheet["B5"].data_type, sheet["A1"].data_type} == {"s"}
    assert sheet["B4"].quotePrefix and sheet["A1"].quotePrefix


def test_scores_page_writes_the_ranking_it_shows(demo_copy, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from ui.scores_page import ScoresPage

    out = tmp_path / "页面.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with Ledger.open(demo_copy) as ledger:
        page = ScoresPage(ledger, today=lambda: date(2021, 1, 25))
        qtbot.addWidget(page)
        page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
        page.period_combo.setCurrentIndex(page.period_combo.findData("2021-01"))
        page.export_workbook()
        shown = [(s.rank, s.unit_name, s.score) for s in page.scores()]
    sheet = openpyxl.load_workbook(out)["考核打分表"]
    assert sheet["A2"].value.startswith("2021年1月")
    assert [(r[0].value, r[1].value, r[2].value) for r in sheet.iter_rows(min_row=4)] == shown


def test_the_campaign_workbook_shows_each_part_as_a_monthly_average(demo_copy, tmp_path):
    out = tmp_path / "期间.xlsx"
    result = run_main("export", "scores", "--ledger", demo_copy, "--plan", 3, "--date", "2021-03-25", "-o", out)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["考核打分表"]
    assert "月度平均" in sheet["A2"].value and "各项加减分均为各月的平均值" in sheet["A2"].value
    with Ledger.open(demo_copy) as ledger:
        months = ["2020-12", "2021-01", "2021-02"]  # the 临汾 plan's 报送期
        monthly = {m: {s.unit_name: s for s in ledger.month_scores(3, m, date(2021, 3, 25))} for m in months}
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows and all(None not in row[4:10] and "" not in row[4:10] for row in rows)
    for row in rows:
        scored = [monthly[m][row[1]] for m in months if row[1] in monthly[m]]
        late = sum(s.detail["late"] for s in scored) / len(scored)
        assert row[6] == round(late, 1)  # 逾期扣分: the average of the months
        assert abs(sum(row[4:10]) - row[2]) <= 0.35  # the parts add up to the score, bar rounding


def test_scores_page_says_when_likely_duplicates_are_unreviewed(demo_copy, qtbot):
    from models.records import Unit
    from ui.scores_page import ScoresPage

    with Ledger.open(demo_copy) as ledger:
        twin = ledger.save(Unit(name="临汾市公安局", region="临汾"))  # 市公安局 written another way
        ledger.link_unit(ledger.leaf_tasks(3)[0].id, twin, "participating", 99)
        page = ScoresPage(ledger, today=lambda: date(2021, 1, 25))
        qtbot.addWidget(page)
        page.plan_combo.setCurrentIndex(page.plan_combo.findData(3))
        page.refresh()
        assert "有1组疑似同一单位尚未核对" in page.state_label.text()
        page.plan_combo.setCurrentIndex(page.plan_combo.findData(4))  # 辽宁's units: merged already
        page.refresh()
        assert "疑似" not in page.state_label.text()
