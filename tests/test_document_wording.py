"""How the documents word what the ledger holds, on cases worked out by hand: the campaign's
name in titles, units counted once in the 通报's breakdown, what comes next when the 报送期
ends, task names in the 催报通知, lists that name all or say how many more."""

from datetime import date

import pytest

from models.plan_names import campaign_name, campaign_work

DEMO_TITLES = {
    "杭州市2020年重点领域失信专项治理实施方案": "重点领域失信专项治理",
    "兰州市重点失信领域专项治理实施方案": "重点失信领域专项治理",
    "关于开展诚信缺失突出问题专项治理行动的实施方案": "诚信缺失突出问题专项治理行动",
    "市推进社会信用体系建设有关重点工作任务分解表": "社会信用体系建设有关重点工作",
    "营口市开展诚信缺失突出问题专项治理行动的工作实施方案": "诚信缺失突出问题专项治理行动",
}
OTHER_TITLES = {
    "关于印发《兰州市重点失信领域专项治理实施方案》的通知": "重点失信领域专项治理",
    "2021年社会信用体系建设工作要点": "社会信用体系建设",
    "关于进一步加强社会信用体系建设的实施意见": "社会信用体系建设",
    "辽宁省加强政务诚信建设实施方案": "政务诚信建设",
    "北京市城市环境秩序百日整治行动方案": "城市环境秩序百日整治行动",
    "平顶山市全面推行河长制主要任务分解方案": "全面推行河长制",
    "浙江省杭州市2020—2022年信用建设三年行动计划": "信用建设三年行动",
    "关于在全市开展拖欠农民工工资专项整治的通知": "拖欠农民工工资专项整治",
    "全国文明城市创建工作方案": "全国文明城市创建",  # 城市 is not a place
    "市场监管领域失信问题专项治理工作方案": "市场监管领域失信问题专项治理",  # nor is 市场
    "方案": "方案",  # nothing left to shorten: the title itself
}


@pytest.mark.parametrize("title, name", [*DEMO_TITLES.items(), *OTHER_TITLES.items()])
def test_a_campaign_is_named_without_kind_place_year_or_leading_verb(title, name):
    assert campaign_name(title) == name


def test_the_campaign_as_work_never_says_work_twice():
    assert campaign_work("社会信用体系建设有关重点工作") == "社会信用体系建设有关重点工作"
    assert campaign_work("重点领域失信专项治理") == "重点领域失信专项治理工作"


# ---------------------------------------------------------------------- a hand-built month

from exporters.doc_bulletin import bulletin_content  # noqa: E402
from exporters.doc_common import DocMeta  # noqa: E402
from models.entries import Progress  # noqa: E402
from models.records import Plan, Task, Unit  # noqa: E402
from models.returns import ReturnFile  # noqa: E402


@pytest.fixture
def month(ledger):
    """Issued 2020-06-28, reports on the 20th, two tasks due 2020-09-30 (报送期 July to
    September), a 总结 due 2020-09-30; four units owe both tasks. August: 甲 all on time, 乙
    one late, 丙 one late and one missing, 丁 both missing."""
    plan = ledger.save(Plan(title="测试市2020年重点领域失信专项治理实施方案", date="2020-06-28", report_day=20,
                            region="测试", summary_due="2020-09-30"))
    tasks = [ledger.save(Task(plan_id=plan, number=f"（{n}）", title=t, deadline="2020-09-30", position=i))
             for i, (n, t) in enumerate((("一", "开展拖欠工资问题专项治理"), ("二", "开展假药问题专项治理")))]
    units = [ledger.save(Unit(name=n, region="测试")) for n in ("市甲局", "市乙局", "市丙局", "市丁局")]
    for task in tasks:
        for position, unit in enumerate(units):
            ledger.link_unit(task, unit, "responsible", position)
    on_time, late = "2020-08-15", "2020-08-25"
    sent = [(0, 0, on_time), (0, 1, on_time), (1, 0, late), (1, 1, on_time), (2, 0, late)]
    ledger.put_progress([Progress(task_id=tasks[t], unit_id=units[u], period="2020-08", status="推进中",
                                  received_on=day) for u, t, day in sent], source="t")
    return {"plan": plan, "tasks": tasks, "units": units}


def bulletin_text(ledger, plan_id: int, period: str, today: date) -> str:
    data = ledger.document_data("bulletin", plan_id, period=period, today=today)
    content = bulletin_content(data, DocMeta(today=today, date=today))
    return "\n".join(b for b in content.body if isinstance(b, str))


