"""Records that units report: monthly progress, typical cases, red/black-list entries; audit.

Each declares its fields once (`FIELDS`). Plain data only: no SQL, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from models.fields import (
    CHOICE,
    DATE,
    LONGTEXT,
    NUMBERS,
    PERIOD,
    REF,
    SUBJECT_CODE,
    TEXT,
    Field,
)

PROGRESS_STATUSES = ("未启动", "推进中", "已完成", "滞后")
CASE_KINDS = ("守信激励", "失信惩戒", "行政奖励", "其他")
SUBJECT_TYPES = ("法人及其他组织", "自然人")
LIST_KINDS = ("红名单", "黑名单", "重点关注名单")
LIST_SCOPES = ("地方", "全国")
REPAIR_STATUSES = ("未修复", "已作出信用承诺", "已参加信用修复培训", "已接受约谈", "已修复")


@dataclass
class Progress:
    """One unit's progress on one task for one report month."""

    task_id: int
    unit_id: int
    period: str
    status: str
    text: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    numbers: dict[str, float] = field(default_factory=dict)
    received_on: str | None = None
    source_file: str | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("task_id", "任务", REF, required=True),
        Field("unit_id", "单位", REF, required=True),
        Field("period", "报送月份", PERIOD, required=True),
        Field("status", "进展状态", CHOICE, required=True, choices=PROGRESS_STATUSES),
        Field("text", "工作进展", LONGTEXT),
        Field("problems", "存在问题", LONGTEXT),
        Field("next_steps", "下步计划", LONGTEXT),
        Field("numbers", "数据", NUMBERS),
        Field("received_on", "收到日期", DATE),
        Field("source_file", "来源文件"),
    )


@dataclass
class Case:
    """A typical case (典型案例) in the 规范格式 the plans ask for."""

    kind: str
    title: str
    subject_name: str
    task_id: int | None = None
    subject_type: str | None = None
    subject_code: str | None = None
    behaviour: str | None = None
    basis: str | None = None
    measures: str | None = None
    implementing_units: str | None = None
    occurred_on: str | None = None
    publicity_site: str | None = None
    publicity_date: str | None = None
    outcome: str | None = None
    unit_id: int | None = None
    plan_id: int | None = None  # every case belongs to a plan; None only for old ones to assign
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("kind", "案例类型", CHOICE, required=True, choices=CASE_KINDS),
        Field("title", "案例标题", required=True, max_length=200),
        Field("plan_id", "所属方案", REF),
        Field("task_id", "所属任务（领域）", REF),
        Field("subject_name", "主体名称", required=True),
        Field("subject_type", "主体类型", CHOICE, choices=SUBJECT_TYPES),
        Field("subject_code", "统一社会信用代码/身份证号", SUBJECT_CODE, sensitive=True),
        Field("behaviour", "失信/守信行为", LONGTEXT),
        Field("basis", "依据", LONGTEXT),
        Field("measures", "奖惩措施", LONGTEXT),
        Field("implementing_units", "实施单位"),
        Field("occurred_on", "实施日期", DATE),
        Field("publicity_site", "公示网站"),
        Field("publicity_date", "公示日期", DATE),
        Field("outcome", "成效", LONGTEXT),
        Field("unit_id", "报送单位", REF),
    )


@dataclass
class ListEntry:
    """A subject on a red list, black list or watch list (红黑名单)."""

    list_kind: str
    subject_name: str
    scope: str = "地方"
    subject_code: str | None = None
    reason: str | None = None
    unit_id: int | None = None
    listed_on: str | None = None
    removed_on: str | None = None
    repair_status: str | None = None
    plan_id: int | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("list_kind", "名单类型", CHOICE, required=True, choices=LIST_KINDS),
        Field("plan_id", "所属方案", REF),
        Field("subject_name", "主体名称", required=True),
        Field("scope", "名单层级", CHOICE, choices=LIST_SCOPES),
        Field("subject_code", "统一社会信用代码/身份证号", SUBJECT_CODE, sensitive=True),
        Field("reason", "列入事由", LONGTEXT),
        Field("unit_id", "认定单位", REF),
        Field("listed_on", "列入日期", DATE),
        Field("removed_on", "移出日期", DATE),
        Field("repair_status", "信用修复", CHOICE, choices=REPAIR_STATUSES),
    )


@dataclass
class AuditEntry:
    """One line of the append-only audit log."""

    at: str
    os_user: str
    action: str
    table_name: str
    row_id: int | None = None
    old: dict | None = None
    new: dict | None = None
    detail: str | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("at", "时间"),
        Field("os_user", "操作系统用户"),
        Field("action", "操作"),
        Field("table_name", "数据表"),
        Field("row_id", "记录号", REF),
        Field("old", "原值", TEXT),
        Field("new", "新值", TEXT),
        Field("detail", "说明", LONGTEXT),
    )
