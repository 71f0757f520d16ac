"""Small charts drawn with QPainter (QtCharts is deprecated): stacked bars of task statuses per
domain, in the colours of `ui.colors`."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from ui.colors import STATUS_COLORS, STATUS_HELP


class StatusBars(QWidget):
    """One horizontal bar per domain, split by task status; a legend on top."""

    ROW = 22

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, dict[str, int]]] = []
        self.empty_text = ""  # said under the legend when there are no bars
        self.setMinimumHeight(60)
        self.setToolTip(STATUS_HELP)

    def set_rows(self, rows: list[tuple[str, dict[str, int]]], empty_text: str = "暂无任务") -> None:
        """(domain label, counts by status) for each domain; `empty_text` when there are none."""
        self.rows, self.empty_text = rows, empty_text
        self.setMinimumHeight(30 + self.ROW * max(len(rows), 1))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(520, 30 + self.ROW * max(len(self.rows), 1))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = 0
        for status, color in STATUS_COLORS.items():
            painter.fillRect(QRectF(x, 4, 12, 12), QColor(color))
            painter.drawText(QRectF(x + 16, 0, 60, 20), Qt.AlignmentFlag.AlignVCenter, status)
            x += 76
        if not self.rows:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(QRectF(0, 26, self.width(), self.height() - 26),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
        label_width = min(220, self.width() // 3)
        bar_width = max(self.width() - label_width - 40, 40)
        most = max((sum(c.values()) for _, c in self.rows), default=1) or 1
        for i, (label, counts) in enumerate(self.rows):
            y = 26 + i * self.ROW
            painter.setPen(QColor("#333333"))
            painter.drawText(QRectF(0, y, label_width - 6, self.ROW - 4),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight,
                                                              label_width - 6))
            left = float(label_width)
            for status, color in STATUS_COLORS.items():
                n = counts.get(status, 0)
                if n:
                    width = bar_width * n / most
                    painter.fillRect(QRectF(left, y + 3, width, self.ROW - 8), QColor(color))
                    left += width
            painter.drawText(QRectF(left + 4, y, 36, self.ROW - 4), Qt.AlignmentFlag.AlignVCenter,
                             str(sum(counts.values())))
        painter.end()
