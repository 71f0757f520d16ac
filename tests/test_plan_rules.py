"""The general reading rules, on the layouts other cities' plans use (not only the seeds)."""

import pytest

from importers.deadlines import parse_deadline
from importers.plan_reader import parse_plan
from importers.targets import find_targets
from importers.unit_clauses import find_clauses, parse_role_line, split_units


def plan_of(body: str):
    head = "某某市社会信用体系建设领导小组办公室文件\n\n某信办〔2021〕3号\n\n某某市专项治理实施方案\n\n"
    return parse_plan((head + body).split("\n"))


def roles(text):
    [clause] = find_clauses(text)
    return {k: v for k, v in clause.roles.items() if v}


@pytest.mark.parametrize("text,expected", [
    ("（牵头单位：市公安局；配合单位：市法院、市检察院）",
     {"lead": ["市公安局"], "participating": ["市法院", "市检察院"]}),
    ("(牵头单位:市税务局;协办单位:市财政局)", {"lead": ["市税务局"], "participating": ["市财政局"]}),
    ("（市公安局、市网信办牵头，市法院按职责分工负责）",
     {"lead": ["市公安局", "市网信办"], "responsible": ["市法院"]}),
    ("（市文明办牵头负责）", {"lead": ["市文明办"]}),
    ("（市人社局负责）", {"responsible": ["市人社局"]}),
    ("〔责任单位：市发改委、市财政局〕", {"responsible": ["市发改委", "市财政局"]}),
    ("（责任单位：市发改委、市财政局，第一责任单位为牵头单位）",
     {"lead": ["市发改委"], "responsible": ["市财政局"]}),
    ("（牽頭單位：市公安局；參與單位：市法院）", {"lead": ["市公安局"], "participating": ["市法院"]}),
    ("（責任單位：市稅務局）", {"responsible": ["市稅務局"]}),
    ("（市交通局牵头，市公安局配合）", {"lead": ["市交通局"], "participating": ["市公安局"]}),
    ("（市财政局负责，2022年6月底前完成）", {"responsible": ["市财政局"]}),
])
def test_clause_layouts(text, expected):
    assert roles("开展专项治理。" + text) == expected


def test_brackets_that_are_not_clauses_are_left_alone():
    assert find_clauses("清理交易场所（包括各类交易中心、交易市场）") == []
    assert find_clauses("某某市社会信用体系建设领导小组办公室(代章)") == []


@pytest.mark.parametrize("text,names", [
    ("市法院，市工商局、税务局、质监局", ["市法院", "市工商局", "市税务局", "市质监局"]),
    ("各县（市、区）文明办、市直工委文明办", ["各县（市、区）文明办", "市直工委文明办"]),
    ("各县、市、区文明办", ["各县、市、区文明办"]),
    ("市文明办和市发改委", ["市文明办", "市发改委"]),
    ("市人力资源和社会保障局", ["市人力资源和社会保障局"]),
    ("市公安局、市委网信办等相关单位", ["市公安局", "市委网信办"]),
    ("市公安局、市委网信办分别按职责分工具体负责。", ["市公安局", "市委网信办"]),
    ("市政府办（金融办）、人民银行", ["市政府办（金融办）", "人民银行"]),
])
def test_unit_lists_split_as_written(text, names):
    assert split_units(text)[0] == names


def test_a_doubtful_prefix_is_kept_as_written_with_a_warning():
    names, warnings = split_units("市委网信办、法院")
    assert names == ["市委网信办", "法院"] and "法院" in warnings[0]


def test_role_lines_one_after_the_other():
    body = ("二、主要任务\n\n（一）开展拖欠工资问题专项治理。全面开展治理。\n\n牵头单位：市人社局\n\n"
            "责任单位：市住建局、市交通局\n\n完成时限：2021年底前\n\n"
            "（二）开展假药问题专项治理。加大检查力度。\n\n责任单位：市市场监管局\n\n完成时限：长期推进\n")
    plan = plan_of(body)
    first, second = plan.tasks
    assert first.units["lead"] == ["市人社局"] and first.units["responsible"] == ["市住建局", "市交通局"]
    assert (first.deadline, first.deadline_text) == ("2021-12-31", "2021年底前")
    assert second.ongoing and second.deadline is None


