"""月度进展情况通报: how the tasks stand and how the month's reports came in (two things),
each domain's progress with its figures and lagging tasks, targets, typical cases, units named
for late or missing reports, the ranking with ties, next month's requirements, and the
statistics table as its attachment."""

from __future__ import annotations

from collections import Counter

from exporters.doc_common import DocMeta, cn_number
from exporters.doc_text import (
    date_text,
    day_text,
    figures,
    full_width,
    kinds_phrase,
    names,
    quoted,
    quoted_task,
    ranking_sentence,
    shorten,
    statuses,
)
from exporters.gongwen import Attachment, Gongwen, Table
from models.cycle import (
    CLOSED,
    LATE,
    MISSING,
    NOT_DUE,
    ON_TIME,
    add_months,
    month_label,
    points_text,
)
from models.doc_records import BulletinData, DomainProgress
from models.entries import CASE_KINDS
from models.plan_names import campaign_name
from models.records import COMPARATOR_LABELS

CASES_NAMED = 5  # cases a 通报 or 总结报告 names before it says 等N件
LAGGING_NAMED = 3  # lagging tasks of a domain said with why
# what the status words mean, said once in the overview for the words it uses
STATUS_NOTES = {"已完成": "已完成指各责任单位均已报告完成、尚待审核办结",
                CLOSED: "已办结指经审核办结销号",
                "滞后": "滞后指完成时限已过仍未全部完成，或责任单位报告进度滞后"}


def bulletin_title(data: BulletinData) -> str:
    """关于2020年12月诚信缺失突出问题专项治理行动进展情况的通报."""
    return f"关于{month_label(data.report.period)}{campaign_name(data.plan.title)}进展情况的通报"


def propose_requirements(data: BulletinData) -> str:
    """Next month's requirements, proposed from the ledger (the office edits them)."""
    lines = []
    missing = data.report.units_missing()
    if missing:
        lines.append(f"请{names([u.name for u in missing])}尽快补报{month_label(data.report.period)}进展情况")
    for task in data.coming[:5]:
        when = task.extended_to or task.deadline
        lines.append(f"{quoted_task(task.title)}将于{int(when[5:7])}月{int(when[8:])}日到期，请责任单位抓紧推进、按时完成")
    if data.next_due:
        coming = month_label(add_months(data.report.period, 1))
        lines.append(f"各单位于{day_text(data.next_due)}前报送{coming}进展情况，同时按规范格式报送典型案例")
    else:  # the 报送期 ends with this month: say what comes next instead of another month
        lines.append(f"本方案的月度进展报送至{month_label(data.report.period)}结束，此后不再报送月度进展情况")
        summary = data.plan.summary_due
        if summary and summary > data.report.due.isoformat():
            lines.append(f"请各单位按照方案要求，于{date_text(summary)}前报送专项治理工作总结")
    return "；".join(lines) + "。"


def _overview(data: BulletinData) -> list[str]:
    report = data.report
    leaves = Counter()
    for domain in data.domains:
        leaves.update(domain.task_counts)
    states = report.state_counts()
    owed = sum(v for k, v in states.items() if k != NOT_DUE)
    month = month_label(report.period)
    notes = [note for status, note in STATUS_NOTES.items() if leaves.get(status)]
    # 已完成 and 已办结 side by side need telling apart; 滞后 always does
    if not (leaves.get("已完成") and leaves.get(CLOSED)):
        notes = [note for note in notes if note.startswith("滞后")]
    tasks = (f"截至{month}，本方案{sum(leaves.values())}项具体任务中，{statuses(leaves)}"
             + (f"（{'；'.join(notes)}）" if notes else "") + "。")
    owing = report.units_owing()
    rate = f"，按时报送率{states[ON_TIME] * 100 / owed:.1f}%" if owed else ""
    reports = (f"本月{len(owing)}个单位应报送进展情况{owed}项，按时报送{states[ON_TIME]}项，"
               f"逾期报送{states[LATE]}项，未报送{states[MISSING]}项{rate}。")
    on_time, late, missing = report.units_by_worst()
    if not owed:  # tasks closed or without units: nothing to praise or criticise
        reports = "本月没有应报送的进展情况。"
    elif not (late or missing):
        reports += "各单位均按时报送。"
    else:
        parts = [f"{len(on_time)}个单位按时报齐" if on_time else "",
                 f"{len(late)}个单位报齐但有逾期" if late else "",
                 f"{len(missing)}个单位仍有未报送事项" if missing else ""]
        reports += "其中，" + "，".join(p for p in parts if p) + "。"
    return ["一、总体情况", tasks, reports]


