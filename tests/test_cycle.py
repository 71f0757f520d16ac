"""The monthly clock on a hand-built ledger, every expectation worked out by hand."""

from datetime import date

import pytest

from models import cycle
from models.entries import Case, ListEntry, Progress
from models.records import Plan, Target, Task, Unit
from models.validation import ValidationError


def test_due_dates_across_a_year_boundary_and_short_months():
    assert cycle.due_date("2020-12", 20) == date(2020, 12, 20)
    assert cycle.due_date("2020-12", 20, next_month=True) == date(2021, 1, 20)
    assert cycle.due_date("2021-02", 30) == date(2021, 2, 28)
    assert cycle.months_between("2020-11", "2021-02") == ["2020-11", "2020-12", "2021-01", "2021-02"]
    assert cycle.add_months("2021-01", -1) == "2020-12"


@pytest.mark.parametrize("received,today,state", [
    ("2020-12-20", date(2021, 1, 5), cycle.ON_TIME),   # on the due date itself
    ("2020-12-21", date(2021, 1, 5), cycle.LATE),      # the day after
    (None, date(2020, 12, 20), cycle.NOT_DUE),         # due today: not missing yet
    (None, date(2020, 12, 21), cycle.MISSING),         # the day after: missing
])
def test_report_state_at_the_edges(received, today, state):
    assert cycle.report_state(date(2020, 12, 20), received, today) == state


def test_task_status_follows_the_design():
    status = cycle.task_status
    assert status(closed=True, latest=["滞后"], overdue=True) == "办结"
    assert status(closed=False, latest=["推进中", "滞后"], overdue=False) == "滞后"  # a unit says so
    assert status(closed=False, latest=["推进中"], overdue=True) == "滞后"  # deadline passed, not done
    assert status(closed=False, latest=["已完成", "已完成"], overdue=True) == "已完成"  # done in time
    assert status(closed=False, latest=["已完成", "未启动"], overdue=False) == "推进中"
    assert status(closed=False, latest=[], overdue=False) == "未启动"
    assert status(closed=False, latest=[], overdue=True) == "滞后"


def test_lights():
    today = date(2020, 11, 20)
    light = lambda d, s="推进中": cycle.task_light(deadline=d, status=s, today=today, warn_days=7)  # noqa: E731
    assert light(date(2020, 11, 19)) == cycle.RED
    assert light(date(2020, 11, 27)) == cycle.YELLOW
    assert light(date(2020, 11, 28)) == cycle.GREEN
    assert light(date(2020, 12, 31), "滞后") == cycle.YELLOW
    assert light(date(2020, 11, 1), "已完成") == cycle.GREEN


@pytest.fixture
def month(ledger):
    """A plan reporting by the 20th: one task, three units; December 2020 as seen on 2021-01-05."""
    plan = ledger.save(Plan(title="测试方案", date="2020-11-01", report_day=20, region="测试"))
    task = ledger.save(Task(plan_id=plan, number="（一）", title="开展欠薪专项治理",
                            deadline="2020-12-31"))
    units = [ledger.save(Unit(name=n, region="测试", contact_person="张三", phone="0351-1234567"))
             for n in ("市人社局", "市住建局", "市公安局")]
    for position, unit in enumerate(units):
        ledger.link_unit(task, unit, "lead" if position == 0 else "participating", position)
    ledger.save(Target(task_id=task, metric="专项整治率", comparator=">=", threshold=80,
                       formula="ratio", numerator="整治数", denominator="排查数"))
    ledger.put_progress([
        Progress(task_id=task, unit_id=units[0], period="2020-12", status="推进中",
                 numbers={"排查数": 10, "整治数": 9}, received_on="2020-12-20"),
        Progress(task_id=task, unit_id=units[1], period="2020-12", status="推进中",
                 numbers={"排查数": 10, "整治数": 6}, received_on="2020-12-23"),
    ], source="测试")
    return {"plan": plan, "task": task, "units": units, "today": date(2021, 1, 5)}


