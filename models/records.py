"""Record dataclasses of the campaign: plans, phases, tasks, units, links and targets.

Each record declares its fields once (`FIELDS`); entries reported by units (progress, cases,
list entries) live in `models.entries`. Plain data only: no SQL, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from models.fields import (
    BOOL,
    CHOICE,
    DATE,
    EMAIL,
    FLOAT,
    INT,
    LIST,
    LONGTEXT,
    PHONE,
    REF,
    STRINGS,
    Field,
)

# Roles a unit plays on a task (DESIGN.md §2), stored as identifiers, shown in Chinese.
LEAD = "lead"
PARTICIPATING = "participating"
RESPONSIBLE = "responsible"
ROLE_LABELS = {LEAD: "牵头", PARTICIPATING: "参与", RESPONSIBLE: "责任"}

COMPARATORS = (">=", ">", "<=", "<", "=")
COMPARATOR_LABELS = {">=": "不低于", ">": "超过", "<=": "不高于", "<": "低于", "=": "等于"}

UNIT_KINDS = ("市直部门", "县区政府", "驻地单位", "成员单位群体", "其他")


@dataclass
class Plan:
    """A campaign plan (实施方案 / 工作方案) as issued."""

    title: str
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None
    recipients: str | None = None
    region: str | None = None
    report_day: int | None = None
    report_next_month: bool = False
    summary_due: str | None = None
    summary_due_text: str | None = None
    contact: str | None = None
    notes: str | None = None
    source_file: str | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("title", "方案名称", required=True, max_length=200),
        Field("issuer", "发文机关"),
        Field("doc_number", "发文字号"),
        Field("date", "成文日期", DATE),
        Field("recipients", "主送机关", LONGTEXT),
        Field("region", "地区"),
        Field("report_day", "每月报送日", INT),
        Field("report_next_month", "次月报送", BOOL),
        Field("summary_due", "总结报告时限", DATE),
        Field("summary_due_text", "总结报告时限原文"),
        Field("contact", "联系方式", LONGTEXT),
        Field("notes", "方案备注", LONGTEXT),
        Field("source_file", "来源文件"),
    )


@dataclass
class Phase:
    """A phase of a plan (集中治理阶段, 巩固提升阶段) with its date range."""

    plan_id: int
    name: str
    start: str | None = None
    end: str | None = None
    text: str | None = None
    position: int = 0
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("plan_id", "所属方案", REF, required=True),
        Field("name", "阶段名称", required=True),
        Field("start", "开始日期", DATE),
        Field("end", "结束日期", DATE),
        Field("text", "阶段要求", LONGTEXT),
        Field("position", "顺序", INT),
    )


@dataclass
class Task:
    """A governance item: a domain (专项治理领域) or, with a parent, one of its measures."""

    plan_id: int
    title: str
    number: str = ""
    text: str | None = None
    parent_id: int | None = None
    deadline: str | None = None
    deadline_text: str | None = None
    ongoing: bool = False
    phase_id: int | None = None
    position: int = 0
    closed_on: str | None = None
    closing_note: str | None = None
    report_day: int | None = None
    numbers_asked: list[str] = field(default_factory=list)
    extended_to: str | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("plan_id", "所属方案", REF, required=True),
        Field("number", "序号", max_length=20),
        Field("title", "任务名称", required=True, max_length=500),
        Field("text", "任务内容", LONGTEXT),
        Field("parent_id", "上级任务", REF),
        Field("deadline", "完成时限", DATE),
        Field("deadline_text", "时限要求"),
        Field("ongoing", "长期推进", BOOL),
        Field("phase_id", "所属阶段", REF),
        Field("position", "顺序", INT),
        Field("closed_on", "办结日期", DATE),
        Field("closing_note", "办结说明", LONGTEXT),
        Field("report_day", "每月报送日", INT),
        Field("numbers_asked", "报送数据项", STRINGS),
        Field("extended_to", "延期至", DATE),
    )

    @property
    def requirement(self) -> str:
        """时限要求 as the plan words it (or its date), with 长期推进 for an ongoing task."""
        words = self.deadline_text or self.deadline or ""
        if self.ongoing and "长期" not in words:
            words = f"{words}；长期推进" if words else "长期推进"
        return words


@dataclass
class Unit:
    """An agency the office works with, named as written, with its aliases and contact."""

    name: str
    short_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    kind: str | None = None
    region: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    email: str | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("name", "单位名称", required=True, max_length=100),
        Field("short_name", "简称", max_length=40),
        Field("aliases", "别名", LIST),
        Field("kind", "类别", CHOICE, choices=UNIT_KINDS),
        Field("region", "地区"),
        Field("contact_person", "联系人"),
        Field("phone", "联系电话", PHONE),
        Field("email", "电子邮箱", EMAIL),
    )


@dataclass
class TaskUnit:
    """The role a unit plays on a task (牵头 / 参与 / 责任)."""

    task_id: int
    unit_id: int
    role: str
    position: int = 0

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("task_id", "任务", REF, required=True),
        Field("unit_id", "单位", REF, required=True),
        Field("role", "角色", CHOICE, required=True, choices=tuple(ROLE_LABELS)),
        Field("position", "顺序", INT),
    )


@dataclass
class Target:
    """A measurable goal of a task: 专项整治率不低于80% → metric, '>=', 80, '%'."""

    task_id: int
    metric: str
    comparator: str
    threshold: float
    measure_unit: str = "%"
    text: str | None = None
    formula: str | None = None  # how the ledger computes it (models.targets_eval)
    numerator: str | None = None  # named numbers, for a ratio of reported numbers
    denominator: str | None = None
    id: int | None = None

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("task_id", "任务", REF, required=True),
        Field("metric", "指标", required=True),
        Field("comparator", "比较", CHOICE, required=True, choices=COMPARATORS),
        Field("threshold", "目标值", FLOAT, required=True),
        Field("measure_unit", "计量单位"),
        Field("text", "原文"),
        Field("formula", "计算方法", CHOICE, choices=("ratio", "cases_per_list", "list_repair_share",
                                                  "local_per_national", "case_count")),
        Field("numerator", "分子（报送数据项）"),
        Field("denominator", "分母（报送数据项）"),
    )
