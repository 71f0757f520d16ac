"""ProgressPage (进展填报): pick a month, see the task × unit grid of report states, enter or
correct one report in the form (Ctrl+S saves, F3 goes to the next missing report)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.cycle import LATE, MISSING, NOT_DUE, ON_TIME, month_label, report_state
from models.entries import PROGRESS_STATUSES, Progress
from models.ledger import Ledger
from models.records import Plan, Task, Unit
from models.validation import ValidationError
from ui.colors import STATE_COLORS
from ui.empty_hint import EmptyHint
from ui.errors import tell_unwritable
from ui.plan_month_picker import PlanMonthPicker
from ui.progress_grid_model import ProgressGridTableModel
from ui.undo import pass_undo_to_window
from ui.unsaved import may_discard, watch
from ui.write_guard import guard_writes

NO_DATE = QDate(1900, 1, 1)  # the 收到日期 box's "nothing shown" value (Qt's own blank is 2000-01-01)

_NUMBER = re.compile(r"\s*([^=＝:：，,；;]+?)\s*[=＝:：]\s*([0-9０-９.]+)\s*")


def _number_problem(part: str) -> str:
    """What is wrong with one “名称=数值” of the 数据 field: the value, or the form."""
    m = re.fullmatch(r"\s*([^=＝:：]*?)\s*[=＝:：]\s*(.*?)\s*", part)
    if m and m.group(1) and m.group(2):
        return f"“数据”中“{m.group(1)}”的值“{m.group(2)}”不是数字，请填写数字，如 {m.group(1)}=12"
    if m and m.group(1):
        return f"“数据”中“{m.group(1)}”没有填写数值，请填写数字，如 {m.group(1)}=12"
    return f"“数据”中“{part}”应写成 名称=数值，如 排查数=12"


class ProgressForm(QGroupBox):
    """One unit's report on one task for one month: populate / read / accept."""

    saved = Signal()

    def __init__(self, ledger: Ledger, parent=None, *, today=date.today):
        super().__init__("填报内容", parent)
        self.ledger, self.today, self.key = ledger, today, None
        self.undo = None  # the window's undo stack, when the form lives in a window
        self.heading = QLabel("在左侧表格中选择一个单元格。")
        self.heading.setWordWrap(True)
        self.status = QComboBox()
        self.status.addItems(PROGRESS_STATUSES)
        self.text, self.problems, self.next_steps = QPlainTextEdit(), QPlainTextEdit(), QPlainTextEdit()
        self.numbers = QLineEdit()
        self.numbers.setPlaceholderText("如：排查数=12，整治数=10")
        self.received = QDateEdit()
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setMinimumDate(NO_DATE)
        self.received.setSpecialValueText(" ")  # blank until a report is shown
        self.received.setDate(NO_DATE)
        self.timing = QLabel()  # what the date makes of the report: 按时 or 逾期, by the due date
        self.due = None
        self.received.dateChanged.connect(self._show_timing)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setToolTip("这条进展从哪里来：手工录入，或导入的报送模板文件名")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.save_button = QPushButton("保存（Ctrl+S）")
        self.save_button.clicked.connect(self.accept)
        form = QFormLayout(self)
        form.addRow(self.heading)
        for label, widget in (("进展状态", self.status), ("工作进展", self.text), ("存在问题", self.problems),
                              ("下步计划", self.next_steps), ("数据", self.numbers),
                              ("收到日期", self._received_row()), ("来源", self.source)):
            form.addRow(label, widget)
        form.addRow(self.error)
        form.addRow(self.save_button)
        for first, second in ((self.status, self.text), (self.text, self.problems),
                              (self.problems, self.next_steps), (self.next_steps, self.numbers),
                              (self.numbers, self.received), (self.received, self.save_button)):
            QWidget.setTabOrder(first, second)
        for edit in (self.text, self.problems, self.next_steps):
            edit.setTabChangesFocus(True)
        pass_undo_to_window([self.text, self.problems, self.next_steps, self.numbers])
        watch(self, [self.status, self.text, self.problems, self.next_steps, self.numbers, self.received])
        guard_writes(ledger, self.save_button)  # a report can be read, not saved
        self.setEnabled(False)

    def _received_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.received)
        line.addWidget(self.timing, 1)
        return row

    def _show_timing(self, *_args) -> None:
        """Beside the date: the due date, and whether this date makes the report 按时 or 逾期."""
        if self.due is None or self.received.date() == NO_DATE:
            self.timing.clear()
            return
        state = report_state(self.due, self.received.date().toPython().isoformat(), self.today())
        self.timing.setText(f"报送时限 {self.due.isoformat()}，按此日期记为{state}")
        self.timing.setStyleSheet("color: #b26a00;" if state == LATE else "color: #2e7d32;")

    def clear(self, heading: str = "在左侧表格中选择一个单元格。") -> None:
        """Show no report (the plan or month changed to one with no cell chosen)."""
        self.key = None
        self.heading.setText(heading)
        self.status.setCurrentIndex(0)
        for edit in (self.text, self.problems, self.next_steps):
            edit.clear()
        self.numbers.clear()
        self.due = None
        self.received.setDate(NO_DATE)
        self.source.clear()
        self.error.clear()
        self.dirty = False
        self.setEnabled(False)

    def populate(self, key: tuple[int, int, str], record: Progress | None) -> None:
        """Show the report for (task, unit, month), or an empty one to fill in."""
        self.key = key
        self.error.clear()
        task_id, unit_id, period = key
        task = self.ledger.get(Task, task_id)
        unit = self.ledger.get(Unit, unit_id)
        asked = "、".join(task.numbers_asked)
        self.heading.setText(f"{month_label(period)}｜{unit.name}｜"
                             f"{task.number}{task.title}" + (f"\n需报送数据：{asked}" if asked else ""))
        self.source.setText((record.source_file or "未记录") if record else "尚未报送")
        record = record or Progress(task_id=task_id, unit_id=unit_id, period=period, status="推进中",
                                    numbers={n: 0 for n in task.numbers_asked})
        self.status.setCurrentText(record.status)
        self.text.setPlainText(record.text or "")
        self.problems.setPlainText(record.problems or "")
        self.next_steps.setPlainText(record.next_steps or "")
        self.numbers.setText("，".join(f"{k}={v:g}" for k, v in record.numbers.items()))
        day = date.fromisoformat(record.received_on) if record.received_on else self.today()
        self.due = self.ledger.due_of(self.ledger.get(Plan, task.plan_id), period)
        self.received.setDate(QDate(day.year, day.month, day.day))
        self._show_timing()
        self.dirty = False  # filling the form is not an edit
        self.setEnabled(True)

    def read(self) -> Progress:
        """The report as typed."""
        task_id, unit_id, period = self.key
        numbers = {}
        for part in filter(str.strip, re.split(r"[，,；;]", self.numbers.text())):
            m = _NUMBER.fullmatch(part)
            if not m:
                raise ValidationError({"numbers": _number_problem(part.strip())})
            numbers[m.group(1)] = float(m.group(2).translate({0xFF10 + i: 48 + i for i in range(10)}))
        return Progress(task_id=task_id, unit_id=unit_id, period=period,
                        status=self.status.currentText(), text=self.text.toPlainText().strip() or None,
                        problems=self.problems.toPlainText().strip() or None,
                        next_steps=self.next_steps.toPlainText().strip() or None, numbers=numbers,
                        received_on=self.received.date().toPython().isoformat(), source_file="手工录入")

    def accept(self) -> bool:
        """Save the report (Ctrl+Z undoes it); a problem is shown here and nothing is written."""
        if self.key is None:
            return False
        before = self._stored_row()
        try:
            self.ledger.put_progress([self.read()], source="手工录入")
        except ValidationError as exc:
            self.error.setText("；".join(exc.errors.values()))
            return False
        except sqlite3.DatabaseError as exc:  # a read-only or full disk: what was typed stays
            if not tell_unwritable(self, exc):
                raise
            return False
        self.error.clear()
        self.dirty = False
        if self.undo is not None:
            task_id, unit_id, period = self.key
            unit = self.ledger.get(Unit, unit_id).name
            self.undo.saved(Progress, before, self._stored_row(), f"{unit}{month_label(period)}的进展")
        self.saved.emit()
        return True

    def _stored_row(self) -> dict | None:
        task_id, unit_id, period = self.key
        found = self.ledger.progress(task_id=task_id, unit_id=unit_id, period=period)
        return self.ledger.row_of(Progress, found[0].id) if found else None


