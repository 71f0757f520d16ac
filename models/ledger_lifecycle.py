"""Ledger part: a task's life (办结, 重新打开, 延期), group members, 催报 records and the
总结报告 each lead unit owes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models import cycle
from models.errors import NotFound
from models.records import Plan, Task
from models.validation import ValidationError, is_iso_date

REMINDER_METHODS = ("电话", "短信", "公文", "当面", "其他")
SUMMARY_REPORT = "总结报告"


@dataclass
class DeliverableRow:
    """A deliverable a unit owes (总结报告) and its state."""

    unit_id: int
    unit_name: str
    due: str | None
    received_on: str | None
    state: str


def _check_date(value: str, label: str) -> None:
    if not is_iso_date(value):
        raise ValidationError({label: f"“{label}”应为有效日期（如 2020-11-30），实际为“{value}”"})


class LifecycleStore:
    """Closing, reopening and extending tasks; members of groups; chasing; deliverables."""

    def _event(self, task_id: int, kind: str, on: str, *, unit_id=None, new_deadline=None,
               note=None) -> None:
        self.db.execute("INSERT INTO task_events (task_id, kind, on_date, unit_id, new_deadline, "
                        "note) VALUES (?, ?, ?, ?, ?, ?)", [task_id, kind, on, unit_id, new_deadline, note])

    def close_task(self, task_id: int, on: str, note: str) -> None:
        """Mark a task 办结 with its closing note and date."""
        _check_date(on, "办结日期")
        task = self.get(Task, task_id)
        with self.db.atomic():
            self.db.execute("UPDATE tasks SET closed_on = ?, closing_note = ? WHERE id = ?",
                            [on, note, task_id])
            self._event(task_id, cycle.CLOSED, on, note=note)
            self.audit("办结", "tasks", task_id, old={"closed_on": task.closed_on},
                       new={"closed_on": on, "closing_note": note})

    def reopen_task(self, task_id: int, on: str, note: str = "") -> None:
        """Take a task out of 办结 again."""
        _check_date(on, "日期")
        task = self.get(Task, task_id)
        with self.db.atomic():
            self.db.execute("UPDATE tasks SET closed_on = NULL, closing_note = NULL WHERE id = ?",
                            [task_id])
            self._event(task_id, "重新打开", on, note=note)
            self.audit("重新打开", "tasks", task_id, old={"closed_on": task.closed_on},
                       new={"closed_on": None})

    def extend_task(self, task_id: int, *, unit_id: int | None, new_deadline: str, reason: str,
                    on: str) -> None:
        """Record a 延期: who asked, why, the new date; the task's deadline shows the change."""
        _check_date(new_deadline, "延期至")
        _check_date(on, "申请日期")
        if not reason.strip():
            raise ValidationError({"reason": "请填写延期理由"})
        task = self.get(Task, task_id)
        with self.db.atomic():
            self.db.execute("UPDATE tasks SET extended_to = ? WHERE id = ?", [new_deadline, task_id])
            self._event(task_id, "延期", on, unit_id=unit_id, new_deadline=new_deadline, note=reason)
            self.audit("延期", "tasks", task_id, old={"deadline": task.extended_to or task.deadline},
                       new={"extended_to": new_deadline, "reason": reason})

    def task_events(self, task_id: int) -> list[dict]:
        """A task's 办结 / 重新打开 / 延期 history, oldest first."""
        return self._rows("SELECT e.*, u.name AS unit_name FROM task_events e LEFT JOIN units u "
                          "ON u.id = e.unit_id WHERE task_id = ? ORDER BY on_date, id", [task_id])

    def set_group_members(self, group_id: int, member_ids: list[int]) -> None:
        """Expand a group name (…各成员单位) into the units that report in its place."""
        with self.db.atomic():
            self.db.execute("DELETE FROM unit_members WHERE group_id = ?", [group_id])
            for member in member_ids:
                self.db.execute("INSERT INTO unit_members VALUES (?, ?)", [group_id, member])
            self.audit("设置成员单位", "units", group_id, new={"members": member_ids})

    def listed_members(self, group_id: int) -> list[int]:
        """The units the office listed for a group name, in the order listed."""
        return [r[0] for r in self.db.execute("SELECT member_id FROM unit_members WHERE group_id = ? "
                                              "ORDER BY rowid", [group_id])]

    def record_reminder(self, plan_id: int, period: str, unit_id: int, *, chased_on: str,
                        method: str, note: str = "") -> None:
        """Record that a unit was chased (催报) for a month's reports."""
        _check_date(chased_on, "催报日期")
        if method not in REMINDER_METHODS:
            raise ValidationError({"method": f"“催报方式”应为以下之一：{'、'.join(REMINDER_METHODS)}"})
        with self.db.atomic():
            self.db.execute("INSERT INTO reminders (plan_id, period, unit_id, chased_on, method, "
                            "note) VALUES (?, ?, ?, ?, ?, ?)",
                            [plan_id, period, unit_id, chased_on, method, note])
            self.audit("催报", "reminders", unit_id, new={"period": period, "method": method})

    def reminders(self, unit_id: int) -> list[dict]:
        """Every time a unit was chased, newest first."""
        return self._rows("SELECT r.*, p.title AS plan_title FROM reminders r JOIN plans p "
                          "ON p.id = r.plan_id WHERE unit_id = ? ORDER BY chased_on DESC, r.id DESC",
                          [unit_id])

    def record_deliverable(self, plan_id: int, unit_id: int, *, received_on: str,
                           source_file: str | None = None, kind: str = SUMMARY_REPORT) -> None:
        """Record that a unit handed in its 总结报告 (a second one replaces the first)."""
        _check_date(received_on, "收到日期")
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO deliverables (plan_id, unit_id, kind, received_on, source_file) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(plan_id, unit_id, kind) DO UPDATE SET "
                "received_on = excluded.received_on, source_file = excluded.source_file",
                [plan_id, unit_id, kind, received_on, source_file])
            self.audit("收到" + kind, "deliverables", unit_id, new={"received_on": received_on})

    def deliverables(self, plan_id: int, today: date) -> list[DeliverableRow]:
        """The 总结报告 each lead unit owes by the plan's date, received or not, on time or
        late."""
        plan = self.get(Plan, plan_id)
        if not self.db.execute("SELECT 1 FROM plans WHERE id = ?", [plan_id]).fetchone():
            raise NotFound(f"找不到编号为 {plan_id} 的方案。")
        rows = self._rows(
            "SELECT DISTINCT u.id, u.name, d.received_on FROM task_units tu "
            "JOIN tasks t ON t.id = tu.task_id JOIN units u ON u.id = tu.unit_id "
            "LEFT JOIN deliverables d ON d.plan_id = t.plan_id AND d.unit_id = u.id AND d.kind = ? "
            "WHERE t.plan_id = ? AND tu.role = 'lead' ORDER BY u.id", [SUMMARY_REPORT, plan_id])
        out = []
        for r in rows:
            if plan.summary_due:
                state = cycle.report_state(date.fromisoformat(plan.summary_due), r["received_on"], today)
            else:  # no date set: nothing can be late or missing yet
                state = "已收到" if r["received_on"] else "未设时限"
            out.append(DeliverableRow(r["id"], r["name"], plan.summary_due, r["received_on"], state))
        return out
