"""Validation from field metadata: one error type, a Chinese message per field."""

import pytest

from models.entries import Case, ListEntry, Progress
from models.fields import labels
from models.records import Phase, Plan, Task
from models.validation import ValidationError, validate


def errors_of(record) -> dict:
    with pytest.raises(ValidationError) as info:
        validate(record)
    return info.value.errors


def test_required_fields_are_named_in_chinese():
    errors = errors_of(Task(plan_id=1, title="  "))
    assert errors == {"title": "“任务名称”为必填项"}


def test_dates_must_be_real_iso_dates():
    errors = errors_of(Task(plan_id=1, title="x", deadline="2019-02-30"))
    assert "完成时限" in errors["deadline"] and "2019-02-30" in errors["deadline"]
    errors = errors_of(Plan(title="x", date="2020年6月28日"))
    assert "成文日期" in errors["date"]


def test_choices_list_the_allowed_values():
    errors = errors_of(Progress(task_id=1, unit_id=1, period="2020-13", status="进行中"))
    assert "未启动、推进中、已完成、滞后" in errors["status"]
    assert "报送月份" in errors["period"]


def test_a_wrong_check_character_is_refused_without_telling_the_right_one():
    case = Case(kind="失信惩戒", title="t", subject_name="某公司", subject_code="91330282L07196379A")
    assert "校验不通过" in errors_of(case)["subject_code"] and "D" not in errors_of(case)["subject_code"]
    person = Case(kind="失信惩戒", title="t", subject_name="张某", subject_type="自然人",
                  subject_code="110105194912310021")
    assert "身份证号码校验不通过" in errors_of(person)["subject_code"]
    assert "X" not in errors_of(person)["subject_code"]  # the right check character is not told


def test_a_valid_record_passes_and_numbers_must_be_numbers():
    validate(Case(kind="守信激励", title="t", subject_name="某公司", subject_code="91330282L07196379D"))
    errors = errors_of(Progress(task_id=1, unit_id=1, period="2020-11", status="推进中",
                                numbers={"排查数": "十二"}))
    assert "排查数" in errors["numbers"]


def test_date_ranges_must_not_run_backwards():
    errors = errors_of(Phase(plan_id=1, name="集中治理", start="2020-09-30", end="2020-06-01"))
    assert "结束日期" in errors["end"]
    errors = errors_of(ListEntry(list_kind="黑名单", subject_name="x", listed_on="2020-05-01",
                                 removed_on="2020-01-01"))
    assert "移出日期" in errors["removed_on"]


def test_one_error_lists_every_bad_field():
    errors = errors_of(Case(kind="表扬", title="", subject_name=""))
    assert set(errors) == {"kind", "title", "subject_name"}


def test_labels_come_from_the_one_declaration():
    assert labels(Progress.FIELDS)[:6] == ["任务", "单位", "报送月份", "进展状态", "工作进展", "存在问题"]


def test_dates_typed_the_usual_ways_are_written_as_iso():
    from models.validation import normalise_date

    for typed in ("2020年11月5日", "2020.11.5", "2020/11/05", "2020-11-5", "２０２０年１１月５日", " 2020 年 11 月 5 日"):
        assert normalise_date(typed) == "2020-11-05", typed
    for kept in ("2020年2月30日", "11月5日", "很快", "2020-11"):  # no such day, no year, not a date
        assert normalise_date(kept) == kept
    case = Case(kind="失信惩戒", title="t", subject_name="某公司", occurred_on=normalise_date("2020年2月30日"))
    assert "请写成 2020-11-30 或 2020年11月30日" in errors_of(case)["occurred_on"]
