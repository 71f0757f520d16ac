"""DashboardPage (首页看板): the chosen plan's month at a glance — who has reported and who
has not (with 催报 from there), tasks by status per domain, coming and overdue deadlines,
targets with their lights, the newest cases. Every number comes from `month_report`."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.cycle import LATE, LIGHT_LABELS, MISSING, date_label, deadline_word, month_label
from models.ledger import Ledger
from models.ledger_lifecycle import REMINDER_METHODS
from ui.charts import StatusBars
from ui.colors import light_color
from ui.plan_month_picker import PlanMonthPicker
from ui.widgets import SummaryLabel, scrolled, show_empty
from ui.write_guard import enable_write

CHASE_COLUMNS = ("单位", "联系人", "电话", "未报（项）", "逾期（项）", "催报记录")


class DashboardPage(QWidget):
    """The month's figures for one plan."""

    reminder_requested = Signal(int, str)  # plan id, period
    task_requested = Signal(int)  # a task to close or extend

    def __init__(self, ledger: Ledger, parent=None, *, today=date.today):
        super().__init__(parent)
        self.ledger, self.today = ledger, today
        self.report = None
        self.picker = PlanMonthPicker(ledger, today, self, say_why=False)  # the summary says why
        self.plan_combo, self.period_combo = self.picker.plan_combo, self.picker.period_combo
        self.summary = SummaryLabel()
        self.bars = StatusBars()
        self.chase_table = QTableWidget(0, len(CHASE_COLUMNS))
        self.chase_table.setHorizontalHeaderLabels(list(CHASE_COLUMNS))
        self.chase_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.chase_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.reminder_button = QPushButton("生成催报通知…")
        self.record_button = QPushButton("记录催报…")
        self.deadlines, self.targets, self.cases = QListWidget(), QListWidget(), QListWidget()
        self._layout()
        self.picker.changed.connect(self.refresh)
        self.reminder_button.clicked.connect(
            lambda: self.reminder_requested.emit(self.plan_combo.currentData(),
                                                 self.period_combo.currentData()))
        self.record_button.clicked.connect(self.record_chase)
        self.record_button.setToolTip("在表格中选择要记录催报的单位（可按住 Ctrl 多选）")
        self.chase_table.itemSelectionChanged.connect(self._sync_record_button)
        self.deadlines.itemDoubleClicked.connect(
            lambda item: self.task_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.chase_table.cellDoubleClicked.connect(self._show_unit_history)
        self.reload_plans()

    def _layout(self) -> None:
        chase = QGroupBox("未报、逾期单位")
        chase_layout = QVBoxLayout(chase)
        self.chase_empty = QLabel("暂无未报或逾期的单位：本月应报的都已按时报送。")
        self.chase_empty.setObjectName("hint")
        self.chase_empty.hide()
        chase_layout.addWidget(self.chase_empty)
        chase_layout.addWidget(self.chase_table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reminder_button)
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        chase_layout.addLayout(buttons)
        for view in (self.chase_table, self.deadlines, self.targets, self.cases):
            view.setMinimumHeight(90)  # the page scrolls before a panel shrinks further
        grid = QGridLayout()
        grid.addWidget(_boxed("各领域任务状态", scrolled(self.bars)), 0, 0)
        grid.addWidget(chase, 0, 1)
        grid.addWidget(_boxed("14 天内到期及已超期任务（双击可办结或延期）", self.deadlines), 1, 0)
        grid.addWidget(_boxed("目标指标", self.targets), 1, 1)
        grid.addWidget(_boxed("最新典型案例", self.cases), 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)

    # ------------------------------------------------------------------ data

    def reload_plans(self) -> None:
        """Re-read the plans (after an import)."""
        self.picker.reload_plans()

    def refresh(self) -> None:
        """Recompute the month from the ledger; a plan without a month clears every panel."""
        plan_id, period = self.plan_combo.currentData(), self.period_combo.currentData()
        if plan_id is None or period is None:
            self._clear(self.picker.note, "台账中还没有方案" if plan_id is None else "该方案还没有应报送的月份")
            return
        today = self.today()
        self.report = report = self.ledger.month_report(plan_id, period, today)
        self.summary.setText(self._summary(report, today))
        tasks = {t.id: t for t in self.ledger.tasks(plan_id)}
        self.bars.set_rows([(f"{tasks[d].number}{tasks[d].title}", dict(c))
                            for d, c in report.domain_counts.items()])
        self._fill_chase(report, today)
        self._fill_deadlines(tasks, report)
        self._fill_targets(plan_id, period)
        self._fill_cases(plan_id)
        show_empty(self.deadlines, "暂无 14 天内到期或已超期的任务")
        show_empty(self.targets, "暂无可计算的目标指标")
        show_empty(self.cases, "暂无典型案例")

    def _clear(self, note: str, why: str) -> None:
        """Nothing of another plan's month stays: every panel empty, saying why."""
        self.report = None
        self.summary.setText(note)
        self.bars.set_rows([], f"暂无任务状态：{why}。")
        self.chase_table.setRowCount(0)
        self.chase_empty.setText(f"暂无未报或逾期的单位：{why}。")
        self.chase_empty.show()
        for button in (self.reminder_button, self.record_button):
            enable_write(self.ledger, button, False)
        for view, what in ((self.deadlines, "到期任务"), (self.targets, "目标指标"), (self.cases, "典型案例")):
            view.clear()
            show_empty(view, f"暂无{what}：{why}。")

    def _summary(self, report, today: date) -> str:
        """The month in a sentence or two; a month not yet due says so instead of 0 and 0."""
        owed = [u for u in report.units if u.owed]
        span = self.ledger.report_span(report.plan.id).label()
        month, due = month_label(report.period), date_label(report.due)
        if today <= report.due:
            return (f"报送期 {span}。{month}的进展报送时限为{due}，尚未到期：应报单位 {len(owed)} 个，"
                    f"已全部报送 {len(report.units_reported())} 个；时限过后再统计逾期和未报。")
        return (f"报送期 {span}。{month}报送时限 {due}：应报单位 {len(owed)} 个，"
                f"已全部报送 {len(report.units_reported())} 个，有逾期 {len(report.units_late())} 个，"
                f"有未报 {len(report.units_missing())} 个。")

    def _fill_chase(self, report, today: date) -> None:
        units = [u for u in report.units if u.states[MISSING] or u.states[LATE]]
        units.sort(key=lambda u: (-u.states[MISSING], -u.states[LATE], u.name))
        self.chase_table.setRowCount(len(units))
        for row, unit in enumerate(units):
            values = (unit.name, unit.contact_person or "", unit.phone or "", unit.states[MISSING],
                      unit.states[LATE], "；".join(unit.chased))
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setData(Qt.ItemDataRole.UserRole, unit.unit_id)
                self.chase_table.setItem(row, column, item)
        self.chase_table.resizeColumnsToContents()
        self.chase_table.horizontalHeader().setStretchLastSection(True)
        missing = bool(report.units_missing())
        enable_write(self.ledger, self.reminder_button, missing)
        self.chase_table.clearSelection()
        self._sync_record_button()
        if not self.ledger.readonly:
            self.reminder_button.setToolTip("" if missing else "本月没有未报的单位，不需要催报")
        if today <= report.due:
            self.chase_empty.setText(f"{month_label(report.period)}的报送时限（{date_label(report.due)}）"
                                     "尚未到期：时限过后，这里列出未报和逾期的单位。")
        else:
            self.chase_empty.setText("暂无未报或逾期的单位：本月应报的都已按时报送。")
        self.chase_empty.setVisible(not units)

    def _fill_deadlines(self, tasks, report) -> None:
        """Deadlines within 14 days of the day the month is judged on, or passed by then; a
        长期推进 task's date is a milestone, listed only while it is coming."""
        self.deadlines.clear()
        as_of = report.as_of or report.today
        for task in tasks.values():
            deadline = task.extended_to or task.deadline
            if not deadline or task.closed_on or report.task_status[task.id] in ("已完成", "办结"):
                continue
            word = deadline_word(date.fromisoformat(deadline), ongoing=task.ongoing, today=as_of)
            if word:
                self.deadlines.addItem(f"{deadline}  {word}  {task.number}{task.title}")
                item = self.deadlines.item(self.deadlines.count() - 1)
                item.setForeground(QBrush(light_color(report.task_light[task.id])))
                item.setData(Qt.ItemDataRole.UserRole, task.id)
                item.setToolTip("长期推进：该日期是阶段节点。双击：办结或延期" if task.ongoing
                                else "双击：办结或延期")

    def _fill_targets(self, plan_id: int, period: str) -> None:
        self.targets.clear()
        for value in self.ledger.evaluate_targets(plan_id, period):
            shown = "暂无数据" if value.value is None else f"{value.value:g}{value.measure_unit}"
            self.targets.addItem(f"● {LIGHT_LABELS[value.light]}  {value.metric[:24]}：{shown}"
                                 f"（目标 {value.comparator} {value.threshold:g}{value.measure_unit}）")
            item = self.targets.item(self.targets.count() - 1)
            item.setForeground(QBrush(light_color(value.light)))

    def _fill_cases(self, plan_id: int) -> None:
        self.cases.clear()
        today = self.today().isoformat()
        cases = reversed(self.ledger.plan_cases(plan_id))
        newest = [(c, unit) for c, unit, _ in cases if (c.occurred_on or "") <= today][:8]
        for case, unit in newest:
            self.cases.addItem(f"{case.occurred_on or ''}  [{case.kind}] {case.title}  {unit}")

    # ------------------------------------------------------------------ actions

    def _sync_record_button(self) -> None:
        """记录催报 records the chosen units: on only with one chosen."""
        enable_write(self.ledger, self.record_button, bool(self.chase_table.selectedIndexes()))

    def record_chase(self) -> None:
        """Record that the selected units were chased today, and how."""
        rows = {i.row() for i in self.chase_table.selectedIndexes()}
        if not rows or self.report is None:
            return
        method, ok = QInputDialog.getItem(self, "记录催报", "催报方式：", list(REMINDER_METHODS), 0, False)
        if not ok:
            return
        for row in rows:
            unit_id = self.chase_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            self.ledger.record_reminder(self.report.plan.id, self.report.period, unit_id,
                                        chased_on=self.today().isoformat(), method=method)
        self.refresh()


    def unit_history(self, unit_id: int) -> str:
        """Every time a unit was chased, newest first."""
        rows = self.ledger.reminders(unit_id)
        if not rows:
            return "尚无催报记录。"
        return "\n".join(f"{r['chased_on']} {r['method']} {r['period']}（{r['plan_title'][:16]}）"
                         f"{r['note'] or ''}" for r in rows)

    def _show_unit_history(self, row: int, _column: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        item = self.chase_table.item(row, 0)
        QMessageBox.information(self, f"{item.text()}的催报记录",
                                self.unit_history(item.data(Qt.ItemDataRole.UserRole)))


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box
