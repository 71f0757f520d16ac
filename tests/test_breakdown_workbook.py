"""The 任务分解表 workbook: the seeds' layout out of the ledger, and the same tasks read back in."""

import openpyxl
import pytest
from conftest import run_main

from importers.plan_reader import read_plan
from models.ledger import Ledger


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("breakdown") / "demo.sqlite"
    assert run_main("demo", "--ledger", path).returncode == 0
    return path


def _export(demo_ledger, plan_id, out):
    result = run_main("export", "breakdown", "--ledger", demo_ledger, "--plan", plan_id, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_layout_follows_the_seed_tables(demo_ledger, tmp_path):
    out = _export(demo_ledger, 3, tmp_path / "任务分解表.xlsx")
    sheet = openpyxl.load_workbook(out)["任务分解表"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A2:F2", "B3:C3"} <= merged
    assert sheet["A1"].value == "附件1" and sheet["A2"].value.endswith("任务分解表")
    assert [c.value for c in sheet[3]] == ["序号", "重点工作任务", None, "牵头单位", "责任单位", "工作任务及时限要求"]
    assert sheet.print_title_rows == "$3:$3" and sheet.freeze_panes == "A4"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
    with Ledger.open(demo_ledger) as ledger:
        data = ledger.plan_data(3)
    groups = [n for n in data.tasks if n.children]
    assert groups, "plan 3 has 专项治理 groups with sub-items"
    # a group's title is merged down over its sub-items in column B
    tall_b = [r for r in sheet.merged_cells.ranges if r.min_col == r.max_col == 2 and r.max_row > r.min_row]
    assert len(tall_b) >= len([g for g in groups if len(g.children) > 1])
    first_lead = data.tasks[0].units["lead"]
    assert sheet["D4"].value == "、".join(first_lead)


@pytest.mark.parametrize("plan_id", [1, 2, 3, 4, 5])
def test_exported_table_reads_back_as_the_same_plan(demo_ledger, tmp_path, plan_id):
    out = _export(demo_ledger, plan_id, tmp_path / f"分解表{plan_id}.xlsx")
    draft = read_plan(out)
    with Ledger.open(demo_ledger) as ledger:
        data = ledger.plan_data(plan_id)

    def leaves(nodes):
        for node in nodes:
            yield from (leaves(node.children) if node.children else [node])

    expected = [(n.task.title, n.units["lead"]) for n in leaves(data.tasks)]
    got = [(t.title, t.units["lead"]) for t in _draft_leaves(draft.tasks)]
    assert got == expected


def _draft_leaves(tasks):
    for task in tasks:
        yield from (_draft_leaves(task.children) if task.children else [task])


def test_unknown_plan_is_a_clear_error(demo_ledger, tmp_path):
    result = run_main("export", "breakdown", "--ledger", demo_ledger, "--plan", 99, "-o", tmp_path / "x.xlsx")
    assert result.returncode != 0 and "没有编号为 99 的方案" in result.stderr


def test_damaged_workbook_is_a_clear_error_naming_the_file(tmp_path):
    import zipfile

    from importers.plan_source import PlanReadError

    bad = tmp_path / "分解表.xlsx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not-a-workbook")
        archive.writestr("[Content_Types].xml", "<broken")
    with pytest.raises(PlanReadError, match="分解表.xlsx.*另存为"):
        read_plan(bad)


def test_import_plan_reads_a_breakdown_workbook_into_a_new_ledger(demo_ledger, tmp_path):
    out = _export(demo_ledger, 4, tmp_path / "分解表.xlsx")
    ledger_path = tmp_path / "新台账.sqlite"
    result = run_main("import-plan", out, "--ledger", ledger_path)
    assert result.returncode == 0 and "已导入" in result.stdout, result.stderr
    with Ledger.open(ledger_path) as fresh, Ledger.open(demo_ledger) as demo:
        assert [t.title for t in fresh.tasks(1)] == [t.title for t in demo.tasks(4)]


def test_page_breaks_fall_between_tasks_never_inside_a_group(demo_ledger, tmp_path):
    sheet = openpyxl.load_workbook(_export(demo_ledger, 3, tmp_path / "分解表.xlsx"))["任务分解表"]
    breaks = [b.id for b in sheet.row_breaks.brk]
    assert breaks, "42 tasks in 8 groups do not fit on one landscape page"
    from exporters.xlsx_print import largest_scale, printable

    room = printable()[1] / largest_scale([sheet.column_dimensions[c].width for c in "ABCDEF"]) - 30
    tall = lambda g: sum(sheet.row_dimensions[r].height for r in range(g.min_row, g.max_row + 1)) > room  # noqa: E731
    groups = [r for r in sheet.merged_cells.ranges if r.min_col == 1 and r.max_row > r.min_row]
    for row in breaks:  # a break after `row`: the next row starts a page; only a group taller
        # than a page (plan 3's 失信被执行人 group: five measures, long unit lists) breaks inside
        assert not any(g.min_row <= row < g.max_row and not tall(g) for g in groups), \
            f"break after row {row} splits a group"


def test_export_from_a_missing_ledger_is_refused_and_creates_nothing(tmp_path):
    missing = tmp_path / "没有的台账.sqlite"
    result = run_main("export", "breakdown", "--ledger", missing, "--plan", 1, "-o", tmp_path / "x.xlsx")
    assert result.returncode != 0 and "不存在" in result.stderr
    assert not missing.exists() and not (tmp_path / "x.xlsx").exists()
