"""Deadlines where plans write them: after the clause on the item's line, inside the measure's
own words, once for the whole plan; month, span and whole-year words; a date that does not
exist; amounts as targets — each on examples made for it."""

import pytest

from importers.deadlines import plan_deadline
from importers.plan_reader import parse_plan
from importers.targets import find_targets


def read(text: str):
    return parse_plan(text.split("\n"))


def deadline(task) -> tuple:
    return task.deadline_text, task.deadline, task.ongoing


# ---------------------------------------------------------------- 完成时限 on the clause's line


def test_a_deadline_label_after_the_clause_on_the_same_line():
    plan = read("青川市信用工作方案\n一、重点任务\n"
                "1.开展物流失信治理。依法查处。（牵头单位：市交通局；配合单位：市公安局）完成时限：2023年9月30日前\n"
                "2.开展家政失信治理。建立家政信用档案。（牵头单位：市商务局）完成时限：长期推进\n"
                "3.开展旅游失信治理。（牵头单位：市文旅局）时限要求：2023年11月")
    assert [deadline(t) for t in plan.tasks] == [("2023年9月30日前", "2023-09-30", False),
                                                 ("长期推进", None, True),
                                                 ("2023年11月", "2023-11-30", False)]
    assert "完成时限：2023年9月30日前" in plan.tasks[0].text


# ---------------------------------------------------------------- a plan-wide deadline


@pytest.mark.parametrize("rule", [
    "三、进度安排\n全部任务于2023年10月31日前完成。",
    "三、工作要求\n（一）压实责任。各牵头单位要于2023年10月31日前完成各项整治任务。",
    "三、时间安排\n本次整治行动自2023年3月开始，至2023年10月31日结束。",
])
def test_a_deadline_for_all_tasks_is_inherited_with_its_words(rule):
    plan = read(f"青川市整治方案\n一、任务\n（一）开展甲项整治。（责任单位：市城管局）\n"
                f"（二）开展乙项整治。（责任单位：市商务局）\n{rule}")
    assert {t.deadline for t in plan.tasks} == {"2023-10-31"}
    assert all("2023年10月31日" in t.deadline_text for t in plan.tasks)


def test_a_deadline_for_all_tasks_before_them_is_inherited():
    plan = read("青川市整治方案\n本次专项整治自2023年3月开始，至2023年10月31日结束。\n一、任务\n"
                "（一）开展甲项整治。（责任单位：市城管局）")
    assert deadline(plan.tasks[0]) == ("2023年10月31日结束", "2023-10-31", False)


def test_a_plan_wide_date_naming_no_scope_is_said_not_applied():
    plan = read("青川市整治方案\n一、任务\n（一）开展甲项整治。（责任单位：市城管局）\n"
                "二、时间安排\n第一批名单于2023年10月31日前确定。")
    assert plan.tasks[0].deadline is None
    assert any(w.startswith("第5行：") and "第一批名单于2023年10月31日前确定" in w and "没有用作" in w
               for w in plan.warnings)


def test_a_reporting_date_is_not_a_deadline_for_the_tasks():
    plan = read("青川市整治方案\n一、任务\n（一）开展甲项整治。（责任单位：市城管局）\n"
                "二、工作要求\n各单位于2023年12月20日前报送专项整治总结报告。")
    assert plan.tasks[0].deadline is None
    assert not any("写有时限" in w for w in plan.warnings)


# ---------------------------------------------------------------- a deadline in the measure's words


def test_a_deadline_in_the_measures_own_words():
    plan = read("一、重点措施\n1.推进信用信息共享。2023年底前实现与省平台实时对接（市大数据局牵头，市发改委配合）。\n"
                "2.清理拖欠账款。全面排查，2023年8月底前完成清理。（牵头单位：市财政局）\n"
                "3.开展信用培训。2023年6月底前完成首轮培训，2023年12月底前实现全覆盖。（市发改委负责）\n"
                "4.开展诚信宣传。各单位每月10日前报送进展。（市文明办负责）完成时限：2023年9月30日前")
    first, second, third, fourth = plan.tasks
    assert deadline(first) == ("2023年底前", "2023-12-31", False)
    assert deadline(second) == ("2023年8月底前", "2023-08-31", False)
    assert deadline(third) == ("2023年12月底前", "2023-12-31", False)  # the latest, and said
    assert any("2个时限" in w and "最晚" in w for w in third.warnings)
    assert deadline(fourth) == ("2023年9月30日前", "2023-09-30", False)  # its own 完成时限 first


# ---------------------------------------------------------------- words that give a date


@pytest.mark.parametrize("words,date", [
    ("2023年11月", "2023-11-30"), ("2024年2月份", "2024-02-29"), ("2023年3月—2024年3月", "2024-03-31"),
    ("2023年4月至10月", "2023-10-31"), ("2023年全年", "2023-12-31"), ("2023年度", "2023-12-31"),
    ("全年", "2023-12-31"), ("2023年11月前", None), ("2023年第四季度", "2023-12-31"),
])
def test_month_span_and_year_words(words, date):
    assert plan_deadline(words, 2023).date == date


def test_a_date_that_does_not_exist_is_said():
    assert plan_deadline("2023年2月29日前", 2023).impossible == "2023年2月29日"
    assert plan_deadline("2024年2月29日前", 2024).date == "2024-02-29"
    plan = read("一、任务\n（一）开展甲项整治。（责任单位：市城管局；完成时限：2023年4月31日前）")
    task = plan.tasks[0]
    assert (task.deadline, task.deadline_text) == (None, "2023年4月31日前")
    assert task.warnings == ["完成时限中的日期“2023年4月31日”不存在，没有换算成日期，请在预览中核对"]


def test_a_table_deadline_that_does_not_exist_is_said():
    plan = read("序号 | 工作任务 | 牵头单位 | 完成时限\n1 | 建成信用平台 | 市大数据局 | 2023年6月31日前")
    assert plan.tasks[0].deadline is None
    assert any("“2023年6月31日”不存在" in w for w in plan.warnings)


# ---------------------------------------------------------------- amounts are targets


def test_amounts_are_targets_but_conditions_are_not():
    found = find_targets("全年走访守信企业不少于300家，发布典型案例不少于12篇。")
    assert [(t.metric, t.comparator, t.threshold, t.measure_unit) for t in found] == [
        ("全年走访守信企业", ">=", 300.0, "家"), ("发布典型案例", ">=", 12.0, "篇")]
    assert find_targets("对1年内违规超过3次的企业实施重点监管") == []
