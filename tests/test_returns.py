"""The 报送模板 round trip: templates for every unit of the demo ledger, filled in as units
fill them, imported back exactly; resubmissions replace, the history restores, an import
undoes as a whole; the template's protection, dropdowns and checks reopened and read."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import run_main
from returns_kit import RECEIVED, checksum, fill_template, headers, task_rows

from models.entries import PROGRESS_STATUSES
from models.ledger import Ledger
from models.returns import CASES_SHEET, IDS_SHEET, LISTS_SHEET, PROGRESS_SHEET

PLAN, PERIOD = 4, "2018-11"  # seed 003: numbers asked (排查数, 整治数) and list targets


@pytest.fixture
def templates(demo_copy, tmp_path):
    result = run_main("export", "templates", "--ledger", demo_copy, "--plan", PLAN, "--period", PERIOD,
                      "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    paths = [Path(p) for p in result.stdout.split()]
    assert paths[-1].suffix == ".zip"
    return paths[:-1]


def unit_of(path: Path) -> tuple[int, str]:
    """The unit id and name a template was made for (from its hidden ids)."""
    ids = openpyxl.load_workbook(path)[IDS_SHEET]
    return int(ids["B3"].value), ids["B4"].value


def with_numbers(templates: list[Path]) -> Path:
    """A template that asks for numbers (排查数, 整治数)."""
    return next(p for p in templates if "排查数" in headers(openpyxl.load_workbook(p)[PROGRESS_SHEET]))


def unit_values(path: Path, seed: int) -> dict[int, dict]:
    """Deterministic entries for every task of a template."""
    book = openpyxl.load_workbook(path)
    sheet = book[PROGRESS_SHEET]
    columns = headers(sheet)
    numbers = [name for name in columns if name in ("排查数", "整治数")]
    values = {}
    for index, task_id in enumerate(task_rows(path)):
        row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, 1).value == task_id)
        asked = [n for n in numbers if sheet.cell(row, columns[n]).protection.locked is False]
        values[task_id] = {"status": PROGRESS_STATUSES[(seed + index) % 4],
                           "text": f"第{seed}单位第{index}项：已完成排查", "problems": f"问题{index}",
                           "next_steps": f"计划{index}",
                           **{n: seed * 10 + index + k for k, n in enumerate(asked)}}
    return values


def test_template_lists_only_the_units_tasks_and_is_protected(templates, demo_copy):
    with Ledger.open(demo_copy) as ledger:
        owed = {}
        for task, unit, _ in ledger.obligations(PLAN, PERIOD):
            owed.setdefault(unit["name"], []).append(task.id)
    # 交通局、民政局… are the 市 units named elsewhere; two group names owe nothing; the demo
    # office merged 市人社局 into 市人力资源和社会保障局
    assert len(templates) == len(owed) == 36
    path = with_numbers(templates)
    unit_id, name = unit_of(path)
    assert name in path.name and task_rows(path) == owed[name]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["填报说明", PROGRESS_SHEET, CASES_SHEET, LISTS_SHEET, IDS_SHEET]
    assert book[IDS_SHEET].sheet_state == "veryHidden"
    assert book.security.lockStructure and book.security.workbookPassword
    sheet = book[PROGRESS_SHEET]
    assert all(book[name].protection.sheet and book[name].protection.password for name in book.sheetnames)
    assert sheet.column_dimensions["A"].hidden and sheet.cell(3, 1).value == "任务编号"
    columns = headers(sheet)
    assert list(columns)[:9] == ["任务编号", "序号", "重点工作任务", "本单位职责", "时限要求", "进展状态",
                                 "工作进展", "存在问题", "下步计划"]
    assert {"排查数", "整治数"} <= set(columns)
    for row in range(4, 4 + len(owed[name])):
        assert sheet.cell(row, columns["重点工作任务"]).protection.locked
        assert all(sheet.cell(row, columns[n]).protection.locked is False
                   for n in ("进展状态", "工作进展", "存在问题", "下步计划"))
    assert sheet.cell(1, 1).protection.locked and sheet.cell(3, 6).protection.locked
    rules = {dv.type: dv for dv in sheet.data_validations.dataValidation}
    assert rules["list"].formula1 == '"未启动,推进中,已完成,滞后"' and str(rules["list"].sqref).startswith("F4:F")
    assert rules["whole"].operator == "between" and rules["whole"].formula1 == "0"  # counts are whole
    assert rules["list"].showErrorMessage and rules["list"].error
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    cases = book[CASES_SHEET]
    kinds = {str(dv.sqref): dv for dv in cases.data_validations.dataValidation}
    assert kinds["B4:B53"].formula1 == '"守信激励,失信惩戒,行政奖励,其他"'
    assert kinds["D4:D53"].formula1.startswith("'模板标识'!$D$2:$D$")
    assert kinds["L4:L53"].type == "date" and kinds["N4:N53"].type == "date"
    assert cases.cell(53, 3).protection.locked is False and cases.cell(54, 3).protection.locked
    lists = book[LISTS_SHEET]
    assert [lists.cell(r, 1).value for r in (4, 5, 6)] == ["红名单", "黑名单", "重点关注名单"]
    assert lists["B4"].protection.locked is False and lists["D4"].protection.locked  # red: no repair
    assert lists.data_validations.dataValidation[0].type == "whole"


def test_every_unit_of_every_plan_fills_in_and_the_ledger_holds_exactly_what_they_wrote(demo_copy, tmp_path):
    with Ledger.open(demo_copy) as ledger:
        months = {plan.id: ledger.latest_period(plan.id) for plan in ledger.plans()}
    templates = []
    for plan_id, period in months.items():
        result = run_main("export", "templates", "--ledger", demo_copy, "--plan", plan_id, "--period", period,
                          "-o", tmp_path / f"plan{plan_id}")
        assert result.returncode == 0, result.stderr
        templates += [(plan_id, period, Path(p)) for p in result.stdout.split() if p.endswith(".xlsx")]
    assert len(months) == 5 and len(templates) > 100
    entered = {}
    for seed, (plan_id, period, path) in enumerate(templates, start=1):
        values = unit_values(path, seed)
        cases = [{"kind": "失信惩戒", "title": f"案例{seed}", "subject_name": f"某某公司{seed}",
                  "subject_type": "法人及其他组织", "subject_code": "91330282L07196379D",
                  "occurred_on": f"{period}-05", "behaviour": "=拒不履行"}] if seed % 5 == 0 else []
        counts = {"黑名单": (seed, seed % 3, 1)} if seed % 4 == 0 else {}
        fill_template(path, progress=values, cases=cases, counts=counts)
        entered[path] = (values, cases, counts)
    allowed = [arg for period in set(months.values()) for arg in ("--allow-month", period)]
    result = run_main("import-returns", *(tmp_path / f"plan{p}" for p in months), "--ledger", demo_copy,
                      "--received", "2018-11-19", *allowed, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(templates)} 个文件，导入 {len(templates)} 个，拒绝 0 个" in result.stdout
    with Ledger.open(demo_copy) as ledger:
        for plan_id, period, path in templates:
            values, cases, counts = entered[path]
            unit_id, _ = unit_of(path)
            got = {p.task_id: p for p in ledger.progress(period=period, unit_id=unit_id)
                   if p.task_id in values}
            assert set(got) == set(values)
            for task_id, want in values.items():
                p = got[task_id]
                assert (p.status, p.text, p.problems, p.next_steps) == (
                    want["status"], want["text"], want["problems"], want["next_steps"])
                assert p.numbers == {k: float(v) for k, v in want.items() if k in ("排查数", "整治数")}
                assert p.received_on == "2018-11-19" and p.source_file == path.name
            stored = ledger.db.execute("SELECT title, behaviour, subject_code, occurred_on FROM cases "
                                       "WHERE unit_id = ? AND period = ? AND import_file_id IS NOT NULL",
                                       [unit_id, period]).fetchall()
            assert stored == [(c["title"], c["behaviour"], c["subject_code"], c["occurred_on"]) for c in cases]
            figures = {r["list_kind"]: (r["local"], r["national"], r["repaired"])
                       for r in ledger.list_counts(plan_id, period) if r["unit_id"] == unit_id}
            assert figures == counts


def test_resubmission_replaces_history_restores_and_import_undoes(templates, demo_copy, tmp_path):
    path = templates[0]
    unit_id, name = unit_of(path)
    first_task = task_rows(path)[0]
    before = checksum(demo_copy)
    with Ledger.open(demo_copy) as ledger:
        original = [(p.task_id, p.status, p.text) for p in ledger.progress(period=PERIOD, unit_id=unit_id)]
    fill_template(path, progress={first_task: {"status": "推进中", "text": "第一次报送"}},
                  counts={"红名单": (3, 1, None)})
    assert run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED).returncode == 0
    fixed = fill_template(path, progress={first_task: {"status": "已完成", "text": "更正后报送"}},
                          out=tmp_path / f"{name}（更正）.xlsx")
    for _ in range(2):  # the correction, then the same file again: never duplicated
        result = run_main("import-returns", fixed, "--ledger", demo_copy, "--received", RECEIVED,
                          "--allow-month", PERIOD)
        assert result.returncode == 0, result.stdout + result.stderr
    both = run_main("import-returns", path, fixed, "--ledger", demo_copy, "--received", RECEIVED, "--dry-run",
                    "--allow-month", PERIOD)
    assert f"同一批中还有本单位本月的“{fixed.name}”" in both.stdout  # the later one is taken last
    with Ledger.open(demo_copy) as ledger:
        rows = ledger.progress(period=PERIOD, unit_id=unit_id)
        assert [(p.task_id, p.status, p.text) for p in rows] == [(first_task, "已完成", "更正后报送")]
        # the correction was made in the same workbook, so it carries the same counts, once
        assert [(r["unit_id"], r["list_kind"], r["local"], r["national"]) for r in ledger.list_counts(PLAN, PERIOD)] \
            == [(unit_id, "红名单", 3, 1)]
        batches = ledger.imports()
        assert len(batches) == 3
        replaced = ledger.replaced_by(batches[1]["files"][0]["id"])
        assert [(r["table"], r["text"]) for r in replaced if r["table"] == "progress"] == [("progress", "第一次报送")]
        with pytest.raises(Exception, match="请先撤销那次导入"):
            ledger.undo_import(batches[2]["id"])  # the first import was replaced since
        with pytest.raises(Exception, match="没有编号为 99 的导入"):
            ledger.undo_import(99)
    for batch in (3, 2):
        result = run_main("undo-import", batch, "--ledger", demo_copy)
        assert result.returncode == 0, result.stderr
    with Ledger.open(demo_copy) as ledger:
        assert [(p.task_id, p.status, p.text) for p in ledger.progress(period=PERIOD, unit_id=unit_id)] == \
            [(first_task, "推进中", "第一次报送")]
        assert {r["list_kind"]: r["local"] for r in ledger.list_counts(PLAN, PERIOD)} == {"红名单": 3}
        ledger.undo_import(1)
        assert [(p.task_id, p.status, p.text) for p in ledger.progress(period=PERIOD, unit_id=unit_id)] == original
    with Ledger.open(demo_copy) as ledger:  # the rows are as before; only the history grew
        rows = ledger.db.execute("SELECT * FROM progress ORDER BY id").fetchall()
    assert len(rows) and before != checksum(demo_copy)


def test_dry_run_changes_nothing_and_shows_the_changes(templates, demo_copy):
    path = templates[0]
    fill_template(path, progress={task_rows(path)[0]: {"status": "滞后", "text": "受疫情影响"}})
    before = checksum(demo_copy)
    result = run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED, "--dry-run")
    assert result.returncode == 0 and "可导入" in result.stdout and "试导入" in result.stdout
    assert checksum(demo_copy) == before
    with Ledger.open(demo_copy) as ledger:
        from importers.returns_xlsx import read_return

        outcome = ledger.apply_returns([read_return(path)], received_on="2018-11-20", dry_run=True)
    assert outcome.import_id is None and any(c.startswith("替换") and "滞后" in c for c in outcome.files[0].changes)


def test_targets_read_the_reported_list_counts(templates, demo_copy):
    with Ledger.open(demo_copy) as ledger:
        target = next(v for v in ledger.evaluate_targets(PLAN, PERIOD) if v.formula == "local_per_national")
        names = [name for name, _ in target.per_unit]
    path = next(p for p in templates if unit_of(p)[1] in names)
    unit_id, name = unit_of(path)
    fill_template(path, progress={task_rows(path)[0]: {"status": "推进中"}},
                  counts={"黑名单": (8, 2, 6), "红名单": (0, 0, None)})
    assert run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED).returncode == 0
    with Ledger.open(demo_copy) as ledger:
        figures = ledger.list_figures(unit_id, PLAN, PERIOD)
        values = {v.formula: dict(v.per_unit).get(name) for v in ledger.evaluate_targets(PLAN, PERIOD)}
    assert (figures.local, figures.national, figures.repaired, figures.punished) == (8, 2, 6, 10)
    assert values["local_per_national"] == 400.0  # 8 local ÷ 2 national, from the return


def test_merging_units_carries_their_returns_along(templates, demo_copy):
    path = templates[0]
    unit_id, name = unit_of(path)
    fill_template(path, progress={task_rows(path)[0]: {"status": "推进中"}}, counts={"红名单": (1, 0, None)})
    assert run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED).returncode == 0
    with Ledger.open(demo_copy) as ledger:
        keep = ledger.ensure_unit(f"{name}（新）", "营口")
        ledger.merge_units(keep, unit_id)
        assert [(r["unit_id"], r["local"]) for r in ledger.list_counts(PLAN, PERIOD)] == [(keep, 1)]
        assert ledger.imports()[0]["files"][0]["unit_id"] == keep
        assert ledger.undo_import(ledger.imports()[0]["id"]) == 1
    # a template sent before the merge still maps back, to the unit it went into
    result = run_main("import-returns", path, "--ledger", demo_copy, "--received", RECEIVED)
    assert result.returncode == 0 and f"已并入“{name}（新）”" in result.stdout, result.stdout
    with Ledger.open(demo_copy) as ledger:
        assert [(r["unit_id"], r["local"]) for r in ledger.list_counts(PLAN, PERIOD)] == [(keep, 1)]
