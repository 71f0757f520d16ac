"""Layouts beyond the seeds: the family of numbered plans, written as offices and web pages
write them — each rule on examples made for it, in the seeds' style and in others."""

import json

import pytest

from importers.plan_reader import parse_plan
from importers.plan_source import read_plan_lines
from importers.unit_clauses import split_units
from models.plan_draft import to_json


def read(text: str):
    return parse_plan(text.split("\n"))


def units(task) -> dict:
    return {k: v for k, v in task.units.items() if v}


# ---------------------------------------------------------------- any numbered plan is a plan


def test_a_work_points_list_numbered_1_with_trailing_units_is_a_plan():
    plan = read("某某市人民政府办公室关于印发2021年社会信用体系建设工作要点的通知\n"
                "各县（区）人民政府，市政府各部门：\n现将《2021年社会信用体系建设工作要点》印发给你们。\n"
                "某某市人民政府办公室\n2021年3月2日\n2021年社会信用体系建设工作要点\n"
                "1、完善信用信息共享平台，推动数据归集。（市发改委牵头，市大数据局配合）\n"
                "2、开展政务失信专项治理。（市发改委、市司法局分别牵头）\n"
                "3、推进信用分级分类监管。（市市场监管局等负责）")
    assert plan.title == "2021年社会信用体系建设工作要点"
    assert (plan.issuer, plan.date) == ("某某市人民政府办公室", "2021-03-02")
    assert [units(t) for t in plan.tasks] == [
        {"lead": ["市发改委"], "participating": ["市大数据局"]},
        {"lead": ["市发改委", "市司法局"]},  # 分别牵头: each leads
        {"responsible": ["市市场监管局"]}]


@pytest.mark.parametrize("title", ["某某市优化营商环境若干措施", "某某市关于加强诚信建设的实施意见",
                                   "某某市2021年信用建设任务清单", "某某市政府工作报告重点任务分工"])
def test_plans_under_other_names_are_plans(title):
    plan = read(f"{title}\n一、主要任务\n（一）建立守信激励机制。（责任单位：市发改委）")
    assert plan.title == title and units(plan.tasks[0]) == {"responsible": ["市发改委"]}


# ---------------------------------------------------------------- half- and full-width marks alike


def test_half_width_marks_read_like_full_width_ones():
    full = ("二、重点任务\n（一）开展欠薪治理。加大查处力度。（牵头单位：市人社局；配合单位：市住建局、市交通局）\n"
            "（二）开展假药治理。\n责任单位：市市场监管局\n完成时限：2021年12月31日")
    half = full.translate(str.maketrans("（）：；", "():;"))
    one, other = to_json(read(full)), to_json(read(half))
    for task in one["tasks"] + other["tasks"]:
        task["text"] = task["title"] = ""
        task["warnings"] = []
    assert one["tasks"] == other["tasks"]
    assert one["tasks"][1]["deadline"] == "2021-12-31"


def test_a_small_full_stop_after_the_number():
    plan = read("一、确保完成主要目标\n1﹒全省生产总值增长7%以上。\n牵头责任单位：省发展改革委。")
    assert plan.tasks[0].number == "1." and units(plan.tasks[0]) == {"lead": ["省发展改革委"]}


# ---------------------------------------------------------------- the unit clause: inline, next lines, column


def test_label_lines_under_each_task_with_ascii_colons():
    plan = read("二、重点任务\n(一)开展拖欠工资专项治理。加大查处力度。\n责任单位:市人社局、市住建局\n"
                "时限要求:2021年12月底前\n(二)开展假药专项治理。加强抽检。\n牵头责任单位:市市场监管局。\n"
                "协同责任单位:市公安局、市卫健委等。\n分管领导:张某某\n(三)开展虚假广告专项治理。\n"
                "部门分工:市市场监管局牵头,各县区、各部门配合。")
    first, second, third = plan.tasks
    assert units(first) == {"responsible": ["市人社局", "市住建局"]}
    assert (first.deadline_text, first.deadline) == ("2021年12月底前", "2021-12-31")
    assert units(second) == {"lead": ["市市场监管局"], "participating": ["市公安局", "市卫健委"]}
    assert units(third) == {"lead": ["市市场监管局"], "participating": ["各县区", "各部门"]}
    assert not any(t.warnings for t in plan.tasks)  # 分管领导 names a person: no unit, no doubt


