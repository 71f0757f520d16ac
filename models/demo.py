"""The demo ledger: the five sample plans with plausible reporting for every month they owe.

Reproducible (a fixed random seed); some reports arrive late and some never, a few units
lag behind on purpose, so 催报 and 通报批评 have something to say. Each city's units stay its
own (their region).
"""

from __future__ import annotations

import calendar
import random
import re
from datetime import date, timedelta

from models.cycle import month_end, months_between
from models.entries import Case, ListEntry, Progress
from models.identifiers import id_check_char, uscc_check_char
from models.plan_draft import PlanDraft

SEED = 20201120
REGION_CODES = {"杭州": "330100", "兰州": "620100", "临汾": "141000", "辽宁": "210100", "营口": "210800"}
_WORDS = ("恒信", "诚泰", "正和", "金诺", "安达", "宏远", "信达", "永诚", "众和", "华晟", "鼎盛", "博远")
_TRADES = ("建筑劳务", "网络科技", "医药连锁", "运输", "旅行社", "商贸", "环保科技", "教育咨询", "餐饮管理")
_PROBLEMS = ("部分失信主体已注销或无法联系，整改推进难度较大", "跨部门信息共享不够及时，数据比对存在滞后",
             "基层执法力量不足，排查覆盖面有待扩大", "部分企业对失信惩戒认识不足，整改主动性不强",
             "信用修复政策宣传不够，主体参与积极性不高")
# Problems and next steps naming the domain (…涉及主体多…), so each plan's units say their own.
_DOMAIN_PROBLEMS = ("{kw}涉及主体多、分布散，排查核实工作量大", "{kw}线索来源单一，主动发现问题的手段不多",
                    "{kw}相关主体整改意愿不强，个别问题反复出现")
_NEXT = ("继续加大排查力度，确保专项治理全覆盖", "加强与相关部门的信息共享和联合惩戒",
         "及时总结典型做法，按规范格式报送典型案例", "督促失信主体限期整改，引导开展信用修复",
         "完善长效机制，巩固专项治理成效")
_DOMAIN_NEXT = ("针对{kw}开展“回头看”，防止问题反弹", "梳理{kw}典型问题，形成可复制的工作经验")
_DOMAIN_CASES = (("工资", "拖欠农民工工资"), ("诈骗", "参与电信网络诈骗"), ("药", "销售假药"),
                 ("环境", "超标排放污染物"), ("税", "虚开增值税发票"), ("游", "组织“不合理低价游”"),
                 ("保险", "骗取社会保险基金"), ("法院", "拒不履行生效判决"), ("交通", "严重超限超载运输"),
                 ("考试", "组织考试作弊"), ("医疗", "非法行医"), ("金融", "违规开展网络借贷"))
_REWARDS = ("连续三年纳税信用A级", "获评市级“守合同重信用”企业", "信用修复后主动公开信用承诺")


def month_after(day: date, months: int) -> str:
    """The report month `months` after the month of `day`, as YYYY-MM."""
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _due(period: str, report_day: int) -> date:
    year, month = int(period[:4]), int(period[5:])
    return date(year, month, min(report_day, calendar.monthrange(year, month)[1]))


def make_uscc(rng: random.Random, region: str) -> str:
    """A made-up 统一社会信用代码 with a correct check character."""
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + REGION_CODES.get(region, "110100") + "".join(rng.choice(charset) for _ in range(9))
    return body + uscc_check_char(body)


def make_id_number(rng: random.Random, region: str) -> str:
    """A made-up 身份证号码 with a correct check character."""
    born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 15000))
    body = REGION_CODES.get(region, "110100")[:4] + "02" + born.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return body + id_check_char(body)


def _start_of(ledger, plan) -> date:
    if plan.date:
        return date.fromisoformat(plan.date)
    deadlines = [t.deadline for t in ledger.tasks(plan.id) if t.deadline]
    first = date.fromisoformat(min(deadlines)) if deadlines else date(2018, 8, 1)
    return date(first.year, first.month, 1) - timedelta(days=70)


# What the demo office set in 报送设置: the 任务分解表 (seed 003) has no issue date, so its
# first month is set by hand; the 临汾 plan's units went on reporting until February 2021.
_OFFICE_SPAN = {"市推进社会信用体系建设有关重点工作任务分解表": ("2018-09", None),
                "关于开展诚信缺失突出问题专项治理行动的实施方案": (None, "2021-02")}


