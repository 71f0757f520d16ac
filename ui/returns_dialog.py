"""导入回执: pick or drop the units' returned templates (files or folders), see per file what
will change or why it is refused, import the good ones (each whole or not at all), save the
import report, and undo an earlier import from the list of imports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importers.returns_xlsx import collect_return_files, read_return
from models.files import describe_os_error
from models.validation import ValidationError
from ui.errors import wait_cursor

COLUMNS = ("文件", "单位", "月份", "检查结果", "说明")
REFUSED_COLOR = QColor("#c00000")
HELD_COLOR = QColor("#9c5700")


class ReturnsImportDialog(QDialog):
    """The returns import, with its preview and the history of imports."""

    imported = Signal()

    def __init__(self, ledger, parent=None, *, today=date.today):
        super().__init__(parent)
        self.ledger = ledger
        self.today = today
        self.parsed: list = []
        self.outcome = None  # the last preview or import
        self.allowed: set[str] = set()  # months the office confirmed
        self.setWindowTitle("导入回执（各单位报送模板）")
        self.setAcceptDrops(True)
        self.resize(980, 620)
        tabs = QTabWidget()
        tabs.addTab(self._import_tab(), "导入")
        tabs.addTab(self._history_tab(), "导入记录")
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        self.refresh_history()

    # ------------------------------------------------------------------ building

    def _import_tab(self) -> QWidget:
        page = QWidget()
        add_files = QPushButton("添加文件…")
        add_files.clicked.connect(self.choose_files)
        add_folder = QPushButton("添加文件夹…")
        add_folder.clicked.connect(self.choose_folder)
        clear = QPushButton("清空")
        clear.clicked.connect(lambda: self.set_paths([]))
        self.received = QDateEdit(QDate(self.today()))
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("yyyy-MM-dd")
        self.received.setToolTip("各文件的收到日期，用于判断按时或逾期，以及正在收集哪个月的报送；"
                                 "默认今天，可改为实际收到的日期")
        # every file is checked again for a new date: once the date stops changing, not per keystroke
        self.date_settled = QTimer(self)
        self.date_settled.setSingleShot(True)
        self.date_settled.setInterval(300)
        self.date_settled.timeout.connect(lambda: self.preview())
        self.received.dateChanged.connect(lambda _: self.date_settled.start())
        top = QHBoxLayout()
        for widget in (add_files, add_folder, clear):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(QLabel("收到日期："))
        top.addWidget(self.received)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 70)
        self.table.setColumnWidth(3, 80)
        self.table.itemSelectionChanged.connect(self.show_details)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("选中一个文件，这里列出它将带来的变化，或被拒绝的原因（工作表、行、列）。")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([380, 160])
        self.months_bar = QWidget()
        self.months_row = QHBoxLayout(self.months_bar)
        self.months_row.setContentsMargins(0, 0, 0, 0)
        self.months_bar.hide()
        self.summary = QLabel("把各单位交回的报送模板（文件或整个文件夹）拖到这里，或点“添加文件…”。")
        self.summary.setWordWrap(True)
        self.import_button = QPushButton("导入")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.report_button = QPushButton("保存导入报告…")
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(lambda: self.save_report())
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for widget in (self.import_button, self.report_button, close):
            bottom.addWidget(widget)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.months_bar)
        layout.addLayout(bottom)
        return page

    def _history_tab(self) -> QWidget:
        page = QWidget()
        self.history = QTreeWidget()
        self.history.setHeaderLabels(["导入", "收到日期", "单位", "月份", "内容"])
        self.history.setColumnWidth(0, 260)
        self.undo_button = QPushButton("撤销所选导入…")
        self.undo_button.setToolTip("删除这次导入写入的内容，恢复被它替换的原有内容")
        self.undo_button.clicked.connect(lambda: self.undo_selected())
        layout = QVBoxLayout(page)
        layout.addWidget(self.history, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.undo_button)
        layout.addLayout(row)
        return page

    # ------------------------------------------------------------------ choosing files

    def choose_files(self) -> None:
        from ui.window_state import remember_folder, start_folder

        state = getattr(self.parent(), "state", None)
        paths, _ = QFileDialog.getOpenFileNames(self, "选择报送模板", start_folder(state, "returns"),
                                                "Excel 工作簿 (*.xlsx *.xls *.et *.ods);;所有文件 (*)")
        if paths:
            remember_folder(state, "returns", paths[0])
            self.add_paths(paths)

    def choose_folder(self) -> None:
        from ui.window_state import remember_folder, start_folder

        state = getattr(self.parent(), "state", None)
        folder = QFileDialog.getExistingDirectory(self, "选择存放报送模板的文件夹", start_folder(state, "returns"))
        if folder:
            remember_folder(state, "returns", folder)
            self.add_paths([folder])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self.add_paths([url.toLocalFile() for url in event.mimeData().urls() if url.toLocalFile()])

    def add_paths(self, paths) -> None:
        """Add files (or every workbook in folders) to those listed, oldest first, and check."""
        self.set_paths(collect_return_files([*(p.path for p in self.parsed), *paths]))

    def set_paths(self, paths) -> None:
        """Read and check these files (one already listed is not read again); nothing is
        written yet."""
        read = {Path(p.path): p for p in self.parsed}
        with wait_cursor():
            self.parsed = [read.get(p) or read_return(p) for p in dict.fromkeys(map(Path, paths))]
        self.preview()

    def preview(self) -> None:
        """Check the files read against the ledger (nothing written) and show the result."""
        with wait_cursor():
            self.outcome = self.ledger.apply_returns(
                self.parsed, received_on=self.received_on(), dry_run=True,
                allow_months=tuple(self.allowed)) if self.parsed else None
        self.show_outcome()
        self.show_months()

    def show_months(self) -> None:
        """A checkbox per month that needs confirming (or was confirmed) before its files go in."""
        while self.months_row.count():
            item = self.months_row.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        months = sorted(set(self.outcome.held_months if self.outcome else []) | self.allowed)
        self.months_bar.setVisible(bool(months))
        if not months:
            return
        self.months_row.addWidget(QLabel("月份待确认（不是正在收集的月份，或该单位该月已导入过）："))
        for month in months:
            box = QCheckBox(f"确认导入 {month} 的报送")
            box.setChecked(month in self.allowed)
            box.toggled.connect(lambda on, m=month: self.allow_month(m, on))
            self.months_row.addWidget(box)
        self.months_row.addStretch(1)

    def allow_month(self, month: str, on: bool) -> None:
        """Confirm (or take back) a month, and check again."""
        (self.allowed.add if on else self.allowed.discard)(month)
        self.preview()

    def received_on(self) -> str:
        """The date received, as the ledger stores it."""
        return self.received.date().toString("yyyy-MM-dd")

    # ------------------------------------------------------------------ showing

    def show_outcome(self) -> None:
        files = self.outcome.files if self.outcome else []
        self.table.setRowCount(len(files))
        done = bool(self.outcome and not self.outcome.dry_run)
        for row, f in enumerate(files):
            result = "已导入" if f.taken and done else f.state
            said = f.summary if f.taken else f.held or str(f.problems[0])
            for column, value in enumerate((f.name, f.unit_name, f.period, result, said)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if not f.taken:
                    item.setForeground(HELD_COLOR if f.held else REFUSED_COLOR)
                self.table.setItem(row, column, item)
        takeable = len(self.outcome.taken) if self.outcome and not done else 0
        self.import_button.setEnabled(bool(takeable))
        self.import_button.setText(f"导入 {takeable} 个文件" if takeable else "导入")
        self.report_button.setEnabled(bool(files))
        if self.outcome:
            refused, held = len(self.outcome.refused), len(self.outcome.held)
            verb = "已导入" if done else "可导入"
            self.summary.setText(f"共 {len(files)} 个文件：{verb} {len(self.outcome.taken)} 个，拒绝 {refused} 个"
                                 + (f"，待确认月份 {held} 个（勾选下方的月份后可导入）" if held else "") + "。"
                                 + ("被拒绝的文件不会写入任何内容，请把原因转告报送单位。" if refused else ""))
        if files:
            self.table.selectRow(0)
        else:
            self.details.clear()

    def show_details(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.outcome:
            return
        f = self.outcome.files[rows[0].row()]
        lines = [f.file, ""]
        if f.taken:
            lines += f.changes + [f"提示：{note}" for note in f.notes]
        elif f.held:
            lines += [f"待确认：{f.held}", "勾选下方“确认导入”该月份后即可导入。"] + [f"提示：{note}" for note in f.notes]
        else:
            lines += ["该文件被拒绝，原因："] + [f"  {problem}" for problem in f.problems]
        self.details.setPlainText("\n".join(lines))

    # ------------------------------------------------------------------ acting

    def run_import(self) -> None:
        """Import every file that passed the checks; each commits whole or not at all."""
        if self.date_settled.isActive():  # the date just changed: check with it first
            self.date_settled.stop()
            self.preview()
        with wait_cursor():
            self.outcome = self.ledger.apply_returns(self.parsed, received_on=self.received_on(),
                                                     allow_months=tuple(self.allowed))
        self.show_outcome()
        self.months_bar.hide()
        self.refresh_history()
        self.imported.emit()
        if self.outcome.failure:
            QMessageBox.warning(self, "导入未完成", self.outcome.failure)

    def save_report(self, path: str | None = None) -> str | None:
        """The import report (.xlsx): per file what was taken or refused, with sheet/row/column."""
        from exporters.xlsx_import_report import export_import_report

        if not self.outcome:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "保存导入报告", f"导入报告_{self.received_on()}.xlsx",
                                                  "Excel 工作簿 (*.xlsx)")
            if not path:
                return None
        settings = self.ledger.settings()
        try:
            export_import_report(self.outcome, path, font=settings["font_fang"], title_font=settings["font_hei"])
        except PermissionError:
            QMessageBox.warning(self, "文件被占用", f"无法写入“{path}”：文件可能正在 WPS 或 Excel 中打开。")
            return None
        except OSError as exc:  # a full disk, a folder gone: said with the file's name
            QMessageBox.warning(self, "无法保存", describe_os_error(exc, path))
            return None
        return path

    def refresh_history(self) -> None:
        self.history.clear()
        for batch in self.ledger.imports():
            state = f"（已于 {batch['undone_at']} 撤销）" if batch["undone_at"] else ""
            top = QTreeWidgetItem([f"第 {batch['id']} 次导入 {batch['at'].replace('T', ' ')}{state}",
                                   batch["received_on"], f"{len(batch['files'])} 个文件", "", ""])
            top.setData(0, Qt.ItemDataRole.UserRole, batch["id"])
            for f in batch["files"]:
                top.addChild(QTreeWidgetItem([Path(f["file"]).name, "", f["unit_name"] or "",
                                              f["period"] or "", f["summary"] or ""]))
            self.history.addTopLevelItem(top)

    def undo_selected(self, import_id: int | None = None, *, confirm: bool = True) -> bool:
        """Undo a whole import (the selected one unless `import_id` is given)."""
        if import_id is None:
            item = self.history.currentItem()
            while item is not None and item.parent() is not None:
                item = item.parent()
            if item is None:
                QMessageBox.information(self, "撤销导入", "请先在列表中选择一次导入。")
                return False
            import_id = item.data(0, Qt.ItemDataRole.UserRole)
        if confirm and QMessageBox.question(
                self, "撤销导入", f"撤销第 {import_id} 次导入？它写入的进展、案例和名单数量将被删除，"
                                  "被它替换的原有内容将恢复。") != QMessageBox.StandardButton.Yes:
            return False
        try:
            count = self.ledger.undo_import(import_id)
        except ValidationError as exc:
            QMessageBox.warning(self, "不能撤销", str(exc))
            return False
        self.refresh_history()
        self.imported.emit()
        QMessageBox.information(self, "已撤销", f"第 {import_id} 次导入（{count} 个文件）已撤销，原有内容已恢复。")
        return True
