"""The 印发通知's attachment is the plan as imported: its preamble, sections and wording, its
tasks at their places — and only what the ledger holds for a plan typed in the window."""

from datetime import date

import docx
import pytest
from test_plan_seeds import SAMPLES, SEEDS

from exporters.doc_common import DocMeta
from exporters.doc_notice import full_width, notice_content
from exporters.gongwen import export_gongwen
from importers.plan_reader import read_plan, set_plan_year
from models.ledger import Ledger
from models.records import Plan, Task

META = DocMeta(today=date(2021, 1, 5), date=date(2021, 1, 5), organ_mark="某市文明办文件",
               signature="某市文明办", printer="某市文明办")


def attachment_of(ledger: Ledger, plan_id: int, folder) -> tuple[list[str], object]:
    """The attachment's paragraphs of the notice, and the file."""
    path = export_gongwen(notice_content(ledger.plan_data(plan_id), META), folder / "通知.docx")
    paragraphs = [p.text.replace("\n", "") for p in docx.Document(str(path)).paragraphs  # a title's lines
                  if p.text.strip() and not p.text.endswith("印发")]  # the 版记
    return paragraphs[paragraphs.index("附件") + 1:], path


def seed_lines(key: str) -> list[str]:
    return [line.strip() for line in (SAMPLES / SEEDS[key]).read_text(encoding="utf-8").split("\n")
            if line.strip()]


@pytest.fixture
def linfen(ledger):
    plan_id = ledger.apply_plan(read_plan(SAMPLES / SEEDS["002"])).plan_id
    return ledger, plan_id


def test_the_attachment_keeps_the_plans_own_sections_and_words(linfen, tmp_path):
    ledger, plan_id = linfen
    text, _ = attachment_of(ledger, plan_id, tmp_path)
    assert text[0].startswith("关于开展诚信缺失突出问题")  # the plan's title
    assert text[1].startswith("根据中央文明委《关于开展诚信缺失突出问题专项治理行动的工作方案》")  # preamble
    headings = [p for p in text if p[:2] in ("一、", "二、", "三、", "四、")]
    assert headings == ["一、指导思想", "二、开展专项治理行动重点项目", "三、加强诚信宣传教育", "四、工作要求"]
    requirements = text[text.index("四、工作要求") + 1:]
    assert [p[:12] for p in requirements] == ["1.分步实施，有序推进。", "2.协同配合，形成合力。",
                                             "3.加强督导，重在落实。"]
    assert "12月前为集中治理阶段" in requirements[0]  # the plan's own phases, in its words
    assert not any("高度重视，明确专人负责" in p for p in text)  # nothing invented


def test_tasks_keep_their_own_numbers_and_clauses(linfen, tmp_path):
    ledger, plan_id = linfen
    text, _ = attachment_of(ledger, plan_id, tmp_path)
    assert "（一）开展电信网络诈骗专项治理行动" in text
    first = text.index("（一）开展电信网络诈骗专项治理行动")
    assert [p[:2] for p in text[first + 1:first + 4]] == ["1.", "2.", "3."]
    assert text[first + 4] == ("（牵头单位：市公安局、市发改委、市工信局、人民银行临汾中心支行；"
                               "参与单位：市委网信办、市法院、临汾银保监分局）")
    source = [full_width(line) for line in seed_lines("002")]
    assert text[first + 4] in source  # the clause as the plan wrote it


def test_a_task_changed_in_the_window_is_rewritten_from_the_ledger(linfen, tmp_path):
    ledger, plan_id = linfen
    tasks = ledger.tasks(plan_id)
    measure = next(t for t in tasks if t.number == "8.")
    units = {r: [u.name for u, role in ledger.task_units(measure.id) if role == r]
             for r in ("lead", "participating", "responsible")}
    ledger.set_task_units(measure.id, {**units, "participating": units["participating"] + ["市统计局"]})
    added_id = ledger.save(Task(plan_id=plan_id, number="（十一）", title="开展网络直播失信问题专项治理",
                                text="开展网络直播失信问题专项治理。加强平台监管。", position=999))
    ledger.set_task_units(added_id, {"lead": ["市委网信办"], "participating": [], "responsible": []})
    while [t.id for t in ledger.tasks(plan_id) if t.parent_id is None].index(added_id) > 4:
        ledger.move_task(added_id, -1)  # 上移 in the window, to stand after (四)
    text, path = attachment_of(ledger, plan_id, tmp_path)
    eight = next(p for p in text if p.startswith("8.加强扶贫资金管理"))
    assert eight.endswith("（牵头单位：市扶贫办；参与单位：市财政局、市审计局、市委宣传部、市文明办、市文旅局、"
                          "市人社局、市农业农村局、市统计局）")  # its own clause now: its units differ
    new = text.index("（十一）开展网络直播失信问题专项治理。加强平台监管。（牵头单位：市委网信办）")
    # it stands right after the domain it follows, before the next one
    assert text[new - 1].startswith("10.增强脱贫群众感恩意识")
    # a measure has its own clause now, so the domain's clause moves up to the domain's heading
    assert text[new - 4] == ("（四）开展扶贫脱贫失信问题专项治理行动。（牵头单位：市扶贫办；参与单位：市财政局、"
                             "市审计局、市委宣传部、市文明办、市文旅局、市人社局、市农业农村局）")
    assert text[new + 1].startswith("（五）开展国家考试作弊专项治理行动")
    back = read_plan(path)
    expected = [(t.title, {r: [u.name for u, role in ledger.task_units(t.id) if role == r]
                           for r in ("lead", "participating", "responsible")})
                for t in ledger.tasks(plan_id)]
    assert [(t.title, t.units) for t in back.walk()] == expected


