"""Reconciling the unit directory before anything is ranked: DuplicatesBox lists the units that
are probably one agency written two ways, each merged with one click (or marked as different,
once); GroupMembersDialog lists the units a group name (各成员单位, 各县（市）区政府) stands for."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models.ledger import Ledger
from ui.write_guard import enable_write, guard_writes


class DuplicatesBox(QWidget):
    """疑似重复的单位, compact: one line with the count and the buttons, and under it a short
    list (a few rows; it scrolls) that folds away. 合并 keeps the fuller name, the other
    becomes an alias."""

    merged = Signal()
    VISIBLE_ROWS = 3  # rows shown before the list scrolls: the directory keeps the room

    def __init__(self, ledger: Ledger, parent=None):
        super().__init__(parent)
        self.ledger, self.pairs = ledger, []
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip("合并后才能正确统计和排名；点击展开或收起")
        self.list = QListWidget()
        self.merge_button = QPushButton("合并所选")
        self.distinct_button = QPushButton("不是同一单位")
        self.merge_button.clicked.connect(self.merge_current)
        self.distinct_button.clicked.connect(self.mark_current_distinct)
        self.list.currentRowChanged.connect(self._chosen)
        self.toggle.toggled.connect(self._fold)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.toggle)
        top.addStretch(1)
        top.addWidget(self.merge_button)
        top.addWidget(self.distinct_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.refresh()

    def refresh(self) -> None:
        """Find the likely duplicates again."""
        self.pairs = self.ledger.likely_duplicates()
        self.list.clear()
        for pair in self.pairs:
            keep, drop = _kept_first(pair)
            item = QListWidgetItem(f"{pair.reason}（{keep.region or '未注明地区'}）→ 合并后保留“{keep.name}”")
            item.setToolTip(f"“{drop.name}”的任务、进展、案例和名单将并入“{keep.name}”，“{drop.name}”成为别名")
            self.list.addItem(item)
        rows = min(max(len(self.pairs), 1), self.VISIBLE_ROWS)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 6
                                 if self.pairs else 0)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if len(self.pairs) > rows
                                             else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVisible(bool(self.pairs))
        self._fold(self.toggle.isChecked())
        self._chosen(self.list.currentRow())

    def _fold(self, shown: bool) -> None:
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.toggle.setArrowType(arrow)
        self.toggle.setText(f"疑似重复的单位 {len(self.pairs)} 对（合并后才能正确统计和排名）")
        self.list.setVisible(shown)
        self.merge_button.setVisible(shown)
        self.distinct_button.setVisible(shown)

    def _chosen(self, row: int) -> None:
        enable_write(self.ledger, self.merge_button, row >= 0)
        enable_write(self.ledger, self.distinct_button, row >= 0)

    def merge_current(self) -> dict | None:
        """Merge the chosen pair (the fuller name kept)."""
        row = self.list.currentRow()
        if row < 0:
            return None
        keep, drop = _kept_first(self.pairs[row])
        result = self.ledger.merge_units(keep.id, drop.id)
        self.refresh()
        self.merged.emit()
        return result

    def mark_current_distinct(self) -> None:
        """The chosen pair are two units: not offered again."""
        row = self.list.currentRow()
        if row >= 0:
            pair = self.pairs[row]
            self.ledger.mark_distinct(pair.first.id, pair.second.id)
            self.refresh()


def _kept_first(pair) -> tuple:
    """The fuller name is kept (中国人民银行…, 市人力资源和社会保障局)."""
    return pair.kept_first()


class GroupMembersDialog(QDialog):
    """Tick the units a group name stands for; they report in its place."""

    def __init__(self, ledger: Ledger, group, parent=None):
        super().__init__(parent)
        self.ledger, self.group = ledger, group
        self.setWindowTitle(f"成员单位 — {group.name}")
        self.resize(420, 520)
        listed = set(ledger.listed_members(group.id))
        self.list = QListWidget()
        for unit in ledger.units(group.region or ""):
            if unit.id == group.id:
                continue
            item = QListWidgetItem(unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.id in listed
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        note = QLabel("勾选的单位代替该群体名称报送进展、接受考核；群体名称本身不参加排名。"
                      "是否展开群体名称可在“设置”中选择。")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        guard_writes(ledger, buttons.button(QDialogButtonBox.StandardButton.Save))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def checked(self) -> list[int]:
        """The units ticked."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def accept(self) -> None:
        self.ledger.set_group_members(self.group.id, self.checked())
        super().accept()
