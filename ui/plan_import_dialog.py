"""PlanImportDialog: what the importer understood of a plan, to correct before it is saved.

The tree shows every task with its units, roles, deadline and targets; any cell can be
edited, the units as a list (never re-split from text: what the reader understood is what is
saved unless the office changes it). New unit names that look like units already in the directory are offered for
merging (they become aliases). Saving goes through `Ledger.apply_plan` in one transaction.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importers.plan_reader import set_plan_year
from models.ledger import Ledger
from models.plan_draft import PlanDraft, TaskDraft
from models.records import COMPARATOR_LABELS
from models.validation import ValidationError, is_iso_date, normalise_date
from ui.empty_hint import EmptyHint
from ui.unit_list_editor import NAMES_ROLE, UnitChipsDelegate, UnitListDialog
from ui.unsaved import save_cancel_buttons
from ui.widgets import fit_to_screen

COLUMNS = ("序号", "任务名称", "牵头单位", "参与单位", "责任单位", "时限要求", "完成日期", "长期推进", "目标")
ROLE_COLUMNS = {2: "lead", 3: "participating", 4: "responsible"}
ROLE_NAMES = {"lead": "牵头单位", "participating": "参与单位", "responsible": "责任单位"}
NEW_UNIT = "新建单位"


def _targets_text(task: TaskDraft) -> str:
    return "；".join(f"{t.metric}{COMPARATOR_LABELS[t.comparator]}{t.threshold:g}{t.measure_unit}"
                    for t in task.targets)


class PlanImportDialog(QDialog):
    """Preview and correct an imported plan, then save it."""

    imported = Signal(int)

    def __init__(self, ledger: Ledger, draft: PlanDraft, parent=None):
        super().__init__(parent)
        self.ledger, self.draft = ledger, draft
        self.existing = ledger.find_plan(draft)
        self.setWindowTitle(f"导入方案预览 — {draft.source_file or draft.title}")
        fit_to_screen(self, 1200, 760)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_meta())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("preview_splitter")
        self.tree = self._build_tree()
        splitter.addWidget(self.tree)
        splitter.addWidget(self._build_bottom())
        splitter.setSizes([520, 200])
        layout.addWidget(splitter, 1)
        self.error_label = QLabel()
        self.error_label.setObjectName("form_error")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.buttons = save_cancel_buttons(self, "更新方案" if self.existing else "导入台账")
        layout.addWidget(self.buttons)
        self.populate(draft)

    # ------------------------------------------------------------------ building

    def _build_meta(self) -> QWidget:
        box = QGroupBox("方案信息")
        form = QFormLayout(box)
        self.title_edit, self.issuer_edit = QLineEdit(), QLineEdit()
        self.number_edit, self.date_edit, self.recipients_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.date_edit.setPlaceholderText("如 2020-06-28")
        self.year_spin = YearSpin()
        self.year_spin.setRange(1999, 2100)
        self.year_spin.setSpecialValueText("（原文已有年份）")
        row = QHBoxLayout()
        row.addWidget(self.number_edit)
        row.addWidget(QLabel("成文日期"))
        row.addWidget(self.date_edit)
        row.addWidget(QLabel("方案年份"))
        row.addWidget(self.year_spin)
        form.addRow("方案名称", self.title_edit)
        form.addRow("发文机关", self.issuer_edit)
        form.addRow("发文字号", row)
        form.addRow("主送机关", self.recipients_edit)
        if self.existing:
            note = QLabel(f"台账中已有这份方案（编号 {self.existing.id}），保存将更新它，不会重复导入；"
                          "已有进展的任务会保留。")
            note.setStyleSheet("color: #8a5a00;")
            form.addRow("", note)
        return box

    def _build_tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setColumnCount(len(COLUMNS))
        tree.setHeaderLabels(list(COLUMNS))
        tree.setAlternatingRowColors(True)
        tree.setEditTriggers(QTreeWidget.EditTrigger.DoubleClicked | QTreeWidget.EditTrigger.EditKeyPressed
                             | QTreeWidget.EditTrigger.SelectedClicked)
        header = tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 300, 200, 200, 200, 160, 90, 60, 160)):
            tree.setColumnWidth(column, width)
        self.chips = UnitChipsDelegate(tree)
        self.chips.edit_requested.connect(self._edit_units_at)
        for column in ROLE_COLUMNS:
            tree.setItemDelegateForColumn(column, self.chips)
        return tree

    def _build_bottom(self) -> QWidget:
        bottom = QWidget(self)
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        warnings = QGroupBox("需要核对的地方")
        self.warning_list = QListWidget()
        self.warning_list.setWordWrap(True)
        QVBoxLayout(warnings).addWidget(self.warning_list)
        merges = QGroupBox("新单位：与名录中已有单位是否相同")
        self.merge_table = QTableWidget(0, 2)
        self.merge_table.setHorizontalHeaderLabels(["方案中的名称", "处理"])
        self.merge_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        EmptyHint(self.merge_table, "暂无需要确认的新单位。")
        self.merge_table.setToolTip("方案中与名录里已有单位名称相近的新单位列在这里，逐个确认是否为同一单位；"
                                    "其余单位或已在名录中，或作为新单位加入名录。")
        QVBoxLayout(merges).addWidget(self.merge_table)
        row.addWidget(warnings, 3)
        row.addWidget(merges, 2)
        return bottom

    # ------------------------------------------------------------------ populate / read

    def populate(self, draft: PlanDraft) -> None:
        """Copy the draft into the widgets."""
        self.title_edit.setText(draft.title)
        self.issuer_edit.setText(draft.issuer or "")
        self.number_edit.setText(draft.doc_number or "")
        self.date_edit.setText(draft.date or "")
        self.recipients_edit.setText(draft.recipients or "")
        needs_year = any("没有年份" in w for w in draft.warnings)
        self.year_spin.setEnabled(needs_year)
        self.year_spin.setSpecialValueText("请选择年份" if needs_year else "（原文已有年份）")
        self.year_spin.setValue(self.year_spin.minimum())
        self.tree.clear()
        for task in draft.tasks:
            self.tree.addTopLevelItem(self._item(task))
        self.tree.expandAll()
        self._fit_columns()
        self.warning_list.clear()
        self.warning_list.addItems(draft.warnings or ["未发现需要核对的问题。"])
        self._populate_merges()

    def _fit_columns(self) -> None:
        """序号 as wide as its longest (（二十一） nested under its parent); a role no task
        has, narrow, so 完成日期 and 目标 stay in view."""
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, max(90, self.tree.columnWidth(0)))
        used = {role for task in self.draft.walk() for role, names in task.units.items() if names}
        header = self.tree.header().fontMetrics()
        for column, role in ROLE_COLUMNS.items():
            empty = header.horizontalAdvance(COLUMNS[column]) + 24
            self.tree.setColumnWidth(column, 200 if role in used else empty)

    def _item(self, task: TaskDraft) -> QTreeWidgetItem:
        values = (task.number, task.title, "", "", "", task.deadline_text or "",
                  task.deadline or "", "是" if task.ongoing else "", _targets_text(task))
        item = QTreeWidgetItem([str(v) for v in values])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(0, Qt.ItemDataRole.UserRole, task)
        for column, value in enumerate(values):
            item.setToolTip(column, str(value))
        item.setToolTip(1, task.text)
        for column, role in ROLE_COLUMNS.items():
            self.set_units(item, role, task.units[role])
        if task.warnings:
            _mark_doubt(item, task.warnings)
        for child in task.children:
            item.addChild(self._item(child))
        return item

    def _populate_merges(self) -> None:
        matches = [m for m in self.ledger.match_units(self.draft.unit_names(), self.draft.region)
                   if m.unit_id is None and m.candidates]
        self.merge_table.setRowCount(len(matches))
        self.merge_combos: dict[str, QComboBox] = {}
        for row, match in enumerate(matches):
            self.merge_table.setItem(row, 0, _readonly_item(match.name))
            combo = QComboBox()
            combo.addItem(NEW_UNIT, None)
            for unit_id, name in match.candidates:
                combo.addItem(f"与“{name}”相同（作为别名）", unit_id)
            self.merge_table.setCellWidget(row, 1, combo)
            self.merge_combos[match.name] = combo

    def read(self) -> PlanDraft:
        """The draft as corrected in the widgets."""
        draft = self.draft
        draft.title = self.title_edit.text().strip()
        draft.issuer = self.issuer_edit.text().strip() or None
        draft.doc_number = self.number_edit.text().strip() or None
        draft.date = normalise_date(self.date_edit.text().strip()) or None
        draft.recipients = self.recipients_edit.text().strip() or None
        draft.tasks = [self._read_item(self.tree.topLevelItem(i))
                       for i in range(self.tree.topLevelItemCount())]
        if self.year_spin.isEnabled() and self.year_spin.value() != self.year_spin.minimum():
            set_plan_year(draft, self.year_spin.value())
        return draft

    def _read_item(self, item: QTreeWidgetItem) -> TaskDraft:
        task: TaskDraft = item.data(0, Qt.ItemDataRole.UserRole)
        task.number, task.title = item.text(0).strip(), item.text(1).strip()
        for column, role in ROLE_COLUMNS.items():
            task.units[role] = list(item.data(column, NAMES_ROLE) or [])
        task.deadline_text = item.text(5).strip() or None
        task.deadline = normalise_date(item.text(6).strip()) or None
        task.ongoing = item.text(7).strip() in ("是", "√", "Y", "y")
        task.children = [self._read_item(item.child(i)) for i in range(item.childCount())]
        return task

    # ------------------------------------------------------------------ units as lists

    def set_units(self, item: QTreeWidgetItem, role: str, names: list[str]) -> None:
        """Give a task's role these units (the list is what is saved; the text only shows it)."""
        column = next(c for c, r in ROLE_COLUMNS.items() if r == role)
        item.setData(column, NAMES_ROLE, list(names))
        item.setText(column, "、".join(names))
        item.setToolTip(column, "\n".join(names) + ("\n（双击修改）" if names else "双击添加单位"))

    def units_of(self, item: QTreeWidgetItem, role: str) -> list[str]:
        """The units a task's role holds in the preview."""
        column = next(c for c, r in ROLE_COLUMNS.items() if r == role)
        return list(item.data(column, NAMES_ROLE) or [])

    def _edit_units_at(self, index) -> None:
        item = self.tree.itemFromIndex(index)
        role = ROLE_COLUMNS.get(index.column())
        if item is None or role is None:
            return
        self.unit_dialog = UnitListDialog(
            self.units_of(item, role), title=f"{ROLE_NAMES[role]} — {item.text(0)}{item.text(1)[:20]}",
            known=[*self.draft.unit_names(), *(u.name for u in self.ledger.units())], parent=self)
        self.unit_dialog.accepted.connect(
            lambda: self.set_units(item, role, self.unit_dialog.names()))
        self.unit_dialog.open()

    def aliases(self) -> dict[str, int]:
        """The merges the office confirmed: new name → existing unit id."""
        return {name: combo.currentData() for name, combo in self.merge_combos.items()
                if combo.currentData() is not None}

    # ------------------------------------------------------------------ accept

    def accept(self) -> None:
        if self.year_missing() and not self._import_without_year():
            return
        draft = self.read()
        problem = self._problem(draft)
        if problem:
            self.error_label.setText(problem)
            return
        try:
            result = self.ledger.apply_plan(draft, aliases=self.aliases(), update=self.existing)
        except ValidationError as exc:
            name = draft.source_file or draft.title
            self.error_label.setText(f"无法保存方案“{name}”：{exc}。台账没有改动；请在上面修改后再保存。")
            return
        self.imported.emit(result.plan_id)
        super().accept()

    def year_missing(self) -> bool:
        """The plan's deadlines have no year and none was chosen."""
        return self.year_spin.isEnabled() and self.year_spin.value() == self.year_spin.minimum()

    def _import_without_year(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self, "方案没有年份",
            "方案的时限只写了月日，没有年份。不选“方案年份”就导入，这些时限不会换算成日期，"
            "报送期和逾期也无法推算，看板和通报会提示该方案还没有应报送的月份。\n\n"
            "仍要不设年份导入吗？（选“否”回到预览，在“方案年份”中选择年份）",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            self.year_spin.setFocus()
            return False
        return True

    def _problem(self, draft: PlanDraft) -> str | None:
        if not draft.title:
            return "请填写方案名称。"
        if draft.date and not is_iso_date(draft.date):
            return f"成文日期“{draft.date}”应写成 2020-06-28 的形式。"
        for task in draft.walk():
            if not task.title:
                return f"序号为“{task.number}”的任务没有名称。"
            if task.deadline and not is_iso_date(task.deadline):
                return f"任务“{task.title[:20]}”的完成日期“{task.deadline}”应写成 2020-11-30 的形式。"
        return None


DOUBT_BRUSH = "#fff4ce"  # the row the reader was unsure of


class YearSpin(QSpinBox):
    """The plan's year: its lowest value means none chosen, and the first step from there
    goes to this year rather than to the year after the lowest."""

    def stepBy(self, steps: int) -> None:
        if self.value() == self.minimum() and steps > 0:
            from datetime import date

            self.setValue(date.today().year)
            return
        super().stepBy(steps)


def _mark_doubt(item: QTreeWidgetItem, warnings: list[str]) -> None:
    """Mark a task the reader was unsure of: a warning icon, a tinted row, the doubts as tip."""
    from PySide6.QtGui import QBrush, QColor
    from PySide6.QtWidgets import QApplication, QStyle

    item.setIcon(0, QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
    for column in range(len(COLUMNS)):
        item.setBackground(column, QBrush(QColor(DOUBT_BRUSH)))
    tip = "需要核对：\n" + "\n".join(warnings)
    item.setToolTip(0, tip)
    item.setData(0, Qt.ItemDataRole.UserRole + 1, warnings)


def _readonly_item(text: str):
    from PySide6.QtWidgets import QTableWidgetItem

    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
