"""What the month's figures say, on ledgers built by hand with every expectation worked out by
hand: task status apart from report state, the 报送期, the 总结报告's span and rates, rankings
with ties, units reconciled, and documents refused for months a plan does not owe."""

from datetime import date

import docx
import pytest
from conftest import run_main

from exporters.doc_text import count_phrase, figures, quoted, ranking_sentence, shorten
from models import cycle
from models.entries import Case, Progress
from models.ledger import Ledger
from models.records import Plan, Task, Unit
from models.validation import ValidationError


def report(task, unit, period, status, received, **more):
    return Progress(task_id=task, unit_id=unit, period=period, status=status, received_on=received, **more)


@pytest.fixture
def hangzhou(ledger):
    """Issued 2020-06-28, reports due on the 20th, one task due 2020-09-30 with three units."""
    plan = ledger.save(Plan(title="测试市重点领域失信专项治理实施方案", date="2020-06-28", report_day=20,
                            region="测试"))
    task = ledger.save(Task(plan_id=plan, number="（一）", title="开展拖欠工资问题专项治理",
                            deadline="2020-09-30"))
    units = [ledger.save(Unit(name=n, region="测试")) for n in ("市人社局", "市住建局", "市公安局")]
    for position, unit in enumerate(units):
        ledger.link_unit(task, unit, "lead" if position == 0 else "participating", position)
    return {"plan": plan, "task": task, "units": units}


def test_late_and_missing_reports_do_not_make_a_task_lag(ledger, hangzhou):
    a, b, _c = hangzhou["units"]
    ledger.put_progress([report(hangzhou["task"], a, "2020-08", "推进中", "2020-08-25"),  # late
                         report(hangzhou["task"], b, "2020-08", "推进中", "2020-08-10")], source="t")
    month = ledger.month_report(hangzhou["plan"], "2020-08", date(2020, 9, 1))
    assert month.state_counts() == {cycle.LATE: 1, cycle.ON_TIME: 1, cycle.MISSING: 1}
    assert month.task_status[hangzhou["task"]] == "推进中"  # units on track, deadline ahead
    assert month.task_light[hangzhou["task"]] == cycle.GREEN


def test_a_task_past_its_deadline_without_completion_lags(ledger, hangzhou):
    a, b, c = hangzhou["units"]
    rows = [report(hangzhou["task"], u, "2020-09", s, "2020-09-18") for u, s in
            ((a, "已完成"), (b, "已完成"), (c, "推进中"))]
    ledger.put_progress(rows, source="t")
    # September, seen on 2020-09-25: the deadline 09-30 is ahead
    assert ledger.month_report(hangzhou["plan"], "2020-09", date(2020, 9, 25)).task_status[hangzhou["task"]] == "推进中"
    # seen on 2020-10-05: 09-30 passed and 市公安局 has not finished
    october = ledger.month_report(hangzhou["plan"], "2020-09", date(2020, 10, 5))
    assert october.task_status[hangzhou["task"]] == "滞后" and october.task_light[hangzhou["task"]] == cycle.RED
    # a past month keeps the status it had: August seen years later is not 滞后
    assert ledger.month_report(hangzhou["plan"], "2020-08", date(2026, 1, 1)).task_status[hangzhou["task"]] == "未启动"


def test_a_task_is_closed_from_its_closing_date_on(ledger, hangzhou):
    ledger.close_task(hangzhou["task"], "2020-09-25", "已完成整治")
    assert ledger.month_report(hangzhou["plan"], "2020-08", date(2026, 1, 1)).task_status[hangzhou["task"]] == "未启动"
    assert ledger.month_report(hangzhou["plan"], "2020-09", date(2026, 1, 1)).task_status[hangzhou["task"]] == "办结"


def test_a_unit_that_has_not_reported_carries_its_status_forward(ledger, hangzhou):
    a, b, c = hangzhou["units"]
    ledger.put_progress([report(hangzhou["task"], a, "2020-07", "滞后", "2020-07-15", problems="人手不足")],
                        source="t")
    august = ledger.month_report(hangzhou["plan"], "2020-08", date(2020, 8, 25))
    row = next(r for r in august.rows if r.unit_id == a)
    assert (row.state, row.status, row.latest_status, row.latest_period) == (cycle.MISSING, None, "滞后", "2020-07")
    assert august.task_status[hangzhou["task"]] == "滞后"  # the unit's latest word is 滞后
    table = ledger.progress_table(hangzhou["plan"], "2020-08", date(2020, 8, 25))
    assert next(line.status for line in table.lines if line.unit == "市人社局") == "滞后（沿用2020年7月）"