def test_month_report_counts_each_state(ledger, month):
    report = ledger.month_report(month["plan"], "2020-12", month["today"])
    assert report.due == date(2020, 12, 20)
    assert report.state_counts() == {cycle.ON_TIME: 1, cycle.LATE: 1, cycle.MISSING: 1}
    assert [u.name for u in report.units_missing()] == ["市公安局"]
    assert [u.name for u in report.units_late()] == ["市住建局"]
    assert report.units_missing()[0].phone == "0351-1234567"
    assert report.task_status[month["task"]] == "滞后"
    assert report.task_light[month["task"]] == cycle.RED  # 2020-12-31 passed unfinished
    assert report.domain_counts[month["task"]] == {"滞后": 1}


def test_periods_run_from_the_plan_date_to_the_last_deadline(ledger, month):
    assert ledger.periods(month["plan"], month["today"]) == ["2020-11", "2020-12"]


def test_a_group_name_owes_through_its_listed_members_only(ledger, month):
    group = ledger.save(Unit(name="市领导小组各成员单位", region="测试"))
    ledger.link_unit(month["task"], group, "responsible", 9)
    owed = lambda: [u["name"] for _, u, _ in ledger.obligations(month["plan"], "2020-12")]  # noqa: E731
    assert owed() == ["市人社局", "市住建局", "市公安局"]  # a group is not a unit: nothing owed as one
    members = [ledger.save(Unit(name=n, region="测试")) for n in ("市财政局", "市税务局")]
    ledger.set_group_members(group, members)
    assert owed() == ["市人社局", "市住建局", "市公安局", "市财政局", "市税务局"]
    ledger.set_settings({"expand_groups": False})  # the office leaves group names out instead
    assert owed() == ["市人社局", "市住建局", "市公安局"]
    scores = [s.unit_name for s in ledger.month_scores(month["plan"], "2020-12", month["today"])]
    assert "市领导小组各成员单位" not in scores and len(scores) == 3


def test_targets_from_known_numbers(ledger, month):
    [value] = ledger.evaluate_targets(month["plan"], "2020-12")
    assert value.value == 75.0  # (9 + 6) / (10 + 10)
    assert not value.met and value.light == cycle.YELLOW  # 75 is within a fifth of 80
    assert dict(value.per_unit) == {"市人社局": 90.0, "市住建局": 60.0, "市公安局": None}
    assert value.units_behind() == ["市住建局", "市公安局"]


def test_cases_per_list_and_repair_share(ledger, month):
    police = month["units"][2]
    for n in range(2):
        ledger.save(Target(task_id=month["task"], metric=f"指标{n}", comparator=">=", threshold=10 + 40 * n,
                           formula=("cases_per_list", "list_repair_share")[n]))
    ledger.add_list_entries([ListEntry(list_kind="黑名单", subject_name=f"公司{i}", unit_id=police,
                                       listed_on="2020-12-01", plan_id=month["plan"],
                                       repair_status="已作出信用承诺" if i < 6 else "未修复")
                             for i in range(10)], source="测试")
    ledger.add_cases([Case(kind="失信惩戒", title="欠薪案", subject_name="公司0", unit_id=police,
                           occurred_on="2020-12-10", plan_id=month["plan"])], source="测试")
    values = {v.formula: v for v in ledger.evaluate_targets(month["plan"], "2020-12")}
    assert dict(values["cases_per_list"].per_unit)["市公安局"] == 10.0  # 1 case / 10 entries
    assert dict(values["list_repair_share"].per_unit)["市公安局"] == 60.0  # 6 of 10 promised
    assert values["list_repair_share"].value == 60.0 and values["list_repair_share"].met


