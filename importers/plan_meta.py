"""Plan metadata: issuer, 文号, 成文日期, 主送, the plan's own title, region, and the
plan-wide rules in its prose: phases, the 总结报告 date, the monthly report day, a deadline
for all tasks, the contact line."""

from __future__ import annotations

import re

from importers.deadlines import month_end, parse_deadline
from importers.plan_text import DATE_LINE, DOC_NUMBER, at_line, parse_marker
from importers.unit_names import looks_like_unit, split_units
from models.plan_draft import PhaseDraft, PlanDraft

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
                           "(": "〔", ")": "〕", "（": "〔", "）": "〕"})
_TITLE_ENDS = ("方案", "分解表", "清单", "要点", "意见", "计划", "细则", "措施", "分工", "工作事项", "分工表",
               "任务表", "责任表", "一览表", "台账")
_DOC_NUMBER_LABEL = re.compile(r"(?:文号|发文字号)\s*[:：|]\s*(\S{1,20}?[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d+\s*号)")
_META_LABEL = re.compile(r"(发文机关|发文单位|成文日期|发文日期)\s*[:：|]\s*([^|\s]+)")
_ISSUER_OF_NOTICE = re.compile(r"^([\u4e00-\u9fff]{2,40}?[局委办院部厅府室组会])关于")
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_SEAL = re.compile(r"[（(]\s*代章\s*[）)]")
_PHASE_RANGE = re.compile(r"(\d{1,2})\s*月(?:份)?\s*(?:至|到|—|-|－|～|~)\s*(\d{1,2})\s*月(?:底|份)?"
                          r"\s*为\s*([\u4e00-\u9fff]{2,8}?阶段)")
_PHASE_BEFORE = re.compile(r"(\d{1,2})\s*月(?:底)?\s*(前|以前)\s*为\s*([\u4e00-\u9fff]{2,8}?阶段)")
_PHASE_MONTH = re.compile(r"(?<![至到\d])(\d{1,2})\s*月(?:份)?\s*为\s*([\u4e00-\u9fff]{2,8}?阶段)")
_SUMMARY = re.compile(r"((?:\d{4}年)?\d{1,2}\s*月(?:底|\d{1,2}\s*日)?\s*(?:前|以前)|年底前)[^。；]*?总结报告")
_REPORT_DAY = re.compile(r"每月\s*(\d{1,2})\s*日[^。；]{0,40}?(?:报送|上报|报)")
# a date for all tasks: …各项任务于2022年12月31日前完成 / 本次专项治理…至2022年12月31日结束
_WIDE_BEFORE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)?\s*(?:前|以前|之前)")
_WIDE_UNTIL = re.compile(r"(?<=[至到])\s*\d{4}\s*年\s*\d{1,2}\s*月\s*(?:\d{1,2}\s*日|底|末)?\s*(?:结束|截止|止)")
_ALL_TASKS = re.compile(r"各项(?:治理|整治|工作)?任务|全部任务|所有任务|各项(?:工作|措施)|专项治理|专项整治|专项行动"
                        r"|治理(?:工作|行动)|整治(?:工作|行动)|本方案|本次")
_REPORTING = re.compile(r"报送|上报|报告|报市|反馈")
_CONTACT = re.compile(r"^(联系人|联系电话|电话|工作邮箱|电子邮箱|邮箱|传真)\s*[:：]\s*(.+)$")


def normalise_doc_number(text: str) -> str:
    """杭信办[2020]5号 / 杭信办［2020］5号 → 杭信办〔2020〕5号, spaces removed."""
    return re.sub(r"\s+", "", text).translate(_BRACKETS)


