"""Small helpers the pages and forms share: an error label by a field, a page that scrolls
instead of forcing the window taller, "暂无…" in an empty list, sizes that fit the screen."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QScrollArea, QWidget


def error_label() -> QLabel:
    """A red message under a field; hidden until it has something to say. It takes no room
    while hidden, so a form does not open a gap around it."""
    label = QLabel()
    label.setObjectName("field_error")
    label.setWordWrap(True)
    label.hide()
    return label


def scrolled(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: on a small screen (1366×768, or scaled to 125% or
    150%) the page scrolls instead of pushing the window's bottom off the screen."""
    area = QScrollArea()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def show_empty(view: QListWidget, text: str) -> None:
    """Put a grey "暂无…" line in a list that has nothing to show."""
    if view.count():
        return
    from PySide6.QtCore import Qt

    item = QListWidgetItem(text)
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    item.setForeground(view.palette().placeholderText())
    view.addItem(item)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the size asked for, or to 90% of the screen where that is smaller (a
    1366×768 laptop at 150% scaling offers 911×512)."""
    screen = widget.screen()
    if screen is not None:
        free = screen.availableGeometry()
        width = min(width, int(free.width() * 0.9))
        height = min(height, int(free.height() * 0.9))
    widget.resize(width, height)


FRAME = (16, 40)  # what a window manager adds around a window: borders, and the title bar


def fit_window(window: QWidget, width: int, height: int) -> None:
    """The main window's first size: as asked, or the screen's free area (the desktop less
    its taskbar) less the window's frame where that is smaller, centred in that area. A
    1366×768 laptop with a taskbar offers about 1366×728, so 760 px would reach under it."""
    screen = window.screen()
    if screen is None:
        window.resize(width, height)
        return
    free = screen.availableGeometry()
    width, height = min(width, free.width() - FRAME[0]), min(height, free.height() - FRAME[1])
    window.resize(width, height)
    window.move(free.x() + (free.width() - width - FRAME[0]) // 2,
                free.y() + (free.height() - height - FRAME[1]) // 2)


def compact(combo, chars: int = 10):
    """A combo box as wide as `chars` characters at least, not as its longest item (plan
    titles run to forty characters and would widen the page past a small screen). The
    list that drops down still shows the whole names."""
    combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def add_field(form, label: str, editor) -> QLabel:
    """Add `editor` to a QFormLayout and, under it, its error row, which takes no room while
    it is hidden (a form does not open a gap where no error is shown)."""
    form.addRow(label, editor)
    error = error_label()
    form.addRow("", error)
    form.setRowVisible(error, False)
    error.form_layout = form
    return error


def set_error(error: QLabel, message: str | None) -> None:
    """Show (or, with no message, hide) a field's error row."""
    error.setText(message or "")
    form = getattr(error, "form_layout", None)
    if form is not None:
        form.setRowVisible(error, bool(message))
    else:
        error.setVisible(bool(message))


def form_layout() -> "QFormLayout":
    """A QFormLayout as every form here lays out: labels right-aligned beside their fields,
    fields growing to the dialog's width, wrapped rows on a narrow screen."""
    from PySide6.QtWidgets import QFormLayout

    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setVerticalSpacing(6)
    return form


class SummaryLabel(QLabel):
    """A wrapped line or two of text on a page that scrolls. An ordinary wrapped label asks
    its scroll area for the height it would like at every width, which makes the page scroll
    on a screen that has room; this one keeps two lines' height and says so once."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setObjectName("summary")
        self.setWordWrap(True)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 8)

    def hasHeightForWidth(self) -> bool:
        return False


class NoteLabel(QLabel):
    """A wrapped note on a page that scrolls: as tall as its text needs at its present width.
    An ordinary wrapped label offers its scroll area a height for every width it might get
    and makes a page scroll that has room; this one answers only for the width it has."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def hasHeightForWidth(self) -> bool:
        return False

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        height = self.heightForWidth(max(self.width(), 200)) if self.text() else 0
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
