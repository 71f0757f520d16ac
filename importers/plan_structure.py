"""The plan's own structure, kept beside its tasks: preamble, section headings, the prose of
the sections that are not tasks (指导思想, 工作要求, 时间安排…) and the place of each task.

The 印发通知 regenerates the plan from it, in the plan's own words and order.
"""

from __future__ import annotations

import re

from importers.plan_tree import Node, Outline
from models.plan_draft import BlockDraft, TaskDraft

# what a web page or a repost adds after the document: not the plan's words
_PAGE_FOOTER = re.compile(r"^(?:文章来自|来源\s*[:：]|转载|如有侵权|责任编辑|本文有删减|详见|[（(]?本文|编辑\s*[:：])")


def plan_blocks(outline: Outline, tasks: dict[int, TaskDraft]) -> list[BlockDraft]:
    """The blocks of a plan read as prose: `tasks` maps a task node's id to its task."""
    blocks = [BlockDraft("prose", text=str(text)) for text in outline.preamble]
    for node in outline.roots:
        _node_blocks(node, tasks, blocks)
    return blocks


def page_footer(blocks: list[BlockDraft]) -> list[str]:
    """Prose a web copy adds at the end (文章来自…, 来源：…): taken out of the structure and
    returned, to be kept with the plan's notes."""
    cut = len(blocks)
    while cut and blocks[cut - 1].kind == "prose" and not blocks[cut - 1].number \
            and _PAGE_FOOTER.match(blocks[cut - 1].text):
        cut -= 1
    footer = [b.text for b in blocks[cut:]]
    del blocks[cut:]
    return footer


def _node_blocks(node: Node, tasks: dict[int, TaskDraft], blocks: list[BlockDraft]) -> None:
    task = tasks.get(id(node))
    if task is not None:
        blocks.append(BlockDraft("task", number=node.number, task=task))
        return
    kind = "heading" if node.style == "cn" else "prose"
    blocks.append(BlockDraft(kind, number=node.number, text=str(node.heading)))
    blocks += [BlockDraft("prose", text=str(text)) for text in node.body]
    for child in node.children:
        _node_blocks(child, tasks, blocks)