def test_a_table_written_with_bars_one_row_a_line():
    plan = read("某某市2021年信用建设重点任务清单\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
                "1 | 建成信用信息平台 | 市发改委 | 市大数据局、财政局 | 2021年6月底前 |\n"
                "2 | 开展诚信宣传月活动 | 市文明办 | 市委宣传部、市教育局 | 长期推进 |")
    assert [t.title for t in plan.tasks] == ["建成信用信息平台", "开展诚信宣传月活动"]
    assert units(plan.tasks[0]) == {"lead": ["市发改委"], "participating": ["市大数据局", "市财政局"]}
    assert plan.tasks[0].deadline == "2021-06-30" and plan.tasks[1].ongoing


def test_a_table_flattened_to_one_cell_a_line_between_bars():
    cells = [["序号", "工作任务", "责任部门", "完成时间"],
             ["1", "清理拖欠农民工工资", "市人社局、市住建局,各县(区)政府", "2021年底前"],
             ["2", "整治虚假宣传", "市市场监管局", "常态工作"]]
    text = "\n".join(line for row in cells for line in ["|", *"\n|\n".join(row).split("\n"), "|"])
    plan = read(text)
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert units(plan.tasks[0]) == {"responsible": ["市人社局", "市住建局", "各县(区)政府"]}
    assert plan.tasks[1].deadline_text == "常态工作"


def test_three_unit_columns_each_with_its_role():
    plan = read("序号 | 主要任务 | 牵头单位 | 参与单位 | 责任单位\n"
                "1 | 严守用水总量红线 | 市水利局 | 市发改委、住建局 | 各县（市、区）人民政府")
    assert units(plan.tasks[0]) == {"lead": ["市水利局"], "participating": ["市发改委", "市住建局"],
                                    "responsible": ["各县（市、区）人民政府"]}


# ---------------------------------------------------------------- elided prefixes


@pytest.mark.parametrize("text,names", [
    ("市法院，市工商局、税务局，交通局、民政局", ["市法院", "市工商局", "市税务局", "市交通局", "市民政局"]),
    ("省农业厅、卫生厅、公安厅", ["省农业厅", "省卫生厅", "省公安厅"]),
    ("市教育局，人民银行、银监局", ["市教育局", "人民银行", "市银监局"]),
    ("市发改委、黄埔区政府、高新区管委会", ["市发改委", "黄埔区政府", "高新区管委会"]),  # places keep theirs
    ("各县区人民政府、园区管委会", ["各县区人民政府", "园区管委会"]),
    ("各县（市）区政府，经济区管委会", ["各县（市）区政府", "经济区管委会"]),
])
def test_prefixes_restored_from_the_list_whatever_the_separator(text, names):
    assert split_units(text)[0] == names


def test_a_prefix_after_a_party_committee_stays_doubtful():
    names, warnings = split_units("市委宣传部，文明办")
    assert names == ["市委宣传部", "文明办"] and "文明办" in warnings[0]


# ---------------------------------------------------------------- notes are rules


@pytest.mark.parametrize("note", ["（列第一位者为牵头单位，下同）", "，第一责任单位为牵头单位，下同"])
def test_first_listed_leads_and_carries_forward(note):
    inner = f"（责任单位：市人社局、市住建局{note}）"  # the note nested in the clause, or inside it
    plan = read(f"二、重点任务\n（一）开展欠薪治理。{inner}\n（二）开展骗保治理。（责任单位：市医保局、市公安局）")
    assert [units(t) for t in plan.tasks] == [{"lead": ["市人社局"], "responsible": ["市住建局"]},
                                              {"lead": ["市医保局"], "responsible": ["市公安局"]}]
    assert not any(t.warnings for t in plan.tasks)


