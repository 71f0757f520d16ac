"""Returns the office can trust: a template carries its ledger's own id and a check code keyed
by the ledger's secret, and its unit's name; another ledger's template, or one whose unit name
no longer matches its ids, is refused naming both; the output names the unit the rows went to.
A return for a month other than the one being collected, or for a month already imported,
waits for confirmation; a case belongs to the month of the return it came in."""

from __future__ import annotations

import secrets
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import run_main
from returns_kit import RECEIVED, checksum, fill_template, task_rows

from importers.returns_xlsx import read_return
from models.ledger import Ledger
from models.records import Unit
from models.returns import IDS_SHEET

PLAN, PERIOD = 4, "2018-11"


def export(ledger: Path, folder: Path, period: str = PERIOD) -> list[Path]:
    result = run_main("export", "templates", "--ledger", ledger, "--plan", PLAN, "--period", period,
                      "-o", folder)
    assert result.returncode == 0, result.stderr
    return [Path(p) for p in result.stdout.split() if p.endswith(".xlsx")]


@pytest.fixture(scope="module")
def blank(demo_master, tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("blank")
    return export(Path(shutil.copyfile(demo_master, folder / "demo.sqlite")), folder / "out")


def filled(blank: list[Path], folder: Path, index: int = 0, name: str | None = None,
           text: str = "本月开展专项检查") -> Path:
    source = blank[index]
    path = Path(shutil.copyfile(source, folder / (name or source.name)))
    return fill_template(path, progress={t: {"status": "推进中", "text": text} for t in task_rows(path)})


def ids(path: Path) -> dict[str, object]:
    sheet = openpyxl.load_workbook(path)[IDS_SHEET]
    return {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(1, 13)}


def import_returns(ledger: Path, *paths, extra=()):
    return run_main("import-returns", *paths, "--ledger", ledger, "--received", RECEIVED, *extra)


# ---------------------------------------------------------------------- identity

def test_a_template_carries_the_ledgers_id_a_keyed_check_code_and_its_unit(blank, demo_copy):
    with Ledger.open(demo_copy) as ledger:
        ledger_id, secret = ledger.ledger_identity()
        units = {t.unit_id: t.unit_name for t in ledger.template_set(PLAN, PERIOD)}
    assert len(ledger_id) == 32 and len(secret) == 64
    carried = ids(blank[0])
    assert carried["模板版本"] == 3 and carried["台账标识"] == ledger_id
    assert units[carried["单位编号"]] == carried["单位名称"]
    assert len(carried["校验码"]) == 32
    # two ledgers never share an id: a new one gets its own
    other = Ledger.in_memory()
    assert other.ledger_identity()[0] != ledger_id


def other_ledger(demo_copy: Path, folder: Path) -> Path:
    """A second ledger with the same units and ids (as a second `demo` makes), its own identity."""
    other = Path(shutil.copyfile(demo_copy, folder / "大连.sqlite"))
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE ledger_identity SET id = ?, secret = ?", [secrets.token_hex(16), secrets.token_hex(32)])
    with Ledger.open(other) as ledger:
        ledger.set_settings({"office_name": "大连市信用办"})
    return other


def test_another_ledgers_template_is_refused_naming_both_ledgers(blank, demo_copy, tmp_path):
    theirs = export(other_ledger(demo_copy, tmp_path), tmp_path / "theirs")
    path = filled(theirs, tmp_path, name="11月报送表.xlsx")
    with Ledger.open(demo_copy) as ledger:
        ledger.set_settings({"office_name": "营口市信用办"})
        ours = ledger.ledger_identity()[0]
    before = checksum(demo_copy)
    result = import_returns(demo_copy, path)
    assert result.returncode == 1, result.stdout
    assert "拒绝 11月报送表.xlsx" in result.stdout
    said = result.stdout
    assert "另一本台账（大连市信用办" in said and "不是本台账（营口市信用办" in said, said
    assert ids(path)["台账标识"][:8] in said and ours[:8] in said
    assert checksum(demo_copy) == before
    # its ids moved into this ledger's name cannot make this ledger's check code
    book = openpyxl.load_workbook(path)
    book[IDS_SHEET]["B7"] = ours
    book.save(path)
    result = import_returns(demo_copy, path)
    assert result.returncode == 1 and "校验码不符" in result.stdout, result.stdout
    assert checksum(demo_copy) == before


def test_an_edited_unit_name_is_refused_naming_both_units(blank, demo_copy, tmp_path):
    path = filled(blank, tmp_path)
    book = openpyxl.load_workbook(path)
    real = book[IDS_SHEET]["B4"].value
    book[IDS_SHEET].sheet_state = "visible"  # as a unit that shows the hidden sheet would
    book[IDS_SHEET]["B4"] = "市法院" if real != "市法院" else "市公安局"
    book.save(path)
    before = checksum(demo_copy)
    result = import_returns(demo_copy, path)
    assert result.returncode == 1
    assert f"单位名称是“{book[IDS_SHEET]['B4'].value}”" in result.stdout
    assert f"在本台账中是“{real}”" in result.stdout
    assert checksum(demo_copy) == before


def test_another_unit_named_on_the_sheet_is_imported_by_the_ids_and_said(blank, demo_copy, tmp_path):
    path = filled(blank, tmp_path)
    book = openpyxl.load_workbook(path)
    real = book[IDS_SHEET]["B4"].value
    other = "市交通局" if real != "市交通局" else "市财政局"
    line = book["进展情况"]["A2"].value
    assert line.startswith(f"填报单位：{real}　")
    book["进展情况"]["A2"] = line.replace(real, other, 1)  # the visible name; the ids intact
    book.save(path)
    result = import_returns(demo_copy, path, extra=("--dry-run",))
    assert result.returncode == 0, result.stdout
    said = f"文件中写的单位是“{other}”，模板属于“{real}”，已按模板导入“{real}”"
    assert said in result.stdout
    parsed = read_return(path)
    with Ledger.open(demo_copy) as ledger:  # the window's preview shows the same note, once
        for _ in range(2):
            outcome = ledger.apply_returns([parsed], received_on=RECEIVED, dry_run=True)
    assert [note for note in outcome.files[0].notes if said in note] == [note for note in parsed.notes if said in note]
    assert len([note for note in parsed.notes if said in note]) == 1
    # the name as the template wrote it, on every sheet, says nothing
    plain = filled(blank, tmp_path, name="未改.xlsx")
    assert "文件中写的单位" not in import_returns(demo_copy, plain, extra=("--dry-run",)).stdout


def test_the_output_names_the_unit_the_rows_went_to_also_after_a_rename(blank, demo_copy, tmp_path):
    path = filled(blank, tmp_path, index=2)
    unit_id, old_name = ids(path)["单位编号"], ids(path)["单位名称"]
    with Ledger.open(demo_copy) as ledger:
        unit = ledger.get(Unit, unit_id)
        unit.name = f"{old_name}（更名）"
        ledger.save(unit)
    result = import_returns(demo_copy, path)
    assert result.returncode == 0, result.stdout
    assert f"已导入 {path.name}（{old_name}（更名） {PERIOD}）" in result.stdout
    with Ledger.open(demo_copy) as ledger:
        assert {p.unit_id for p in ledger.progress(period=PERIOD) if p.source_file == path.name} == {unit_id}


# ---------------------------------------------------------------------- months

def test_last_months_template_filled_this_month_waits_for_confirmation(blank, demo_copy, tmp_path):
    october = export(demo_copy, tmp_path / "october", "2018-10")
    path = filled(october, tmp_path, name=october[0].name, text="十月的模板，十一月才填")
    unit_id = ids(path)["单位编号"]
    with Ledger.open(demo_copy) as ledger:
        kept = [(p.task_id, p.text) for p in ledger.progress(period="2018-10", unit_id=unit_id)]
    before = checksum(demo_copy)
    result = import_returns(demo_copy, path)
    assert result.returncode == 1 and checksum(demo_copy) == before  # October is not replaced
    assert f"待确认 {path.name}" in result.stdout
    assert "这是2018年10月的报送，而收到日期 2018-11-19 正在收集的是2018年11月的报送" in result.stdout
    assert "--allow-month 2018-10" in result.stdout
    dry = run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED, "--dry-run")
    assert "试导入" in dry.stdout and "待确认" in dry.stdout
    result = import_returns(demo_copy, path, extra=("--allow-month", "2018-10"))
    assert result.returncode == 0, result.stdout
    with Ledger.open(demo_copy) as ledger:
        now = [(p.task_id, p.text) for p in ledger.progress(period="2018-10", unit_id=unit_id)]
    assert now != kept and {text for _, text in now} == {"十月的模板，十一月才填"}


