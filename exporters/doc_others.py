"""阶段性总结报告, 典型案例汇编 and 催报通知, each from plain ledger data."""

from __future__ import annotations

from datetime import timedelta

from exporters.doc_common import DocMeta, cn_number, masked, short_name
from exporters.gongwen import Gongwen
from models.cycle import LATE, MISSING, ON_TIME, month_label
from models.doc_records import CaseBookData, ReminderData, SummaryData
from models.records import COMPARATOR_LABELS


def summary_content(data: SummaryData, meta: DocMeta) -> Gongwen:
    """The 总结报告 of a phase or of the whole campaign."""
    name = short_name(data.plan.title)
    span = f"{month_label(data.first)}至{month_label(data.last)}"
    owed = sum(data.state_totals.get(s, 0) for s in (ON_TIME, LATE, MISSING))
    on_time = data.state_totals.get(ON_TIME, 0)
    rate = f"{on_time * 100 / owed:.1f}%" if owed else "—"
    body = [f"根据《{data.plan.title}》部署，{span}，各责任单位扎实推进{name}"
            f"{'' if data.label == '专项治理' else data.label}各项工作，现将有关情况报告如下。",
            "一、总体进展",
            f"{span}，各单位应报送进展{owed}项，按时报送{on_time}项，按时报送率{rate}；"
            f"逾期报送{data.state_totals.get(LATE, 0)}项，未报送{data.state_totals.get(MISSING, 0)}项。"
            f"期间共收到典型案例{data.case_count}件，认定红黑名单主体{data.list_count}个。",
            "二、各领域工作情况"]
    for i, domain in enumerate(data.domains, start=1):
        texts = [t for _, _, t in domain.reports if t][:2]
        said = "；".join(t.rstrip("。") for t in texts) + "。" if texts else ""
        body.append(f"（{cn_number(i)}）{domain.task.title.rstrip('。')}。目前状态为{domain.status}。{said}")
    if data.targets:
        body.append("三、目标完成情况")
        body.append("；".join(
            f"{t.metric}{'为' + format(t.value, 'g') + t.measure_unit if t.value is not None else '暂无数据'}"
            f"（目标{COMPARATOR_LABELS[t.comparator]}{t.threshold:g}{t.measure_unit}，"
            f"{'已达标' if t.met else '未达标'}）" for t in data.targets) + "。")
    n = 4 if data.targets else 3
    if data.scores:
        best = "、".join(s.unit_name for s in data.scores[:3])
        body += [f"{cn_number(n)}、考核情况", f"按月度考核平均得分，{best}等单位位居前列。"]
        n += 1
    body += [f"{cn_number(n)}、存在问题和下步打算",
             "部分单位报送不够及时，个别领域整治进度滞后。下一步，将持续压实责任，加强督导检查，"
             "推动专项治理常态化、长效化。"]
    return meta.gongwen(f"关于{name}{'' if data.label == '专项治理' else data.label}工作情况的报告",
                        body, recipients=data.plan.issuer)


def casebook_content(data: CaseBookData, meta: DocMeta) -> Gongwen:
    """The 典型案例汇编: each case a titled section, in the order the office chose."""
    name = short_name(data.plan.title) if data.plan else "失信专项治理"
    body = [f"为发挥典型案例的示范警示作用，现将{name}中各单位报送的{len(data.cases)}件典型案例汇编如下。"]
    for i, (case, unit, domain) in enumerate(data.cases, start=1):
        code = masked(case.subject_code, meta.mask_ids)
        body.append(f"{cn_number(i)}、{case.title}")
        body.append(f"（一）主体情况。{case.subject_name}" + (f"，统一社会信用代码（身份证号码）{code}" if code
                                                           else "") + f"。案例类型：{case.kind}。"
                    + (f"所属领域：{domain}。" if domain else ""))
        for k, (label, value) in enumerate((("主要事实", case.behaviour), ("处理依据", case.basis),
                                            ("奖惩措施", case.measures), ("取得成效", case.outcome)),
                                           start=2):
            body.append(f"（{cn_number(k)}）{label}。{(value or '无').rstrip('。')}。")
        tail = [f"报送单位：{unit}" if unit else "", f"实施单位：{case.implementing_units}"
                if case.implementing_units else "", f"实施日期：{case.occurred_on}" if case.occurred_on else "",
                f"公示网站：{case.publicity_site}" if case.publicity_site else ""]
        body.append("；".join(t for t in tail if t) + "。")
    return meta.gongwen(f"{name}典型案例汇编", body, recipients="各有关单位")


def reminder_content(data: ReminderData, meta: DocMeta) -> Gongwen:
    """The 催报通知 to the units that have not reported."""
    month = month_label(data.period)
    reply_by = meta.reply_by or meta.date + timedelta(days=3)
    body = [f"按照《{data.plan.title}》要求，各责任单位应于{data.due.month}月{data.due.day}日前报送"
            f"{month}专项治理工作进展情况。截至{meta.today.month}月{meta.today.day}日，以下单位尚未报送："]
    for i, unit in enumerate(data.units, start=1):
        tasks = data.missing_tasks.get(unit.unit_id, [])
        contact = "，".join(x for x in (f"联系人：{unit.contact_person}" if unit.contact_person else "",
                                        f"电话：{unit.phone}" if unit.phone else "") if x)
        body.append(f"{i}.{unit.name}：未报{len(tasks)}项（{'；'.join(t[:24] for t in tasks[:3])}"
                    f"{'等' if len(tasks) > 3 else ''}）。" + (f"{contact}。" if contact else ""))
    body.append(f"请上述单位高度重视，于{reply_by.year}年{reply_by.month}月{reply_by.day}日前补报，"
                "逾期未报的将在月度通报中予以通报批评，并在考核中扣分。")
    names = "、".join(u.name for u in data.units[:12]) + ("等单位" if len(data.units) > 12 else "")
    return meta.gongwen(f"关于催报{month}专项治理工作进展情况的通知", body, recipients=names or None)
