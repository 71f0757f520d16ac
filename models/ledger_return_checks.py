"""Ledger part: whether a returned template may be taken — made by this ledger (its id, and a
check code only this ledger's secret makes), for a unit whose name still matches its id, for
the plan's tasks — and whether its month needs the office's confirmation (not the month
being collected, or a month already imported from an earlier file)."""

from __future__ import annotations

import json
from datetime import date

from models.cycle import month_label
from models.records import Plan
from models.returns import Problem, ReturnFile, collected_period, file_name, template_check_code
from models.unitnames import unit_key


def short_id(ledger_id: str) -> str:
    """The first eight digits of a ledger id, as shown to people."""
    return (ledger_id or "无")[:8]


def _shown_unit_notes(shown: list[str], keys: set[str], unit_name: str) -> list[str]:
    """A unit named on the sheets that is not the template's (its ids decide where the rows
    go): most likely another unit filled in this unit's file, which the office should know."""
    return [f"文件中写的单位是“{name}”，模板属于“{unit_name}”，已按模板导入“{unit_name}”。"
            "请核实是否为其他单位误用了这份模板（误用的，请该单位用自己的模板重新填报）。"
            for name in shown if unit_key(name) and unit_key(name) not in keys]


class ReturnChecks:
    """Identity, unit, tasks and month of returned templates."""

    def ledger_identity(self) -> tuple[str, str]:
        """This ledger's own random id and its secret (the key of every check code)."""
        return tuple(self.db.execute("SELECT id, secret FROM ledger_identity ORDER BY rowid LIMIT 1").fetchone())

    def check_return(self, parsed: ReturnFile) -> list[Problem]:
        """What in a returned file does not fit this ledger: which ledger made it, its unit,
        its ids, its tasks. Once it fits, `parsed` names the unit as the ledger does (a unit
        merged since into another is taken as the other, said in a note)."""
        if parsed.problems or parsed.plan_id is None:
            return []
        ledger_id, secret = self.ledger_identity()
        theirs = parsed.ids.get("ledger_id", "")
        if theirs != ledger_id:
            office = self.setting("office_name") or "本台账"
            other = parsed.ids.get("ledger_name") or "另一本台账"
            return [Problem(f"这份模板是另一本台账（{other}，标识 {short_id(theirs)}）生成的，不是本台账"
                            f"（{office}，标识 {short_id(ledger_id)}）生成的：其中的“{parsed.unit_name}”"
                            "和任务编号在本台账中对应不上，已拒绝。请确认打开的是正确的台账，"
                            "或向该单位重新下发本台账生成的模板。")]
        unit_id = self._unit_now(parsed.unit_id)
        unit = self.db.execute("SELECT name FROM units WHERE id = ?", [unit_id]).fetchone()
        plan = self.db.execute("SELECT 1 FROM plans WHERE id = ?", [parsed.plan_id]).fetchone()
        if plan is None or unit is None:
            return [Problem("这份模板所属的方案或单位已从本台账中删除，无法导入。")]
        if not self._names_unit(parsed.unit_name, parsed.unit_id, unit_id, unit[0]):
            return [Problem(f"模板标识中的单位名称是“{parsed.unit_name}”，但它的单位编号在本台账中是“{unit[0]}”："
                            "标识被改动过，无法确认这些内容属于哪个单位，已拒绝。"
                            "请该单位用下发的原模板重新填报。")]
        if template_check_code(secret, parsed.ids, parsed.domains) != parsed.signature:
            return [Problem("模板的隐藏标识被改动过（校验码不符），无法确认它属于哪个单位、哪个月。"
                            "请该单位用下发的原模板重新填报。")]
        keys = self._unit_keys(parsed.unit_id, unit_id, unit[0])
        problems = self._file_name_problem(parsed.name, unit[0], keys)
        if not problems and unit_id != parsed.unit_id:
            parsed.notes.append(f"模板发给的“{parsed.unit_name}”已并入“{unit[0]}”，按“{unit[0]}”导入。")
        parsed.notes += [n for n in _shown_unit_notes(parsed.shown_units, keys, unit[0])
                         if n not in parsed.notes]  # the preview checks a file again and again
        parsed.unit_id, parsed.unit_name = unit_id, unit[0]
        valid = {r[0] for r in self.db.execute("SELECT id FROM tasks WHERE plan_id = ?", [parsed.plan_id])}
        for row in parsed.progress:
            if row.task_id not in valid:
                problems.append(Problem("该行的任务已不在方案中，请使用本月下发的新模板。",
                                        "进展情况", row.row, "A"))
        return problems

    def _names_unit(self, name: str, template_id: int, unit_id: int, unit_name: str) -> bool:
        """True when a template's unit name is one of its unit's names."""
        return unit_key(name) in self._unit_keys(template_id, unit_id, unit_name)

    def _unit_keys(self, template_id: int, unit_id: int, unit_name: str) -> set[str]:
        """A unit's names as keys: today's, its aliases, names it had before the office renamed
        it (in the audit log), and the name the template's unit had before it was merged in."""
        keys = {unit_key(unit_name), *(unit_key(a) for a in self.unit_aliases(unit_id))}
        keys |= {unit_key(r[0]) for r in self.db.execute(
            "SELECT dropped_name FROM unit_merges WHERE dropped_id = ?", [template_id])}
        for (old,) in self.db.execute("SELECT old FROM audit_log WHERE table_name = 'units' "
                                      "AND row_id IN (?, ?) AND old LIKE '%\"name\"%'", [unit_id, template_id]):
            former = json.loads(old).get("name")
            if isinstance(former, str):
                keys.add(unit_key(former))
        return keys - {""}

    def _unit_now(self, unit_id: int) -> int:
        """The unit a template's unit is today: itself, or the unit it was merged into."""
        row = self.db.execute("SELECT kept_id FROM unit_merges WHERE dropped_id = ?", [unit_id]).fetchone()
        return row[0] if row else unit_id

    def _file_name_problem(self, file_name: str, unit_name: str, own: set[str]) -> list[Problem]:
        """A file named after another unit most likely holds that unit's work in the wrong
        template (units copy a colleague's file): refuse rather than credit the wrong unit."""
        stem = unit_key(file_name.rsplit(".", 1)[0])
        if any(k in stem for k in own):
            return []
        named = [r[0] for r in self.db.execute("SELECT name FROM units")
                 if unit_key(r[0]) and unit_key(r[0]) in stem and unit_key(r[0]) not in own]
        if not named:
            return []
        other = max(named, key=len)
        return [Problem(f"文件名写的是“{other}”，模板却是“{unit_name}”的：可能用错了其他单位的模板。"
                        f"请“{other}”用本单位的模板重新填报。")]

    def _collecting(self, plan_id: int, received_on: str) -> tuple[str, str]:
        """The month a plan collects on the day a file arrives, kept within its 报送期 (after
        its last month, that month), and how to say it."""
        plan, span = self.get(Plan, plan_id), self.report_span(plan_id)
        collecting = collected_period(date.fromisoformat(received_on), next_month=plan.report_next_month)
        if span.last and collecting > span.last:
            return span.last, (f"收到日期 {received_on} 时该方案的报送期（{span.label()}）已经结束，"
                               f"最后收集的是{month_label(span.last)}的报送")
        if span.first and collecting < span.first:
            return span.first, (f"收到日期 {received_on} 时该方案的报送期（{span.label()}）尚未开始，"
                                f"首个报送月份是{month_label(span.first)}")
        return collecting, f"收到日期 {received_on} 正在收集的是{month_label(collecting)}的报送"

    def month_hold(self, parsed: ReturnFile, received_on: str) -> str:
        """Why a checked file's month needs confirming ('' when it does not): the plan is
        collecting another month on the day it arrived, or the unit's month was already
        imported from an earlier file (which this one would replace)."""
        collecting, said = self._collecting(parsed.plan_id, received_on)
        reasons = []
        if parsed.period != collecting:
            reasons.append(f"这是{month_label(parsed.period)}的报送，而{said}")
        earlier = self.db.execute(
            "SELECT f.file, i.received_on FROM import_files f JOIN imports i ON i.id = f.import_id "
            "WHERE f.plan_id = ? AND f.unit_id = ? AND f.period = ? AND f.undone_at IS NULL "
            "ORDER BY f.id DESC LIMIT 1", [parsed.plan_id, parsed.unit_id, parsed.period]).fetchone()
        if earlier:
            reasons.append(f"{parsed.unit_name}{month_label(parsed.period)}的报送已由“{file_name(earlier[0])}”"
                           f"（收到日期 {earlier[1]}）导入，本文件将整体替换它（被替换的内容留在导入记录中，可撤销）")
        return "；".join(reasons) + "。请确认月份无误后再导入。" if reasons else ""
