"""What every official document shares: its 版头 and 版记 inputs, Chinese numbering, unit
clauses written in the seeds' own style (the campaign's name is models.plan_names')."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from exporters.gongwen import Attachment, Gongwen
from exporters.styles import Fonts
from models.doc_records import TaskNode
from models.identifiers import mask_id_number

_CN = "零一二三四五六七八九"
ROLE_WORDS = (("lead", "牵头单位"), ("participating", "参与单位"), ("responsible", "责任单位"))


@dataclass
class DocMeta:
    """Every input of a document that is not ledger data: given explicitly, so the same
    data always gives the same document."""

    today: date
    date: date
    organ_mark: str | None = None
    doc_number: str | None = None
    signer: str | None = None  # 签发人, printed in a 上行文
    upward: bool = False  # a 上行文: 签发人 beside the 文号, 主送 the superior
    recipients: str | None = None
    cc: str | None = None
    signature: str | None = None
    printer: str | None = None
    note: str | None = None
    requirements: str | None = None  # 下步工作要求 of a 通报, as edited by the office
    reply_by: date | None = None  # 催报: the date to report by
    mask_ids: bool = True
    fonts: Fonts = field(default_factory=Fonts)

    def gongwen(self, title: str, body: list, attachments: list[Attachment] | None = None,
                recipients: str | None = None) -> Gongwen:
        """A Gongwen with this document's 版头, signature and 版记; every document has its
        主送 (the office's choice, else the document's own, else a general one)."""
        fallback = superior_of(self.signature) if self.upward else "各有关单位"
        return Gongwen(title=title, body=body, organ_mark=self.organ_mark,
                       doc_number=self.doc_number, signer=self.signer if self.upward else None,
                       recipients=self.recipients or recipients or fallback,
                       signature=self.signature, date=self.date, note=self.note,
                       attachments=attachments or [], cc=self.cc, printer=self.printer,
                       print_date=self.date, fonts=self.fonts)


def superior_of(office: str | None) -> str:
    """Whom an office reports to when the plan names no issuer: 某某领导小组办公室 → 某某领导小组."""
    if office and office.endswith("办公室") and len(office) > 5:
        return office[:-3]
    return "各有关单位"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (for 一、 and （一） headings)."""
    if n < 10:
        return _CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")


def masked(code: str | None, mask: bool) -> str:
    """An ID number masked unless the office asked otherwise."""
    return (mask_id_number(code) if mask else code) if code else ""


def unit_clause(units: dict[str, list[str]], deadline_words: str | None = None) -> str:
    """（牵头单位：…；参与单位：…；完成时限：…）, the parts there are."""
    parts = [f"{label}：{'、'.join(units[role])}" for role, label in ROLE_WORDS if units.get(role)]
    if deadline_words:
        parts.append(f"完成时限：{deadline_words}")
    return f"（{'；'.join(parts)}）" if parts else ""


_CLAUSE_HEAD = re.compile(r"^[（(〔\[]\s*(?:牵头|责任|参与|配合|协办|牽頭|責任)")
_KEY_LINE = re.compile(r"^(?:责任单位|牵头单位|参与单位|配合单位|协办单位|完成时限|时限要求|完成时间)\s*[:：]")


def without_clauses(text: str) -> str:
    """A task's words without its unit clauses and 责任单位/完成时限 lines (they are written
    again from the ledger's units and deadline)."""
    lines = [line for line in (text or "").split("\n") if not _KEY_LINE.match(line.strip())]
    out = "".join(lines)
    spans, depth, start = [], 0, 0
    for at, ch in enumerate(out):
        if ch in "（(〔[":
            if depth == 0:
                start = at
            depth += 1
        elif ch in "）)〕]" and depth:
            depth -= 1
            if depth == 0 and (_CLAUSE_HEAD.match(out[start:at + 1])
                               or re.search(r"(牵头|负责)[）)〕\]]$", out[start:at + 1])):
                spans.append((start, at + 1))
    for start, end in reversed(spans):
        out = out[:start] + out[end:]
    return out.strip()


def task_sentence(task) -> str:
    """A task's own words with its title as the first sentence (no unit clause), as plans
    write an item: 开展…专项治理。严厉打击…"""
    title = task.title.rstrip("。")
    rest = without_clauses(task.text or "")
    if rest.startswith(title):
        rest = rest[len(title):].lstrip("。 ")
    return f"{title}。{rest}" if rest else f"{title}。"


def task_words(task) -> str:
    """A task as the plan words it, without its unit clause: its title, then (after a 。 where
    the plan's text has none, as under a heading) the rest of its text; nothing added at the
    end, so an item the plan wrote without a closing 。 keeps none."""
    title = task.title.rstrip("。")
    rest = without_clauses(task.text or "").strip()
    if rest.startswith(title):
        rest = rest[len(title):].lstrip("。 \n")
    if not rest:
        return task.title
    return f"{title}。{rest}"


def others(node: TaskNode) -> str:
    """A task's units other than the lead ones, as the 责任单位 cell lists them."""
    return "、".join(node.units["participating"] + node.units["responsible"])