def iso_date(text: str) -> str | None:
    """2020年6月28日 → 2020-06-28; 二○○六年四月二十八日 → 2006-04-28."""
    m = re.match(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.match(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月"
                 r"\s*([一二三四五六七八九十]{1,3})\s*日", text)
    if not m:
        return None
    year = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
    return f"{year:04d}-{_cn_small(m.group(2)):02d}-{_cn_small(m.group(3)):02d}"


def without_seal(text: str) -> str:
    """An issuer's line without its （代章）."""
    return _SEAL.sub("", text).strip()


def _dashed_date(text: str) -> str | None:
    """2016-04-06 (or 2016.4.6, 2016/4/6) → 2016-04-06."""
    m = re.match(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})$", text)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def _cn_small(text: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十八 → 28."""
    if "十" not in text:
        return _CN_DIGIT.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def _section_start(blocks: list) -> int:
    """Where the body starts: the first table or 一、/（一） item; in a plan numbered only
    1. 2. (a 分工 list), its first item."""
    first_item = None
    for at, block in enumerate(blocks):
        if not isinstance(block, str):
            return at
        marker = parse_marker(block)
        if marker and marker.style in ("cn", "paren_cn"):
            return at
        if marker and first_item is None:
            first_item = at
    return first_item if first_item is not None else len(blocks)


def _recipients_like(text: str) -> bool:
    """主送机关：各县（市、区）人民政府，市政府各部门： — a list of units, not a web page's line."""
    names, _ = split_units(text.rstrip("：:"))
    return bool(names) and sum(looks_like_unit(n) for n in names) * 2 >= len(names) \
        and not re.search(r"\d{1,2}:\d{2}|[【】|]", text)


def read_header(blocks: list, draft: PlanDraft) -> int:
    """Fill the metadata found before the plan's body; returns the index where the body starts."""
    body = _section_start(blocks)
    head = [b for b in blocks[:body] if isinstance(b, str)]
    notice_title = None
    for at, text in enumerate(head):
        for label, value in _META_LABEL.findall(text):  # 发文机关：… / 成文日期：… (a web page's box)
            if label.startswith("发文") and label != "发文日期" and draft.issuer is None:
                draft.issuer = value
            elif label.endswith("日期") and draft.date is None:
                draft.date = iso_date(value) or _dashed_date(value)
        if text.endswith("文件") and len(text) <= 40 and draft.issuer is None:
            draft.issuer = text[:-2].strip()
        elif DOC_NUMBER.match(text) and draft.doc_number is None:
            draft.doc_number = normalise_doc_number(text)
        elif DATE_LINE.match(text) and draft.date is None:
            draft.date = iso_date(text)
            if draft.issuer is None and at > 0 and len(head[at - 1]) <= 40:
                draft.issuer = without_seal(head[at - 1])
        elif text.startswith("关于印发") or text.endswith("的通知"):
            notice_title = notice_title or text
            issuer = _ISSUER_OF_NOTICE.match(re.sub(r"\s+", "", text))
            if issuer and draft.issuer is None:
                draft.issuer = issuer.group(1)  # 北京市人民政府办公厅关于印发…的通知
        elif _DOC_NUMBER_LABEL.search(text) and draft.doc_number is None:
            draft.doc_number = normalise_doc_number(_DOC_NUMBER_LABEL.search(text).group(1))
        elif text.endswith(("：", ":")) and not text.startswith("附件") and len(text) <= 200 \
                and _recipients_like(text):
            draft.recipients = draft.recipients or text.rstrip("：:")
    draft.title = _plan_title(head, notice_title)
    title_at = max((i for i, b in enumerate(blocks[:body]) if isinstance(b, str)
                    and re.sub(r"\s+", "", b) == draft.title), default=-1)
    return max(title_at + 1, 0) if title_at >= 0 else body


def _plan_title(head: list[str], notice_title: str | None) -> str:
    candidates = [t for t in head if _title_like(t)]
    if candidates:
        return re.sub(r"\s+", "", candidates[-1]).strip("《》")
    if notice_title:
        inner = re.search(r"《(.+?)》", notice_title)
        if inner:
            return re.sub(r"\s+", "", inner.group(1))
        return re.sub(r"\s+", "", notice_title)
    lines = [re.sub(r"\s+", "", t) for t in head if not re.match(r"^附\s*件\s*[0-9０-９]*\s*[:：]?$", t)]
    first = lines[0] if lines else ""
    return first if first and len(first) <= 60 and not first.endswith(tuple("。：:，,")) else "未命名方案"


