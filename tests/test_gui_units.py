"""单位名录: the table model sound, a unit edited through the form, two units merged."""

from PySide6.QtWidgets import QInputDialog, QMessageBox

from models.records import Unit
from ui.units_page import UnitsPage
from ui.unit_table_model import UnitTableModel


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
