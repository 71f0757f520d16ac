"""阶段性总结报告, 典型案例汇编 and 催报通知, each from plain ledger data."""

from __future__ import annotations

from datetime import timedelta

from exporters.doc_bulletin import case_sentence, target_sentences
from exporters.doc_common import DocMeta, cn_number, masked
from exporters.doc_text import (
    date_text,
    day_text,
    figures,
    full_width,
    kinds_phrase,
    month_span,
    names,
    quoted_task,
    ranking_sentence,
    shorten,
    statuses,
    task_name,
)
from exporters.gongwen import Gongwen
from models.cycle import LATE, MISSING, ON_TIME, month_label
from models.doc_records import CaseBookData, ReminderData, SummaryData
from models.labels import label_words
from models.plan_names import campaign_name, campaign_work

REMINDER_TASKS = 8  # tasks named per unit in a 催报通知; a longer list ends with 等N项

_ORDINALS = "一二三四五六七八九十"


def _enumerated(groups: list[tuple[str, list[str]]], limit: int = 5) -> str:
    """一是…（市公安局、市住建局）；二是…（市人社局等6个单位） from grouped texts."""
    return "；".join(f"{_ORDINALS[i]}是{shorten(text, 50)}（{names(units, 3)}）"
                     for i, (text, units) in enumerate(groups[:limit])) + "。"


def _summary_overview(data: SummaryData, span: str) -> list[str]:
    owed = sum(data.state_totals.get(s, 0) for s in (ON_TIME, LATE, MISSING))
    on_time = data.state_totals.get(ON_TIME, 0)
    rate = f"，按时报送率{on_time * 100 / owed:.1f}%" if owed else ""
    count = sum(data.task_counts.values())
    months = f"{span}共{data.months}个报送月，" if data.months > 1 else f"{span}，"  # not 共1个报送月
    lines = [f"截至{month_label(data.last)}，本方案{count}项具体任务中，{statuses(data.task_counts)}。",
             f"{months}{data.units_owing}个单位应报送进展情况{owed}项，"
             f"按时报送{on_time}项{rate}；逾期报送{data.state_totals.get(LATE, 0)}项，"
             f"未报送{data.state_totals.get(MISSING, 0)}项。"]
    said = figures(data.totals, "各单位累计")
    lines.append((f"{said}；" if said else "") + f"期间认定红黑名单主体{data.list_count}个。")
    return ["一、总体进展", "".join(lines)]


def _summary_domains(data: SummaryData) -> list[str]:
    blocks = ["二、各领域工作情况"]
    for i, domain in enumerate(data.domains, start=1):
        text = f"（{cn_number(i)}）{full_width(domain.task.title).rstrip('。')}。"
        count = sum(domain.task_counts.values())
        own = next((lag for lag in domain.lagging if lag.title == domain.task.title), None)
        why = ""
        if own and own.deadline:
            why = f"（完成时限{date_text(own.deadline)}已过，尚未全部完成）"
        elif own and own.units:
            why = f"（{names(own.units, 3)}报告进度滞后）"
        text += (f"本领域{count}项任务中，{statuses(domain.task_counts)}。" if count > 1
                 else f"该项任务{statuses(domain.task_counts).removesuffix('1项')}{why}。")
        said = figures(domain.totals, "累计")
        if domain.units_reported:
            text += f"期间{domain.units_reported}个单位报送进展" + (f"，{said}" if said else "") + "。"
        else:
            text += "期间未收到进展报送。"
        lagging = [quoted_task(lag.title) for lag in domain.lagging if lag.title != domain.task.title]
        if lagging:
            text += f"{names(lagging, 3, '项任务')}进度滞后。"
        blocks.append(text)
    return blocks


def _events(data: SummaryData) -> str:
    closed = [f"{quoted_task(e.title)}（{date_text(e.on_date)}）" for e in data.events if e.kind == "办结"]
    extended = [f"{quoted_task(e.title)}延期至{date_text(e.new_deadline)}"
                + (f"（{e.unit}申请，{shorten(e.note, 30)}）" if e.unit else "")
                for e in data.events if e.kind == "延期"]
    parts = ([f"办结任务{len(closed)}项：{'、'.join(closed)}"] if closed else ["没有任务办结"]) + \
            ([f"延期任务{len(extended)}项：{'；'.join(extended)}"] if extended else ["没有任务延期"])
    return "期间" + "；".join(parts) + "。"


def _problems(data: SummaryData) -> str:
    """The units' own problems, grouped, then what the ledger shows: lagging tasks, missed
    targets."""
    text = (f"各单位报告的问题主要有：{_enumerated(data.problems)}" if data.problems
            else "各单位未报告存在的问题。")
    tail = [f"{data.task_counts['滞后']}项任务进度滞后"] if data.task_counts.get("滞后") else []
    missed = sum(1 for t in data.targets if t.value is not None and not t.met)
    if missed:
        tail.append(f"{missed}项指标未达到目标")
    return text + (f"此外，{'，'.join(tail)}。" if tail else "")


