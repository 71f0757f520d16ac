"""UnitsPage (单位名录): units with short names, aliases and contacts; edit one in the form;
merge two into one (their links, reports and cases follow); likely duplicates offered for a
one-click merge; the members a group name stands for."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.ledger import Ledger
from models.records import UNIT_KINDS, Unit
from models.unitnames import is_group_name
from models.validation import ValidationError
from ui.proxies import ChineseSortProxyModel
from ui.unit_reconcile import DuplicatesBox, GroupMembersDialog
from ui.unit_table_model import UnitTableModel
from ui.widgets import add_field, form_layout, scrolled, set_error
from ui.write_guard import enable_write, guard_writes

EDITED = ("name", "short_name", "aliases", "kind", "region", "contact_person", "phone", "email")


class UnitForm(QGroupBox):
    """populate / read / accept for one unit; errors by their fields."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__("单位信息", parent)
        self.ledger, self.unit = ledger, None
        self.editors, self.errors = {}, {}
        form = form_layout()
        QVBoxLayout(self).addLayout(form)
        labels = {f.name: f.label for f in Unit.FIELDS}
        for name in EDITED:
            if name == "kind":
                editor = QComboBox()
                editor.addItem("", None)
                for kind in UNIT_KINDS:
                    editor.addItem(kind, kind)
            else:
                editor = QLineEdit()
            if name == "aliases":
                editor.setPlaceholderText("用顿号分隔，如 市中法、市法院")
            self.editors[name] = editor
            self.errors[name] = add_field(form, labels[name], editor)
        self.usage = QLabel()
        self.usage.setWordWrap(True)
        self.save_button = QPushButton("保存")
        self.save_button.clicked.connect(self.accept)
        guard_writes(ledger, self.save_button)
        form.addRow(self.usage)
        form.addRow(self.save_button)
        self.setEnabled(False)

    def populate(self, unit: Unit) -> None:
        self.unit = unit
        for name, editor in self.editors.items():
            value = getattr(unit, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(editor.findData(value), 0))
            else:
                editor.setText("、".join(value) if isinstance(value, list) else (value or ""))
        usage = self.ledger.unit_usage(unit.id) if unit.id else {}
        chases = self.ledger.reminders(unit.id)[:3] if unit.id else []
        self.usage.setText("；".join(f"{k} {v}" for k, v in usage.items())
                           + ("\n最近催报：" + "；".join(f"{r['chased_on']} {r['method']}" for r in chases)
                              if chases else ""))
        self.setEnabled(True)

    def read(self) -> Unit:
        values = {}
        for name, editor in self.editors.items():
            values[name] = editor.currentData() if isinstance(editor, QComboBox) else editor.text().strip() or None
        values["aliases"] = [a for a in re.split(r"[、，,；;\s]+", values["aliases"] or "") if a]
        return Unit(**{**values, "name": values["name"] or "", "region": values["region"] or "",
                       "id": self.unit.id if self.unit else None})

    def accept(self) -> bool:
        for error in self.errors.values():
            set_error(error, None)
        try:
            self.ledger.save(self.read())
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name in self.errors:
                    set_error(self.errors[name], message)
            return False
        return True


class UnitsPage(QWidget):
    """The directory, a filter box, the form, and merging."""

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.model = UnitTableModel(ledger.units(), self)
        self.proxy = ChineseSortProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # sorts once, by the indicator: pinyin order of names
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one line a unit: more rows in view
        rows.setDefaultSectionSize(self.view.fontMetrics().lineSpacing() + 8)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("筛选单位名称、别名、联系人")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.form = UnitForm(ledger, self)
        self.form.save_button.clicked.connect(self.refresh)
        merge = QPushButton("合并所选的两个单位…")
        merge.clicked.connect(self.merge_selected)
        self.members_button = QPushButton("成员单位…")
        self.members_button.setToolTip("“各成员单位”“各县（市）区政府”等群体名称代表哪些单位")
        self.members_button.clicked.connect(self.edit_members)
        self.members_button.setEnabled(False)  # for a group name only
        guard_writes(ledger, merge, self.members_button)
        self.duplicates = DuplicatesBox(ledger, self)
        self.duplicates.merged.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(self._chosen)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter)
        column.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(merge)
        row.addWidget(self.members_button)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.duplicates)
        splitter = QSplitter()
        splitter.setObjectName("units_splitter")
        splitter.addWidget(left)
        splitter.addWidget(scrolled(self.form))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        QHBoxLayout(self).addWidget(splitter)

    def refresh(self) -> None:
        self.model.set_records(self.ledger.units())
        self._fit_columns()
        self.duplicates.refresh()

    def _fit_columns(self) -> None:
        """The name takes the room; every other column is as wide as what it holds (an empty
        one as its header), 别名 and 电子邮箱 no wider than a third of a small screen."""
        cells, header = self.view.fontMetrics(), self.view.horizontalHeader().fontMetrics()
        for column in range(1, self.model.columnCount()):  # measured from the text: no Qt round trips
            title = header.horizontalAdvance(self.model.headers[column]) + 24
            widest = max(map(cells.horizontalAdvance, self.model.column_texts(column)), default=0) + 16
            self.view.setColumnWidth(column, min(max(title, widest), 220))

    def show_unit(self, unit_id: int) -> None:
        """Select a unit and show it in the form (from a search)."""
        self.filter.clear()
        for row in range(self.model.rowCount()):
            if self.model.record_at(row).id == unit_id:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.selectRow(index.row())
                self.view.scrollTo(index)
                return

    def _chosen(self, index, _previous=None) -> None:
        if index.isValid():
            unit = self.model.record_at(self.proxy.mapToSource(index).row())
            self.form.populate(unit)
            enable_write(self.ledger, self.members_button, unit.kind == "成员单位群体" or is_group_name(unit.name))

    def edit_members(self):
        """List the units the chosen group name stands for."""
        units = self.selected_units()
        if len(units) != 1:
            return None
        dialog = GroupMembersDialog(self.ledger, units[0], self)
        dialog.show()
        return dialog

    def selected_units(self) -> list[Unit]:
        return [self.model.record_at(self.proxy.mapToSource(i).row())
                for i in self.view.selectionModel().selectedRows()]

    def merge_selected(self) -> dict | None:
        """Ask which name to keep, confirm, merge."""
        units = self.selected_units()
        if len(units) != 2:
            QMessageBox.information(self, "合并单位", "请按住 Ctrl 选择两个单位。")
            return None
        names = [f"{u.name}（{u.region}）" if u.region else u.name for u in units]
        kept, ok = QInputDialog.getItem(self, "合并单位", "保留哪个名称？另一个将作为别名：", names, 0, False)
        if not ok:
            return None
        keep, drop = (units[0], units[1]) if kept == names[0] else (units[1], units[0])
        answer = QMessageBox.question(self, "合并单位", f"“{drop.name}”的任务、进展、案例和名单都将并入"
                                      f"“{keep.name}”，确定合并吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return None
        result = self.ledger.merge_units(keep.id, drop.id)
        self.refresh()
        return result