def test_each_unit_is_counted_once_by_its_worst_report(ledger, month):
    text = bulletin_text(ledger, month["plan"], "2020-08", date(2020, 9, 1))
    assert "本月4个单位应报送进展情况8项，按时报送3项，逾期报送2项，未报送3项" in text
    # 丙 was late and is missing: counted once, with the missing (1 + 1 + 2 = 4)
    assert "其中，1个单位按时报齐，1个单位报齐但有逾期，2个单位仍有未报送事项。" in text


def test_within_the_report_period_the_next_month_is_asked_for(ledger, month):
    text = bulletin_text(ledger, month["plan"], "2020-08", date(2020, 9, 1))
    assert "各单位于2020年9月20日前报送2020年9月进展情况" in text


def test_the_last_month_asks_for_no_month_outside_the_report_period(ledger, month):
    text = bulletin_text(ledger, month["plan"], "2020-09", date(2020, 10, 1))
    requirements = text.split("下步工作要求")[1]
    assert "2020年10月进展情况" not in text
    assert "本方案的月度进展报送至2020年9月结束，此后不再报送月度进展情况" in requirements
    assert "于2020年9月30日前报送专项治理工作总结" in requirements


def test_a_return_after_the_report_period_is_told_so(ledger, month):
    unit = month["units"][0]

    def hold(period: str, received: str) -> str:
        parsed = ReturnFile(path="市甲局.xlsx", plan_id=month["plan"], unit_id=unit, unit_name="市甲局",
                            period=period)
        return ledger.month_hold(parsed, received)

    assert hold("2020-08", "2020-08-18") == ""
    assert "正在收集的是2020年8月的报送" in hold("2020-07", "2020-08-18")
    late = hold("2020-08", "2026-12-05")
    assert "报送期（2020年7月至2020年9月）已经结束，最后收集的是2020年9月的报送" in late
    assert "2026年12月" not in late
    assert hold("2020-09", "2026-12-05") == ""  # the last month, however late it comes


# ---------------------------------------------------------------------- the demo ledger

from models.ledger import Ledger  # noqa: E402


def test_the_demo_reports_numbers_only_where_a_task_asks_for_them(demo_master):
    with Ledger.open(demo_master, readonly=True) as ledger:
        asked = {t.id: set(t.numbers_asked) for p in ledger.plans() for t in ledger.tasks(p.id)}
        reports = ledger.progress()
    with_numbers = [p for p in reports if p.numbers]
    assert with_numbers and all(set(p.numbers) <= asked[p.task_id] for p in with_numbers)
    assert all(not p.numbers for p in reports if not asked[p.task_id])
    assert any(not asked[p.task_id] for p in reports)  # tasks asking none did report


def test_the_demo_office_merged_plain_duplicates_so_each_agency_ranks_once(demo_master):
    with Ledger.open(demo_master, readonly=True) as ledger:
        assert [p for p in ledger.likely_duplicates() if p.by_name] == []
        names = [s.unit_name for s in ledger.month_scores(3, "2021-01", date(2021, 1, 25))]
        liaoning = [s.unit_name for s in ledger.month_scores(4, "2018-11", date(2018, 11, 25))]
    assert "中国人民银行临汾中心支行" in names and "人民银行临汾中心支行" not in names
    assert "市人力资源和社会保障局" in liaoning and "市人社局" not in liaoning


def test_the_command_line_warns_before_ranking_unreviewed_duplicates(demo_copy, tmp_path):
    from conftest import run_main

    with Ledger.open(demo_copy) as ledger:
        twin = ledger.save(Unit(name="临汾市公安局", region="临汾"))
        ledger.link_unit(ledger.leaf_tasks(3)[0].id, twin, "participating", 99)
    for kind, warned in (("scores", True), ("reminder", False)):
        out = tmp_path / f"{kind}.{'xlsx' if kind == 'scores' else 'docx'}"
        result = run_main("export", kind, "--ledger", demo_copy, "--plan", 3, "--period", "2021-01",
                          "--date", "2021-01-25", "-o", out)
        assert result.returncode == 0 and out.exists(), result.stderr
        assert ("提示：有1组疑似同一单位尚未核对" in result.stderr) == warned


# ---------------------------------------------------------------------- sentences

from exporters.doc_bulletin import case_sentence, lagging_sentences  # noqa: E402
from exporters.doc_others import reminder_content, summary_content  # noqa: E402
from exporters.doc_text import names, task_name  # noqa: E402
from models.doc_records import DomainProgress, LaggingTask  # noqa: E402
from models.entries import Case  # noqa: E402