def summary_content(data: SummaryData, meta: DocMeta) -> Gongwen:
    """The 总结报告 of a phase, or of the campaign from its first owed month to the chosen one."""
    work = campaign_work(campaign_name(data.plan.title) + data.label)
    span = month_span(data.first, data.last)
    ended = data.span_end is not None and data.last >= data.span_end
    body = [f"根据《{data.plan.title}》部署，现将{span}{work}{'开展' if ended else '推进'}情况报告如下。"]
    body += _summary_overview(data, span) + _summary_domains(data)
    n = 3
    sections = [("典型案例", case_sentence(data.cases, "期间"))]
    if data.targets:
        sections.append(("目标完成情况", target_sentences(data.targets)))
    if data.events:
        sections.append(("任务办结和延期情况", _events(data)))
    if data.scores:
        sections.append(("考核情况", f"按月度考核平均得分，{ranking_sentence(data.scores)}。"))
    sections.append(("存在的问题", _problems(data)))
    if data.next_steps:
        sections.append(("下步打算", f"各单位提出的下步工作主要有：{_enumerated(data.next_steps)}"))
    for title, text in sections:
        body += [f"{cn_number(n)}、{title}", text]
        n += 1
    body.append("特此报告。")  # a 报告 closes so
    return meta.gongwen(f"关于{work}情况的报告", body, recipients=data.plan.issuer)


def _subject_line(case, meta: DocMeta) -> str:
    code = masked(case.subject_code, meta.mask_ids)
    label = "身份证号码" if case.subject_type == "自然人" else "统一社会信用代码"
    line = f"（一）主体情况。{case.subject_name}" + (f"，{label}：{code}" if code else "") + "。"
    return line + f"案例类型：{case.kind}。"


def casebook_content(data: CaseBookData, meta: DocMeta) -> Gongwen:
    """The 典型案例汇编: each case a titled section, oldest first."""
    name = campaign_name(data.plan.title) if data.plan else "失信专项治理"
    when = f"{month_label(data.period)}" if data.period else ""
    body = [f"为发挥典型案例的示范警示作用，现将{when}各单位在{name}中报送的典型案例{len(data.cases)}件"
            f"（{kinds_phrase(data.cases)}）汇编如下。"]
    for i, (case, unit, domain) in enumerate(data.cases, start=1):
        body.append(f"{cn_number(i)}、{case.title}")
        body.append(_subject_line(case, meta) + (f"所属领域：{shorten(label_words(domain), 30)}。" if domain else ""))
        for k, (label, value) in enumerate((("主要事实", case.behaviour), ("处理依据", case.basis),
                                            ("奖惩措施", case.measures), ("取得成效", case.outcome)),
                                           start=2):
            body.append(f"（{cn_number(k)}）{label}。{(value or '无').rstrip('。')}。")
        tail = [f"报送单位：{unit}" if unit else "",
                f"实施单位：{case.implementing_units}" if case.implementing_units else "",
                f"实施日期：{date_text(case.occurred_on)}" if case.occurred_on else "",
                f"公示网站：{case.publicity_site}" if case.publicity_site else "",
                f"公示日期：{date_text(case.publicity_date)}" if case.publicity_date else ""]
        body.append("；".join(t for t in tail if t) + "。")
    return meta.gongwen(f"{name}{when}典型案例汇编", body, recipients="各有关单位")


def reminder_content(data: ReminderData, meta: DocMeta) -> Gongwen:
    """The 催报通知 to the units that have not reported."""
    month = month_label(data.period)
    work = campaign_work(campaign_name(data.plan.title))
    reply_by = meta.reply_by or meta.date + timedelta(days=3)
    body = [f"按照《{data.plan.title}》要求，各责任单位应于{day_text(data.due)}前报送{month}{work}"
            f"进展情况。截至{day_text(meta.today)}，以下单位尚未报送："]
    for i, unit in enumerate(data.units, start=1):
        tasks = data.missing_tasks.get(unit.unit_id, [])
        # every task owed is named, so the unit knows what to send; only a long list is cut
        shown = tasks if len(tasks) <= REMINDER_TASKS + 1 else tasks[:REMINDER_TASKS]
        listed = "；".join(task_name(t) for t in shown) + (f"等{len(tasks)}项" if len(shown) < len(tasks) else "")
        contact = "，".join(x for x in (f"联系人：{unit.contact_person}" if unit.contact_person else "",
                                        f"电话：{unit.phone}" if unit.phone else "") if x)
        body.append(f"{i}.{unit.name}，未报送{len(tasks)}项：{listed}。" + (f"{contact}。" if contact else ""))
    body.append(f"请上述单位高度重视，于{day_text(reply_by)}前补报，"
                "逾期未报的将在月度通报中予以通报批评，并在考核中扣分。")
    recipients = names([u.name for u in data.units], 12)
    return meta.gongwen(f"关于催报{month}{work}进展情况的通知", body, recipients=recipients or None)
