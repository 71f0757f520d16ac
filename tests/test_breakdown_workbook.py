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
    # a narrow column's header breaks between its words
    assert [c.value and c.value.replace("\n", "") for c in sheet[3]] == \
        ["序号", "重点工作任务", None, "牵头单位", "责任单位", "工作任务及时限要求"]
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


def _expected(nodes):
    """What the table shows of each task: a task's whole words (a group's sub-items by their
    titles, as seed 003 lists them), its units and requirement."""
    from exporters.xlsx_breakdown import task_words

    for node in nodes:
        for leaf, words in ([(c, c.task.title) for c in node.children] if node.children
                            else [(node, task_words(node.task))]):
            yield (words, leaf.units["lead"], sorted(leaf.units["participating"] + leaf.units["responsible"]),
                   leaf.task.requirement or "")


def _read_back(path):
    draft = read_plan(path)
    return [(t.text, t.units["lead"], sorted(t.units["participating"] + t.units["responsible"]),
             t.deadline_text or "") for t in _draft_leaves(draft.tasks)]


@pytest.mark.parametrize("plan_id", [3, 5])
def test_every_word_of_every_task_reads_back_exactly(demo_ledger, tmp_path, plan_id):
    out = _export(demo_ledger, plan_id, tmp_path / "分解表.xlsx")
    with Ledger.open(demo_ledger) as ledger:
        data = ledger.plan_data(plan_id)
    expected = list(_expected(data.tasks))
    assert _read_back(out) == expected
    if plan_id == 5:  # 营口's first task: 714 characters with its units, once cut to 490 and ……
        sheet = openpyxl.load_workbook(out)["任务分解表"]
        assert len(sheet["B4"].value) == len(expected[0][0]) >= 650
        assert "……" not in sheet["B4"].value


def test_a_task_too_long_for_one_row_goes_on_in_the_next_and_reads_back_whole(demo_ledger, tmp_path):
    from exporters.xlsx_breakdown_layout import ROW_LIMIT

    ledger_path = tmp_path / "长任务.sqlite"
    ledger_path.write_bytes(demo_ledger.read_bytes())
    with Ledger.open(ledger_path) as ledger:
        task = ledger.tasks(5)[0]
        task.text = task.text + "".join(f"第{n}项：加强各部门协同配合，落实各项工作措施，确保取得实效。" for n in range(1, 120))
        ledger.save(task)
        data = ledger.plan_data(5)
    out = _export(ledger_path, 5, tmp_path / "分解表.xlsx")
    sheet = openpyxl.load_workbook(out)["任务分解表"]
    texts = [sheet.cell(r, 2).value or "" for r in range(4, sheet.max_row + 1)]
    continued = [t for t in texts if t.startswith("（续）")]
    assert len(continued) >= 2, "a text of some 4,000 characters takes several rows"
    assert all(sheet.row_dimensions[r].height <= ROW_LIMIT for r in range(4, sheet.max_row + 1))
    assert texts[0] + "".join(t.removeprefix("（续）") for t in continued) == list(_expected(data.tasks))[0][0]
    assert _read_back(out) == list(_expected(data.tasks))  # joined: the same plan


@pytest.mark.parametrize("plan_id", [3, 4])  # plan 4's group shares a requirement down its rows
def test_a_group_running_onto_the_next_page_is_named_there_and_reads_back_as_one(demo_ledger, tmp_path, plan_id):
    import copy
    import dataclasses

    from exporters.xlsx_breakdown import export_breakdown_workbook

    with Ledger.open(demo_ledger) as ledger:
        data = ledger.plan_data(plan_id)
    big = max(data.tasks, key=lambda n: len(n.children))  # 开展法院判决不执行…; 10 专项治理
    children = []
    for round_ in range(4):  # four times its measures: taller than a page, so it breaks inside
        for child in big.children:
            task = dataclasses.replace(child.task, title=f"{child.task.title}（第{round_ + 1}轮）")
            children.append(dataclasses.replace(child, task=task, units=copy.deepcopy(child.units)))
    big.children = children
    out = export_breakdown_workbook(data, tmp_path / "分解表.xlsx")
    sheet = openpyxl.load_workbook(out)["任务分解表"]
    starts = [b.id + 1 for b in sheet.row_breaks.brk]
    named = [r for r in starts if str(sheet.cell(r, 2).value or "").endswith("（续）")]
    assert len(named) >= 1, "a group of twenty measures runs over a page"
    for row in named:
        number = sheet.cell(row, 1).value
        first = next(r for r in range(4, row) if sheet.cell(r, 1).value == number)
        assert sheet.cell(first, 2).value.startswith(sheet.cell(row, 2).value.removesuffix("（续）").removesuffix("…"))
        merged = [m for m in sheet.merged_cells.ranges if m.min_col in (1, 2)]
        assert not any(m.min_row < row <= m.max_row for m in merged)  # cut at the page's foot
    if plan_id == 4:
        assert any(str(sheet.cell(r, 6).value or "").endswith("（续）") for r in named)  # the shared one
    draft = read_plan(out)
    assert [t.title for t in draft.tasks] == [first_title(n) for n in data.tasks]
    assert [len(t.children) for t in draft.tasks] == [len(n.children) for n in data.tasks]
    assert _read_back(out) == list(_expected(data.tasks))


def first_title(node):
    from exporters.xlsx_breakdown import task_words
    from importers.plan_text import first_sentence

    return node.task.title if node.children else first_sentence(task_words(node.task))


def test_columns_are_sized_by_what_they_hold(demo_ledger, tmp_path):
    from exporters.xlsx_print import printable, table_points

    for plan_id, empty in ((1, "牵头\n单位"), (5, "工作任务\n及时限要求")):
        sheet = openpyxl.load_workbook(_export(demo_ledger, plan_id, tmp_path / f"{plan_id}.xlsx"))["任务分解表"]
        widths = {c: sheet.column_dimensions[c].width for c in "ABCDEF"}
        headers = {c: sheet[f"{c}3"].value for c in "ABCDEF"}
        column = next(c for c, h in headers.items() if h == empty)  # still says what it is
        assert widths[column] <= 13 and all(not sheet[f"{column}{r}"].value for r in range(4, sheet.max_row + 1))
        assert widths["B"] + widths["C"] >= 60  # the task's words get the room
        for unit_column in "DE":  # …after each unit column can show its names whole
            names = [n for r in range(4, sheet.max_row + 1)
                     for n in str(sheet[f"{unit_column}{r}"].value or "").split("、") if n]
            if names:
                assert widths[unit_column] >= 2 * (min(max(map(len, names)), 8) + 1) + 1
        assert table_points(list(widths.values())) <= printable()[0]
