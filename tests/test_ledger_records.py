"""Records in a real ledger file: round trips, the task tree, unit matching, audit."""

import json

import pytest

from models.entries import Case, ListEntry, Progress
from models.errors import NotFound
from models.records import Plan, Target, Task, Unit
from models.unitnames import unit_key
from models.validation import ValidationError


def test_plan_round_trips_with_every_field(ledger):
    plan = Plan(title="临汾市诚信缺失突出问题专项治理行动实施方案", issuer="临汾市精神文明建设指导委员会",
                doc_number="临文明委〔2020〕11号", date="2020-11-20", recipients="各县（市、区）文明办",
                region="临汾", report_day=20, report_next_month=True, summary_due="2020-12-31",
                summary_due_text="12月底前", contact="市文明办 0357-1234567", notes="附件2")
    plan_id = ledger.save(plan)
    assert ledger.get(Plan, plan_id) == plan


def test_task_tree_comes_back_parents_first_in_order(ledger, campaign):
    tasks = ledger.tasks(campaign["plan"])
    assert [t.number for t in tasks] == ["（一）", "1.", "2."]
    assert tasks[1].parent_id == campaign["domain"]


def test_moving_a_task_moves_its_subtree_to_the_new_domain(ledger, campaign):
    other = ledger.save(Task(plan_id=campaign["plan"], number="（二）", title="开展虚假信息专项治理"))
    child = ledger.save(Task(plan_id=campaign["plan"], parent_id=campaign["first"], number="(1)",
                             title="子项"))
    task = ledger.get(Task, campaign["first"])
    task.parent_id = other
    ledger.save(task)
    roots = dict(ledger.db.execute("SELECT id, root_id FROM tasks").fetchall())
    assert roots[campaign["first"]] == other and roots[child] == other
    assert ledger.check() == []


def test_a_task_cannot_become_its_own_descendant(ledger, campaign):
    domain = ledger.get(Task, campaign["domain"])
    domain.parent_id = campaign["first"]
    with pytest.raises(ValidationError) as info:
        ledger.save(domain)
    assert "parent_id" in info.value.errors


def test_deleting_a_domain_deletes_its_measures_links_and_progress(ledger, campaign):
    ledger.put_progress([Progress(task_id=campaign["first"], unit_id=campaign["police"],
                                  period="2019-06", status="推进中")], source="手工")
    ledger.delete(Task, campaign["domain"])
    assert ledger.count("tasks") == 0 and ledger.count("progress") == 0
    assert ledger.count("task_units") == 0 and ledger.count("units") == 2
    with pytest.raises(NotFound):
        ledger.get(Task, campaign["first"])


@pytest.mark.parametrize("spelling", ["市 公安局", "市公安局 ", "　市公安局"])
def test_unit_spellings_match_on_the_normalised_key(ledger, campaign, spelling):
    assert ledger.ensure_unit(spelling, "兰州") == campaign["police"]
    assert ledger.get(Unit, campaign["police"]).name == "市公安局"


def test_bracket_and_width_variants_share_a_key():
    assert unit_key("各县（市）区政府") == unit_key("各县(市)区政府") == unit_key("各县〔市〕区政府")
    assert unit_key("ＡＢＣ银行") == unit_key("abc银行")


def test_aliases_find_the_unit_and_regions_stay_apart(ledger):
    court = ledger.save(Unit(name="市中级人民法院", aliases=["市中法", "市法院"], region="兰州"))
    assert ledger.find_unit("市法院", "兰州").id == court
    assert ledger.find_unit("市 中法", "兰州").id == court
    assert ledger.find_unit("市法院", "杭州") is None
    assert ledger.ensure_unit("市法院", "杭州") != court


def test_a_second_unit_with_a_known_name_is_refused(ledger):
    ledger.save(Unit(name="市中级人民法院", aliases=["市法院"], region="兰州"))
    with pytest.raises(ValidationError) as info:
        ledger.save(Unit(name="市 法院", region="兰州"))
    assert "已在名录中" in info.value.errors["name"]


def test_links_keep_roles_and_order(ledger, campaign):
    units = ledger.task_units(campaign["domain"])
    assert [(u.name, role) for u, role in units] == [("市公安局", "lead"), ("市委网信办", "participating")]


def test_targets_and_entries_round_trip(ledger, campaign):
    ledger.save(Target(task_id=campaign["first"], metric="专项整治率", comparator=">=", threshold=80,
                       text="完成专项整治率不低于80%"))
    assert ledger.targets(campaign["first"])[0].threshold == 80
    ledger.put_progress([Progress(task_id=campaign["first"], unit_id=campaign["police"],
                                  period="2019-06", status="推进中", numbers={"排查数": 12, "整治数": 10},
                                  received_on="2019-06-18", source_file="公安局.xlsx")], source="公安局.xlsx")
    [report] = ledger.progress(period="2019-06")
    assert report.numbers == {"排查数": 12, "整治数": 10} and report.received_on == "2019-06-18"
    ledger.add_list_entries([ListEntry(list_kind="黑名单", subject_name="某公司", scope="全国",
                                       subject_code="91330282L07196379D")], source="手工")
    assert ledger.list_entries()[0].scope == "全国"