LONG_TASK = ("按照《省发展改革委省信用办关于印发辽宁省建立守信红榜和失信黑名单制度工作方案的通知》(辽发改信用〔2016〕365号)要求，"
             "加强地方红黑名单认定工作，特别是食品药品、环境保护、安全生产、产品质量、医疗卫生、劳动保障、知识产权、工程建设等"
             "关系人民群众切身利益的重点行业、重点领域，尽快建立本行业、本领域守信红榜和失信黑名单。")
LISTING_TASK = ("组织实施“互联网+教育+信用”、“互联网+医疗健康+信用”、“互联网+养老服务+信用”、“互联网+家政服务+信用”、"
                "“互联网+食品餐饮+信用”以及“信易贷”、“信易租”、“信易游”、“信易批”等创新应用。")


def test_a_task_is_named_by_its_title_shortened_at_a_clause():
    assert task_name(LONG_TASK) == "加强地方红黑名单认定工作"  # the clause citing its basis names nothing
    assert task_name(LISTING_TASK) == "组织实施“互联网+教育+信用”、“互联网+医疗健康+信用”等创新应用"
    assert task_name("加快建设互联网反诈技术平台和反诈骗宣传防范工作") == "加快建设互联网反诈技术平台和反诈骗宣传防范工作"
    assert task_name("对发现欺诈骗保违法违规问题进行依法查处，严厉打击各类欺诈骗保行为，形成有力震慑，"
                     "维护基金安全，保障参保人员合法权益。") == "对发现欺诈骗保违法违规问题进行依法查处，严厉打击各类欺诈骗保行为，形成有力震慑"
    # a clause end inside brackets is no place to cut; half-width brackets become full-width
    assert task_name("落实(牵头,配合)分工要求并建立台账", 10) == "落实（牵头，配合）分工要求并建立台账"


def test_a_list_names_all_or_says_how_many_more_than_it_named():
    units = [f"市{n}局" for n in "甲乙丙丁戊己庚辛壬癸"]
    assert names(units[:9]) == "、".join(units[:9])  # not 8 names and 等9个单位
    assert names(units) == "、".join(units[:8]) + "等10个单位"


def _cases(count: int) -> list:
    return [(Case(kind="失信惩戒", title=f"某{n}公司失信案", subject_name="某公司"), "市公安局", "")
            for n in range(count)]


def test_cases_are_all_named_or_five_and_how_many():
    six = case_sentence(_cases(6), "本月")  # one more than five: named, not 等6件
    assert "分别是：" in six and "某5公司失信案”。" in six and "等6件" not in six
    seven = case_sentence(_cases(7), "本月")
    assert "主要有：" in seven and "某4公司失信案”等7件。" in seven and "某5公司" not in seven


def test_lagging_tasks_beyond_those_explained_are_named():
    lagging = [LaggingTask(f"开展第{n}项专项治理", "2020-09-30", []) for n in "一二三四五六"]
    domain = DomainProgress(task=Task(plan_id=1, title="专项治理"), status="滞后", reports=[], lagging=lagging)
    text = lagging_sentences(domain)
    assert "另有“开展第四项专项治理”、“开展第五项专项治理”、“开展第六项专项治理”进度滞后。" in text
    domain.lagging = lagging[:4]  # one more than explained: explained too, not 另有1项
    assert "另有" not in lagging_sentences(domain) and "“开展第四项专项治理”完成时限" in lagging_sentences(domain)


def test_the_summary_of_one_month_and_of_closings_without_extensions(ledger, month):
    ledger.close_task(month["tasks"][1], "2020-07-25", "各责任单位均已完成")
    today = date(2020, 8, 25)
    content = summary_content(ledger.document_data("summary", month["plan"], period="2020-07", today=today),
                              DocMeta(today=today, date=today))
    body = "".join(b for b in content.body if isinstance(b, str))
    assert "2020年7月，4个单位应报送进展情况8项" in body and "共1个报送月" not in body
    assert "期间办结任务1项：“开展假药问题专项治理”（2020年7月25日）；没有任务延期。" in body
    assert content.title == "关于重点领域失信专项治理工作情况的报告"  # no place, no year twice
    assert "现将2020年7月重点领域失信专项治理工作推进情况报告如下" in body
    assert content.body[-1] == "特此报告。"


