"""EmptyHint: the grey "暂无…" line an empty table shows in its own area (Qt's item views have
no placeholder text), saying why it is empty; it steps aside as soon as the table has rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QLabel):
    """A wrapped line over the viewport of `view`, shown while its model has no rows."""

    def __init__(self, view: QAbstractItemView, text: str = ""):
        super().__init__(text, view.viewport())
        self.view = view
        self.setObjectName("hint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the table
        view.viewport().installEventFilter(self)
        self.watch(view.model())

    def watch(self, model) -> None:
        """Follow `model` (call again when the view is given another model)."""
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.sync)
        self.sync()

    def set_text(self, text: str) -> None:
        """Say this while the table is empty ("" says nothing)."""
        self.setText(text)
        self.sync()

    def sync(self, *_args) -> None:
        """Show the line exactly when the table is empty and there is something to say."""
        model = self.view.model()
        self.setVisible(bool(self.text()) and model is not None and model.rowCount() == 0)
        self._fit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        area = self.view.viewport().rect()
        self.setGeometry(area.adjusted(8, 6, -8, -6))
