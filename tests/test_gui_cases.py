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
    assert "应为 D" in form.errors["subject_code"].text()  # checked as typed
    before = page.ledger.count("cases")
    form.accept()
    assert page.ledger.count("cases") == before and "应为 D" in form.errors["subject_code"].text()
    form.editors["subject_code"].setText("91330282L07196379D")
    with qtbot.waitSignal(form.saved, timeout=3000):
        form.accept()
    assert page.ledger.count("cases") == before + 1


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
        expected = ledger.db.execute("SELECT count(*) FROM list_entries WHERE list_kind = '黑名单'").fetchone()[0]
        assert page.model.total == expected
        form = page.add_record()
        qtbot.addWidget(form)
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