def test_a_first_leads_note_without_xiatong_is_for_its_own_clause_only():
    plan = read("二、重点任务\n（一）开展欠薪治理。（责任单位：市人社局、市住建局，第一责任单位为牵头单位）\n"
                "（二）开展骗保治理。（责任单位：市医保局、市公安局）")
    assert units(plan.tasks[1]) == {"responsible": ["市医保局", "市公安局"]}


def test_a_following_units_note_inside_a_clause_is_for_the_tasks_after_it():
    plan = read("一、主要任务\n1.加强金融风险治理。（责任单位：市金融办、市公安局。以下政策措施均需各县区人民政府、"
                "园区管委会落实，不再单独列出）\n2.加强非法集资治理。（责任单位：市金融办）\n3.加强征信建设。")
    first, second, third = plan.tasks
    assert units(first) == {"responsible": ["市金融办", "市公安局"]}
    assert units(second) == {"responsible": ["市金融办", "各县区人民政府", "园区管委会"]}
    assert units(third) == {"responsible": ["各县区人民政府", "园区管委会"]}
    assert all("以下" not in n for t in plan.tasks for n in t.all_units())


# ---------------------------------------------------------------- units as the subject, or as a heading


def test_units_named_as_the_items_subject():
    plan = read("三、职责分工\n（一）市公安局、市网信办。负责打击网络诈骗，清理有害信息。\n"
                "（二）各区县政府。落实属地责任，制定整治方案。")
    assert [units(t) for t in plan.tasks] == [{"responsible": ["市公安局", "市网信办"]},
                                              {"responsible": ["各区县政府"]}]


def test_a_unit_on_a_line_of_its_own_above_its_duties():
    plan = read("某某市清理拖欠农民工工资职责分工\n市人社局\n（一）建立欠薪预警机制。\n（二）建立工资保证金制度。\n市住建局\n"
                "（一）设立农民工维权公告牌。")
    assert [(t.number, units(t)) for t in plan.tasks] == [
        ("（一）", {"responsible": ["市人社局"]}), ("（二）", {"responsible": ["市人社局"]}),
        ("（一）", {"responsible": ["市住建局"]})]


# ---------------------------------------------------------------- Traditional script


def test_a_plan_in_traditional_script_is_read_in_simplified():
    plan = read("某某市人民政府辦公廳關於印發誠信建設實施意見的通知\n某府辦〔2021〕8號\n各區人民政府：\n"
                "現將《誠信建設實施意見》印發給你們，請認真執行。\n某某市人民政府辦公廳\n二○二一年三月五日\n"
                "誠信建設實施意見\n一、重點任務\n（一）開展政務誠信專項治理。（牽頭單位：市發展改革委；配合單位："
                "市財政局、審計局）")
    assert (plan.title, plan.issuer, plan.doc_number, plan.date) == (
        "诚信建设实施意见", "某某市人民政府办公厅", "某府办〔2021〕8号", "2021-03-05")
    assert units(plan.tasks[0]) == {"lead": ["市发展改革委"], "participating": ["市财政局", "市审计局"]}
    assert "繁体" in plan.warnings[0]


def test_one_traditional_name_in_a_simplified_plan_is_left_as_written():
    plan = read("二、重点任务\n（一）开展诚信合作。（责任单位：市台办、市商務局）")
    assert units(plan.tasks[0]) == {"responsible": ["市台办", "市商務局"]}
    assert not any("繁体" in w for w in plan.warnings)


def test_pinyin_left_by_a_copied_web_page_is_dropped():
    plan = read("二、重点任务\n（一）开展诚信建设(shè)。（责任单位：市发(fā)改委）")
    assert plan.tasks[0].title == "开展诚信建设" and units(plan.tasks[0]) == {"responsible": ["市发改委"]}


# ---------------------------------------------------------------- 文号, date, issuer on lines of their own