def test_a_month_already_imported_from_an_earlier_file_waits_for_confirmation(blank, demo_copy, tmp_path):
    first = filled(blank, tmp_path, index=1, text="第一次")
    assert import_returns(demo_copy, first).returncode == 0
    (tmp_path / "again").mkdir()
    second = filled(blank, tmp_path / "again", index=1, text="第二次")
    before = checksum(demo_copy)
    result = import_returns(demo_copy, second)
    assert result.returncode == 1 and checksum(demo_copy) == before
    assert f"已由“{first.name}”（收到日期 {RECEIVED}）导入，本文件将整体替换它" in result.stdout
    result = import_returns(demo_copy, second, extra=("--allow-month", PERIOD))
    assert result.returncode == 0 and "已导入" in result.stdout
    bad = run_main("import-returns", second, "--ledger", demo_copy, "--allow-month", "2018-13")
    assert bad.returncode == 2 and "2018-13" in bad.stderr


def test_a_case_belongs_to_the_month_of_the_return_it_came_in(blank, demo_copy, tmp_path):
    path = Path(shutil.copyfile(blank[0], tmp_path / blank[0].name))
    fill_template(path, progress={task_rows(path)[0]: {"status": "推进中"}},
                  cases=[{"kind": "失信惩戒", "title": "十月实施的惩戒案", "subject_name": "某某建筑有限公司",
                          "subject_type": "法人及其他组织", "occurred_on": "2018-10-25"}])
    assert import_returns(demo_copy, path).returncode == 0
    with Ledger.open(demo_copy) as ledger:
        november = [c.title for c, _, _ in ledger.case_table(PLAN, "2018-11").cases]
        october = [c.title for c, _, _ in ledger.case_table(PLAN, "2018-10").cases]
        stored = ledger.db.execute("SELECT occurred_on, period FROM cases WHERE title = ?",
                                   ["十月实施的惩戒案"]).fetchall()
        bulletin = ledger.bulletin_data(PLAN, "2018-11", date(2018, 11, 30))
    assert "十月实施的惩戒案" in november and "十月实施的惩戒案" not in october
    assert stored == [("2018-10-25", "2018-11")]  # its 实施日期 kept as its own field
    assert "十月实施的惩戒案" in [case.title for case, *_ in bulletin.cases]


