"""ScoresPage (考核打分): the office's scoring rules (kept with their history), the units'
ranking for a month or the campaign, closing (锁定) a month, and the 考核打分表."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.cycle import RULE_LABELS
from models.ledger import Ledger
from models.validation import ValidationError
from ui.empty_hint import EmptyHint
from ui.plan_month_picker import PlanMonthPicker
from ui.write_guard import enable_write, guard_writes

CAMPAIGN = "campaign"
# the columns after 等次 hold what was counted, not the points it earned
COLUMNS = ("排名", "单位", "得分", "等次", "按时报送（份）", "逾期报送（份）", "未报（份）",
           "典型案例（件）", "指标达标（项）")
COUNTS = ("on_time", "late", "missing", "cases", "targets_met")


class ScoresPage(QWidget):
    """Rules on the left, the ranking on the right."""

    def __init__(self, ledger: Ledger, parent=None, *, today=date.today):
        super().__init__(parent)
        self.ledger, self.today = ledger, today
        self.rule_fields: dict[str, QDoubleSpinBox] = {}
        self.grades_edit = QLineEdit()
        self.rules_message = QLabel()
        self.rules_message.setWordWrap(True)
        self.picker = PlanMonthPicker(ledger, today, self, first_item=("专项治理期间（月度平均）", CAMPAIGN))
        self.plan_combo, self.period_combo = self.picker.plan_combo, self.picker.period_combo
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.empty = EmptyHint(self.table)
        self.lock_button = QPushButton("锁定本月（记录得分）")
        self.export_button = QPushButton("导出考核打分表…")
        self.state_label = QLabel()
        layout = QHBoxLayout(self)
        layout.addWidget(self._rules_box(), 1)
        layout.addWidget(self._ranking_box(), 3)
        self.picker.changed.connect(self.refresh)
        self.lock_button.clicked.connect(self.lock_month)
        self.export_button.clicked.connect(self.export_workbook)
        self.populate_rules()
        self.reload_plans()

    def _rules_box(self) -> QGroupBox:
        box = QGroupBox("考核规则")
        form = QFormLayout(box)
        for key, label in RULE_LABELS.items():
            spin = QDoubleSpinBox()
            spin.setRange(-1000, 1000)
            spin.setDecimals(1)
            self.rule_fields[key] = spin
            form.addRow(label, spin)
        self.grades_edit.setPlaceholderText("A=95，B=85，C=70")
        form.addRow("等次分数线", self.grades_edit)
        save = QPushButton("保存规则")
        save.clicked.connect(self.save_rules)
        guard_writes(self.ledger, save)
        form.addRow(save)
        form.addRow(self.rules_message)
        return box

    def _ranking_box(self) -> QGroupBox:
        box = QGroupBox("得分与排名")
        layout = QVBoxLayout(box)
        layout.addWidget(self.picker)
        layout.addWidget(self.state_label)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.lock_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    # ------------------------------------------------------------------ rules

    def populate_rules(self) -> None:
        """Show the rules in force."""
        rules = self.ledger.score_rules()
        for key, spin in self.rule_fields.items():
            spin.setValue(float(rules[key]))
        self.grades_edit.setText("，".join(f"{k}={v:g}" for k, v in
                                          sorted(rules["grades"].items(), key=lambda kv: -kv[1])))
        versions = len(self.ledger.score_rules_history())
        self.rules_message.setText((f"现行第 {versions} 版规则" if versions else "现行为默认规则")
                                   + "；修改后只影响未锁定的月份。")

    def read_rules(self) -> dict:
        """The rules as edited."""
        rules = {key: spin.value() for key, spin in self.rule_fields.items()}
        grades = {}
        for part in filter(None, (p.strip() for p in self.grades_edit.text().replace(",", "，").split("，"))):
            letter, _, floor = part.partition("=")
            try:
                grades[letter.strip()] = float(floor)
            except ValueError:
                grades[letter.strip()] = floor
        rules["grades"] = grades
        return rules

    def save_rules(self) -> None:
        """Adopt the edited rules (the old ones stay in the history)."""
        try:
            self.ledger.set_score_rules(self.read_rules())
        except ValidationError as exc:
            self.rules_message.setText("；".join(exc.errors.values()))
            return
        self.populate_rules()
        self.refresh()

    # ------------------------------------------------------------------ ranking

    def reload_plans(self) -> None:
        """Re-read the plans."""
        self.picker.reload_plans()

    def scores(self):
        """The ranking shown: a month's, or the campaign's."""
        plan_id, period = self.plan_combo.currentData(), self.period_combo.currentData()
        if plan_id is None or period is None:  # no plan, or one that owes no month yet
            return []
        if period == CAMPAIGN:
            return self.ledger.campaign_scores(plan_id, self.today())
        return self.ledger.month_scores(plan_id, period, self.today())

    def refresh(self) -> None:
        """Recompute (or read the recorded) scores."""
        scores = self.scores()
        self.table.setRowCount(len(scores))
        for row, s in enumerate(scores):
            values = (s.rank, s.unit_name, f"{s.score:g}", s.grade,
                      *(getattr(s.counts, c, "") for c in COUNTS))
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 2:
                    item.setToolTip(_points(s))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        period = self.period_combo.currentData()
        self.empty.set_text("暂无得分：" + (self.picker.note or "该月没有应报送进展的单位。"))
        self.export_button.setEnabled(period is not None)
        if period is None:  # no plan, or a plan that owes no month yet: the picker says why
            enable_write(self.ledger, self.lock_button, False)
            self.state_label.setText("")
            return
        locked = period != CAMPAIGN and self.ledger.is_locked(self.plan_combo.currentData(), period)
        enable_write(self.ledger, self.lock_button, period != CAMPAIGN and not locked)
        self.state_label.setText("本月已锁定：显示的是锁定时记录的得分。" if locked else
                                 "按现行规则计算；报送份数、案例件数为本月的数目。" if period != CAMPAIGN
                                 else "得分为各月得分的平均值；报送份数、案例件数、达标项数为各月合计。")
        note = self.ledger.ranking_note(self.plan_combo.currentData()) if self.plan_combo.currentData() else ""
        if note:  # the same agency under two names would be ranked twice
            self.state_label.setText(f"{self.state_label.text()}\n{note}")

    def lock_month(self) -> None:
        """Close the month: its scores are recorded as they are now."""
        period = self.period_combo.currentData()
        answer = QMessageBox.question(self, "锁定月份", f"锁定后，{self.period_combo.currentText()}的得分"
                                      "将被记录，之后修改规则不再影响该月。确定锁定吗？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ledger.lock_period(self.plan_combo.currentData(), period, self.today())
        self.refresh()

    def export_workbook(self) -> None:
        """Write the 考核打分表 of what is shown."""
        from exporters.workbooks import export_workbook

        plan_id, period = self.plan_combo.currentData(), self.period_combo.currentData()
        if plan_id is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, "保存考核打分表", "考核打分表.xlsx", "Excel 工作簿 (*.xlsx)")
        if not name:
            return
        data = self.ledger.score_table(plan_id, None if period == CAMPAIGN else period, self.today())
        settings = self.ledger.settings()
        try:
            export_workbook("scores", data, name, body_font=settings["font_fang"], title_font=settings["font_hei"])
        except PermissionError:
            QMessageBox.warning(self, "文件被占用", f"无法写入“{name}”：文件可能正在 WPS 或 Excel 中打开，"
                                "请关闭后重试。")


def _points(score) -> str:
    """How a month's score was reached, part by part (the 得分 cell's tooltip)."""
    names = {"base": "基础分", "on_time": "按时", "late": "逾期", "missing": "未报", "case": "案例",
             "target_met": "指标"}
    parts = [f"{names[k]} {v:+g}" for k, v in score.detail.items() if k in names]
    return "；".join(parts) if parts else f"{score.detail.get('months', 0)} 个月的平均分"
