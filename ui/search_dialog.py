"""SearchDialog: what the toolbar's search box found, by kind; choosing a hit opens it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from models.ledger import Ledger
from models.ledger_search import KIND_LABELS


class SearchDialog(QDialog):
    """Hits of the full-text index, grouped under 任务 / 进展 / 案例."""

    chosen = Signal(str, int)  # kind, record id

    def __init__(self, ledger: Ledger, query: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"搜索：{query}")
        self.resize(760, 480)
        self.hits = ledger.search(query, limit=200)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["类别", "内容"])
        self.tree.setColumnWidth(0, 140)
        groups = {}
        for hit in self.hits:
            group = groups.get(hit.kind)
            if group is None:
                group = groups[hit.kind] = QTreeWidgetItem([KIND_LABELS[hit.kind], ""])
                self.tree.addTopLevelItem(group)
            item = QTreeWidgetItem([f"{KIND_LABELS[hit.kind]} {hit.id}", hit.snippet])
            item.setData(0, Qt.ItemDataRole.UserRole, (hit.kind, hit.id))
            group.addChild(item)
        for kind, group in groups.items():
            group.setText(1, f"{group.childCount()} 条")
        self.tree.expandAll()
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        count = f"找到 {len(self.hits)} 条（最多显示 200 条）" if self.hits else "没有找到包含这些字词的任务、进展或案例。"
        layout.addWidget(QLabel(count))
        layout.addWidget(self.tree)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data:
            self.chosen.emit(*data)


def open_search(window, query: str) -> SearchDialog | None:
    """Show the hits of a query over `window`; a task opens its 办结/延期 dialog, a case or a
    report its text."""
    if not query.strip():
        return None
    dialog = SearchDialog(window.ledger, query, window)
    dialog.chosen.connect(lambda kind, record_id: open_hit(window, kind, record_id))
    dialog.show()
    return dialog


def open_hit(window, kind: str, record_id: int) -> None:
    """Open one search hit."""
    from PySide6.QtWidgets import QMessageBox

    from models.entries import Case, Progress

    if kind == "task":
        window.open_task_lifecycle(record_id)
    elif kind == "case":
        case = window.ledger.get(Case, record_id)
        QMessageBox.information(window, case.title, f"{case.kind}｜{case.subject_name}\n\n"
                                f"{case.behaviour or ''}\n{case.measures or ''}\n{case.outcome or ''}")
    else:
        report = window.ledger.get(Progress, record_id)
        QMessageBox.information(window, f"{report.period} 进展", f"{report.text or ''}\n\n"
                                f"存在问题：{report.problems or ''}\n下步计划：{report.next_steps or ''}")
