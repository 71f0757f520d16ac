"""ExportDialog: one official document — plan, month, 文号, 主送, 抄送, signature, date — then
saved where the user says and, on request, opened in the system's default program."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from exporters.documents import CONTENT, WORD_KINDS, meta_from_settings
from exporters.gongwen import export_gongwen
from models.cycle import month_label
from models.ledger import Ledger
from models.validation import ValidationError
from ui.unsaved import save_cancel_buttons

_DOC_NUMBER = re.compile(r"^(?P<prefix>\S+?)〔(?P<year>\d{4})〕(?P<number>[1-9]\d*)号$")
MONTH_LABELS = {"bulletin": "月份", "reminder": "月份", "summary": "截至月份", "casebook": "月份"}


class ExportDialog(QDialog):
    """Asks for a document's particulars and writes it."""

    exported = Signal(str)

    def __init__(self, ledger: Ledger, kind: str, parent=None, *, plan_id: int | None = None,
                 period: str | None = None, today: date | None = None):
        super().__init__(parent)
        self.ledger, self.kind, self.today = ledger, kind, today or date.today()
        self.settings = ledger.settings()
        self.setWindowTitle(f"导出{WORD_KINDS[kind]}")
        self.resize(640, 520)
        form = QFormLayout()
        self.plan_combo = QComboBox()
        for plan in ledger.plans():
            self.plan_combo.addItem(f"{plan.doc_number or ''} {plan.title}".strip(), plan.id)
        if plan_id is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        self.period_combo = QComboBox()
        self.phase_combo = QComboBox()
        self.number_edit, self.to_edit, self.cc_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.signature_edit = QLineEdit(self.settings["office_name"])
        self.date_edit = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.requirements = QPlainTextEdit()
        self.open_after = QCheckBox("导出后用默认程序打开")
        self.open_after.setChecked(True)
        form.addRow("方案", self.plan_combo)
        if kind in MONTH_LABELS:
            form.addRow(MONTH_LABELS[kind], self.period_combo)
        if kind == "summary":
            form.addRow("阶段", self.phase_combo)
        form.addRow("发文字号", self.number_edit)
        form.addRow("主送机关", self.to_edit)
        form.addRow("抄送机关", self.cc_edit)
        form.addRow("署名", self.signature_edit)
        form.addRow("成文日期", self.date_edit)
        if kind == "bulletin":
            form.addRow("下步工作要求", self.requirements)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        buttons = save_cancel_buttons(self, "导出…")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        from ui.font_check_dialog import font_warning_label

        layout.addWidget(font_warning_label(self.settings))  # a font this machine lacks
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.period_combo.currentIndexChanged.connect(self._propose_requirements)
        self._plan_changed()
        if period and self.period_combo.findData(period) >= 0:
            self.period_combo.setCurrentIndex(self.period_combo.findData(period))
        self._propose_number()

    # ------------------------------------------------------------------ proposals

    def _plan_changed(self) -> None:
        plan_id = self.plan_combo.currentData()
        if plan_id is None:
            return
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        if self.kind == "casebook":
            self.period_combo.addItem("全部月份", None)
        for period in reversed(self.ledger.periods(plan_id, self.today)):  # the plan's 报送期
            self.period_combo.addItem(month_label(period), period)
        plan = next(p for p in self.ledger.plans() if p.id == plan_id)
        default = self.ledger.default_period(plan_id, self.today)
        if default and self.kind != "casebook":  # the latest month whose reports are already due
            self.period_combo.setCurrentIndex(self.period_combo.findData(default))
        self.period_combo.blockSignals(False)
        self.phase_combo.clear()
        self.phase_combo.addItem("整个专项治理", None)
        for phase in self.ledger.phases(plan_id):
            self.phase_combo.addItem(phase.name, phase.id)
        if not self.signature_edit.text():
            self.signature_edit.setText(plan.issuer or "")
        self._propose_requirements()

    def _propose_number(self) -> None:
        prefix = self.settings["doc_prefix"]
        if prefix:
            year = self.today.year
            self.number_edit.setText(f"{prefix}〔{year}〕{self.ledger.next_doc_number(prefix, year)}号")

    def _propose_requirements(self) -> None:
        if self.kind != "bulletin" or self.period_combo.currentData() is None:
            return
        from exporters.doc_bulletin import propose_requirements

        try:
            data = self.ledger.document_data("bulletin", self.plan_combo.currentData(),
                                             period=self.period_combo.currentData(), today=self.today)
        except ValidationError as exc:  # a month not yet due: said when exporting
            self.requirements.clear()
            self.error_label.setText("；".join(exc.errors.values()))
            return
        self.error_label.clear()
        self.requirements.setPlainText(propose_requirements(data))

    # ------------------------------------------------------------------ export

    def document(self, when: date):
        """The document's content, as the dialog's fields say."""
        plan_id = self.plan_combo.currentData()
        plan = next(p for p in self.ledger.plans() if p.id == plan_id)
        data = self.ledger.document_data(self.kind, plan_id, period=self.period_combo.currentData(),
                                         today=self.today, phase_id=self.phase_combo.currentData())
        meta = meta_from_settings(
            self.settings, today=self.today, when=when, issuer=plan.issuer,
            doc_number=self.number_edit.text().strip() or None,
            recipients=self.to_edit.text().strip() or None, cc=self.cc_edit.text().strip() or None,
            signature=self.signature_edit.text().strip() or None,
            requirements=self.requirements.toPlainText().strip() or None)
        return CONTENT[self.kind](data, meta)

    def choose_path(self) -> Path | None:
        """Ask where to save; None when the user cancels."""
        name, _ = QFileDialog.getSaveFileName(self, "保存为", f"{WORD_KINDS[self.kind]}.docx",
                                              "Word 文档 (*.docx)")
        return Path(name) if name else None

    def accept(self) -> None:
        when = self.date_edit.date().toPython()
        try:
            content = self.document(when)
        except ValidationError as exc:
            self.error_label.setText("；".join(exc.errors.values()))
            return
        path = self.choose_path()
        if path is None:
            return
        from ui.workers import run_in_background

        # the document is built and written off the GUI thread from plain data
        self.progress, _state = run_in_background(
            self, f"正在生成{WORD_KINDS[self.kind]}…", export_gongwen, content, path,
            on_done=lambda written: self._written(Path(written), when),
            on_error=self.error_label.setText)

    def _written(self, path: Path, when: date) -> None:
        self._record_number(when)
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.exported.emit(str(path))
        super().accept()

    def _record_number(self, when: date) -> None:
        """Record the 文号 used, when it is one of the office's own sequence."""
        m = _DOC_NUMBER.match(self.number_edit.text().strip())
        if not m or m.group("prefix") != self.settings["doc_prefix"]:
            return
        try:
            self.ledger.issue_doc_number(m.group("prefix"), int(m.group("year")),
                                         int(m.group("number")), WORD_KINDS[self.kind])
        except ValidationError:
            pass  # issued before (a re-export of the same document): nothing new to record