def build_demo(ledger, drafts: list[PlanDraft], *, seed: int = SEED) -> str:
    """Save the plans and invent reports for every month of their 报送期, cases and list entries."""
    rng = random.Random(seed)
    ledger.set_settings({"office_name": "示例市社会信用体系建设领导小组办公室",
                         "issuer_mark": "示例市社会信用体系建设领导小组办公室文件", "doc_prefix": "示信办",
                         "signer": "王某某"})
    totals = {"progress": 0, "late": 0, "missing": 0, "cases": 0, "entries": 0}
    for draft in drafts:
        existing = ledger.find_plan(draft)
        plan = ledger.get(type(existing), existing.id) if existing else None
        plan_id = ledger.apply_plan(draft, update=plan).plan_id
        plan = next(p for p in ledger.plans() if p.id == plan_id)
        _contacts(ledger, plan, rng)
        if plan.title in _OFFICE_SPAN:
            ledger.set_report_months(plan.id, *_OFFICE_SPAN[plan.title])
        _reports(ledger, plan, rng, totals)
        _events(ledger, plan)
        _cases_and_lists(ledger, plan, rng, totals)
    totals["cases"] += _unassigned_case(ledger, rng)
    merged = _merge_duplicates(ledger)
    return (f"方案 {ledger.count('plans')} 份，任务 {ledger.count('tasks')} 项，单位 {ledger.count('units')} 个；"
            f"进展 {totals['progress']} 条（其中逾期 {totals['late']} 条），未报 {totals['missing']} 处；"
            f"典型案例 {totals['cases']} 件，红黑名单 {totals['entries']} 条；"
            f"合并同一单位的不同写法 {merged} 组。")


def _merge_duplicates(ledger) -> int:
    """What an office does once, before it ranks: merge the units whose names plainly are one
    agency (人民银行… / 中国人民银行…, 市人社局 / 市人力资源和社会保障局), the fuller name kept."""
    merged = 0
    while pair := next((p for p in ledger.likely_duplicates() if p.by_name), None):
        keep, drop = pair.kept_first()  # found again after each merge: a third spelling joins too
        ledger.merge_units(keep.id, drop.id)
        merged += 1
    return merged


_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
_AREA_CODES = {"杭州": "0571", "兰州": "0931", "临汾": "0357", "辽宁": "024", "营口": "0417"}


def _contacts(ledger, plan, rng: random.Random) -> None:
    """Give the plan's units a (made-up) liaison and phone, as the unit directory would have."""
    from models.records import Unit

    for unit in ledger.units(plan.region or ""):
        if unit.contact_person:
            continue
        unit = ledger.get(Unit, unit.id)
        unit.contact_person = rng.choice(_SURNAMES) + "某某"
        unit.phone = f"{_AREA_CODES.get(plan.region or '', '010')}-{rng.randint(2000000, 8999999)}"
        ledger.save(unit)


def _reports(ledger, plan, rng: random.Random, totals: dict) -> None:
    """Every month of the plan's 报送期: each unit's status moves on from its last one
    (未启动 → 推进中 → 已完成, a few 滞后, mostly from two laggard units)."""
    months = _span_months(ledger, plan)
    report_day = plan.report_day or ledger.setting("report_day")
    unit_ids = sorted({u["id"] for _, u, _ in ledger.obligations(plan.id, months[0])}) if months else []
    laggards = set(rng.sample(unit_ids, k=min(2, len(unit_ids))))
    last: dict[tuple[int, int], str] = {}
    tasks = {t.id: t for t in ledger.tasks(plan.id)}
    titles = {t.id: t.title for t in tasks.values()}
    roots = {}
    for task in tasks.values():  # the domain each measure is under
        root = task
        while root.parent_id:
            root = tasks[root.parent_id]
        roots[task.id] = root.id
    reports = []
    for index, period in enumerate(months):
        due = _due(period, report_day)
        share = (index + 1) / len(months)
        for task, unit, _role in ledger.obligations(plan.id, period):
            fate = rng.random() + (0.25 if unit['id'] in laggards else 0)
            if fate > (0.97 if index < len(months) - 1 else 0.94):  # stragglers in the latest month
                totals["missing"] += 1
                continue
            late = fate > 0.86
            received = due + timedelta(days=rng.randint(1, 9)) if late else \
                due - timedelta(days=rng.randint(0, 12))
            totals["late"] += late
            key = (task.id, unit['id'])
            last[key] = _next_status(last.get(key), share, unit['id'] in laggards, rng)
            reports.append(_report(task, unit, period, last[key], received, rng,
                                   _keyword(titles[task.id]) or _keyword(titles[roots[task.id]])))
    totals["progress"] += len(reports)
    ledger.put_progress(reports, source=f"演示数据：{plan.title}")


