"""The colours of the month, in one place: task statuses (the dashboard's bars, the task tree's
status words, the lifecycle dialog), deadline lights (a mark of their own beside the
deadline) and report states (the 进展填报 grid's cells). A status and a light never share a
colour map, so 滞后 reads the same on every page whatever its deadline says."""

from __future__ import annotations

from PySide6.QtGui import QColor

from models.cycle import CLOSED, GREEN, LATE, MISSING, NOT_DUE, ON_TIME, RED, YELLOW

# task status → colour: blue-grey for closed, green done, blue under way, grey not begun, red lagging
STATUS_COLORS = {CLOSED: "#5b6b8c", "已完成": "#2e8b57", "推进中": "#2f6fb5", "未启动": "#8c8c8c",
                 "滞后": "#c0392b"}
# what each status means, for tooltips beside the colours
STATUS_HELP = ("办结：经审核办结销号\n已完成：各责任单位均已报告完成，尚待审核办结\n推进中：已有单位报告进展\n"
               "未启动：还没有单位报告进展\n滞后：完成时限已过仍未全部完成，或责任单位报告进度滞后")
LIGHT_COLORS = {GREEN: "#2e9d4f", YELLOW: "#d08c00", RED: "#d9363e"}
STATE_COLORS = {ON_TIME: "#d9f2dd", LATE: "#fff1c2", MISSING: "#f8d0d2", NOT_DUE: "#eeeeee"}
NOT_OWED = "#d4d4d4"  # a cell whose unit does not report on the task: hatched in this grey
NEUTRAL = "#8c8c8c"


def status_color(status: str) -> QColor:
    """The colour of a task status (办结 / 已完成 / 推进中 / 未启动 / 滞后)."""
    return QColor(STATUS_COLORS.get(status, NEUTRAL))


def light_color(light: str) -> QColor:
    """The colour of a deadline light (green / yellow / red)."""
    return QColor(LIGHT_COLORS.get(light, NEUTRAL))