def lagging_sentences(domain: DomainProgress, limit: int = LAGGING_NAMED) -> str:
    """Why each lagging task lags (deadline passed, units reporting 滞后) and what one of its
    units said; a domain that is itself the task is 该项任务. Past `limit`, the others are
    named (另有“…”等N项任务进度滞后), never only counted."""
    said = domain.lagging if len(domain.lagging) <= limit + 1 else domain.lagging[:limit]
    text = ""
    for lag in said:
        subject = "该项任务" if lag.title == domain.task.title else quoted_task(lag.title)
        units = names(lag.units, 4)
        if lag.deadline:
            text += f"{subject}完成时限{date_text(lag.deadline)}已过，尚未全部完成" + (
                f"，{units}报告进度滞后" if lag.units else "")
        else:
            text += f"{units}报告{subject}进度滞后"
        if lag.problems:
            unit, problem = lag.problems[0]
            text += f"，{'并' if lag.units == [unit] else unit}反映{shorten(problem)}"
        text += "。"
    rest = domain.lagging[len(said):]
    if rest:
        text += f"另有{names([quoted_task(lag.title) for lag in rest], 2, '项任务')}进度滞后。"
    return text


def _domain_paragraph(index: int, domain: DomainProgress) -> str:
    head = f"（{cn_number(index)}）{full_width(domain.task.title).rstrip('。')}。"
    count = sum(domain.task_counts.values())
    if count > 1:
        head += f"本领域{count}项任务中，{statuses(domain.task_counts)}。"
    elif count == 1 and not domain.lagging:  # a lagging task is said below, with why
        head += f"该项任务{statuses(domain.task_counts).removesuffix('1项')}。"
    if domain.reports:
        said = figures(domain.totals)
        head += f"本月{len({u for u, _, _ in domain.reports})}个单位报送进展" + (f"，{said}" if said else "") + "。"
    else:
        head += "本月未收到进展报送。"
    done: dict[str, list[str]] = {}
    for title, unit in domain.completed:
        done.setdefault(title, []).append(unit)
    finished = [f"{names(units, 3)}报告{'该项任务' if title == domain.task.title else quoted_task(title)}已完成"
                for title, units in list(done.items())[:2]]
    if finished:
        head += "；".join(finished) + "。"
    return head + lagging_sentences(domain)


def _domains(data: BulletinData) -> list[str]:
    return ["二、各领域进展情况"] + [_domain_paragraph(i, d) for i, d in enumerate(data.domains, start=1)]


def target_sentences(targets: list) -> str:
    """已达标的… 未达标的… and the targets without data said once. A metric several tasks
    share is named with its task."""
    shared = Counter(t.metric for t in targets)

    def name(t) -> str:
        return f"{quoted(t.task_label.lstrip('0123456789.、（）()一二三四五六七八九十'))}的{t.metric}" \
            if shared[t.metric] > 1 else t.metric

    def one(t) -> str:
        return (f"{name(t)}{t.value:g}{t.measure_unit}"
                f"（目标{COMPARATOR_LABELS[t.comparator]}{t.threshold:g}{t.measure_unit}）")
    met = [one(t) for t in targets if t.value is not None and t.met]
    missed = [one(t) for t in targets if t.value is not None and not t.met]
    unknown = [name(t) for t in targets if t.value is None]
    parts = [f"共设定目标指标{len(targets)}项"]
    if met:
        parts.append(f"已达标{len(met)}项：{'；'.join(met)}")
    if missed:
        parts.append(f"未达标{len(missed)}项：{'；'.join(missed)}")
    text = "。".join(parts) + "。"
    if unknown:
        text += f"另有{len(unknown)}项指标暂无数据（{'；'.join(dict.fromkeys(unknown))}），暂无数据的指标不作评价。"
    return text


def _targets(data: BulletinData) -> list[str]:
    return ["三、目标任务完成情况", target_sentences(data.targets)] if data.targets else []


def case_sentence(cases: list, when: str) -> str:
    """本月共收到典型案例3件，其中失信惩戒2件、守信激励1件。主要有：…"""
    if not cases:
        return f"{when}未收到典型案例报送。"
    # listed kind by kind, in the order the counts are said: “其中守信激励1件、失信惩戒1件，分别是”
    order = {kind: i for i, kind in enumerate(CASE_KINDS)}
    cases = sorted(cases, key=lambda row: order.get(row[0].kind, len(order)))
    shown = cases if len(cases) <= CASES_NAMED + 1 else cases[:CASES_NAMED]  # never 等7件 after 6
    listing = "；".join(f"{unit or '未注明单位'}报送的{quoted(c.title)}" for c, unit, _ in shown)
    if len(cases) == 1:
        return f"{when}收到典型案例1件（{cases[0][0].kind}），为{listing}。"
    if len(shown) == len(cases):
        return f"{when}共收到典型案例{len(cases)}件，其中{kinds_phrase(cases)}，分别是：{listing}。"
    return (f"{when}共收到典型案例{len(cases)}件，其中{kinds_phrase(cases)}。主要有：{listing}"
            f"等{len(cases)}件。")