def test_a_case_typed_in_belongs_to_the_month_of_its_date(demo_copy):
    from models.entries import Case

    with Ledger.open(demo_copy) as ledger:
        case_id = ledger.save(Case(kind="守信激励", title="手工录入的案例", subject_name="某某诚信企业",
                                   occurred_on="2018-09-03"))
        assert ledger.db.execute("SELECT period FROM cases WHERE id = ?", [case_id]).fetchone()[0] == "2018-09"
        case = ledger.get(Case, case_id)
        case.occurred_on = "2018-10-08"
        ledger.save(case)
        assert ledger.db.execute("SELECT period FROM cases WHERE id = ?", [case_id]).fetchone()[0] == "2018-10"


def test_the_dialog_asks_to_confirm_a_month_before_importing_it(qtbot, demo_copy, blank, tmp_path):
    from ui.returns_dialog import ReturnsImportDialog

    october = export(demo_copy, tmp_path / "october", "2018-10")
    old = filled(october, tmp_path, name=october[0].name)
    (tmp_path / "now").mkdir()
    new = filled(blank, tmp_path / "now", index=1)
    with Ledger.open(demo_copy) as ledger:
        dialog = ReturnsImportDialog(ledger, today=lambda: date(2018, 11, 19))
        qtbot.addWidget(dialog)
        dialog.add_paths([old, new])
        states = {dialog.table.item(r, 0).text(): dialog.table.item(r, 3).text() for r in range(2)}
        assert states == {old.name: "待确认", new.name: "可导入"}
        assert dialog.months_bar.isVisibleTo(dialog) and dialog.import_button.text() == "导入 1 个文件"
        from PySide6.QtWidgets import QCheckBox

        box = dialog.months_bar.findChild(QCheckBox)
        assert "2018-10" in box.text()
        box.setChecked(True)
        assert dialog.import_button.text() == "导入 2 个文件"
        dialog.run_import()
        assert not dialog.outcome.dry_run and len(dialog.outcome.taken) == 2
        assert {dialog.table.item(r, 3).text() for r in range(2)} == {"已导入"}
