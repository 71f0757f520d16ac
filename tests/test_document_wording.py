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
