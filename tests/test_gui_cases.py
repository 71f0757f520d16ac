"""典型案例 page: filters in SQL, the table model sound, the form's happy and invalid paths,
ID numbers masked, deletion audited."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.entries import Case
from models.ledger import Ledger
from ui.browse_table_model import BrowseTableModel
from ui.cases_page import CasesPage


@pytest.fixture
def page(qtbot, demo_copy):
    path = demo_copy
    ledger = Ledger.open(path)
    widget = CasesPage(ledger)
    qtbot.addWidget(widget)
    yield widget
    ledger.close()


def test_filters_match_the_ledger(page, qtmodeltester):
    qtmodeltester.check(page.model)
    assert page.model.total == page.ledger.count("cases")
    page.kind.setCurrentIndex(page.kind.findData("失信惩戒"))
    expected = page.ledger.db.execute("SELECT count(*) FROM cases WHERE kind = '失信惩戒'").fetchone()[0]
    assert page.model.total == expected and f"共 {expected} 条" == page.count.text()
    page.kind.setCurrentIndex(0)
    page.text.setText("守合同")
    page.apply_filter()
    hits = {h.id for h in page.ledger.search("守合同", limit=1000) if h.kind == "case"}
    assert hits and page.model.total == len(hits)
    shown = {page.model.record_at(r).id for r in range(page.model.rowCount())}
    assert shown == hits


def test_sorting_happens_in_sql(page):
    page.model.sort(2, Qt.SortOrder.AscendingOrder)  # 主体名称
    names = [page.model.index(r, 2).data() for r in range(page.model.rowCount())]
    assert names == sorted(names)


def test_id_numbers_are_masked_in_the_table(page):
    page.ledger.save(Case(kind="失信惩戒", title="某人欠薪案", subject_name="张某", subject_type="自然人",
                          subject_code="11010519491231002X"))
    page.apply_filter()
    codes = [page.model.index(r, 3).data() for r in range(page.model.rowCount())]
    assert "110***********002X" in codes and "11010519491231002X" not in codes


def test_form_happy_path_and_invalid_path(page, qtbot):
    form = page.add_case()
    qtbot.addWidget(form)
    form.editors["title"].setText("某公司守信激励案")
    form.editors["subject_name"].setText("某公司")
    form.editors["kind"].setCurrentIndex(form.editors["kind"].findData("守信激励"))
    form.editors["subject_code"].setText("91330282L07196379A")
    assert "校验不通过" in form.errors["subject_code"].text()  # checked as typed
    before = page.ledger.count("cases")
    form.accept()
    assert page.ledger.count("cases") == before and "校验不通过" in form.errors["subject_code"].text()
    form.editors["subject_code"].setText("91330282L07196379D")
    form.accept()  # every case belongs to a plan: the page shows all plans, so the form asks
    assert page.ledger.count("cases") == before and "所属方案" in form.errors["plan_id"].text()
    form.editors["plan_id"].setCurrentIndex(form.editors["plan_id"].findData(3))
    form.editors["occurred_on"].setText("2021年1月5日")  # as people write a date
    with qtbot.waitSignal(form.saved, timeout=3000):
        form.accept()
    assert page.ledger.count("cases") == before + 1
    assert "2021-01-05" in [c.occurred_on for c in page.ledger.cases()]


def test_delete_asks_and_is_audited(page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.view.selectRow(0)
    case = page.selected()
    page.delete_case()
    assert page.ledger.audit_entries()[0]["action"] == "删除"
    assert all(page.model.record_at(r).id != case.id for r in range(page.model.rowCount()))


def test_a_big_table_fetches_lazily(qtbot, ledger):
    ledger.add_cases([Case(kind="其他", title=f"案例{i}", subject_name=f"主体{i}", occurred_on="2021-01-01")
                      for i in range(650)], source="测试")
    model = BrowseTableModel(ledger, "cases")
    assert model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400


def test_lists_page_filters_and_form(qtbot, demo_copy):
    from models.entries import ListEntry
    from ui.cases_page import ListsPage

    path = demo_copy
    ledger = Ledger.open(path)
    try:
        page = ListsPage(ledger)
        qtbot.addWidget(page)
        page.kind.setCurrentIndex(page.kind.findData("黑名单"))
        page.plan.setCurrentIndex(page.plan.findData(3))  # the 临汾 plan's entries
        expected = ledger.db.execute("SELECT count(*) FROM list_entries WHERE list_kind = '黑名单' "
                                     "AND plan_id = 3").fetchone()[0]
        assert page.model.total == expected
        form = page.add_record()
        qtbot.addWidget(form)
        assert form.editors["plan_id"].currentData() == 3  # the page's plan first
        form.editors["subject_name"].setText("某建筑公司")
        form.editors["listed_on"].setText("2021-01-05")
        form.editors["removed_on"].setText("2020-12-01")
        form.accept()
        assert "移出日期" in form.errors["removed_on"].text()
        form.editors["removed_on"].setText("")
        with qtbot.waitSignal(form.saved, timeout=3000):
            form.accept()
        assert page.model.total == expected + 1
        assert ledger.get(ListEntry, ledger.list_entries()[0].id).subject_name == "某建筑公司"
    finally:
        ledger.close()


def test_a_case_typed_in_the_window_reaches_its_plans_documents(page, qtbot):
    from datetime import date

    from exporters.doc_bulletin import bulletin_content
    from exporters.doc_common import DocMeta
    from exporters.doc_others import casebook_content

    page.plan.setCurrentIndex(page.plan.findData(3))  # the 临汾 plan's page
    form = page.add_case()
    qtbot.addWidget(form)
    assert form.editors["plan_id"].currentData() == 3  # the page's plan first
    tasks = [form.editors["task_id"].itemData(i) for i in range(1, form.editors["task_id"].count())]
    assert tasks == [t.id for t in page.ledger.tasks(3)]  # only that plan's tasks are offered
    form.editors["task_id"].setCurrentIndex(2)
    form.editors["title"].setText("临汾某建筑公司拖欠农民工工资案")
    form.editors["subject_name"].setText("临汾某建筑公司")
    form.editors["occurred_on"].setText("2021-01-12")
    form.editors["unit_id"].setCurrentIndex(form.editors["unit_id"].findData(page.ledger.find_unit("市人社局", "临汾").id))
    with qtbot.waitSignal(form.saved, timeout=3000):
        form.accept()
    title, today = "临汾某建筑公司拖欠农民工工资案", date(2021, 1, 25)
    meta = DocMeta(today=today, date=today)
    casebook = casebook_content(page.ledger.document_data("casebook", 3, period="2021-01", today=today), meta)
    bulletin = bulletin_content(page.ledger.document_data("bulletin", 3, period="2021-01", today=today), meta)
    table = page.ledger.workbook_data("cases", 3, period="2021-01", today=today)
    counted = {len(page.ledger.casebook_data(3, "2021-01").cases), len(table.cases),
               len(page.ledger.bulletin_data(3, "2021-01", today).cases)}
    assert len(counted) == 1  # the same cases, counted alike
    assert any(title in p for p in casebook.body) and any(f"报送的“{title}”" in p for p in bulletin.body)
    assert title in [c.title for c, _, _ in table.cases]
    assert all(title not in [c.title for c, _, _ in page.ledger.plan_cases(p.id)]
               for p in page.ledger.plans() if p.id != 3)


def test_a_case_without_a_plan_is_listed_and_assigned(page):
    from models.ledger_browse import UNASSIGNED

    page.plan.setCurrentIndex(page.plan.findData(UNASSIGNED))
    assert page.model.total == 1 and page.plan.currentText() == "未归入方案（1）"
    case = page.model.record_at(0)
    assert all(case.id not in page.ledger.plan_case_ids(p.id) for p in page.ledger.plans())
    page.view.selectRow(0)
    assert page.assign_selected(plan_id=4) == 1
    assert case.id in page.ledger.plan_case_ids(4) and page.model.total == 0
    assert page.plan.itemText(1) == "未归入方案（0）"
    assert page.ledger.audit_entries()[0]["action"] == "归入方案"


def test_the_reporting_unit_list_offers_the_plans_units_first(page, qtbot):
    page.plan.setCurrentIndex(page.plan.findData(1))  # 杭州
    form = page.add_case()
    qtbot.addWidget(form)
    combo = form.editors["unit_id"]
    ids = [combo.itemData(i) for i in range(combo.count())]
    separator = next(i for i in range(combo.count()) if combo.itemText(i) == "" and i > 0)
    mine = page.ledger.plan_unit_ids(1)
    assert ids[1:separator] == mine and len(mine) < len(page.ledger.units())
    police = [combo.itemText(i) for i in range(1, separator) if combo.itemText(i).startswith("市公安局")]
    assert police == ["市公安局（杭州）"]  # the plan's own, not the five cities' 市公安局 first
    assert set(ids[separator + 1:]) == {u.id for u in page.ledger.units()} - set(mine)  # the rest after
    combo.setCurrentIndex(combo.findData(mine[2]))
    form.editors["plan_id"].setCurrentIndex(form.editors["plan_id"].findData(3))  # another plan
    assert combo.currentData() == mine[2]  # the choice stays
    assert [combo.itemData(i) for i in range(1, len(page.ledger.plan_unit_ids(3)) + 1)] == \
        page.ledger.plan_unit_ids(3)


def test_two_plans_with_one_title_are_told_apart(page, qtbot):
    from models.records import Plan

    first = page.ledger.get(Plan, 2)
    page.ledger.save(Plan(title=first.title, issuer=None, date="2019-06-01"))
    page.reload_choices()
    labels = [page.plan.itemText(i) for i in range(page.plan.count())]
    same = [label for label in labels if first.title in label]
    assert len(same) == 2 and len(set(same)) == 2, same
    form = page.add_case()
    qtbot.addWidget(form)
    plans = [form.editors["plan_id"].itemText(i) for i in range(form.editors["plan_id"].count())]
    assert [p for p in plans if first.title in p] == same
    assert "杭信办〔2020〕5号 杭州市2020年重点领域失信专项治理实施方案" in plans  # 文号 and title


def test_edit_and_delete_wait_for_a_chosen_row(page):
    edit, delete = page.selection_buttons[:2]
    page.view.clearSelection()
    assert not edit.isEnabled() and not delete.isEnabled() and page.write_buttons[0].isEnabled()
    page.view.selectRow(0)
    assert edit.isEnabled() and delete.isEnabled()
