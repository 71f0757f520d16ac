"""The five real plans read as the issue's table says, from text and from Word alike."""

from pathlib import Path

import pytest
from plan_docs import without_line_numbers, write_docx_from_text

from importers.plan_reader import read_plan, set_plan_year
from models.plan_draft import to_json

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "sample_plans"
SEEDS = {"000": "000_hangzhou.txt", "001": "001_lanzhou.txt", "002": "002_linfen.txt",
         "003": "003_liaoning.txt", "004": "004_yingkou.txt"}


@pytest.fixture(scope="module")
def plans():
    return {key: read_plan(SAMPLES / name) for key, name in SEEDS.items()}


def by_number(tasks, number):
    return next(t for t in tasks if t.number == number)


def test_000_hangzhou(plans):
    plan = plans["000"]
    assert (plan.issuer, plan.doc_number, plan.date) == ("杭州市信用杭州建设领导小组办公室", "杭信办〔2020〕5号",
                                                        "2020-06-28")
    assert plan.title == "杭州市2020年重点领域失信专项治理实施方案"
    assert plan.recipients == "各相关单位"
    assert [t.number for t in plan.tasks][:3] == ["（一）", "（二）", "（三）"]
    assert len(plan.tasks) == 20 and plan.tasks[-1].number == "（二十）"
    assert all(t.units["responsible"] for t in plan.tasks)
    assert by_number(plan.tasks, "（三）").units["responsible"] == [
        "人行杭州中心支行", "市金融办", "浙江银保监局", "浙江证监局"]
    assert by_number(plan.tasks, "（十三）").units["responsible"] == ["市科技局", "市教育局"]
    first = plan.tasks[0]
    assert first.title == "开展电信网络诈骗失信问题专项治理"
    assert "严厉打击和整治" in first.text and "（责任单位：市经信局" in first.text
    assert {t.deadline for t in plan.tasks} == {"2020-11-30"}
    assert all("2020年11月30日前" in t.deadline_text for t in plan.tasks)
    # （十三） names 市科技局 after one sentence and 市教育局 after the next: merged, and said
    thirteen = by_number(plan.tasks, "（十三）")
    assert thirteen.warnings == [("第61行：本条有2处单位说明，分属不同的句子（市科技局；市教育局），已合为本任务的单位，"
                                  "如应分别办理，导入后在“方案与任务”页为本任务新增下级任务，分别填写单位")]
    assert plan.warnings == [f"任务“（十三）开展论文造假、考试作弊专项治理”：{thirteen.warnings[0]}"]


def test_001_lanzhou(plans):
    plan = plans["001"]
    assert plan.issuer == "兰州市社会信用体系建设领导小组办公室"  # (代章) dropped
    assert plan.date == "2019-05-10" and plan.doc_number is None
    assert len(plan.tasks) == 19
    assert by_number(plan.tasks, "（十八）").units["responsible"] == [
        "市体育局", "市民政局", "市委网信办", "市市场监督管理局", "市公安局"]
    assert {t.deadline for t in plan.tasks} == {"2019-12-31"}
    assert plan.report_day == 20
    assert plan.warnings == []


def test_002_linfen(plans):
    plan = plans["002"]
    assert plan.doc_number == "临文明委〔2020〕11号"
    assert plan.title == "关于开展诚信缺失突出问题专项治理行动的实施方案"
    assert len(plan.tasks) == 11
    assert [len(t.children) for t in plan.tasks] == [3, 2, 2, 3, 5, 3, 2, 5, 1, 2, 3]
    eight = by_number(plan.tasks, "（八）")
    assert len(eight.units["lead"]) == 2 and len(eight.units["participating"]) == 13
    assert all(t.units["lead"] and t.units["participating"] for t in plan.tasks)
    measure = plan.tasks[0].children[0]
    assert measure.number == "1." and measure.units == plan.tasks[0].units  # inherited
    education = plan.tasks[-1]
    assert (education.number, education.title) == ("三、", "加强诚信宣传教育")
    assert education.units["lead"] == ["市文明办"]
    assert education.units["participating"] == ["各县、市、区文明办", "市直工委文明办"]
    assert [(p.name, p.end) for p in plan.phases] == [("集中治理阶段", "2020-11-30"),
                                                      ("巩固提升阶段", "2020-12-31")]
    assert (plan.summary_due, plan.summary_due_text) == ("2020-12-31", "12月底前")
    assert all(not t.targets for t in plan.walk())  # 超过…总数10%的 only says whom a rule hits
    assert plan.warnings == []


