"""PlansPage (方案列表): the ledger's plans in a table."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.ledger import Ledger
from ui.plan_table_model import PlanTableModel


class PlansPage(QWidget):
    """The plans, with a hint when there are none."""

    changed = Signal()  # a plan's 报送设置 were saved: the month pages show other months

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.model = PlanTableModel(ledger.plans(), self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel("台账中还没有方案。可从“文件”菜单导入方案（Ctrl+I），"
                                  "或载入五份示例方案；也可以把方案文件拖到窗口中。")
        self.cycle_button = QPushButton("报送设置与总结报告…")
        self.cycle_button.clicked.connect(self.open_cycle)
        self.view.doubleClicked.connect(lambda _index: self.open_cycle())
        buttons = QHBoxLayout()
        buttons.addWidget(self.cycle_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.cycle_dialog = None
        self.refresh()

    def open_cycle(self):
        """The chosen plan's report day, next-month rule, 总结报告 date and deliverables."""
        from ui.plan_cycle_dialog import PlanCycleDialog

        plan_id = self.current_plan_id()
        if plan_id is None:
            return None
        self.cycle_dialog = PlanCycleDialog(self.ledger, plan_id, self)
        self.cycle_dialog.saved.connect(self.refresh)
        self.cycle_dialog.saved.connect(self.changed)
        self.cycle_dialog.show()
        return self.cycle_dialog

    def refresh(self) -> None:
        """Re-read the plans."""
        self.model.set_records(self.ledger.plans())
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def current_plan_id(self) -> int | None:
        """The selected plan, else the first one."""
        rows = self.view.selectionModel().selectedRows()
        if rows:
            return self.model.record_at(rows[0].row()).id
        return self.model.record_at(0).id if self.model.rowCount() else None
