"""Plan metadata: issuer, 文号, 成文日期, 主送, the plan's own title, region, and the
plan-wide rules in its prose: phases, the 总结报告 date, the monthly report day, a deadline
for all tasks, the contact line."""

from __future__ import annotations

import re

from importers.deadlines import month_end, parse_deadline
from importers.plan_text import DATE_LINE, DOC_NUMBER, parse_marker
from models.plan_draft import PhaseDraft, PlanDraft

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
                           "(": "〔", ")": "〕", "（": "〔", "）": "〕"})
_TITLE_ENDS = ("方案", "分解表", "任务清单", "工作要点", "实施意见", "行动计划")
_SEAL = re.compile(r"[（(]\s*代章\s*[）)]")
_PHASE_RANGE = re.compile(r"(\d{1,2})\s*月(?:份)?\s*(?:至|到|—|-|－|～|~)\s*(\d{1,2})\s*月(?:底|份)?"
                          r"\s*为\s*([\u4e00-\u9fff]{2,8}?阶段)")
_PHASE_BEFORE = re.compile(r"(\d{1,2})\s*月(?:底)?\s*(前|以前)\s*为\s*([\u4e00-\u9fff]{2,8}?阶段)")
_PHASE_MONTH = re.compile(r"(?<![至到\d])(\d{1,2})\s*月(?:份)?\s*为\s*([\u4e00-\u9fff]{2,8}?阶段)")
_SUMMARY = re.compile(r"((?:\d{4}年)?\d{1,2}\s*月(?:底|\d{1,2}\s*日)?\s*(?:前|以前)|年底前)[^。；]*?总结报告")
_REPORT_DAY = re.compile(r"每月\s*(\d{1,2})\s*日[^。；]{0,40}?(?:报送|上报|报)")
_WIDE_DEADLINE = re.compile(r"于?\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|以前))")
_CONTACT = re.compile(r"^(联系人|联系电话|电话|工作邮箱|电子邮箱|邮箱|传真)\s*[:：]\s*(.+)$")


def normalise_doc_number(text: str) -> str:
    """杭信办[2020]5号 / 杭信办［2020］5号 → 杭信办〔2020〕5号, spaces removed."""
    return re.sub(r"\s+", "", text).translate(_BRACKETS)


def iso_date(text: str) -> str | None:
    """2020年6月28日 → 2020-06-28."""
    m = re.match(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def _section_start(blocks: list) -> int:
    for at, block in enumerate(blocks):
        if not isinstance(block, str):
            return at
        marker = parse_marker(block)
        if marker and marker.style in ("cn", "paren_cn"):
            return at
    return len(blocks)


def read_header(blocks: list, draft: PlanDraft) -> int:
    """Fill the metadata found before the plan's body; returns the index where the body starts."""
    body = _section_start(blocks)
    head = [b for b in blocks[:body] if isinstance(b, str)]
    notice_title = None
    for at, text in enumerate(head):
        if text.endswith("文件") and len(text) <= 40 and draft.issuer is None:
            draft.issuer = text[:-2].strip()
        elif DOC_NUMBER.match(text) and draft.doc_number is None:
            draft.doc_number = normalise_doc_number(text)
        elif DATE_LINE.match(text) and draft.date is None:
            draft.date = iso_date(text)
            if draft.issuer is None and at > 0 and len(head[at - 1]) <= 40:
                draft.issuer = _SEAL.sub("", head[at - 1]).strip()
        elif text.startswith("关于印发") or text.endswith("的通知"):
            notice_title = notice_title or text
        elif text.endswith(("：", ":")) and not text.startswith("附件") and len(text) <= 200:
            draft.recipients = draft.recipients or text.rstrip("：:")
    draft.title = _plan_title(head, notice_title)
    title_at = max((i for i, b in enumerate(blocks[:body]) if isinstance(b, str)
                    and re.sub(r"\s+", "", b) == draft.title), default=-1)
    return max(title_at + 1, 0) if title_at >= 0 else body


def _plan_title(head: list[str], notice_title: str | None) -> str:
    candidates = [t for t in head if re.sub(r"\s+", "", t).endswith(_TITLE_ENDS)
                  and not t.startswith(("关于印发", "附件：", "附件:")) and "《" not in t
                  and len(t) <= 80]
    if candidates:
        return re.sub(r"\s+", "", candidates[-1])
    if notice_title:
        inner = re.search(r"《(.+?)》", notice_title)
        if inner:
            return re.sub(r"\s+", "", inner.group(1))
        return re.sub(r"\s+", "", notice_title)
    return re.sub(r"\s+", "", head[0]) if head else "未命名方案"


def region_of(draft: PlanDraft, full_text: str) -> str | None:
    """The city a plan belongs to: from its issuer or title, else 信用中国（X）."""
    for text in (draft.issuer, draft.title):
        m = re.match(r"^(?:中共)?([\u4e00-\u9fff]{2,3}?)市", text or "")
        if m:
            return m.group(1)
    m = re.search(r"信用中国[（(]([\u4e00-\u9fff]{2,4})[）)]", full_text)
    return m.group(1) if m else None


def read_rules(paragraphs: list[str], draft: PlanDraft, year: int | None,
               prose: set[str] | None = None) -> str | None:
    """Phases, summary date, report day and contact from prose; returns a plan-wide deadline's
    words (…于2020年11月30日前…开展好…专项治理工作) when a paragraph of `prose` (the
    sections that are not tasks; all when None) sets one."""
    wide = None
    contacts = []
    for text in paragraphs:
        _read_phases(text, draft, year)
        summary = _SUMMARY.search(text)
        if summary and draft.summary_due_text is None:
            draft.summary_due_text = summary.group(1)
            draft.summary_due = parse_deadline(summary.group(1), year).date
        report = _REPORT_DAY.search(text)
        if report and draft.report_day is None and 1 <= int(report.group(1)) <= 31:
            draft.report_day = int(report.group(1))
        m = _WIDE_DEADLINE.search(text)
        if m and wide is None and "专项治理" in text and (prose is None or text in prose):
            wide = re.sub(r"\s+", "", m.group(1))
        contact = _CONTACT.match(text)
        if contact:
            contacts.append(f"{contact.group(1)}：{contact.group(2).strip()}")
    if contacts:
        draft.contact = "；".join(contacts)
    return wide


def _read_phases(text: str, draft: PlanDraft, year: int | None) -> None:
    known = {p.name for p in draft.phases}
    for m in _PHASE_RANGE.finditer(text):
        first, last, name = int(m.group(1)), int(m.group(2)), m.group(3)
        if name not in known:
            draft.phases.append(PhaseDraft(name, _day(year, first, 1), month_end(year, last),
                                           m.group(0)))
    for m in _PHASE_BEFORE.finditer(text):
        month, name = int(m.group(1)), m.group(3)
        if name not in {p.name for p in draft.phases}:
            draft.phases.append(PhaseDraft(name, draft.date, month_end(year, month - 1),
                                           m.group(0)))
    for m in _PHASE_MONTH.finditer(text):
        month, name = int(m.group(1)), m.group(2)
        if name not in {p.name for p in draft.phases}:
            draft.phases.append(PhaseDraft(name, _day(year, month, 1), month_end(year, month),
                                           m.group(0)))


def _day(year: int | None, month: int, day: int) -> str | None:
    return f"{year:04d}-{month:02d}-{day:02d}" if year and 1 <= month <= 12 else None
