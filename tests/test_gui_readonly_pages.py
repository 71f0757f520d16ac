"""A ledger opened read-only switches off every command that would write it, on every page and
in the forms and dialogs they open, each saying why when hovered — while everything can
still be read: the figures, the reports, a record's form."""

from PySide6.QtWidgets import QDialogButtonBox
from readonly_kit import as_user_without_write_access

import ui.app
from models.ledger import Ledger
from ui.main_window import PAGES as WINDOW_PAGES
from ui.main_window import MainWindow

PAGES = [name for _label, name in WINDOW_PAGES]  # every page of the window


def _off(widget) -> bool:
    """Switched off, and saying why."""
    return not widget.isEnabled() and "只读" in widget.toolTip() and "是只读的" in widget.toolTip()


def _save_of(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_every_write_command_of_every_page_is_off_and_says_why(qtbot, read_only, demo_copy):
    with Ledger.open(demo_copy) as ledger:  # every module loaded while the disk is all readable
        warm = MainWindow(ledger)
        qtbot.addWidget(warm)
        for name in PAGES:
            warm.go_to(name)
        warm.close()
    with as_user_without_write_access(read_only):
        ledger = ui.app.open_ledger(read_only)
        assert ledger.readonly
        window = MainWindow(ledger)
        qtbot.addWidget(window)
        dashboard = window.dashboard
        dashboard.plan_combo.setCurrentIndex(dashboard.plan_combo.findData(3))
        assert dashboard.chase_table.rowCount() > 0  # what there is to read is shown
        assert _off(dashboard.reminder_button) and _off(dashboard.record_button)
        tasks = window.go_to("tasks_page")
        assert tasks.tree.topLevelItemCount() > 0
        assert [b.text() for b in tasks.write_buttons if not _off(b)] == []
        progress = window.go_to("progress_page")
        progress.go_next_missing()
        assert progress.form.isEnabled() and _off(progress.form.save_button)  # readable, not savable
        for name in ("cases_page", "lists_page"):
            page = window.go_to(name)
            texts = [b.text() for b in page.write_buttons]
            assert "归入方案…" in texts and "编辑…" in texts and all(_off(b) for b in page.write_buttons)
            page.view.selectRow(0)
            form = page.show_record(page.selected().id)  # a double-click still shows the record
            qtbot.addWidget(form)
            assert _off(_save_of(form))
            form.close()
        units = window.go_to("units_page")
        units.view.selectRow(0)
        assert units.form.isEnabled() and _off(units.form.save_button)
        merge = next(b for b in units.findChildren(type(units.form.save_button))
                     if b.text().startswith("合并所选的两个"))
        assert _off(merge) and _off(units.members_button)
        units.duplicates.list.setCurrentRow(0)
        assert _off(units.duplicates.merge_button) and _off(units.duplicates.distinct_button)
        scores = window.go_to("scores_page")
        scores.period_combo.setCurrentIndex(1)  # a month, not the campaign
        save_rules = next(b for b in scores.findChildren(type(scores.lock_button)) if b.text() == "保存规则")
        assert _off(save_rules) and _off(scores.lock_button)
        assert scores.export_button.isEnabled()  # a workbook elsewhere can still be written
        assert _off(window.go_to("settings_page").save_button)
        plans = window.go_to("plans_page")
        plans.view.selectRow(0)
        cycle = plans.open_cycle()
        qtbot.addWidget(cycle)
        assert all(_off(b) for b in cycle.findChildren(type(scores.lock_button))
                   if b.text() in ("保存报送设置", "登记收到总结报告"))
        lifecycle = window.open_task_lifecycle(window.ledger.tasks(3)[1].id)
        qtbot.addWidget(lifecycle)
        assert _off(lifecycle.close_button) and _off(lifecycle.extend_button)
        window.close()
        ledger.close()