def test_a_plan_issued_on_06_28_owes_nothing_for_june(ledger, hangzhou):
    span = ledger.report_span(hangzhou["plan"])
    assert (span.first, span.last) == ("2020-07", "2020-09")  # June's reports were due 06-20
    assert ledger.obligations(hangzhou["plan"], "2020-06") == []
    assert ledger.month_scores(hangzhou["plan"], "2020-06", date(2020, 7, 1)) == []
    assert ledger.periods(hangzhou["plan"], date(2026, 1, 1)) == ["2020-07", "2020-08", "2020-09"]
    assert ledger.periods(hangzhou["plan"], date(2020, 8, 5)) == ["2020-07", "2020-08"]  # none to come
    assert ledger.default_period(hangzhou["plan"], date(2020, 8, 5)) == "2020-07"  # August due on the 20th
    assert ledger.default_period(hangzhou["plan"], date(2026, 1, 1)) == "2020-09"  # never past the end
    ledger.set_report_months(hangzhou["plan"], "2020-08", "2020-12")  # the office's own 报送期
    assert ledger.periods(hangzhou["plan"], date(2026, 1, 1))[0] == "2020-08"
    assert ledger.report_span(hangzhou["plan"]).last == "2020-12"
    with pytest.raises(ValidationError) as info:
        ledger.set_report_months(hangzhou["plan"], "2020-09", "2020-08")
    assert "不能早于" in info.value.errors["report_last"]


def test_months_outside_the_report_period_are_refused_in_chinese(ledger, hangzhou):
    when = date(2020, 12, 1)
    for period, words in (("2027-01", "尚未到来"), ("1999-01", "不在该方案的报送期（2020年7月至2020年9月）内"),
                          ("2020-06", "不在该方案的报送期")):
        with pytest.raises(ValidationError) as info:
            ledger.document_data("bulletin", hangzhou["plan"], period=period, today=when)
        assert words in info.value.errors["period"]
        assert info.value.errors["period"].endswith("最近一个可以生成的月份是2020年9月")  # what to choose
    with pytest.raises(ValidationError) as info:  # September's reports are due on 09-20
        ledger.document_data("bulletin", hangzhou["plan"], period="2020-09", today=date(2020, 9, 15))
    assert "尚未到期" in info.value.errors["period"]
    assert info.value.errors["period"].endswith("最近一个可以生成的月份是2020年8月")
    with pytest.raises(ValidationError) as info:  # nothing due yet: no month to propose
        ledger.document_data("bulletin", hangzhou["plan"], period="2020-07", today=date(2020, 7, 10))
    assert "尚未到期" in info.value.errors["period"] and "最近" not in info.value.errors["period"]


def test_a_document_for_a_month_not_owed_exits_1_and_takes_no_doc_number(tmp_path):
    path = tmp_path / "台账.sqlite"
    assert run_main("demo", "--ledger", path).returncode == 0
    with Ledger.open(path) as ledger:
        before = ledger.next_doc_number("示信办", 2021)
    for period in ("2027-01", "1999-01"):
        result = run_main("export", "bulletin", "--ledger", path, "--plan", 1, "--period", period,
                          "--date", "2021-01-25", "-o", tmp_path / f"{period}.docx")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert ("尚未到来" if period == "2027-01" else "不在该方案的报送期") in result.stderr
        assert not (tmp_path / f"{period}.docx").exists()
    with Ledger.open(path) as ledger:
        assert ledger.next_doc_number("示信办", 2021) == before
    # without --period: the latest month of the 报送期 already due (临汾: January, due 01-20)
    result = run_main("export", "bulletin", "--ledger", path, "--plan", 3, "--date", "2021-01-25",
                      "-o", tmp_path / "latest.docx")
    assert result.returncode == 0, result.stderr
    text = "".join(p.text for p in docx.Document(str(tmp_path / "latest.docx")).paragraphs)
    assert "关于2021年1月" in text and "现将2021年1月各单位" in text