def test_the_reminder_names_a_long_task_by_its_short_name(ledger, month):
    task = ledger.save(Task(plan_id=month["plan"], number="（三）", title=LONG_TASK, deadline="2020-09-30",
                            position=3))
    ledger.link_unit(task, month["units"][3], "responsible")
    today = date(2020, 8, 25)
    content = reminder_content(ledger.document_data("reminder", month["plan"], period="2020-08", today=today),
                               DocMeta(today=today, date=today))
    body = "".join(content.body)
    assert "市丁局，未报送3项：开展拖欠工资问题专项治理；开展假药问题专项治理；加强地方红黑名单认定工作。" in body
    assert "辽发改信用" not in body
    # a fourth task owed is named too: the unit is told every report it has to send
    extra = ledger.save(Task(plan_id=month["plan"], number="（四）", title="开展骗取保险问题专项治理",
                             deadline="2020-09-30", position=4))
    ledger.link_unit(extra, month["units"][3], "responsible")
    content = reminder_content(ledger.document_data("reminder", month["plan"], period="2020-08", today=today),
                               DocMeta(today=today, date=today))
    body = "".join(content.body)
    assert "市丁局，未报送4项：" in body and "；开展骗取保险问题专项治理。" in body and "等4项" not in body
    assert content.title == "关于催报2020年8月重点领域失信专项治理工作进展情况的通知"


# ---------------------------------------------------------------------- line ends

def test_digit_hyphens_never_end_a_line_and_marks_never_hang_in_libreoffice(tmp_path):
    import re
    import zipfile

    from exporters.gongwen import Gongwen, export_gongwen

    path = export_gongwen(Gongwen(title="关于催报的通知", body=["1.市公安局。联系人：王某某，电话：0357-6606786。"],
                                  date=date(2021, 1, 25), signature="某办公室", cc="市委办公室",
                                  printer="某办公室"), tmp_path / "n.docx")
    with zipfile.ZipFile(path) as package:
        document, styles = (package.read(f"word/{n}.xml").decode() for n in ("document", "styles"))
    assert re.search(r"0357</w:t>\s*<w:noBreakHyphen/>\s*<w:t[^>]*>6606786", document)
    assert "2021年1月25日" in document  # dates in words are left alone
    normal = re.search(r'<w:style [^>]*w:styleId="Normal".*?</w:style>', styles, re.S).group(0)
    # LibreOffice reads "1" as "no hanging punctuation" (Word as its own default)
    assert '<w:overflowPunct w:val="1"/>' in normal
    import docx

    assert "电话：0357-6606786" in "".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_statistics_table_shows_what_makes_each_score(ledger, month):
    today = date(2020, 9, 1)
    data = ledger.document_data("bulletin", month["plan"], period="2020-08", today=today)
    attachment = bulletin_content(data, DocMeta(today=today, date=today)).attachments[0]
    table, note = attachment.blocks
    assert table.header[6:9] == ["扣分", "加分", "得分"]
    rows = {row[1]: row[6:9] for row in table.rows}
    # default rules: 100, 逾期 -2 and 未报 -5 each
    assert rows == {"市甲局": ["0", "0", "100"], "市乙局": ["-2", "0", "98"], "市丙局": ["-7", "0", "93"],
                    "市丁局": ["-10", "0", "90"]}
    assert "得分为基础分（100分）与扣分、加分之和" in note
    # the rules as the month applies them; 按时报送 is worth nothing by default, so it is not said
    assert "扣分为逾期报送每项扣2分、未报送每项扣5分；加分为报送典型案例每件加1分（最多加5分）" in note
    assert "按时报送" not in note
    # most missing first, then most late: the order the 通报批评 reads in
    assert [row[1] for row in table.rows] == ["市丁局", "市丙局", "市乙局", "市甲局"]


def test_one_case_is_said_as_one():
    assert case_sentence(_cases(1), "本月") == "本月收到典型案例1件（失信惩戒），为市公安局报送的“某0公司失信案”。"


def test_cases_are_listed_in_the_order_their_kinds_are_counted():
    cases = [(Case(kind="失信惩戒", title="某甲公司违规借贷案", subject_name="甲"), "市公安局", ""),
             (Case(kind="守信激励", title="某乙公司信用修复案", subject_name="乙"), "临汾银保监分局", "")]
    said = case_sentence(cases, "本月")
    assert "其中守信激励1件、失信惩戒1件，分别是：临汾银保监分局报送的“某乙公司信用修复案”；市公安局" in said