def test_003_liaoning_breakdown_table(plans):
    plan = plans["003"]
    assert plan.title == "市推进社会信用体系建设有关重点工作任务分解表"
    assert [t.number for t in plan.tasks] == [str(n) for n in range(1, 11)]
    group = plan.tasks[9]
    assert group.title == "专项治理" and len(group.children) == 9
    assert plan.tasks[1].units["lead"][:4] == ["市法院", "市工商局", "市税务局", "市质监局"]
    assert plan.tasks[1].units["responsible"] == ["市社会信用体系建设领导小组各成员单位"]
    first, second, *rest = group.children
    assert first.number == "" and first.deadline_text == "11月30日前完成"
    assert {c.deadline_text for c in rest} == {second.deadline_text}
    assert "专项整治率不低于80%" in second.deadline_text
    targets = {t.number: t.targets for t in plan.tasks}
    assert [(x.comparator, x.threshold) for x in targets["2"]] == [(">", 50.0)]
    assert [(x.comparator, x.threshold, x.measure_unit) for x in targets["5"]] == [(">=", 1.0, "个")]
    assert [(x.comparator, x.threshold) for x in targets["6"] + targets["7"]] == [(">=", 10.0)] * 2
    assert [(x.metric, x.threshold) for x in second.targets] == [("专项整治率", 80.0)]
    assert plan.tasks[7].report_day == plan.tasks[8].report_day == 20
    assert all(t.deadline is None for t in plan.walk())  # no year anywhere
    assert any("没有年份" in w for w in plan.warnings)
    assert "通过实人认证" in second.text  # 附件2 item attached to its domain
    assert "不合理低价游" in plan.notes  # the rest kept as notes, not tasks — and said so
    assert "附件中的第9至19项（共11项）在任务表中找不到对应的任务，已作为方案备注保存，没有作为任务读取；" \
           "如应作为任务，导入后在“方案与任务”页用“新增顶层任务”添加" in plan.warnings


def test_003_takes_a_year_from_the_office(plans):
    plan = read_plan(SAMPLES / SEEDS["003"])
    set_plan_year(plan, 2018)
    assert plan.tasks[0].deadline == "2018-11-20"
    assert plan.tasks[9].children[0].deadline == "2018-11-30"
    assert not any("没有年份" in w for w in plan.warnings)


def test_004_yingkou(plans):
    plan = plans["004"]
    assert plan.doc_number == "营文明委发〔2021〕4号" and plan.date == "2021-04-12"
    assert len(plan.tasks) == 12
    assert [t.number for t in plan.tasks][-3:] == ["10.", "1.", "2."]
    assert plan.tasks[10].units["lead"] == ["市文明办", "市委网信办", "市发改委"]
    assert "各县市区文明办" in plan.tasks[10].units["participating"]  # split across lines
    assert [(p.name, p.start, p.end) for p in plan.phases] == [
        ("集中治理阶段", "2021-06-01", "2021-09-30"), ("巩固提升阶段", "2021-10-01", "2021-12-31")]
    assert plan.summary_due == "2021-10-31"
    assert "0417-2669524" in plan.contact and "ykwmb@163.com" in plan.contact


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_a_word_copy_reads_the_same_as_the_text(key, tmp_path, plans):
    copy = write_docx_from_text(SAMPLES / SEEDS[key], tmp_path / f"{key}.docx")
    if key == "003":
        import zipfile

        body = zipfile.ZipFile(copy).read("word/document.xml").decode()
        assert "w:vMerge" in body and "w:gridSpan" in body  # a real table with merged cells
    from_word = to_json(read_plan(copy))
    assert without_line_numbers(from_word) == without_line_numbers(to_json(plans[key]))


def test_gb18030_text_reads_the_same(tmp_path, plans):
    copy = tmp_path / "方案.txt"
    copy.write_bytes((SAMPLES / SEEDS["001"]).read_text(encoding="utf-8").encode("gb18030"))
    assert to_json(read_plan(copy)) == to_json(plans["001"])