def test_the_summary_of_a_finished_plan_spans_what_was_owed(ledger, hangzhou):
    a, b, c = hangzhou["units"]
    rows = []
    for month, received in (("2020-07", "2020-07-20"), ("2020-08", "2020-08-21"), ("2020-09", "2020-09-10")):
        rows += [report(hangzhou["task"], a, month, "推进中", received, problems="部分企业已注销",
                        numbers={"排查数": 10, "整治数": 8}),
                 report(hangzhou["task"], b, month, "推进中", "2020-07-01" if month == "2020-07" else received,
                        problems="部分企业已注销。", next_steps="开展回头看")]
    ledger.put_progress(rows, source="t")
    ledger.add_cases([Case(kind="失信惩戒", title="某公司欠薪案", subject_name="某公司", unit_id=a,
                           occurred_on="2020-08-03", plan_id=hangzhou["plan"]),
                      Case(kind="失信惩戒", title="无方案的案", subject_name="某公司", unit_id=a,
                           occurred_on="2020-08-04")], source="t")
    data = ledger.summary_data(hangzhou["plan"], date(2026, 12, 1))
    # 3 months × 3 units owed = 9: on time 07 a, 07 b, 08 none (21st is late), 09 a, 09 b → 4 on
    # time... a 07-20 on time, b 07-01 on time; 08: both 08-21 late; 09: both on time; c missing ×3
    assert (data.first, data.last, data.months) == ("2020-07", "2020-09", 3)
    assert data.state_totals == {cycle.ON_TIME: 4, cycle.LATE: 2, cycle.MISSING: 3}
    assert data.totals == {"排查数": 30, "整治数": 24}
    assert data.problems == [("部分企业已注销", ["市人社局", "市住建局"])]  # said six times, once here
    assert [c.title for c, _, _ in data.cases] == ["某公司欠薪案"]  # the case without a plan is not
    assert data.task_counts == {"滞后": 1}  # 09-30 passed unfinished
    from exporters.doc_common import DocMeta
    from exporters.doc_others import summary_content

    body = "".join(summary_content(data, DocMeta(today=date(2026, 12, 1), date=date(2026, 12, 1))).body)
    assert "2020年7月至9月" in body and "2026" not in body
    assert "应报送进展情况9项，按时报送4项，按时报送率44.4%" in body
    assert "部分企业已注销（市人社局、市住建局）" in body and "各单位累计排查30件，整治24件" in body


def test_ties_are_ranked_as_ties_and_the_ends_never_share_a_score():
    scores = cycle.rank([cycle.UnitScore(i, name, value) for i, (name, value) in enumerate(
        (("市甲局", 100), ("市乙局", 100), ("市丙局", 98), ("市丁局", 98), ("市戊局", 95), ("市己局", -12)))],
        {})
    assert [s.rank for s in scores] == [1, 1, 3, 3, 5, 6]
    said = ranking_sentence(scores)
    best, worst = said.split("；得分靠后的是")
    assert best == "得分靠前的是市乙局、市甲局（并列第1名，100分），市丁局、市丙局（并列第3名，98分）"
    assert "市己局（第6名，扣12分）" in worst and "100分" not in worst and "98分" not in worst
    assert "-12" not in said
    same = cycle.rank([cycle.UnitScore(i, f"市{i}局", 100) for i in range(5)], {})
    assert ranking_sentence(same) == "各单位得分相同，均为100分"


def test_two_spellings_of_the_peoples_bank_merge_and_rank_once(ledger, hangzhou):
    short = ledger.save(Unit(name="人民银行测试中心支行", region="测试"))
    full = ledger.save(Unit(name="中国人民银行测试中心支行", region="测试"))
    ledger.link_unit(hangzhou["task"], short, "participating", 5)
    ledger.link_unit(hangzhou["task"], full, "participating", 6)
    pairs = ledger.likely_duplicates()
    assert [{p.first.id, p.second.id} for p in pairs] == [{short, full}]
    ledger.merge_units(full, short)
    assert ledger.likely_duplicates() == []
    names = [s.unit_name for s in ledger.month_scores(hangzhou["plan"], "2020-08", date(2020, 9, 1))]
    assert names.count("中国人民银行测试中心支行") == 1 and "人民银行测试中心支行" not in names
    hr = ledger.save(Unit(name="市人力资源和社会保障局", region="测试"))
    other = ledger.save(Unit(name="市人社局", region="别处"))  # another city's: not offered
    assert [{p.first.id, p.second.id} for p in ledger.likely_duplicates()] == [{hr, hangzhou["units"][0]}]
    ledger.mark_distinct(hr, hangzhou["units"][0])  # the office says no, once
    assert ledger.likely_duplicates() == [] and other


def test_wording_helpers():
    assert figures({"排查数": 698, "整治数": 499}) == "共排查698件，整治499件"
    assert count_phrase("培训人数", 30) == "培训30人" and count_phrase("不良贷款率", 3) is None
    assert quoted("开展“不合理低价游”专项治理") == "“开展‘不合理低价游’专项治理”"  # nested as GB/T 15834 says
    assert quoted('深入推进"云剑2020"行动') == "“深入推进‘云剑2020’行动”"
    assert quoted("开展拖欠工资问题专项治理。") == "“开展拖欠工资问题专项治理”"
    assert shorten("本月开展专项检查。排查企业120家，督促整改98家，约谈负责人12人次，形成长效机制。", 30) \
        == "本月开展专项检查"


