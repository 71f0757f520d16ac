"""How a target is computed from the ledger, and its value judged against the threshold.

Formulas: `ratio` (two named numbers the task's units report, e.g. 整治数 ÷ 排查数),
`cases_per_list` (a unit's typical cases ÷ its red/black-list entries), `list_repair_share`
(listed subjects that made a 信用承诺, took 修复 training or an interview), `local_per_national`
(local list entries ÷ national ones), `case_count` (cases each lead unit reported).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from models.cycle import compare, target_light

FORMULA_LABELS = {"ratio": "报送数据之比", "cases_per_list": "典型案例数 ÷ 红黑名单数",
                  "list_repair_share": "作出承诺或参加修复的名单主体占比",
                  "local_per_national": "地方名单数 ÷ 国家标准名单数", "case_count": "典型案例件数"}
REPAIRED = ("已作出信用承诺", "已参加信用修复培训", "已接受约谈", "已修复")


def guess_formula(metric: str, measure_unit: str) -> tuple[str, str | None, str | None]:
    """The formula a target's words suggest, with its named numbers for a ratio."""
    if measure_unit == "个":
        return "case_count", None, None
    if "整治率" in metric:
        return "ratio", "整治数", "排查数"
    if "案例" in metric and "名单" in metric:
        return "cases_per_list", None, None
    if "名单" in metric and "国家" in metric:
        return "local_per_national", None, None
    if any(word in metric for word in ("承诺", "修复", "约谈")):
        return "list_repair_share", None, None
    return "ratio", None, None


def percent(numerator: float, denominator: float) -> float | None:
    """numerator ÷ denominator as a percentage; None when there is nothing to divide by."""
    return round(numerator * 100.0 / denominator, 1) if denominator else None


@dataclass
class TargetValue:
    """A target's value for a month: overall, per unit, and its light."""

    target_id: int
    task_id: int
    task_label: str
    metric: str
    comparator: str
    threshold: float
    measure_unit: str
    formula: str
    value: float | None
    per_unit: list[tuple[str, float | None]] = field(default_factory=list)
    note: str = ""

    @property
    def met(self) -> bool:
        """True when the overall value meets the threshold."""
        return self.value is not None and compare(self.value, self.comparator, self.threshold)

    @property
    def light(self) -> str:
        """green / yellow / red."""
        return target_light(self.value, self.comparator, self.threshold)

    def units_behind(self) -> list[str]:
        """Units whose own value misses the threshold (or is unknown)."""
        return [name for name, v in self.per_unit
                if v is None or not compare(v, self.comparator, self.threshold)]


def judge(target, task_label: str, per_unit: list[tuple[str, float, float]],
          *, count: bool = False) -> TargetValue:
    """Build a TargetValue from per-unit (name, numerator, denominator) pairs.

    For a count the overall value is the smallest unit count (每个牵头单位至少…); for a ratio
    it is the sum of numerators over the sum of denominators.
    """
    if count:
        values = [(name, float(num)) for name, num, _ in per_unit]
        overall = min((v for _, v in values), default=None)
    else:
        values = [(name, percent(num, den)) for name, num, den in per_unit]
        overall = percent(sum(n for _, n, _ in per_unit), sum(d for _, _, d in per_unit))
    result = TargetValue(target.id, target.task_id, task_label, target.metric, target.comparator,
                         target.threshold, target.measure_unit, target.formula or "ratio", overall,
                         values)
    if overall is None:
        result.note = "尚无可计算的数据"
        if target.formula == "ratio" and not (target.numerator and target.denominator):
            result.note = "请先设定该指标的分子和分母（任务报送的数据项）"
    elif result.units_behind():
        result.note = f"未达标单位：{'、'.join(result.units_behind()[:6])}"
    return result
