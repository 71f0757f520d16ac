"""The 任务分解表's columns sized by what they hold, and a task's words split over rows where
one row cannot hold them. The table fits A4 landscape at full size; a role column no task
fills (plans that name only 责任单位) and an empty 工作任务及时限要求 shrink to a narrow
column whose header still says what it is; the width left goes where it saves the most
height. A row is at most ROW_LIMIT points (Excel and WPS cannot make one taller than 409):
a longer text goes on in the next row, marked CONTINUED, and the table's reader joins it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exporters.doc_common import others
from exporters.xlsx_metrics import PADDING, line_height, text_height, wrapped_lines
from models.doc_records import PlanData
from models.labels import CONTINUED

HEADER = ("序号", "重点工作任务", "", "牵头单位", "责任单位", "工作任务及时限要求")
BROKEN_HEADER = {3: "牵头\n单位", 4: "责任\n单位", 5: "工作任务\n及时限要求"}  # where too narrow
HEADER_SIZE = 12
NARROW = {3: 6, 4: 6, 5: 13}  # an empty column's width
SMALLEST = {2: 24, 3: 10, 4: 10, 5: 12}  # a content column no narrower (characters)
NAME_CHARS = 8  # a unit column holds a name this long on one line (人民银行营口支行)
NUMBER_WIDTH, GROUP_WIDTH, NO_GROUP_WIDTH = 6, 10, 2
BUDGET = 124  # characters across: A4 landscape at full size in Excel and WPS (8 px a character)
ROW_LIMIT = 400  # points
STEPS = (2, 4, 8, 16, 32)  # width moved at a time: a bigger move gets over a plateau


@dataclass
class Layout:
    """The six columns' widths (characters) and headers."""

    widths: list[float]
    headers: list[str]


def plan_layout(data: PlanData, words) -> Layout:
    """Columns for the plan's rows; `words(task)` is a task's text as the table shows it."""
    rows, grouped = [], False
    for node in data.tasks:
        if node.children:
            grouped = True
            rows += [(child.task.title, "、".join(child.units["lead"]), others(child), child.task.requirement or "",
                      False) for child in node.children]
        else:
            rows.append((words(node.task), "、".join(node.units["lead"]), others(node),
                         node.task.requirement or "", True))
    widths = [NUMBER_WIDTH, GROUP_WIDTH if grouped else NO_GROUP_WIDTH, 0.0, 0.0, 0.0, 0.0]
    headers = list(HEADER)
    free = []
    for column in (3, 4, 5):
        if any(r[column - 2] for r in rows):
            free.append(column)
        else:
            widths[column] = NARROW[column]
    floors = {column: max(SMALLEST[column], _name_floor(rows, column)) for column in (2, *free)}
    for column in free:
        widths[column] = floors[column]
    widths[2] = BUDGET - sum(widths)
    _spread(widths, [2, *free], rows, floors)
    for column, broken in BROKEN_HEADER.items():  # a header too wide breaks between its words
        if wrapped_lines(headers[column], widths[column], HEADER_SIZE) > 1:
            headers[column] = broken
    return Layout(widths, headers)


def _name_floor(rows: list[tuple], column: int) -> float:
    """A unit column wide enough for its longest name (up to NAME_CHARS characters) and the
    、 after it on one line, so a name is not broken and no line starts with 、."""
    if column not in (3, 4):
        return 0
    longest = max((len(name) for row in rows for name in row[column - 2].split("、")), default=0)
    return 2 * (min(longest, NAME_CHARS) + 1) + 1


def _spread(widths: list[float], columns: list[int], rows: list[tuple], floors: dict[int, float]) -> None:
    """Move width between the content columns while the table gets shorter."""
    cache: dict[tuple[int, float, int], float] = {}

    def need(index: int, column: int, width: float) -> float:
        key = (index, width, column)
        if key not in cache:
            row = rows[index]
            width += widths[1] if column == 2 and row[4] else 0  # a single task spans B:C
            cache[key] = text_height(row[column - 2], width)
        return cache[key]

    def total() -> float:
        return sum(max(need(i, c, widths[c]) for c in columns) for i in range(len(rows)))

    best = total()
    for _ in range(200):
        moves = [(a, b, step) for a in columns for b in columns for step in STEPS
                 if a != b and widths[b] - step >= floors[b]]
        gains = []
        for a, b, step in moves:
            widths[a], widths[b] = widths[a] + step, widths[b] - step
            gains.append((total(), step, a, b))
            widths[a], widths[b] = widths[a] - step, widths[b] + step
        if not gains or min(gains)[0] >= best - 0.01:
            return
        best, step, a, b = min(gains)
        widths[a], widths[b] = widths[a] + step, widths[b] - step


def split_words(words: str, width: float) -> list[str]:
    """A task's words as the rows that show them: one, or — where one row would be taller
    than ROW_LIMIT — parts of whole sentences where it can, the later ones led by CONTINUED."""
    lines = int((ROW_LIMIT - 2 * PADDING) // line_height())
    parts: list[str] = []
    rest = words
    while wrapped_lines(rest if not parts else CONTINUED + rest, width) > lines:
        lead = CONTINUED if parts else ""
        taken = ""
        for sentence in re.findall(r"[^。；]+[。；]?", rest):
            if wrapped_lines(lead + taken + sentence, width) > lines:
                break
            taken += sentence
        if not taken:  # one sentence longer than a row: as many characters as fit
            taken = rest[:_fitting(lead, rest, width, lines)]
        parts.append(lead + taken)
        rest = rest[len(taken):]
    parts.append((CONTINUED if parts else "") + rest)
    return parts


def _fitting(lead: str, text: str, width: float, lines: int) -> int:
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if wrapped_lines(lead + text[:middle], width) <= lines:
            low = middle
        else:
            high = middle - 1
    return low