def test_scores_by_hand_and_locked_months_keep_them(ledger, month):
    ledger.set_score_rules({"base": 100, "on_time": 1, "late": -2, "missing": -5, "case": 1,
                            "case_cap": 5, "target_met": 3, "grades": {"A": 100, "B": 95}})
    ledger.add_cases([Case(kind="守信激励", title="守信案", subject_name="某公司",
                           unit_id=month["units"][0], occurred_on="2020-12-03", plan_id=month["plan"])],
                     source="测试")
    scores = {s.unit_name: s for s in ledger.month_scores(month["plan"], "2020-12", month["today"])}
    # 人社局: 100 + 1 on time + 1 case + 3 target met (90% ≥ 80%) = 105, rank 1, grade A
    assert (scores["市人社局"].score, scores["市人社局"].rank, scores["市人社局"].grade) == (105, 1, "A")
    assert (scores["市住建局"].score, scores["市住建局"].rank, scores["市住建局"].grade) == (98, 2, "B")
    assert (scores["市公安局"].score, scores["市公安局"].rank, scores["市公安局"].grade) == (95, 3, "B")
    ledger.lock_period(month["plan"], "2020-12", month["today"])
    ledger.set_score_rules({"missing": -20})
    locked = {s.unit_name: s.score for s in ledger.month_scores(month["plan"], "2020-12", month["today"])}
    assert locked == {"市人社局": 105, "市住建局": 98, "市公安局": 95}
    november = {s.unit_name: s.score for s in ledger.month_scores(month["plan"], "2020-11", month["today"])}
    assert november["市公安局"] == 100 - 20  # the new rule applies to the open month
    assert len(ledger.score_rules_history()) == 2


def test_campaign_scores_average_the_months(ledger, month):
    scores = {s.unit_name: s.score for s in ledger.campaign_scores(month["plan"], month["today"])}
    # default rules. November: every unit missing, 100 - 5 = 95. December: 人社局 on time and
    # its 90% meets the target, 100 + 2 = 102; 住建局 late, 98; 公安局 missing, 95.
    assert scores == {"市人社局": 98.5, "市住建局": 96.5, "市公安局": 95.0}


def test_bad_rules_are_refused(ledger):
    with pytest.raises(ValidationError) as info:
        ledger.set_score_rules({"late": "扣两分"})
    assert "逾期" in info.value.errors["late"]


def test_close_reopen_and_extend_a_task(ledger, month):
    task = month["task"]
    ledger.extend_task(task, unit_id=month["units"][0], new_deadline="2021-03-31",
                       reason="涉及跨区域核查", on="2020-12-25")
    report = ledger.month_report(month["plan"], "2021-01", date(2021, 1, 25))
    assert ledger.get(Task, task).extended_to == "2021-03-31"
    # late and missing reports do not make the task 滞后: with the new deadline ahead, it is on track
    assert report.task_status[task] == "推进中" and report.task_light[task] == cycle.GREEN
    ledger.close_task(task, "2021-01-10", "已完成专项治理")
    assert ledger.obligations(month["plan"], "2021-02") == []  # closed before February
    assert ledger.month_report(month["plan"], "2021-01", date(2021, 1, 25)).task_status[task] == "办结"
    ledger.reopen_task(task, "2021-01-15", "发现新问题")
    assert [e["kind"] for e in ledger.task_events(task)] == ["延期", "办结", "重新打开"]
    with pytest.raises(ValidationError):
        ledger.extend_task(task, unit_id=None, new_deadline="2021-02-30", reason="x", on="2021-01-01")


def test_reminders_show_in_the_units_history(ledger, month):
    police = month["units"][2]
    ledger.record_reminder(month["plan"], "2020-12", police, chased_on="2020-12-22", method="电话",
                           note="已电话催报")
    report = ledger.month_report(month["plan"], "2020-12", month["today"])
    assert report.units_missing()[0].chased == ["2020-12-22 电话"]
    assert ledger.reminders(police)[0]["note"] == "已电话催报"
    with pytest.raises(ValidationError):
        ledger.record_reminder(month["plan"], "2020-12", police, chased_on="2020-12-22", method="飞鸽")


def test_summary_reports_owed_by_lead_units(ledger, month):
    [row] = ledger.deliverables(month["plan"], month["today"])
    assert row.state == "未设时限"  # no date set: neither late nor missing, nor "not yet due"
    plan = ledger.get(Plan, month["plan"])
    plan.summary_due = "2020-12-31"
    ledger.save(plan)
    lead = month["units"][0]
    [row] = ledger.deliverables(month["plan"], month["today"])
    assert (row.unit_name, row.state) == ("市人社局", cycle.MISSING)
    ledger.record_deliverable(month["plan"], lead, received_on="2021-01-03")
    assert ledger.deliverables(month["plan"], month["today"])[0].state == cycle.LATE
