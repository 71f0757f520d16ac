"""SearchDialog: what the toolbar's search box found, grouped by kind (任务 / 进展 / 案例 /
红黑名单 / 单位), each group with its count, its best hits and “显示全部”; a double-click
opens the record in its page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from models.ledger import Ledger
from models.ledger_search import KIND_LABELS
from ui.widgets import fit_to_screen

FIRST = 5  # hits shown per group before “显示全部”
SHOW_ALL = "show_all"


class SearchDialog(QDialog):
    """Hits of the full-text index, grouped by kind and ranked."""

    chosen = Signal(str, int)  # kind, record id

    def __init__(self, ledger: Ledger, query: str, parent=None):
        super().__init__(parent)
        self.ledger, self.query = ledger, query
        self.setWindowTitle(f"搜索：{query}")
        self.groups = ledger.search_groups(query, first=FIRST)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["找到的记录", "相关文字"])
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 420)
        for group in self.groups:
            self._add_group(group)
        self.tree.expandAll()
        self.tree.itemActivated.connect(self._activated)
        total = sum(g.count for g in self.groups)
        summary = ("，".join(f"{g.title} {g.count} 条" for g in self.groups) if self.groups else "")
        self.summary = QLabel(f"找到 {total} 条：{summary}。双击一条记录，在它所在的页面中打开。"
                              if total else "没有找到包含这些字词的任务、进展、案例、名单或单位。")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        fit_to_screen(self, 900, 560)

    def group_item(self, kind: str) -> QTreeWidgetItem | None:
        """The top-level item of a kind's group."""
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == kind:
                return self.tree.topLevelItem(i)
        return None

    def _add_group(self, group) -> None:
        top = QTreeWidgetItem([f"{group.title}（{group.count} 条）", ""])
        top.setData(0, Qt.ItemDataRole.UserRole, group.kind)
        font = top.font(0)
        font.setBold(True)
        top.setFont(0, font)
        self.tree.addTopLevelItem(top)
        self._fill(top, group.hits, group.count)

    def _fill(self, top: QTreeWidgetItem, hits, count: int) -> None:
        top.takeChildren()
        for hit in hits:
            item = QTreeWidgetItem([hit.label or f"{KIND_LABELS[hit.kind]} {hit.id}", hit.snippet])
            item.setToolTip(0, hit.label)
            item.setToolTip(1, hit.snippet)
            item.setData(0, Qt.ItemDataRole.UserRole, (hit.kind, hit.id))
            top.addChild(item)
        if count > len(hits):
            more = QTreeWidgetItem([f"显示全部 {count} 条…", ""])
            more.setData(0, Qt.ItemDataRole.UserRole, SHOW_ALL)
            more.setForeground(0, self.palette().link())
            top.addChild(more)

    def show_all(self, kind: str) -> None:
        """Put every hit of one kind in its group, best first."""
        top = self.group_item(kind)
        if top is not None:
            hits = self.ledger.search_kind(self.query, kind)
            self._fill(top, hits, len(hits))
            top.setExpanded(True)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data == SHOW_ALL:
            self.show_all(item.parent().data(0, Qt.ItemDataRole.UserRole))
        elif isinstance(data, tuple):
            self.chosen.emit(*data)


def open_search(window, query: str) -> SearchDialog | None:
    """Show the hits of a query over `window`; choosing one opens it in its page."""
    if not query.strip():
        return None
    dialog = SearchDialog(window.ledger, query, window)
    dialog.chosen.connect(lambda kind, record_id: open_hit(window, kind, record_id))
    dialog.show()
    return dialog


PAGE_OF = {"task": ("tasks_page", "show_task"), "progress": ("progress_page", "show_report"),
           "case": ("cases_page", "show_record"), "list_entry": ("lists_page", "show_record"),
           "unit": ("units_page", "show_unit")}


def open_hit(window, kind: str, record_id: int) -> None:
    """Open one hit in its page: a task in 方案与任务, a report in 进展填报, a case or a list
    entry in its form, a unit in 单位名录."""
    name, method = PAGE_OF[kind]
    page = window.go_to(name)
    getattr(page, method)(record_id)
    window.raise_()