def _span_months(ledger, plan) -> list[str]:
    span = ledger.report_span(plan.id)
    return months_between(span.first, span.last) if span.first else []


def _next_status(before: str | None, share: float, laggard: bool, rng: random.Random) -> str:
    if before == "已完成":
        return before
    if rng.random() < (0.3 if laggard else 0.03):
        return "滞后"
    if before in (None, "未启动"):
        return "推进中" if rng.random() < 0.75 else "未启动"
    return "已完成" if rng.random() < 0.7 * share * share else "推进中"


def _keyword(title: str) -> str | None:
    """开展拖欠工资问题专项治理 → 拖欠工资问题; None when what is left is too long to name."""
    words = re.sub(r"^(深入|全面)?(开展|推进|加强|实施)", "", title.split("，")[0])
    words = re.sub(r"(专项治理行动|专项治理|专项整治|专项行动|治理)$", "", words)
    return words if 2 <= len(words) <= 12 else None


def _report(task, unit, period: str, status: str, received: date, rng: random.Random,
            keyword: str | None) -> Progress:
    # drawn for every report, so the rest of the demo stays the same whatever a task asks
    checked = rng.randint(8, 60)
    fixed = int(checked * rng.uniform(0.55, 0.97))
    numbers = _numbers(task.numbers_asked, checked, fixed, rng)
    sentence = (task.text or task.title).replace("\n", "").split("。")[0][:36]
    text = f"{unit['name']}围绕{task.title}，按照{sentence}的要求" + (
        f"组织开展专项检查，本月排查{checked}家（次），督促整改{fixed}个。" if numbers
        else "细化工作措施，明确责任分工，推进各项工作落实。")
    problems = None
    if status == "滞后" or rng.random() < 0.3:
        problems = rng.choice(_DOMAIN_PROBLEMS).format(kw=keyword) if keyword and rng.random() < 0.6 \
            else rng.choice(_PROBLEMS)
    next_steps = rng.choice(_DOMAIN_NEXT).format(kw=keyword) if keyword and rng.random() < 0.4 \
        else rng.choice(_NEXT)
    return Progress(task_id=task.id, unit_id=unit['id'], period=period, status=status, text=text,
                    problems=problems, next_steps=next_steps,
                    numbers=numbers, received_on=received.isoformat(),
                    source_file=f"{unit['name']}-{period}.xlsx")


def _numbers(asked: list[str], checked: int, fixed: int, rng: random.Random) -> dict[str, float]:
    """The numbers a task asks for (none when it asks none): 排查数 and 整治数 as the text
    says them, any other count made up."""
    known = {"排查数": checked, "整治数": fixed}
    return {name: known[name] if name in known else rng.randint(1, 20) for name in asked}