def test_resubmitted_progress_replaces_and_never_duplicates(ledger, campaign):
    report = dict(task_id=campaign["first"], unit_id=campaign["police"], period="2019-06")
    assert ledger.put_progress([Progress(**report, status="推进中", text="初报")], source="a") == (1, 0)
    assert ledger.put_progress([Progress(**report, status="已完成", text="更正")], source="b") == (0, 1)
    [only] = ledger.progress(period="2019-06")
    assert (only.status, only.text) == ("已完成", "更正")


def test_a_bad_row_stops_the_whole_batch(ledger, campaign):
    good = Case(kind="失信惩戒", title="甲", subject_name="甲公司")
    bad = Case(kind="失信惩戒", title="乙", subject_name="乙公司", subject_code="91330282L07196379A")
    with pytest.raises(ValidationError) as info:
        ledger.add_cases([good, good, bad], source="x.xlsx")
    assert "案例第3条" in str(info.value)
    assert ledger.count("cases") == 0


def test_every_change_is_audited_with_old_and_new_values(ledger, campaign):
    task = ledger.get(Task, campaign["second"])
    task.deadline = "2019-12-31"
    ledger.save(task)
    ledger.delete(Task, campaign["second"])
    entries = ledger.audit_entries()
    delete, update = entries[0], entries[1]
    assert (delete["action"], delete["table_name"], delete["row_id"]) == ("删除", "tasks", task.id)
    assert json.loads(update["old"]) == {"deadline": None}
    assert json.loads(update["new"]) == {"deadline": "2019-12-31"}
    assert update["os_user"] and update["at"].startswith("20")


def test_id_numbers_are_masked_in_the_audit_log(ledger):
    case = Case(kind="失信惩戒", title="欠薪", subject_name="张某", subject_type="自然人",
                subject_code="11010519491231002X")
    ledger.save(case)
    logged = ledger.audit_entries()[0]["new"]
    assert "110***********002X" in logged and "11010519491231002X" not in logged


def test_a_bulk_import_is_one_audit_entry_naming_the_file(ledger):
    before = ledger.count("audit_log")
    ledger.add_cases([Case(kind="其他", title=f"案例{i}", subject_name="某") for i in range(30)],
                     source="市场监管局回执.xlsx")
    assert ledger.count("audit_log") == before + 1
    assert "市场监管局回执.xlsx" in ledger.audit_entries()[0]["detail"]
    assert "30" in ledger.audit_entries()[0]["detail"]


def test_the_audit_log_is_append_only(ledger, campaign):
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        ledger.db.execute("UPDATE audit_log SET action = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="只能追加"):
        ledger.db.execute("DELETE FROM audit_log")


def test_settings_default_validate_and_audit(ledger):
    assert ledger.setting("report_day") == 20
    ledger.set_settings({"office_name": "临汾市文明办", "report_day": 28})
    assert ledger.settings()["report_day"] == 28
    assert ledger.audit_entries()[0]["action"] == "修改设置"
    with pytest.raises(ValidationError) as info:
        ledger.set_settings({"report_day": 40})
    assert "1到31" in info.value.errors["report_day"]


def test_merging_two_units_moves_everything_and_keeps_the_name_as_alias(ledger, campaign):
    court = ledger.save(Unit(name="市中级人民法院", region="兰州", phone="0931-1234567"))
    short = ledger.ensure_unit("市中法", "兰州")
    ledger.link_unit(campaign["first"], short, "responsible")
    ledger.link_unit(campaign["second"], court, "responsible")
    ledger.link_unit(campaign["second"], short, "responsible")  # both on one task: a clash
    ledger.put_progress([Progress(task_id=campaign["first"], unit_id=short, period="2019-06",
                                  status="推进中", text="中法报送")], source="测试")
    ledger.add_cases([Case(kind="失信惩戒", title="案", subject_name="某", unit_id=short)], source="测试")
    result = ledger.merge_units(court, short)
    assert result["clashed"] == 1
    assert ledger.find_unit("市中法", "兰州").id == court
    assert [r.unit_id for r in ledger.progress(period="2019-06")] == [court]
    assert ledger.cases()[0].unit_id == court
    assert {u.id for u, _ in ledger.task_units(campaign["first"])} >= {court}
    assert ledger.count("units") == 3 and ledger.check() == []
    assert "并入" in ledger.audit_entries()[0]["detail"]
    with pytest.raises(ValidationError):
        ledger.merge_units(court, court)


def test_task_units_set_by_hand_and_tasks_moved(ledger, campaign):
    ledger.set_task_units(campaign["first"], {"lead": ["市公安局"], "responsible": ["市 委网信办", "市新单位"]})
    units = [(u.name, role) for u, role in ledger.task_units(campaign["first"])]
    assert units == [("市公安局", "lead"), ("市委网信办", "responsible"), ("市新单位", "responsible")]
    assert ledger.find_unit("市新单位", "兰州") is not None
    assert ledger.move_task(campaign["second"], -1)
    assert [t.number for t in ledger.tasks(campaign["plan"])] == ["（一）", "2.", "1."]
    assert not ledger.move_task(campaign["second"], -1)  # already first
    assert ledger.audit_entries()[0]["action"] == "移动"