def _title_like(text: str) -> bool:
    """The plan's own title: ends like one (…实施方案, …工作要点, …任务分工), is not the notice
    issuing it, an attachment line or a numbered item."""
    squashed = re.sub(r"\s+", "", text).strip("《》")
    return (squashed.endswith(_TITLE_ENDS) and not text.startswith(("关于印发", "附件：", "附件:"))
            and "印发" not in squashed and not parse_marker(text) and len(text) <= 80
            and not re.search(r"[。，,：:]", squashed))


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
    words (各项任务于2022年12月31日前完成, …至2022年12月31日结束) when a paragraph of `prose`
    (the preamble and the sections that are not tasks; all when None) sets one. A date there
    that reads like one but names no scope is said, not applied."""
    wide, doubt = None, None
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
        if prose is None or text in prose:
            found, unsure = _wide_deadline(text)
            wide, doubt = wide or found, doubt or unsure
        contact = _CONTACT.match(text)
        if contact:
            contacts.append(f"{contact.group(1)}：{contact.group(2).strip()}")
    if contacts:
        draft.contact = "；".join(contacts)
    if doubt and not wide:
        draft.warnings.append(at_line(doubt[1], f"“{doubt[0]}”写有时限，但看不出是否适用于全部任务，"
                                                "没有用作各项任务的完成时限；如适用，请在预览中填写"))
    return wide


def _wide_deadline(text: str) -> tuple[str | None, tuple[str, str] | None]:
    """The words of a deadline for all tasks in a paragraph, or the sentence of one that may
    be (a date with 前 or 结束, no scope named, not a reporting date)."""
    doubt = None
    for sentence in re.split(r"[。；;]", text):
        m = _WIDE_BEFORE.search(sentence) or _WIDE_UNTIL.search(sentence)
        if not m or "阶段" in sentence or (_REPORTING.search(sentence) and "完成" not in sentence):
            continue
        if _ALL_TASKS.search(sentence):
            return re.sub(r"\s+", "", m.group(0)), None
        doubt = doubt or (sentence.strip()[:40], text)
    return None, doubt


def _read_phases(text: str, draft: PlanDraft, year: int | None) -> None:
    """6月至9月为…阶段, 12月前为…阶段, 12月为…阶段: a phase ending before the plan was issued,
    or before the phase written ahead of it, is in the year after (a plan dated 12月2日 whose
    集中治理 runs till 12月前)."""
    known = {p.name for p in draft.phases}

    def add(name: str, start: str | None, end: str | None, words: str) -> None:
        if name in known:
            return
        last = max((p.end for p in draft.phases if p.end), default=None)
        if end and ((draft.date and end < draft.date) or (last and end < last)):
            start = _next_year(start) if start != draft.date else start  # phases run in order
            end = _next_year(end)
        draft.phases.append(PhaseDraft(name, start, end, words))
        known.add(name)

    for m in _PHASE_RANGE.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        later = year + 1 if year and last < first else year  # 11月至次年2月
        add(m.group(3), _day(year, first, 1), month_end(later, last), m.group(0))
    for m in _PHASE_BEFORE.finditer(text):
        month = int(m.group(1))
        end = month_end(year, month - 1) if month > 1 else month_end(year - 1 if year else None, 12)
        add(m.group(3), draft.date, end, m.group(0))
    for m in _PHASE_MONTH.finditer(text):
        month = int(m.group(1))
        add(m.group(2), _day(year, month, 1), month_end(year, month), m.group(0))


def _next_year(day: str | None) -> str | None:
    """The same day a year later (29 February becomes 28 February)."""
    if not day:
        return None
    y, m, d = int(day[:4]) + 1, int(day[5:7]), int(day[8:10])
    return month_end(y, m) if d > 28 and month_end(y, m) < f"{y:04d}-{m:02d}-{d:02d}" else f"{y:04d}-{m:02d}-{d:02d}"


def _day(year: int | None, month: int, day: int) -> str | None:
    return f"{year:04d}-{month:02d}-{day:02d}" if year and 1 <= month <= 12 else None