def test_a_plan_typed_in_the_window_says_only_what_the_ledger_holds(ledger, tmp_path):
    plan_id = ledger.save(Plan(title="某市网络诚信专项治理工作方案", report_day=25))
    task_id = ledger.save(Task(plan_id=plan_id, number="", title="清理网络失信信息",
                               text="清理网络失信信息。", deadline_text="年底前"))
    ledger.link_unit(task_id, ledger.ensure_unit("市委网信办"), "responsible")
    text, path = attachment_of(ledger, plan_id, tmp_path)
    assert text == ["某市网络诚信专项治理工作方案", "一、重点任务",
                    "（一）清理网络失信信息。（责任单位：市委网信办；完成时限：年底前）",
                    "二、工作安排", "（一）进展报送。各责任单位于每月25日前报送进展情况。"]
    assert read_plan(path).tasks[0].units["responsible"] == ["市委网信办"]


@pytest.mark.parametrize("key", ["000", "001", "004"])
def test_each_seed_comes_back_in_its_own_words(ledger, tmp_path, key):
    plan_id = ledger.apply_plan(read_plan(SAMPLES / SEEDS[key])).plan_id
    text, path = attachment_of(ledger, plan_id, tmp_path)
    source = "".join(full_width(line) for line in seed_lines(key)).replace(" ", "")
    unknown = [p for p in text[1:] if p.replace(" ", "") not in source]
    assert unknown == []  # every paragraph is the plan's own
    assert len(read_plan(path).tasks) == len(ledger.tasks(plan_id)) - sum(
        1 for t in ledger.tasks(plan_id) if t.parent_id)


def test_ascii_marks_become_full_width_but_numbers_keep_theirs():
    assert full_width("(牵头单位:市公安局;参与单位:市法院,市检察院)") == \
        "（牵头单位：市公安局；参与单位：市法院，市检察院）"
    assert full_width("12:30 前报送1,000份，见 http://x.cn") == "12:30 前报送1,000份，见 http://x.cn"


def _shape(tasks) -> list:
    """Number, title, units and deadline of every task and item, in order."""
    out = []
    for t in tasks:
        units = {role: names for role, names in t.units.items() if names}
        out.append((t.number, t.title.rstrip("。"), units, t.deadline))
        out += _shape(t.children)
    return out


def test_a_plan_read_from_a_breakdown_table_goes_out_as_that_table(ledger, tmp_path):
    draft = read_plan(SAMPLES / SEEDS["003"])  # seed 003: a 任务分解表 and its 附件2
    set_plan_year(draft, 2018)  # its 11月20日前 has no year: the office gives one, as the demo does
    plan_id = ledger.apply_plan(draft).plan_id
    path = export_gongwen(notice_content(ledger.plan_data(plan_id), META), tmp_path / "通知.docx")
    document = docx.Document(str(path))
    [table] = document.tables
    header = [c.text for c in table.rows[0].cells]
    assert header[0] == "序号" and header[-1] == "工作任务及时限要求" and "牵头单位" in header
    assert [row.cells[0].text for row in table.rows[1:10]] == [str(n) for n in range(1, 10)]
    text = [p.text for p in document.paragraphs]
    assert "一、重点任务" not in text  # nothing the plan did not say
    assert "专项治理工作具体内容" in text and any(p.startswith("19.") for p in text)  # its appendix
    # …as the plan had it: 附件1 the table, 附件2 the appendix, each named in the 附件说明
    assert text.count("附件1") == 1 and text.count("附件2") == 1
    assert text.index("附件1") < text.index("附件2") == text.index("专项治理工作具体内容") - 2
    assert any(p.startswith("附件：1.") for p in text) and "2.专项治理工作具体内容" in text
    again = read_plan(path)
    assert _shape(again.tasks) == _shape(draft.tasks)  # the same tasks, items, units and dates