class ProgressPage(QWidget):
    """The month's grid and the entry form."""

    def __init__(self, ledger: Ledger, parent=None, *, today=date.today):
        super().__init__(parent)
        self.ledger, self.today = ledger, today
        self.picker = PlanMonthPicker(ledger, today, self)
        self.plan_combo, self.period_combo = self.picker.plan_combo, self.picker.period_combo
        self.model = ProgressGridTableModel(self)
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.horizontalHeader().setDefaultSectionSize(76)  # five characters a line
        self.grid.verticalHeader().setMaximumWidth(300)
        # a task's name wraps onto a second line rather than being cut (the whole is its tooltip)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = EmptyHint(self.grid)
        self.form = ProgressForm(ledger, self, today=today)
        self.next_button = QPushButton("下一个未报（F3）")
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)  # level with the plan
        splitter = QSplitter()
        splitter.setObjectName("progress_splitter")
        splitter.addWidget(self.grid)
        splitter.addWidget(self.form)
        splitter.setSizes([700, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(_legend())
        QShortcut(QKeySequence.StandardKey.Save, self, self.form.accept)
        QShortcut(QKeySequence("F3"), self, self.go_next_missing)
        self.next_button.clicked.connect(self.go_next_missing)
        self.picker.changed.connect(self.refresh)
        self.grid.selectionModel().currentChanged.connect(self._cell_chosen)
        self.form.saved.connect(self.refresh)
        self.reload_plans()

    @property
    def undo(self):
        """The window's undo stack (saves of the form go on it)."""
        return self.form.undo

    @undo.setter
    def undo(self, stack) -> None:
        self.form.undo = stack

    def reload_plans(self) -> None:
        """Re-read the plans."""
        self.picker.reload_plans()

    def refresh(self) -> None:
        """Recompute the grid, keeping the chosen cell; a plan without a month shows none."""
        current = self.grid.currentIndex()
        plan_id, period = self.plan_combo.currentData(), self.period_combo.currentData()
        if plan_id is None or period is None:
            self.model.set_report(None)
            if not self.form.dirty:  # unsaved typing stays (it names its own unit and month)
                self.form.clear("暂无可填报的进展：" + (self.picker.note or "请先选择方案和月份。"))
            self.empty.set_text("暂无报送表格：" + ("台账中还没有方案。" if plan_id is None
                                                   else "该方案还没有应报送的月份。"))
            self.next_button.setEnabled(False)
            return
        key = self.form.key
        self.model.set_report(self.ledger.month_report(plan_id, period, self.today()))
        self.empty.set_text("暂无应报送的进展：该方案的任务没有列出责任单位。")
        self.next_button.setEnabled(self.model.rowCount() > 0)
        if key is not None and not self.form.dirty and (
                key[2] != period or self.model.index_of(key[0], key[1]) is None):
            self.form.clear()  # the report shown belongs to another plan or month
        if current.isValid() and current.row() < self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(current.row(), current.column()))

    def _cell_chosen(self, index, _previous=None) -> None:
        if not index.isValid() or not may_discard(self, self.form):
            return
        task_id, unit_id = self.model.key_at(index)
        period = self.period_combo.currentData()
        found = self.ledger.progress(task_id=task_id, unit_id=unit_id, period=period)
        if not found and not self.model.owes(index):  # nothing to fill in: it would never show
            unit = self.model.units[index.column()][1]
            task = self.model.tasks[index.row()][1]
            self.form.clear(f"{unit}不是“{task}”的责任单位，{month_label(period)}无需报送这项任务的进展。")
            return
        self.form.populate((task_id, unit_id, period), found[0] if found else None)

    def show_report(self, progress_id: int) -> None:
        """Choose a report's plan and month and select its cell (from a search)."""
        report = self.ledger.get(Progress, progress_id)
        task = self.ledger.get(Task, report.task_id)
        self.plan_combo.setCurrentIndex(self.plan_combo.findData(task.plan_id))
        month = self.period_combo.findData(report.period)
        if month >= 0:
            self.period_combo.setCurrentIndex(month)
        index = self.model.index_of(report.task_id, report.unit_id)
        if index is not None:
            self.grid.setCurrentIndex(index)
            self.grid.scrollTo(index)

    def go_next_missing(self) -> None:
        """Select the next report that is missing."""
        index = self.model.next_missing(self.grid.currentIndex())
        if index is not None:
            self.grid.setCurrentIndex(index)
            self.form.text.setFocus()


def _legend() -> QLabel:
    """What the grid's colours mean, under it."""
    swatch = '<span style="background-color:{}; border:1px solid #bbb;">&nbsp;&nbsp;&nbsp;&nbsp;</span> {}'
    parts = [swatch.format(STATE_COLORS[state], state) for state in (ON_TIME, LATE, MISSING, NOT_DUE)]
    parts.append("斜线格：该单位不负责这项任务，无需报送")
    legend = QLabel("图例：" + "&nbsp;&nbsp;&nbsp;".join(parts))
    legend.setObjectName("hint")
    return legend
