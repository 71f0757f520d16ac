"""The parts of a plan's body around its tasks: tables without a task header, the 附件 after
the tasks, the signature at the foot (issuer and date), the 版记, and an appendix of domain
texts that belongs to a breakdown table's groups (seed 003's 附件2)."""

from __future__ import annotations

import re

from importers.plan_meta import iso_date, without_seal
from importers.plan_table import has_header
from importers.plan_text import ATTACHMENT, DATE_LINE, Para, TableRows, first_sentence, parse_marker
from importers.unit_names import looks_like_unit
from models.plan_draft import PlanDraft

_PUBLISHED = re.compile(r"^[（(]此件[^）)]{0,20}[）)]$")  # （此件公开发布）under the date


class TextTable(Para):
    """A row of a table without a task header, read as a line of text; `numbered` when its
    first cell is a 序号 (a task table whose header the reader did not know)."""

    numbered: bool = False


def plain_tables_as_text(blocks: list) -> list:
    """A table without a task header (a web page's 文号 | … | 索引号 box) is read as text,
    one `TextTable` line a row, so the reader can say where such a table stood."""
    out = []
    for block in blocks:
        if isinstance(block, TableRows) and not any(has_header(row) for row in block.rows):
            for row in (r for r in block.rows if any(r)):
                line = TextTable(" | ".join(c for c in row if c))
                line.numbered = len(row) >= 3 and row[0].strip().rstrip(".、").isdigit()
                out.append(line)
        else:
            out.append(block)
    return out


def headless_table_warning(body: list) -> str | None:
    """A table in the body whose columns the reader did not recognise: its rows were read as
    text, not as tasks — said once, with its first row."""
    rows = [b for b in body if isinstance(b, TextTable) and b.numbered]
    if len(rows) < 2:
        return None  # a web page's 文号 | … box, a contact table: text indeed
    row = rows[0]
    return (f"正文中有表格没有可识别的表头（应有“任务”列和“牵头单位”或“责任单位”列），已按文字读取，"
            f"没有作为任务：“{row[:30]}”，请核对")


def is_banji(block) -> bool:
    """版记 lines at the end of an issued notice (抄送：…, …印发) are not part of the plan."""
    return isinstance(block, str) and (block.startswith("抄送") or
                                       bool(re.search(r"\d+年\d+月\d+日\s*印发$", block)))


def split_appendix(body: list) -> tuple[list, list]:
    """The body before an 附件N heading that follows the tasks, and what comes after it
    (its text and its tables alike)."""
    for at, block in enumerate(body):
        heading = at and isinstance(block, str) and (ATTACHMENT.match(block) or re.match(r"^附件\s*\d", block))
        if heading and (any(isinstance(b, TableRows) for b in body[:at]) or at > 3):
            return body[:at], body[at:]
    return body, []


def take_signature(main: list, draft: PlanDraft) -> list:
    """The issuer and date a plan signs at its foot (淮川市信用办 / 2022年3月18日): read into
    the draft where its head gave none, and taken out of the body."""
    end = len(main)
    while end and isinstance(main[end - 1], str) and _PUBLISHED.match(main[end - 1]):
        end -= 1
    if not end or not isinstance(main[end - 1], str) or not DATE_LINE.match(main[end - 1]):
        return main
    date_at, start = end - 1, end - 1
    while start > max(date_at - 3, 0) and _signer_like(main[start - 1]):
        start -= 1
    draft.date = draft.date or iso_date(main[date_at])
    signers = [without_seal(b) for b in main[start:date_at]]
    if signers and not draft.issuer:
        draft.issuer = "、".join(signers)
    return main[:start]


def _signer_like(block) -> bool:
    return (isinstance(block, str) and len(block) <= 40 and not parse_marker(block)
            and not re.search(r"[。，,；;：:]", block) and looks_like_unit(without_seal(block)))


def attach_appendix(draft: PlanDraft, appendix: list[str]) -> None:
    """附件2 of a breakdown table describes the domains of a group: each item goes to the
    sub-item of the same domain as text; the rest stays as plan notes, and numbered items
    kept there are said."""
    subs = {_domain_key(c.title): c for t in draft.tasks for c in t.children}
    notes, unplaced = [], []
    for text in appendix:
        item = re.sub(r"^\d+[.．、]\s*", "", text)
        match = subs.get(_domain_key(first_sentence(item)))
        if match:
            match.text = match.text + "\n" + item
            continue
        notes.append(text)
        marker = parse_marker(text)
        if marker:
            unplaced.append(marker.number.strip("（）.、"))
    draft.notes = "\n".join(notes) or None
    if unplaced:
        span = unplaced[0] if len(unplaced) == 1 else f"{unplaced[0]}至{unplaced[-1]}"
        draft.warnings.append(f"附件中的第{span}项（共{len(unplaced)}项）在任务表中找不到对应的任务，"
                              "已作为方案备注保存，没有作为任务读取；如应作为任务，导入后在“方案与任务”页用“新增顶层任务”添加")


def _domain_key(title: str) -> str:
    return re.sub(r"开展|问题|行动|领域|[“”\"、，,。\s]", "", title)
