"""TasksPage (方案与任务): a plan's task tree with units, deadlines and their lights (长期推进
marked as such), task statuses in the colours every page uses and, beside them, the month's
report states; filtered by unit and status; a detail pane (text, units, targets, progress
history); add, edit, move and delete through forms."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.cycle import LATE, LIGHT_LABELS, MISSING, NOT_DUE, ON_TIME, TASK_STATUSES
from models.ledger import Ledger
from models.records import COMPARATOR_LABELS, Task
from ui.colors import NEUTRAL, STATUS_HELP, light_color, status_color
from ui.plan_month_picker import PlanMonthPicker
from ui.task_form import TaskForm
from ui.widgets import compact
from ui.write_guard import enable_write, guard_writes

COLUMNS = ("序号", "任务", "牵头单位", "参与/责任单位", "完成时限", "时限提示", "任务状态", "本月报送")
LIGHT, STATUS = 5, 6  # the deadline's light and the task's status: two columns, two colour maps
CAPS = {2: 200, 3: 260, 4: 130, 7: 200}  # widest a column grows to its contents (任务 takes the rest)
STATES = (ON_TIME, LATE, MISSING, NOT_DUE)
ONGOING_TIP = "长期推进：完成时限是阶段节点，过后工作继续，不算超期"


class TasksPage(QWidget):
    """The plan's tree and the chosen task's details."""

    def __init__(self, ledger: Ledger, parent=None, *, today=date.today):
        super().__init__(parent)
        self.ledger, self.today, self.form = ledger, today, None
        self.picker = PlanMonthPicker(ledger, today, self)
        self.plan_combo = self.picker.plan_combo
        self.unit_filter, self.status_filter = compact(QComboBox(), 10), QComboBox()
        self.status_filter.addItem("全部状态", None)
        for status in TASK_STATUSES:
            self.status_filter.addItem(status, status)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.headerItem().setToolTip(COLUMNS.index("任务状态"), STATUS_HELP)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser()
        self.detail.setPlaceholderText("暂无所选任务：在上方选择一项任务，这里显示它的全文、单位、目标和最近进展。")
        top = QHBoxLayout()
        top.addWidget(self.picker, 3)
        # level with the plan and month, not with the note the picker may show under them
        top.addWidget(self.unit_filter, 1, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status_filter, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        self.write_buttons = []
        for text, slot in (("新增下级任务…", self.add_child), ("新增顶层任务…", self.add_top), ("编辑…", self.edit),
                           ("上移", lambda: self.move(-1)), ("下移", lambda: self.move(1)), ("删除", self.delete)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.write_buttons.append(button)
        guard_writes(ledger, *self.write_buttons)
        # all but 新增顶层任务 act on the chosen task: off until one is chosen
        self.selection_buttons = [b for b in self.write_buttons if b.text() != "新增顶层任务…"]
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("tasks_splitter")
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setSizes([480, 220])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.picker.changed.connect(self.refresh)
        self.unit_filter.currentIndexChanged.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.tree.currentItemChanged.connect(lambda item, _old: self.show_detail(item))
        self.tree.currentItemChanged.connect(lambda *_: self._sync_buttons())
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit())
        self.reload_plans()
        self._sync_buttons()

    def reload_plans(self) -> None:
        self.picker.reload_plans()

    def refresh(self) -> None:
        """Rebuild the tree for the chosen plan and month."""
        plan_id, period = self.plan_combo.currentData(), self.picker.period_combo.currentData()
        current = self.current_task_id()
        self.tree.clear()
        if plan_id is None:
            return
        report = self.ledger.month_report(plan_id, period, self.today()) if period else None
        items: dict[int, QTreeWidgetItem] = {}
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("全部单位", None)
        seen = set()
        for task in self.ledger.tasks(plan_id):
            links = self.ledger.task_units(task.id)
            for unit, _role in links:
                if unit.id not in seen:
                    seen.add(unit.id)
                    self.unit_filter.addItem(unit.name, unit.id)
            item = QTreeWidgetItem(self._row(task, links, report))
            for column in range(1, 5):  # long cells are elided; the whole text is a hover away
                item.setToolTip(column, item.text(column))
            item.setData(0, Qt.ItemDataRole.UserRole, task.id)
            item.setData(1, Qt.ItemDataRole.UserRole, {u.id for u, _ in links})
            self._colour(item, task, report)
            (items[task.parent_id].addChild(item) if task.parent_id in items else self.tree.addTopLevelItem(item))
            items[task.id] = item
        self.unit_filter.blockSignals(False)
        self.tree.expandAll()
        self._fit_columns()
        if current in items:
            self.tree.setCurrentItem(items[current])
        self.apply_filter()

    def _row(self, task: Task, links, report) -> list[str]:
        lead = "、".join(u.name for u, r in links if r == "lead")
        others = "、".join(u.name for u, r in links if r != "lead")
        deadline = task.extended_to or task.deadline or task.deadline_text or ""
        light = ("● 长期推进" if task.ongoing else
                 f"● {LIGHT_LABELS[report.task_light[task.id]]}" if report and deadline else "")
        status = report.task_status[task.id] if report else ""
        states = report.task_states(task.id) if report else {}  # how punctual the reports were
        shown = "、".join(f"{state}{states[state]}" for state in STATES if states.get(state))
        return [task.number, task.title, lead, others, deadline, light, status, shown]

    @staticmethod
    def _colour(item: QTreeWidgetItem, task: Task, report) -> None:
        """The status in its own colour (the dashboard's), the deadline light in the light's."""
        if report:
            item.setForeground(STATUS, QBrush(status_color(report.task_status[task.id])))
            item.setForeground(LIGHT, QBrush(light_color(report.task_light[task.id])))
        if task.ongoing:
            item.setToolTip(LIGHT, ONGOING_TIP)
            item.setToolTip(4, f"{item.text(4)}（{ONGOING_TIP}）" if item.text(4) else ONGOING_TIP)
            if not report:
                item.setForeground(LIGHT, QBrush(QColor(NEUTRAL)))

    def _fit_columns(self) -> None:
        """Each column as wide as what it holds (an empty 牵头单位 column as its header), up
        to a cap; 任务 takes what is left. （十一） under its heading, never “（十…”."""
        for column in range(len(COLUMNS)):
            if column != 1:
                self.tree.resizeColumnToContents(column)
                if column in CAPS:
                    self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), CAPS[column]))

    def apply_filter(self) -> None:
        """Hide tasks that do not match the unit and status filters (keeping their parents)."""
        unit_id, status = self.unit_filter.currentData(), self.status_filter.currentData()

        def visit(item: QTreeWidgetItem) -> bool:
            children = [visit(item.child(i)) for i in range(item.childCount())]
            own = (unit_id is None or unit_id in item.data(1, Qt.ItemDataRole.UserRole)) and \
                  (status is None or item.text(STATUS) == status)
            shown = own or any(children)
            item.setHidden(not shown)
            return shown

        for i in range(self.tree.topLevelItemCount()):
            visit(self.tree.topLevelItem(i))

    def show_task(self, task_id: int) -> None:
        """Choose a task's plan, clear the filters and select the task (from a search)."""
        task = self.ledger.get(Task, task_id)
        self.plan_combo.setCurrentIndex(self.plan_combo.findData(task.plan_id))
        self.unit_filter.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(0)
        found = self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
        for item in found:
            if item.data(0, Qt.ItemDataRole.UserRole) == task_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return

    def _sync_buttons(self) -> None:
        chosen = self.current_task_id() is not None
        for button in self.selection_buttons:
            enable_write(self.ledger, button, chosen)

    def current_task_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def show_detail(self, item) -> None:
        """Full text, units, targets and the progress history of the chosen task."""
        if item is None:
            self.detail.clear()
            return
        task = self.ledger.get(Task, item.data(0, Qt.ItemDataRole.UserRole))
        units = "；".join(f"{u.name}（{ {'lead': '牵头', 'participating': '参与', 'responsible': '责任'}[r]}）"
                         for u, r in self.ledger.task_units(task.id))
        targets = "；".join(f"{t.metric}{COMPARATOR_LABELS[t.comparator]}{t.threshold:g}{t.measure_unit or ''}"
                            for t in self.ledger.targets(task.id))
        history = "".join(f"<li>{escape(p.period)} {escape(self._unit_name(p.unit_id))}：{escape(p.status)}"
                          f" {escape((p.text or '')[:60])}</li>"
                          for p in reversed(self.ledger.progress(task_id=task.id)[-12:]))
        self.detail.setHtml(
            f"<b>{escape(task.number + task.title)}</b><p>{escape(task.text or '')}</p>"
            f"<p>单位：{escape(units or '未设')}</p><p>目标：{escape(targets or '无')}</p>"
            f"<p>完成时限：{escape(task.deadline_text or task.deadline or '未定')}"
            f"{'（延期至 ' + task.extended_to + '）' if task.extended_to else ''}</p>"
            f"<p>最近进展：</p><ul>{history or '<li>暂无</li>'}</ul>")

    def _unit_name(self, unit_id: int) -> str:
        from models.records import Unit

        return self.ledger.get(Unit, unit_id).name

    def _open_form(self, task: Task) -> TaskForm:
        self.form = TaskForm(self.ledger, task, self)
        self.form.saved.connect(lambda _id: self.refresh())
        self.form.show()
        return self.form

    def add_top(self):
        plan_id = self.plan_combo.currentData()
        return self._open_form(Task(plan_id=plan_id, title="", position=999)) if plan_id else None

    def add_child(self):
        parent = self.current_task_id()
        if parent is None:
            return self.add_top()
        return self._open_form(Task(plan_id=self.plan_combo.currentData(), parent_id=parent, title="",
                                    position=999))

    def edit(self):
        task_id = self.current_task_id()
        return self._open_form(self.ledger.get(Task, task_id)) if task_id else None

    def move(self, step: int) -> None:
        task_id = self.current_task_id()
        if task_id and self.ledger.move_task(task_id, step):
            self.refresh()

    def delete(self) -> None:
        task_id = self.current_task_id()
        if task_id is None:
            return
        task = self.ledger.get(Task, task_id)
        answer = QMessageBox.question(self, "删除任务", f"确定删除“{task.number}{task.title}”及其下级任务、"
                                      "单位和进展记录吗？删除会记入审计日志。")
        if answer == QMessageBox.StandardButton.Yes:
            undo = getattr(self, "undo", None)
            if undo is not None:
                undo.delete(Task, task_id, f"任务“{task.number}{task.title}”")
            else:
                self.ledger.delete(Task, task_id)
            self.refresh()
