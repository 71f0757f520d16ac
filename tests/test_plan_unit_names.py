"""Unit clauses and names beyond the agency endings: short names of 联合会 and 协会, names that
carry their own level or place, 市 that begins a word, prefixes restored across roles, and a
clause the reader cannot read kept and said — each on examples made for it."""

import pytest

from importers.plan_reader import parse_plan
from importers.unit_clauses import find_clauses
from importers.unit_names import split_units


def read(text: str):
    return parse_plan(text.split("\n"))


def units(task) -> dict:
    return {k: v for k, v in task.units.items() if v}


def roles(text: str) -> dict:
    [clause] = find_clauses("推进诚信建设。" + text)
    return {k: v for k, v in clause.roles.items() if v}


# ---------------------------------------------------------------- a clause with a name of an unknown kind


def test_a_clause_with_short_association_names_is_read():
    plan = read("一、主要任务\n（一）引导商会建立会员诚信档案。（市商务局、市侨联等负责）\n"
                "（二）推进科研诚信。（市科技局牵头，市科协、市社科联配合）")
    assert [units(t) for t in plan.tasks] == [{"responsible": ["市商务局", "市侨联"]},
                                              {"lead": ["市科技局"], "participating": ["市科协", "市社科联"]}]
    assert not any(t.warnings for t in plan.tasks)


def test_a_name_of_a_kind_not_known_is_kept_with_a_warning_not_dropped():
    plan = read("一、主要任务\n（一）引导行业自律。（市民政局、市物流业联盟等负责）")
    assert units(plan.tasks[0]) == {"responsible": ["市民政局", "市物流业联盟"]}
    assert plan.tasks[0].warnings == ["第2行：“市物流业联盟”不像完整的单位名称，请核对"]


def test_an_unreadable_clause_after_a_following_units_note_is_still_said():
    plan = read("一、工作措施\n（一）建立绿色通道。（市政务服务局牵头。以下各项措施均需各区县人民政府落实，不再一一列出）\n"
                "（二）发挥协会作用。引导会员守信。（行业协会、民间组织等负责）")
    second = plan.tasks[1]
    assert units(second) == {"responsible": ["各区县人民政府"]}  # the note still applies
    assert any("第3行" in w and "无法识别的单位说明" in w and "行业协会、民间组织等负责" in w
               for w in second.warnings)


def test_a_first_leads_note_written_as_a_label():
    assert roles("（第一责任单位为牵头单位：市应急局、市消防救援支队、市气象局）") == {
        "lead": ["市应急局"], "responsible": ["市消防救援支队", "市气象局"]}


# ---------------------------------------------------------------- names that look incomplete but are not


@pytest.mark.parametrize("names", [["市总工会", "团市委", "市妇联", "市残联"],
                                   ["市科协", "市工商联", "市侨联", "市文联"],
                                   ["市邮政管理局", "青川海关", "市气象局"],
                                   ["市发改委", "四川银保监局", "四川证监局"]])
def test_common_units_raise_no_doubt(names):
    found, warnings = split_units("、".join(names))
    assert found == names and warnings == []


def test_a_place_named_inside_a_vertical_agency_is_a_place():
    plan = read("一、任务\n（一）加强通关诚信。（牵头单位：国家税务总局青川市税务局；配合单位：市商务局、青川海关）")
    assert units(plan.tasks[0]) == {"lead": ["国家税务总局青川市税务局"],
                                    "participating": ["市商务局", "青川海关"]}
    assert plan.tasks[0].warnings == []


# ---------------------------------------------------------------- the 市 prefix


def test_shi_that_begins_a_word_is_not_a_prefix():
    names, warnings = split_units("市公安局、交通运输局、文化广电旅游局，市场监管局")
    assert names == ["市公安局", "市交通运输局", "市文化广电旅游局", "市市场监管局"] and warnings == []
    assert split_units("市商务局、市场监管局")[0] == ["市商务局", "市市场监管局"]
    assert split_units("市公安局、市政府办公室")[0] == ["市公安局", "市政府办公室"]  # 市政府 is 市 + 政府


def test_a_prefix_is_restored_across_the_roles_of_one_clause():
    assert roles("（市交通局牵头，税务局、市场监管局配合）") == {
        "lead": ["市交通局"], "participating": ["市税务局", "市市场监管局"]}
    assert roles("（牵头单位：市财政局；配合单位：审计局、统计局）") == {
        "lead": ["市财政局"], "participating": ["市审计局", "市统计局"]}


def test_a_doubtful_prefix_is_kept_as_written_with_a_warning():
    # 市政管理处 (a 市政 office) beside 市政府办公室 written in full: which was meant is not known
    names, warnings = split_units("市城管局、市政管理处、市政府办公室")
    assert names == ["市城管局", "市政管理处", "市政府办公室"]
    assert warnings == ["单位“市政管理处”可能省略了前缀（同列有“市城管局”），已按原文保留，请核对"]
    names, warnings = split_units("宣传部", lead="市委组织部")
    assert names == ["宣传部"] and "宣传部" in warnings[0]


def test_the_first_unit_of_a_list_is_never_doubted():
    names, warnings = split_units("首都综治办、市委督查室、市监察局")
    assert names == ["首都综治办", "市委督查室", "市监察局"] and warnings == []


def test_a_date_in_a_labelled_clause_is_a_deadline_not_a_unit():
    plan = read("一、任务\n（一）开展甲项治理。内容。（责任单位：市城管局，2023年9月底前完成）")
    task = plan.tasks[0]
    assert units(task) == {"responsible": ["市城管局"]}
    assert (task.deadline_text, task.deadline) == ("2023年9月底前完成", "2023-09-30")
    assert task.warnings == []


def test_a_table_row_restores_a_prefix_from_its_first_unit():
    plan = read("序号 | 工作任务 | 牵头单位 | 配合单位\n1 | 开展培训机构失信治理 | 市教育局 | 市场监管局、民政局")
    assert units(plan.tasks[0]) == {"lead": ["市教育局"], "participating": ["市市场监管局", "市民政局"]}
