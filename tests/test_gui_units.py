"""单位名录: the table model sound, a unit edited through the form, two units merged, likely
duplicates merged in one click, a group name's members listed."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from models.records import Unit
from ui.unit_table_model import UnitTableModel
from ui.units_page import UnitsPage


def test_units_page_edit_and_merge(qtbot, ledger, campaign, monkeypatch, qtmodeltester):
    court = ledger.save(Unit(name="市中级人民法院", region="兰州"))
    short = ledger.ensure_unit("市中法", "兰州")
    page = UnitsPage(ledger)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)
    qtmodeltester.check(UnitTableModel([]))
    page.filter.setText("中")
    assert page.proxy.rowCount() == 2
    page.view.selectRow(0)
    page.form.editors["phone"].setText("0931-8888888")
    assert page.form.accept()
    page.form.editors["email"].setText("不是邮箱")
    assert not page.form.accept() and "电子邮箱" in page.form.errors["email"].text()
    page.view.selectAll()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("市中级人民法院（兰州）", True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert page.merge_selected() is not None
    assert ledger.find_unit("市中法", "兰州").id == court
    assert all(u.id != short for u in ledger.units())


def test_likely_duplicates_merge_in_one_click_and_rank_once(qtbot, demo_copy):
    from datetime import date

    from models.entries import Progress
    from models.ledger import Ledger

    ledger = Ledger.open(demo_copy)
    try:
        assert ledger.likely_duplicates() == []  # the demo office merged its plain pairs once
        # a later plan writes the police with the city's name, and it reports under that name
        full = ledger.save(Unit(name="临汾市公安局", region="临汾"))
        task = ledger.leaf_tasks(3)[0]
        ledger.link_unit(task.id, full, "participating", 99)
        ledger.put_progress([Progress(task_id=task.id, unit_id=full, period="2021-01", status="推进中",
                                      received_on="2021-01-15")], source="测试")
        ledger.save(Unit(name="市人力资源和社会保障局", region="临汾"))  # beside 临汾's 市人社局
        names = [s.unit_name for s in ledger.month_scores(3, "2021-01", date(2021, 1, 25))]
        assert {"临汾市公安局", "市公安局"} <= set(names)  # ranked twice
        page = UnitsPage(ledger)
        qtbot.addWidget(page)
        box = page.duplicates
        rows = [box.list.item(i).text() for i in range(box.list.count())]
        assert len(rows) == 2
        row = next(i for i, text in enumerate(rows) if "公安局" in text)
        assert "合并后保留“临汾市公安局”" in rows[row]
        before = len(ledger.units())
        box.list.setCurrentRow(row)
        box.merge_current()  # the one click
        assert len(ledger.units()) == before - 1
        names = [s.unit_name for s in ledger.month_scores(3, "2021-01", date(2021, 1, 25))]
        assert names.count("临汾市公安局") == 1 and "市公安局" not in names
        assert all("公安局" not in box.list.item(i).text() for i in range(box.list.count()))
        box.list.setCurrentRow(0)
        left = box.list.count()
        assert left == 1
        box.mark_current_distinct()  # the office says no: not offered again
        assert box.list.count() == left - 1 and len(ledger.likely_duplicates()) == left - 1
    finally:
        ledger.close()


def test_a_group_name_lists_its_members(qtbot, ledger, campaign):
    from ui.unit_reconcile import GroupMembersDialog

    group = ledger.save(Unit(name="市社会信用体系建设领导小组各成员单位", region="兰州"))
    page = UnitsPage(ledger)
    qtbot.addWidget(page)
    row = next(r for r in range(page.proxy.rowCount())
               if page.proxy.index(r, 0).data() == "市社会信用体系建设领导小组各成员单位")
    page.view.selectRow(row)
    assert page.members_button.isEnabled()
    dialog = page.edit_members()
    qtbot.addWidget(dialog)
    for i in range(dialog.list.count()):
        if dialog.list.item(i).text() == "市公安局":
            dialog.list.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert ledger.listed_members(group) == [campaign["police"]]
    assert isinstance(dialog, GroupMembersDialog)
