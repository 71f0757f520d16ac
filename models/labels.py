"""Short labels of tasks for tables, dropdowns and headings: the number and the title apart
(（一）开展…, 1. 深入…, 7 按照…), the title cut at its first 。 and, when still long, at a
length a cell or a dropdown shows."""

from __future__ import annotations

import re

# the number a label starts with, as task_label writes it: （一） 三、 1. 7␣
_NUMBER = re.compile(r"^(（[^）]{1,4}）|[一二三四五六七八九十百]+、|\d+[.．、]|\d+\s)\s*")
LABEL_LIMIT = 30  # characters of title a dropdown or a narrow column shows whole
# The mark of a table cell continued: after a name repeated at the top of a page a merged
# cell ran onto (专项治理（续）), before the rest of a text too long for one row (（续）…).
# The 任务分解表's reader knows both and joins them to what came before.
CONTINUED = "（续）"


def task_label(number: str | None, title: str, *, limit: int = LABEL_LIMIT) -> str:
    """A task's number and its title's first sentence, as a short label."""
    words = (title or "").split("。", 1)[0].strip()
    if len(words) > limit:
        words = words[:limit - 1] + "…"
    number = (number or "").strip()
    if not number:
        return words
    # a number that ends in its own punctuation (（一）, 1., 三、) reads glued; a bare one needs a space
    joint = "" if number[-1] in "）)、.．" else " "
    return f"{number}{joint}{words}"


def label_words(label: str) -> str:
    """A label without its number, for prose (所属领域：加快建设…)."""
    return _NUMBER.sub("", label or "", count=1)