def _cases_and_lists(ledger, plan, rng: random.Random, totals: dict) -> None:
    region = plan.region or ""
    tasks = [t for t in ledger.tasks(plan.id)]
    months = _span_months(ledger, plan)
    day_in = lambda n, of: date.fromisoformat(months[n * len(months) // of] + "-01")  # noqa: E731
    groups = ledger.group_members()
    reporters = [u for t in tasks for u, _ in ledger.task_units(t.id) if u.id not in groups]
    cases, entries = [], []
    for n in range(7):
        task = rng.choice(tasks)
        units = [u for u, _ in ledger.task_units(task.id) if u.id not in groups] or reporters
        unit = rng.choice(units) if units else None
        behaviour = next((b for k, b in _DOMAIN_CASES if k in task.title), "严重失信")
        kind = rng.choices(("失信惩戒", "守信激励", "行政奖励", "其他"), weights=(55, 25, 15, 5))[0]
        person = kind == "失信惩戒" and n % 4 == 3
        name = f"{region}某某（自然人）" if person else \
            f"{region}{rng.choice(_WORDS)}{rng.choice(_TRADES)}有限公司"
        day = day_in(n, 7) + timedelta(days=rng.randint(2, 25))
        reward = rng.choice(_REWARDS)
        cases.append(Case(
            kind=kind, title=f"{name}{behaviour if kind == '失信惩戒' else reward}案"[:60],
            task_id=task.id, subject_name=name, subject_type="自然人" if person else "法人及其他组织",
            subject_code=make_id_number(rng, region) if person else make_uscc(rng, region),
            behaviour=f"经查，该主体{behaviour}，情节严重。" if kind == "失信惩戒" else f"该主体{reward}。",
            basis="《关于对失信被执行人实施联合惩戒的合作备忘录》" if kind == "失信惩戒"
            else "《关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》",
            measures="列入失信联合惩戒对象名单，限制参与政府采购、评优评先" if kind == "失信惩戒"
            else "在行政审批中给予“绿色通道”，优先推荐“信易贷”",
            implementing_units=unit.name if unit else None, occurred_on=day.isoformat(),
            publicity_site=f"信用中国（{region}）", publicity_date=(day + timedelta(days=5)).isoformat(),
            outcome="主体已完成整改并作出信用承诺" if rng.random() < 0.5 else "已形成震慑，相关领域投诉下降",
            unit_id=unit.id if unit else None, plan_id=plan.id))
    for n in range(8):
        unit = rng.choice(reporters) if reporters else None
        listed = day_in(n, 8) + timedelta(days=rng.randint(0, 27))
        kind = rng.choices(("黑名单", "红名单", "重点关注名单"), weights=(55, 30, 15))[0]
        entries.append(ListEntry(
            list_kind=kind, subject_name=f"{region}{rng.choice(_WORDS)}{rng.choice(_TRADES)}有限公司",
            scope="全国" if rng.random() < 0.4 else "地方", subject_code=make_uscc(rng, region),
            reason="拖欠农民工工资" if kind == "黑名单" else ("纳税信用A级" if kind == "红名单" else "多次被投诉"),
            unit_id=unit.id if unit else None, listed_on=listed.isoformat(),
            removed_on=(listed + timedelta(days=60)).isoformat() if n == 5 else None,
            repair_status=rng.choice(("未修复", "已作出信用承诺", "已参加信用修复培训", "已接受约谈"))
            if kind != "红名单" else None, plan_id=plan.id))
    totals["cases"] += ledger.add_cases(cases, source=f"演示数据：{plan.title}")
    totals["entries"] += ledger.add_list_entries(entries, source=f"演示数据：{plan.title}")


def _events(ledger, plan) -> None:
    """The office closes (办结) some of the tasks every unit finished, a few days after the
    last month's due date; a lagging task whose deadline falls before the end gets a 延期."""
    months = _span_months(ledger, plan)
    if not months:
        return
    due = _due(months[-1], plan.report_day or ledger.setting("report_day"))
    report = ledger.month_report(plan.id, months[-1], due + timedelta(days=5))
    finished = [t for t in ledger.leaf_tasks(plan.id) if report.task_status[t.id] == "已完成"]
    for task in finished[:4]:  # the office has not got round to the others yet
        ledger.close_task(task.id, (due + timedelta(days=3)).isoformat(), "各责任单位均已完成")
    last_day = month_end(months[-1]).isoformat()
    for task in ledger.leaf_tasks(plan.id):
        if report.task_status[task.id] == "滞后" and task.deadline and task.deadline < last_day:
            units = ledger.task_units(task.id)
            ledger.extend_task(task.id, unit_id=units[0][0].id if units else None, new_deadline=last_day,
                               reason="涉及跨部门核查，需延长整改时间", on=task.deadline)
            break


def _unassigned_case(ledger, rng: random.Random) -> int:
    """A case typed in before cases were filed under plans: the office still has to assign it."""
    unit = ledger.units("辽宁")[0] if ledger.units("辽宁") else None
    return ledger.add_cases([Case(
        kind="守信激励", title="辽宁诚泰医药连锁有限公司连续三年纳税信用A级案", subject_name="辽宁诚泰医药连锁有限公司",
        subject_type="法人及其他组织", subject_code=make_uscc(rng, "辽宁"), behaviour="该主体连续三年纳税信用A级。",
        measures="在行政审批中给予“绿色通道”", occurred_on="2018-10-16",
        unit_id=unit.id if unit else None)], source="演示数据：未归入方案的案例")