def _cases(data: BulletinData, number: str) -> list[str]:
    return [f"{number}、典型案例", case_sentence(data.cases, "本月")]


def _criticism(data: BulletinData, number: str) -> list[str]:
    report = data.report
    _on_time, late_only, missing = report.units_by_worst()
    if not report.rows:
        return []
    if not (missing or late_only):
        return [f"{number}、报送情况", "本月各单位均按时报送进展情况，予以通报表扬。"]
    parts = []
    if missing:
        listed = "、".join(f"{u.name}（未报{u.states[MISSING]}项）" for u in missing)
        parts.append(f"截至{day_text(report.due)}报送时限，{listed}未报送进展情况")
    if late_only:
        parts.append(f"{names([u.name for u in late_only], 12)}逾期报送")
    return [f"{number}、通报批评", "；".join(parts) + "。现予以通报批评，请上述单位高度重视，立即整改。"]


def _ranking(data: BulletinData, number: str) -> list[str]:
    if not data.scores:
        return []
    return [f"{number}、考核排名", f"按照考核打分规则，本月{ranking_sentence(data.scores)}。详见附件。"]


def statistics_table(data: BulletinData) -> Table:
    """Per unit: reports owed, on time, late, missing; the points taken off (逾期, 未报) and
    added (cases, targets met), so a score explains itself; score and rank (tied units share
    a rank: 1, 2, 2, 4)."""
    scores = {s.unit_id: s for s in data.scores}
    rows = []
    def order(unit):  # most missing first, then most late, then by score: the rows read as criticised
        score = scores.get(unit.unit_id)
        return -unit.states[MISSING], -unit.states[LATE], score.rank if score else 0

    for i, unit in enumerate(sorted(data.report.units, key=order), start=1):
        score = scores.get(unit.unit_id)
        off, added = score_parts(score) if score else ("", "")
        rows.append([str(i), unit.name, str(unit.owed), str(unit.states[ON_TIME]),
                     str(unit.states[LATE]), str(unit.states[MISSING]), off, added,
                     points_text(score.score).removesuffix("分") if score else "",
                     str(score.rank) if score else ""])
    return Table(["序号", "单位", "应报", "按时", "逾期", "未报", "扣分", "加分", "得分", "排名"], rows,
                 [10, 50, 12, 12, 12, 12, 12, 12, 12, 12])


def score_parts(score) -> tuple[str, str]:
    """The points a month's score took off (逾期, 未报) and added (按时, 典型案例, 指标达标), as
    the table shows them: "-2", "+3", "0"."""
    detail = score.detail
    off = sum(v for k, v in detail.items() if k in ("late", "missing") and v < 0)
    added = sum(v for k, v in detail.items() if k in ("on_time", "case", "target_met") and v > 0)
    return f"{off:g}", (f"+{added:g}" if added else "0")


def score_note(data: BulletinData) -> str:
    """What the table's 扣分 and 加分 are — by the rules the month is scored by, the items that
    count — with the base the score starts from."""
    base = next((s.detail["base"] for s in data.scores if "base" in s.detail), None)
    start = f"得分为基础分（{base:g}分）与扣分、加分之和。" if base is not None else ""
    rules = data.rules
    if not rules:
        return f"注：扣分为逾期报送和未报送扣分，加分为按时报送、报送典型案例和指标达标加分；{start}"
    items = (("逾期报送每项", "late"), ("未报送每项", "missing"), ("按时报送每项", "on_time"),
             ("报送典型案例每件", "case"), ("指标达标每项", "target_met"))
    off = [f"{what}扣{-rules[key]:g}分" for what, key in items if rules.get(key, 0) < 0]
    on = [f"{what}加{rules[key]:g}分" + ("（最多加{:g}分）".format(rules["case_cap"])
                                      if key == "case" and rules.get("case_cap") else "")
          for what, key in items if rules.get(key, 0) > 0]
    said = "；".join(part for part in (f"扣分为{'、'.join(off)}" if off else "",
                                        f"加分为{'、'.join(on)}" if on else "") if part)
    return f"注：{said}；{start}" if said else f"注：{start}"


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
    note = [score_note(data)] if data.scores else []
    attachment = Attachment("附件", f"{month}各单位进展报送情况统计表", [statistics_table(data), *note])
    return meta.gongwen(bulletin_title(data), body, [attachment], "各有关单位")