def test_clause_after_a_block_and_units_added_to_following_tasks():
    body = ("二、重点任务\n\n以下任务均需各县（市）区政府落实，不再一一列出。\n\n"
            "（一）开展电信网络诈骗专项治理。加强打击。\n\n〔责任单位：市公安局〕\n\n"
            "（二）开展骗取保险专项治理。加强核查。\n\n〔责任单位：市人社局〕\n")
    first, second = plan_of(body).tasks
    assert first.units["responsible"] == ["市公安局", "各县（市）区政府"]
    assert second.units["responsible"] == ["市人社局", "各县（市）区政府"]


def test_prose_sections_and_their_numbered_sentences_are_not_tasks():
    body = ("一、总体目标\n\n1.总体目标。到2018年底，建立长效机制。\n\n"
            "二、重点任务\n\n（一）开展失信被执行人专项治理。加强联合惩戒。（责任单位：市法院）\n\n"
            "三、保障措施\n\n（一）加强组织领导。各单位要高度重视。\n")
    plan = plan_of(body)
    assert [t.title for t in plan.tasks] == ["开展失信被执行人专项治理"]


def test_a_task_without_units_and_an_unreadable_clause_are_warned():
    body = ("二、重点任务\n\n（一）开展虚假宣传专项治理。加大查处。\n\n"
            "（二）开展考试作弊专项治理。（牵头单位：）\n")
    plan = plan_of(body)
    assert any("（一）" in w and "没有找到责任单位" in w for w in plan.warnings)
    assert any("（二）" in w for w in plan.warnings)


def test_a_plan_wide_deadline_applies_to_tasks_without_one():
    body = ("二、重点任务\n\n（一）开展欠薪专项治理。（责任单位：市人社局）\n\n三、工作要求\n\n"
            "（一）加强组织实施。各单位于2021年11月30日前切实开展好专项治理工作。\n")
    [task] = plan_of(body).tasks
    assert (task.deadline, task.deadline_text) == ("2021-11-30", "2021年11月30日前")


@pytest.mark.parametrize("words,year,expected", [
    ("2019年12月31日", None, ("2019-12-31", False, None)),
    ("2019.12.31前", None, ("2019-12-31", False, None)),
    ("11月20日前", 2020, ("2020-11-20", False, None)),
    ("10月底前", 2021, ("2021-10-31", False, None)),
    ("年底前", 2021, ("2021-12-31", False, None)),
    ("上半年", 2021, ("2021-06-30", False, None)),
    ("持续推进", 2021, (None, True, None)),
    ("每月20日之前报送；长期推进", 2021, (None, True, 20)),
])
def test_deadline_words(words, year, expected):
    found = parse_deadline(words, year)
    assert (found.date, found.ongoing, found.report_day) == expected


def test_month_day_without_a_year_keeps_no_date():
    found = parse_deadline("11月20日前", None)
    assert found.date is None and found.needs_year


@pytest.mark.parametrize("text,expected", [
    ("完成专项整治率不低于80%", [("专项整治率", ">=", 80.0, "%")]),
    ("参加信用修复培训的比例力争超过50%", [("参加信用修复培训的比例", ">", 50.0, "%")]),
    ("案例数量不低于红黑名单数量的10%", [("案例数量占红黑名单数量的比例", ">=", 10.0, "%")]),
    ("各牵头单位至少形成一个典型案例", [("典型案例", ">=", 1.0, "个")]),
    ("对违法车辆超过本单位货运车辆总数10%的企业实施惩戒", []),
])
def test_targets(text, expected):
    assert [(t.metric, t.comparator, t.threshold, t.measure_unit) for t in find_targets(text)] == expected


def test_a_role_line_with_traditional_characters():
    clause = parse_role_line("責任單位：市公安局、市民政局")
    assert clause.roles["responsible"] == ["市公安局", "市民政局"]


def test_a_clause_may_carry_its_deadline():
    body = ("二、主要任务\n\n（一）开展虚假广告专项治理。加大查处。（市市场监管局负责，长期推进）\n\n"
            "（二）开展欠薪治理。（牵头部门：市人社局；配合部门：市住建局；完成时限：2021年6月底前）\n")
    first, second = plan_of(body).tasks
    assert first.units["responsible"] == ["市市场监管局"] and first.ongoing
    assert second.units == {"lead": ["市人社局"], "participating": ["市住建局"], "responsible": []}
    assert (second.deadline, second.deadline_text) == ("2021-06-30", "2021年6月底前")
