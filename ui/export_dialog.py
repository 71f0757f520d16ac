"""ExportDialog: one official document — plan, month, 文号, 主送, 抄送, signature, 签发人,
date — then saved where the user says and, on request, opened in the system's default
program. The 文号 is checked before writing (a number issued before needs the office's
confirmation) and enters the register only once the file is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QThreadPool, QUrl, Signal
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
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from exporters.documents import CONTENT, UPWARD_KINDS, WORD_KINDS, meta_from_settings
from exporters.gongwen import export_gongwen
from exporters.kinds import RANKING_KINDS
from exporters.title_lines import warm_up
from models.cycle import month_label
from models.doc_register import parse_doc_number
from models.labels import plan_labels
from models.ledger import Ledger
from models.validation import ValidationError
from ui.unsaved import save_cancel_buttons

MONTH_LABELS = {"bulletin": "月份", "reminder": "月份", "summary": "截至月份", "casebook": "月份"}


# what the 主送 says when the office leaves it empty (exporters/doc_*.py choose it)
DEFAULT_RECIPIENTS = {"notice": "留空则用方案的主送机关", "summary": "留空则写方案的发文机关（上级）",
                      "reminder": "留空则写未报送的单位", "bulletin": "留空则写“各有关单位”",
                      "casebook": "留空则写“各有关单位”"}


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
        for plan_id_, label in plan_labels(ledger.plans()).items():
            self.plan_combo.addItem(label, plan_id_)
        if plan_id is not None:
            self.plan_combo.setCurrentIndex(self.plan_combo.findData(plan_id))
        self.period_combo = QComboBox()
        self.phase_combo = QComboBox()
        self.number_edit, self.to_edit, self.cc_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.signature_edit = QLineEdit(self.settings["office_name"])
        self.signer_edit = QLineEdit(self.settings["signer"])
        self.upward_check = QCheckBox("上行文（在文号旁标注签发人）")
        self.upward_check.setChecked(kind in UPWARD_KINDS)
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
        self.to_edit.setPlaceholderText(DEFAULT_RECIPIENTS.get(kind, "留空则写“各有关单位”"))
        form.addRow("主送机关", self.to_edit)
        form.addRow("抄送机关", self.cc_edit)
        form.addRow("署名", self.signature_edit)
        form.addRow("签发人", self.signer_edit)
        form.addRow("", self.upward_check)
        form.addRow("成文日期", self.date_edit)
        if kind == "bulletin":
            form.addRow("下步工作要求", self.requirements)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        # likely duplicates not yet reviewed: said before ranking, never blocking the export
        self.duplicates_label = QLabel()
        self.duplicates_label.setStyleSheet("color: #8a5300;")
        self.duplicates_label.setWordWrap(True)
        buttons = save_cancel_buttons(self, "导出…")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_after)
        from ui.font_check_dialog import font_warning_label

        layout.addWidget(font_warning_label(self.settings))  # a font this machine lacks
        layout.addWidget(self.duplicates_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.period_combo.currentIndexChanged.connect(self._propose_requirements)
        self.date_edit.dateChanged.connect(self._propose_number)
        self._plan_changed()
        if period and self.period_combo.findData(period) >= 0:
            self.period_combo.setCurrentIndex(self.period_combo.findData(period))
        self._propose_number()
        # the title's word list takes a moment to load: do it while the form is filled in
        QThreadPool.globalInstance().start(warm_up)

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
        if self.kind != "casebook":  # a plan that owes no month yet: said before 导出 is pressed
            self.error_label.setText(self.ledger.months_note(plan_id, self.today) or "")
        note = self.ledger.ranking_note(plan_id) if self.kind in RANKING_KINDS else ""
        self.duplicates_label.setText(note)
        self.duplicates_label.setVisible(bool(note))
        self._propose_requirements()

    def _propose_number(self) -> None:
        """The office's next number for the year of the 成文日期 (unless one was typed)."""
        if self.number_edit.text().strip() not in ("", getattr(self, "_proposed", "")):
            return
        year = self.date_edit.date().year()
        self._proposed = self.ledger.proposed_doc_number(self.settings["doc_prefix"], year) or ""
        self.number_edit.setText(self._proposed)

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
            signer=self.signer_edit.text().strip() or None, upward=self.upward_check.isChecked(),
            requirements=self.requirements.toPlainText().strip() or None)
        return CONTENT[self.kind](data, meta)

    def choose_path(self) -> Path | None:
        """Ask where to save; None when the user cancels."""
        name, _ = QFileDialog.getSaveFileName(self, "保存为", f"{WORD_KINDS[self.kind]}.docx",
                                              "Word 文档 (*.docx)")
        return Path(name) if name else None

    def confirm_reissue(self, entry) -> bool:
        """Ask whether a number issued before goes on this document too (重新印发)."""
        answer = QMessageBox.question(
            self, "文号已使用", f"文号 {entry.doc_number} 已于 {entry.issued_on or entry.recorded_at[:10]}"
            f" 用于“{entry.title or entry.document}”。\n\n是否重新印发，再次使用这个文号？"
            "（登记簿会同时记下两次使用）", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _number(self) -> tuple[str | None, bool] | None:
        """(文号 or None, re-issue?) to print; None when it is wrong or the re-issue declined."""
        text = self.number_edit.text().strip()
        if not text:
            return None, False
        number = parse_doc_number(text)  # ValidationError naming what is wrong
        issued = self.ledger.issued_entry(number)
        if issued and not self.confirm_reissue(issued):
            self.error_label.setText(f"请改用 {self.ledger.proposed_doc_number(number.prefix, number.year)}。")
            return None
        return number.text, bool(issued)

    def accept(self) -> None:
        when = self.date_edit.date().toPython()
        try:
            chosen = self._number()
            if chosen is None:
                return
            content = self.document(when)
        except ValidationError as exc:
            self.error_label.setText("；".join(exc.errors.values()))
            return
        path = self.choose_path()
        if path is None:
            return
        from ui.workers import run_in_background

        # the document is built and written off the GUI thread from plain data; its 文号 is
        # registered only when the file is there
        self.progress, _state = run_in_background(
            self, f"正在生成{WORD_KINDS[self.kind]}…", export_gongwen, content, path,
            on_done=lambda written: self._written(Path(written), when, chosen, content.title),
            on_error=self.error_label.setText)

    def _written(self, path: Path, when: date, chosen: tuple[str | None, bool], title: str) -> None:
        number, reissue = chosen
        if number:
            try:
                self.ledger.record_doc_number(number, document=WORD_KINDS[self.kind], title=title,
                                              file=str(path), issued_on=when, reissue=reissue)
            except ValidationError as exc:  # taken meanwhile by another export
                self.error_label.setText(f"文件已写入“{path}”，但文号未能登记：{exc}")
                return
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.exported.emit(str(path))
        super().accept()
