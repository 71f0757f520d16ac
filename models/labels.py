"""Short labels for tables, dropdowns and headings: tasks by their number and title apart
(（一）开展…, 1. 深入…, 7 按照…), the title cut at its first 。 and, when still long, at a
length a cell or a dropdown shows; plans by 文号 and title, so two with one title differ."""

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


def plan_labels(plans) -> dict[int, str]:
    """How a chooser names each plan, so two plans with one title never look the same: its
    文号 and title, else the title and its issuer (or 成文日期); where two still read alike,
    the number the command line knows the plan by (`plans`) is added."""
    labels = {}
    for plan in plans:
        if plan.doc_number:
            labels[plan.id] = f"{plan.doc_number} {plan.title}"
        elif plan.issuer or plan.date:
            labels[plan.id] = f"{plan.title}（{plan.issuer or plan.date}）"
        else:
            labels[plan.id] = plan.title
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[label] = seen.get(label, 0) + 1
    return {pid: f"{label}（编号 {pid}）" if seen[label] > 1 else label for pid, label in labels.items()}
