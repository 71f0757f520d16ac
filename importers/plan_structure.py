"""The plan's own structure, kept beside its tasks: preamble, section headings, the prose of
the sections that are not tasks (指导思想, 工作要求, 时间安排…) and the place of each task.

The 印发通知 regenerates the plan from it, in the plan's own words and order.
"""

from __future__ import annotations

from importers.plan_tree import Node, Outline
from models.plan_draft import BlockDraft, TaskDraft


def plan_blocks(outline: Outline, tasks: dict[int, TaskDraft]) -> list[BlockDraft]:
    """The blocks of a plan read as prose: `tasks` maps a task node's id to its task."""
    blocks = [BlockDraft("prose", text=str(text)) for text in outline.preamble]
    for node in outline.roots:
        _node_blocks(node, tasks, blocks)
    return blocks


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
