"""Units edited as a list, never as text to be split again: a cell that draws each unit as a
chip, and the dialog that adds, renames, removes and reorders them. A name such as
“各县、市、区文明办” stays one unit whatever punctuation it holds."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QVBoxLayout,
)

from ui.unsaved import save_cancel_buttons

NAMES_ROLE = Qt.ItemDataRole.UserRole + 1  # the list of names a cell holds
CHIP_FILL, CHIP_LINE, CHIP_TEXT = QColor("#e8eef6"), QColor("#b7c7da"), QColor("#1f3550")


def chip_layout(names: list[str], metrics, left: float, right: float) -> list[tuple[str, float, float, bool]]:
    """Where a cell's names go: (text, x, width, is a chip) for each chip that fits, then
    "+N" for the names left over. The first name is never hidden, only shortened with …"""
    laid, x = [], left
    for shown, name in enumerate(names):
        width = metrics.horizontalAdvance(name) + 12
        rest = len(names) - shown
        if x + width > right and shown:
            laid.append((f"+{rest}", x, right - x, False))
            break
        if x + width > right:
            after = metrics.horizontalAdvance(f"+{rest - 1}") + 6 if rest > 1 else 0
            room = max(right - x - after - 12, metrics.horizontalAdvance("…"))
            name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(room))
            width = metrics.horizontalAdvance(name) + 12
        laid.append((name, x, width, True))
        x += width + 4
    return laid


class UnitChipsDelegate(QStyledItemDelegate):
    """Draws a cell's units as chips; "editing" it asks for the list dialog instead of a
    line of text (`edit_requested` carries the index)."""

    edit_requested = Signal(object)

    def paint(self, painter: QPainter, option, index) -> None:
        names = index.data(NAMES_ROLE) or []
        style = option.widget.style() if option.widget else None
        if style is not None:  # background and selection as the view draws them
            self.initStyleOption(option, index)
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        x, right = option.rect.left() + 3, option.rect.right() - 3
        height = min(metrics.height() + 4, option.rect.height() - 2)
        y = option.rect.top() + (option.rect.height() - height) / 2
        for text, left, width, is_chip in chip_layout(names, metrics, x, right):
            if not is_chip:
                painter.setPen(CHIP_TEXT)
                painter.drawText(QRectF(left, y, width, height), Qt.AlignmentFlag.AlignVCenter, text)
                continue
            chip = QRectF(left, y, width, height)
            painter.setPen(QPen(CHIP_LINE))
            painter.setBrush(CHIP_FILL)
            painter.drawRoundedRect(chip, 4, 4)
            painter.setPen(CHIP_TEXT)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        names = index.data(NAMES_ROLE) or []
        metrics = option.fontMetrics
        width = sum(metrics.horizontalAdvance(n) + 16 for n in names) + 6
        return QSize(min(width, 360), metrics.height() + 8)

    def createEditor(self, parent, option, index):
        # the list is edited in its own dialog, opened once the view has finished its event
        QTimer.singleShot(0, lambda: self.edit_requested.emit(index))
        return None


class UnitListDialog(QDialog):
    """The units of one role of one task: add, rename (double-click), remove, reorder."""

    def __init__(self, names: list[str], *, title: str, known: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = QListWidget()
        for name in names:
            self._add_item(name)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("输入一个单位的完整名称，回车添加")
        if known:
            completer = QCompleter(sorted(set(known)), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.new_name.setCompleter(completer)
        add = QPushButton("添加")
        add.clicked.connect(self.add_typed)
        self.new_name.returnPressed.connect(self.add_typed)
        column = QVBoxLayout()
        for text, slot in (("上移", lambda: self.move(-1)), ("下移", lambda: self.move(1)),
                           ("删除", self.remove_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(column)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(add)
        hint = QLabel("每行一个单位，名称原样保存（含顿号、括号也不拆分）。双击可改名。")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(row, 1)
        layout.addLayout(adding)
        layout.addWidget(save_cancel_buttons(self, "确定"))
        self.resize(420, 360)

    def _add_item(self, name: str) -> None:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)

    def add_typed(self) -> None:
        """Add the name typed below the list (once)."""
        name = self.new_name.text().strip()
        if name and name not in self.names():
            self._add_item(name)
        self.new_name.clear()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if 0 <= row + step < self.list.count() and row >= 0:
            item = self.list.takeItem(row)
            self.list.insertItem(row + step, item)
            self.list.setCurrentRow(row + step)

    def names(self) -> list[str]:
        """The units as listed: trimmed, without empty lines or repeats."""
        names = (self.list.item(i).text().strip() for i in range(self.list.count()))
        return list(dict.fromkeys(n for n in names if n))
