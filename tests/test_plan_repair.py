"""A bad date, phase or target never refuses a plan: the reader dates phases so they run in
order after the plan's issue, and what the ledger would refuse is fixed or dropped on its own
field, said in the preview and by `import-plan` — also for the app's own 印发通知."""

import math

import pytest
from conftest import run_main

from importers.plan_reader import parse_plan
from models.plan_checks import repair_draft
from models.plan_draft import PhaseDraft, PlanDraft, TargetDraft, TaskDraft
from models.records import Plan
from models.validation import ValidationError


def read(text: str):
    return parse_plan(text.split("\n"))


def test_phases_before_the_issue_date_fall_in_the_next_year():
    plan = read("青川市文明办文件\n青文明办〔2022〕9号\n青川市诚信治理方案\n青川市文明办\n2022年12月5日\n"
                "一、任务\n（一）开展甲项治理。（责任单位：市城管局）\n二、工作步骤\n"
                "12月前为集中整治阶段，11月为巩固提升阶段。")
    assert [(p.name, p.start, p.end) for p in plan.phases] == [
        ("集中整治阶段", "2022-12-05", "2023-11-30"), ("巩固提升阶段", "2023-11-01", "2023-11-30")]
    assert all(p.start <= p.end for p in plan.phases)


def test_phases_of_a_plan_issued_before_them_keep_its_year():
    plan = read("青川市诚信治理方案\n青川市文明办\n2022年3月5日\n一、任务\n（一）开展甲项治理。（责任单位：市城管局）\n"
                "二、工作步骤\n4月至8月为集中整治阶段，9月至12月为巩固提升阶段。")
    assert [(p.start, p.end) for p in plan.phases] == [("2022-04-01", "2022-08-31"),
                                                       ("2022-09-01", "2022-12-31")]


def _bad_draft() -> PlanDraft:
    task = TaskDraft(number="（一）", title="开展甲项治理", deadline="2023-02-30", deadline_text="2月30日前",
                     targets=[TargetDraft("整治率", ">=", math.nan, "%", "整治率不低于？%"),
                              TargetDraft("整治率", ">=", 80.0, "%", "整治率不低于80%")])
    task.units["responsible"] = ["市城管局"]
    long = TaskDraft(number="（二）", title="长" * 600)
    long.units["responsible"] = ["市商务局"]
    return PlanDraft(title="青川市诚信治理方案", date="2023-13-01", tasks=[task, long],
                     phases=[PhaseDraft("集中整治阶段", "2023-06-01", "2023-03-31", "6月至3月为集中整治阶段"),
                             PhaseDraft("", "2023-01-01", None, "")])


def test_what_the_ledger_would_refuse_is_fixed_field_by_field():
    draft = _bad_draft()
    notes = repair_draft(draft)
    first, second = draft.tasks
    assert (draft.date, first.deadline, first.deadline_text) == (None, None, "2月30日前")
    assert [t.threshold for t in first.targets] == [80.0]
    assert len(second.title) == 500
    assert [(p.name, p.start, p.end) for p in draft.phases] == [("集中整治阶段", "2023-06-01", None)]
    assert any("集中整治阶段" in n and "早于开始日期" in n for n in notes)
    assert any("2023-13-01" in n for n in notes) and any("2023-02-30" in n for n in notes)
    assert any("无法作为指标保存" in n for n in first.warnings)
    assert repair_draft(draft) == []  # fixed once, nothing left


def test_a_plan_with_bad_fields_is_saved_not_refused(ledger):
    result = ledger.apply_plan(_bad_draft())
    plan = ledger.get(Plan, result.plan_id)
    assert plan.date is None and result.added == 2
    [phase] = ledger.phases(result.plan_id)
    assert phase.end is None and phase.start == "2023-06-01"
    tasks = ledger.tasks(result.plan_id)
    assert {len(t.title) for t in tasks} == {6, 500}
    assert [len(ledger.targets(t.id)) for t in tasks] == [1, 0]
    assert any("早于开始日期" in n for n in result.repaired)


def test_what_is_still_refused_is_named_in_the_offices_words(ledger):
    draft = _bad_draft()
    draft.title = ""
    with pytest.raises(ValidationError) as caught:
        ledger.apply_plan(draft)
    assert str(caught.value).startswith("方案：") and "Plan" not in str(caught.value)


def test_the_apps_own_notice_imports_again(demo_copy, tmp_path):
    notice = tmp_path / "印发通知.docx"
    exported = run_main("export", "notice", "--plan", "3", "--ledger", demo_copy, "--date", "2020-12-02",
                        "-o", notice)
    assert exported.returncode == 0, exported.stderr
    result = run_main("import-plan", notice, "--ledger", tmp_path / "新台账.sqlite")
    assert result.returncode == 0, result.stderr
    assert "已导入方案" in result.stdout and "集中治理" not in result.stderr


def test_the_window_saves_such_a_plan_and_shows_what_was_fixed(qtbot, ledger):
    from ui.plan_import_dialog import PlanImportDialog

    draft = _bad_draft()
    draft.warnings = repair_draft(draft)  # as the reader does before the preview opens
    dialog = PlanImportDialog(ledger, draft)
    qtbot.addWidget(dialog)
    shown = [dialog.warning_list.item(i).text() for i in range(dialog.warning_list.count())]
    assert any("早于开始日期" in w for w in shown)
    with qtbot.waitSignal(dialog.imported, timeout=3000) as saved:
        dialog.accept()
    assert dialog.error_label.text() == ""
    assert ledger.get(Plan, saved.args[0]).title == "青川市诚信治理方案"
