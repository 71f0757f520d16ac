"""The parts of a plan around its tasks: numbered prose and an attached task table read
together, a Markdown table, the signature at the foot, the title before a clause, what an
appendix keeps aside — each on examples made for it."""

import docx

from importers.plan_reader import parse_plan, read_plan


def read(text: str):
    return parse_plan(text.split("\n"))


def units(task) -> dict:
    return {k: v for k, v in task.units.items() if v}


PROSE = ("青川市2023年诚信建设重点任务分工方案\n为推进诚信建设，制定本方案。\n一、重点任务\n"
         "（一）开展欠薪问题治理。清理在建项目欠薪。（牵头单位：市人社局；配合单位：市住建局、市交通局）\n"
         "（二）开展虚假广告治理。查处虚假宣传。（牵头单位：市市场监管局；配合单位：市委网信办）\n"
         "二、工作要求\n各单位每月15日前报送进展。")
ROWS = [["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
        ["1", "开展养老机构失信治理", "市民政局", "市卫健委、医保局", "2023年8月31日前"],
        ["2", "开展培训机构失信治理", "市教育局", "市市场监管局", "长期推进"]]


def _both_read(plan):
    assert [(t.number, t.title) for t in plan.tasks] == [
        ("（一）", "开展欠薪问题治理"), ("（二）", "开展虚假广告治理"),
        ("1", "开展养老机构失信治理"), ("2", "开展培训机构失信治理")]
    assert units(plan.tasks[0]) == {"lead": ["市人社局"], "participating": ["市住建局", "市交通局"]}
    assert units(plan.tasks[2]) == {"lead": ["市民政局"], "participating": ["市卫健委", "市医保局"]}
    assert plan.tasks[2].deadline == "2023-08-31" and plan.tasks[3].ongoing


def test_prose_tasks_and_a_table_written_with_bars_are_both_read_in_order():
    table = "\n".join("| " + " | ".join(row) + " |" for row in ROWS)
    plan = read(f"{PROSE}\n附件\n{table}")
    _both_read(plan)
    # the table's tasks have their place in the plan's structure, after the prose tasks
    assert [b.task.title for b in plan.blocks if b.kind == "task"][-2:] == [
        "开展养老机构失信治理", "开展培训机构失信治理"]


def test_prose_tasks_and_a_word_table_are_both_read(tmp_path):
    document = docx.Document()
    for line in PROSE.split("\n") + ["附件：重点任务分工表"]:
        document.add_paragraph(line)
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    path = tmp_path / "方案.docx"
    document.save(str(path))
    _both_read(read_plan(path))


def test_a_table_of_tasks_whose_header_is_not_recognised_is_said():
    plan = read(f"{PROSE}\n附件\n| 编 | 事 | 甲 |\n| 1 | 开展养老机构失信治理 | 市民政局 |\n"
                "| 2 | 开展培训机构失信治理 | 市教育局 |")
    assert len(plan.tasks) == 2
    assert any("没有可识别的表头" in w and "开展养老机构失信治理" in w for w in plan.warnings)


def test_a_markdown_table_keeps_its_caption_as_title_and_skips_the_rule_row():
    plan = read("附件\n青川市失信问题专项治理任务分工表\n\n| 序号 | 治理领域 | 主要措施 | 牵头单位 | 完成时限 |\n"
                "|:---:|---|---|---|---|\n| 1 | 欠薪 | 清理在建项目欠薪 | 市人社局 | 2023年6月底前 |\n"
                "| 2 | 骗保 | 查处欺诈骗保 | 市医保局 | 长期推进 |")
    assert plan.title == "青川市失信问题专项治理任务分工表"
    assert [t.number for t in plan.tasks] == ["1", "2"]
    assert not any("---" in w for w in plan.warnings)
    assert plan.tasks[0].deadline == "2023-06-30"


def test_a_markdown_table_without_caption_takes_the_line_after_the_attachment_mark():
    plan = read("附件1\n青川市诚信建设任务清单\n| 序号 | 工作任务 | 责任单位 |\n| --- | --- | --- |\n"
                "| 1 | 建成信用平台 | 市大数据局 |")
    assert plan.title == "青川市诚信建设任务清单" and units(plan.tasks[0]) == {"responsible": ["市大数据局"]}


def test_the_signature_at_the_foot_gives_issuer_and_date():
    plan = read("青川市2023年信用工作要点\n一、重点工作\n（一）完善信用承诺制度。推行告知承诺。\n"
                "责任单位：市行政审批局\n（二）开展诚信宣传。\n责任单位：市文明办\n"
                "青川市社会信用体系建设领导小组办公室\n2023年2月9日\n（此件公开发布）")
    assert (plan.issuer, plan.date) == ("青川市社会信用体系建设领导小组办公室", "2023-02-09")
    assert "青川市社会信用" not in plan.tasks[-1].text  # not read as the last task's words
    assert not any("发文机关" in w or "成文日期" in w for w in plan.warnings)


def test_a_head_signature_is_not_replaced_by_one_at_the_foot():
    plan = read("青川市文明办文件\n青文明办〔2023〕2号\n青川市2023年诚信治理方案\n"
                "一、任务\n（一）开展诚信宣传。（责任单位：市文明办）\n青川市教育局\n2023年3月1日")
    assert plan.issuer == "青川市文明办" and plan.date == "2023-03-01"


def test_the_title_stops_before_a_clause_written_before_the_full_stop():
    plan = read("二、重点措施\n3.组织“诚信青川”进企业活动，全年走访企业不少于300家（市工商联牵头，市商务局配合，"
                "2023年11月30日前完成）。\n4.开展丙项治理；加强检查（责任单位：市应急局）")
    first, second = plan.tasks
    assert first.title == "组织“诚信青川”进企业活动，全年走访企业不少于300家"
    assert first.deadline == "2023-11-30" and units(first) == {"lead": ["市工商联"],
                                                                "participating": ["市商务局"]}
    assert second.title == "开展丙项治理；加强检查" and units(second) == {"responsible": ["市应急局"]}
    assert "（市工商联牵头" in first.text  # the whole item stays in its text


def test_appendix_items_kept_as_notes_are_said():
    table = ("| 序号 | 重点工作任务 | 牵头单位 |\n| 1 | 开展欠薪专项治理 | 市人社局 |\n"
             "| 2 | 开展骗保专项治理 | 市医保局 |")
    plan = read(f"青川市重点工作任务分解表\n{table}\n附件2\n专项治理具体内容\n1.开展欠薪专项治理。全面排查。\n"
                "2.开展逃税专项治理。严查虚开发票。\n3.开展假药专项治理。加强抽检。")
    assert [t.title for t in plan.tasks] == ["开展欠薪专项治理", "开展骗保专项治理"]
    assert "严查虚开发票" in plan.notes
    assert ("附件中的第1至3项（共3项）在任务表中找不到对应的任务，已作为方案备注保存，没有作为任务读取；"
            "如应作为任务，导入后在“方案与任务”页用“新增顶层任务”添加") in plan.warnings