def test_the_five_summaries_share_no_sentence_the_ledger_does_not(demo_master):
    import re

    from exporters.doc_common import DocMeta
    from exporters.doc_others import summary_content

    today = date(2026, 12, 1)
    sentences = []
    with Ledger.open(demo_master, readonly=True) as ledger:
        for plan in ledger.plans():
            data = ledger.document_data("summary", plan.id, period=None, today=today)
            assert data.last <= ledger.report_span(plan.id).last  # never past the plan's end
            body = summary_content(data, DocMeta(today=today, date=today)).body
            sentences.append({s for p in body for s in re.split(r"(?<=[。；])", p) if len(s) > 14})
    assert set.intersection(*sentences) == set()


def test_reminder_and_casebook_wording(ledger, hangzhou):
    from exporters.doc_common import DocMeta
    from exporters.doc_others import casebook_content, reminder_content

    long_task = ledger.save(Task(plan_id=hangzhou["plan"], number="（二）", deadline="2020-09-30",
                                 title="加快建设互联网反诈技术平台和反诈骗宣传防范工作"))
    ledger.link_unit(long_task, hangzhou["units"][2], "lead")
    today = date(2020, 8, 25)
    meta = DocMeta(today=today, date=today)
    body = "".join(reminder_content(ledger.document_data("reminder", hangzhou["plan"], period="2020-08",
                                                         today=today), meta).body)
    assert "截至2020年8月25日" in body and "应于2020年8月20日前报送" in body
    assert "市公安局，未报送2项：开展拖欠工资问题专项治理；加快建设互联网反诈技术平台和反诈骗宣传防范工作。" in body
    assert "（（" not in body
    with pytest.raises(ValidationError) as info:  # nothing to compile: refused like an empty 催报
        ledger.document_data("casebook", hangzhou["plan"], period=None, today=today)
    assert "没有报送的典型案例" in info.value.errors["period"]
    ledger.add_cases([Case(kind="失信惩戒", title="张某拒不履行判决案", subject_name="张某", subject_type="自然人",
                           subject_code="11010519491231002X", occurred_on="2020-07-04",
                           publicity_date="2020-07-09", plan_id=hangzhou["plan"]),
                      Case(kind="守信激励", title="某公司守信案", subject_name="某公司", task_id=long_task,
                           subject_code="91330282L07196379D", occurred_on="2020-08-02")], source="t")
    book = ledger.document_data("casebook", hangzhou["plan"], period=None, today=today)
    text = "".join(casebook_content(book, meta).body)
    assert "张某，身份证号码：110***********002X" in text and "实施日期：2020年7月4日" in text
    assert "公示日期：2020年7月9日" in text and "某公司，统一社会信用代码：91330282L07196379D" in text
    assert "所属领域：加快建设互联网反诈技术平台和反诈骗宣传防范工作。" in text  # its task's domain
    assert "典型案例2件（守信激励1件、失信惩戒1件）" in text


def test_the_upgrade_files_old_cases_under_a_plan_only_where_the_ledger_says_which(tmp_path):
    import sqlite3

    from sqlite_utils import Database

    from models.schema import MIGRATIONS

    db = Database(sqlite3.connect(tmp_path / "old.sqlite"), execute_plugins=False)
    MIGRATIONS.apply(db, stop_before="m009_report_span_and_owners")
    for sql in ("INSERT INTO plans (id, title) VALUES (1, '甲方案'), (2, '乙方案')",
                "INSERT INTO tasks (id, plan_id, root_id, title) VALUES (1, 1, 1, '甲任务'), (2, 2, 2, '乙任务')",
                "INSERT INTO units (id, name, key) VALUES (1, '只在甲', '只在甲'), (2, '甲乙都有', '甲乙都有')",
                "INSERT INTO task_units VALUES (1, 1, 'lead', 0), (1, 2, 'lead', 1), (2, 2, 'lead', 0)",
                "INSERT INTO cases (id, kind, title, subject_name, task_id, unit_id) VALUES "
                "(1, '其他', '有任务', '某', 2, 2), (2, '其他', '单位只在甲', '某', NULL, 1), "
                "(3, '其他', '单位两方案都有', '某', NULL, 2), (4, '其他', '无单位', '某', NULL, NULL)",
                "INSERT INTO list_entries (id, list_kind, subject_name, unit_id) VALUES "
                "(1, '黑名单', '某', 1), (2, '黑名单', '某', 2)"):
        db.execute(sql)
    db.conn.commit()
    MIGRATIONS.apply(db)
    assert dict(db.execute("SELECT id, plan_id FROM cases").fetchall()) == {1: 2, 2: 1, 3: None, 4: None}
    assert dict(db.execute("SELECT id, plan_id FROM list_entries").fetchall()) == {1: 1, 2: None}