def test_doc_number_issuer_and_date_on_lines_of_their_own():
    plan = read("某信办〔2021〕3号\n某某市诚信建设若干措施\n发文机关：某某市信用办\n成文日期：2021年4月2日\n"
                "一、重点任务\n（一）开展诚信合作。（责任单位：市台办）")
    assert (plan.title, plan.issuer, plan.doc_number, plan.date) == (
        "某某市诚信建设若干措施", "某某市信用办", "某信办〔2021〕3号", "2021-04-02")


def test_a_web_pages_box_and_a_title_over_three_lines():
    plan = read("文号 | 某政办〔2013〕11号 | 索引号 | 0054/2013-00024\n时间：2021-05-14 22:01 【打印】 【字体:\n"
                "某某省人民政府关于印发2021年\n省《政府工作报告》重点任务\n分工方案的通知\n"
                "各地级以上市人民政府，省政府各部门：\n现将方案印发给你们。\n某某省人民政府\n2021年3月21日\n"
                "2021年省《政府工作报告》重点任务分工方案\n一、主要预期目标\n1.地区生产总值增长6%以上。\n"
                "部门分工：省发展改革委牵头，各地、各部门配合。")
    assert plan.doc_number == "某政办〔2013〕11号"
    assert plan.issuer == "某某省人民政府" and plan.date == "2021-03-21"
    assert plan.title == "2021年省《政府工作报告》重点任务分工方案"
    assert plan.recipients == "各地级以上市人民政府，省政府各部门"


# ---------------------------------------------------------------- what was not understood is said


def test_doubts_are_warned_with_their_line_and_marked_on_the_task():
    plan = read("某某市专项治理实施方案\n1 先期完成摸底排查工作\n一、重点任务\n"
                "（一）开展欠薪治理。（牵头单位：由各地按实际确定后报市里）\n"
                "（二）开展骗保治理。（责任单位：市医保局、负责督促各县区做好自查自纠工作）\n"
                "（三）开展逃税治理。加强稽查。（牵头单位：）")
    first, second, third = plan.tasks
    assert first.warnings == ["第4行：“由各地按实际确定后报市里”不像完整的单位名称，请核对"]
    assert second.warnings == ["第5行：“负责督促各县区做好自查自纠工作”像一句话而不是单位名称，请核对"]
    assert any("第6行" in w and "无法识别的单位说明" in w for w in third.warnings)
    assert any(w.startswith("第2行：“1 先期完成摸底排查工作”") for w in plan.warnings)  # a line not placed
    data = to_json(plan)
    assert data["tasks"][1]["warnings"] == second.warnings
    assert all(any(w in p for p in data["warnings"]) for t in plan.tasks for w in t.warnings)


def test_a_numbered_item_before_the_sections_without_units_is_reported():
    plan = read("某某市专项治理实施方案\n（一）做好前期准备。各单位摸清底数。\n一、重点任务\n"
                "（一）开展欠薪治理。（责任单位：市人社局）")
    assert [t.title for t in plan.tasks] == ["开展欠薪治理"]
    assert any("第2行" in w and "（一）做好前期准备" in w and "未作为任务读取" in w for w in plan.warnings)


def test_a_paragraph_with_its_own_clause_but_a_garbled_number_is_reported():
    plan = read("二、重点任务\n（一）建设汽车产业基地。（牵头单位：市经贸委）\n"
                "?。ǘ┩推进石化基地建设。（牵头单位：市发改委）")
    assert any("没有可识别的编号" in w and "第3行" in w for w in plan.tasks[0].warnings)


def test_the_json_of_a_real_file_carries_the_warnings(tmp_path):
    path = tmp_path / "方案.txt"
    path.write_text("二、重点任务\n（一）开展欠薪治理。（责任单位：市人社局、以下由各地自行确定）\n",
                    encoding="gb18030")
    data = to_json(parse_plan(read_plan_lines(path)))
    json.dumps(data, ensure_ascii=False)
    assert data["tasks"][0]["warnings"] and data["tasks"][0]["warnings"][0].startswith("第2行")
