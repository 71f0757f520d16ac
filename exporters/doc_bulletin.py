"""月度进展情况通报: the month's figures, each domain's progress in the units' own words,
targets, typical cases, units named for late or missing reports, the ranking, next month's
requirements, and the statistics table as its attachment."""

from __future__ import annotations

from collections import Counter

from exporters.doc_common import DocMeta, cn_number, short_name
from exporters.gongwen import Attachment, Gongwen, Table
from models.cycle import LATE, MISSING, NOT_DUE, ON_TIME, TASK_STATUSES, month_label
from models.doc_records import BulletinData
from models.records import COMPARATOR_LABELS

TEXT_PER_DOMAIN = 90  # characters of the units' own words quoted per domain


def bulletin_title(data: BulletinData) -> str:
    """关于2020年12月诚信缺失突出问题专项治理行动进展情况的通报."""
    return f"关于{month_label(data.report.period)}{short_name(data.plan.title)}进展情况的通报"


def propose_requirements(data: BulletinData) -> str:
    """Next month's requirements, proposed from the coming deadlines (the office edits them)."""
    lines = []
    missing = data.report.units_missing()
    if missing:
        lines.append(f"请{'、'.join(u.name for u in missing[:8])}等单位尽快补报本月进展情况")
    for task in data.coming[:5]:
        when = task.extended_to or task.deadline
        lines.append(f"“{task.title}”将于{int(when[5:7])}月{int(when[8:])}日到期，请责任单位抓紧推进、按时完成")
    lines.append(f"各单位于下月{data.report.due.day}日前报送进展情况，同时按规范格式报送典型案例")
    return "；".join(lines) + "。"


def _overview(data: BulletinData) -> list[str]:
    report = data.report
    statuses = Counter(report.task_status[t] for t in report.task_status)
    states = report.state_counts()
    owed = sum(v for k, v in states.items() if k != NOT_DUE)
    status_text = "、".join(f"{s}{statuses[s]}项" for s in TASK_STATUSES if statuses[s])
    return ["一、总体情况",
            f"本月方案共有任务{len(report.task_status)}项，其中{status_text}。各单位应报送进展{owed}项，"
            f"按时报送{states[ON_TIME]}项，逾期报送{states[LATE]}项，未报送{states[MISSING]}项；"
            f"{len(report.units_reported())}个单位已全部报送，{len(report.units_missing())}个单位有未报事项。"]


def _domains(data: BulletinData) -> list[str]:
    blocks = ["二、各领域进展情况"]
    for i, domain in enumerate(data.domains, start=1):
        quoted, used = [], 0
        for unit, _status, text in domain.reports:
            if text and used < TEXT_PER_DOMAIN:
                piece = text if text.startswith(unit) else f"{unit}{text}"
                quoted.append(piece.rstrip("。"))
                used += len(piece)
        figures = "、".join(f"{name}{value:g}" for name, value in domain.totals.items())
        reported = len({unit for unit, _, _ in domain.reports})
        summary = (f"本月{reported}个单位报送进展" + (f"，合计{figures}" if figures else "") + "。"
                   + ("如：" + "；".join(quoted) + "。" if quoted else "")) if domain.reports \
            else "本月未收到进展报送。"
        blocks.append(f"（{cn_number(i)}）{domain.task.title.rstrip('。')}。"
                      f"本领域任务状态为{domain.status}。{summary}")
    return blocks


def _targets(data: BulletinData) -> list[str]:
    if not data.targets:
        return []
    lines = []
    for t in data.targets:
        value = "暂无数据" if t.value is None else f"{t.value:g}{t.measure_unit}"
        verdict = "已达标" if t.met else "未达标"
        note = f"（{t.note}）" if t.note and not t.met else ""
        lines.append(f"{t.task_label.rstrip('。')}：{t.metric}为{value}，目标{COMPARATOR_LABELS[t.comparator]}"
                     f"{t.threshold:g}{t.measure_unit}，{verdict}{note}")
    return ["三、目标任务完成情况", "；".join(lines) + "。"]


def _cases(data: BulletinData, number: str) -> list[str]:
    if not data.cases:
        return [f"{number}、典型案例", "本月未收到典型案例报送。"]
    kinds = Counter(c.kind for c, _ in data.cases)
    listing = "；".join(f"{unit}报送“{c.title}”" for c, unit in data.cases[:6])
    return [f"{number}、典型案例",
            f"本月共收到典型案例{len(data.cases)}件，其中"
            + "、".join(f"{k}{v}件" for k, v in kinds.items()) + f"。主要有：{listing}。"]


def _criticism(data: BulletinData, number: str) -> list[str]:
    report, due = data.report, data.report.due
    missing, late = report.units_missing(), report.units_late()
    if not (missing or late):
        return [f"{number}、报送情况", "本月各单位均按时报送进展情况，予以肯定。"]
    text = ""
    if missing:
        text += f"截至{due.month}月{due.day}日报送时限，{'、'.join(u.name for u in missing)}未报送进展情况；"
    if late:
        text += f"{'、'.join(u.name for u in late)}逾期报送；"
    return [f"{number}、通报批评", text + "现予以通报批评，请上述单位高度重视，立即整改。"]


def _ranking(data: BulletinData, number: str) -> list[str]:
    if not data.scores:
        return []
    best = "、".join(f"{s.unit_name}（{s.score:g}分）" for s in data.scores[:3])
    worst = "、".join(f"{s.unit_name}（{s.score:g}分）" for s in data.scores[-3:][::-1])
    return [f"{number}、考核排名", f"按照考核打分规则，本月得分靠前的单位是{best}；"
                                 f"得分靠后的单位是{worst}。详见附件。"]


def statistics_table(data: BulletinData) -> Table:
    """Per unit: reports owed, on time, late, missing; score and rank."""
    scores = {s.unit_id: s for s in data.scores}
    rows = []
    for i, unit in enumerate(sorted(data.report.units, key=lambda u: -u.states[MISSING]), start=1):
        score = scores.get(unit.unit_id)
        rows.append([str(i), unit.name, str(unit.owed), str(unit.states[ON_TIME]),
                     str(unit.states[LATE]), str(unit.states[MISSING]),
                     f"{score.score:g}" if score else "", str(score.rank) if score else ""])
    return Table(["序号", "单位", "应报", "按时", "逾期", "未报", "得分", "排名"], rows,
                 [12, 62, 14, 14, 14, 14, 14, 12])


def bulletin_content(data: BulletinData, meta: DocMeta) -> Gongwen:
    """The monthly 通报."""
    month = month_label(data.report.period)
    body = [f"按照《{data.plan.title}》要求，现将{month}各单位专项治理工作进展情况通报如下。"]
    body += _overview(data) + _domains(data) + _targets(data)
    n = 4 if data.targets else 3
    for part in (_cases, _criticism, _ranking):
        blocks = part(data, cn_number(n))
        if blocks:
            body += blocks
            n += 1
    body += [f"{cn_number(n)}、下步工作要求", meta.requirements or propose_requirements(data)]
    attachment = Attachment("附件", f"{month}各单位进展报送情况统计表", [statistics_table(data)])
    return meta.gongwen(bulletin_title(data), body, [attachment], "各有关单位")
