"""The main window's menus: 文件 (ledgers, imports, backup, print), 编辑 (undo), 导出 (documents
and workbooks) and 帮助 (manual, about). Returns the actions that write the ledger, so a
read-only ledger can switch them off."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from ui.document_actions import add_export_menu, open_print_preview
from ui.icons import icon


def build_menus(window) -> list[QAction]:
    """Build every menu on `window`; returns the actions that change the ledger."""
    writes = []
    file_menu = window.menuBar().addMenu("文件(&F)")
    edit_menu = window.menuBar().addMenu("编辑(&B)")
    _add_ledger_menu(window, file_menu)
    for text, shortcut, slot, glyph, changes in (
            ("导入方案(&I)…", "Ctrl+I", window.import_plan, "file-arrow-down", True),
            ("导入回执(&R)…", "Ctrl+R", window.import_returns, "tray-arrow-down", True),
            ("载入示例方案(&S)", None, window.load_samples, None, True), (None,) * 5,
            ("打印进展统计表(&P)…", QKeySequence.StandardKey.Print,
             lambda: open_print_preview(window), "printer", False),
            ("立即备份(&B)", None, window.backups.backup_now, "floppy-disk", True), (None,) * 5,
            ("退出(&X)", QKeySequence.StandardKey.Quit, window.close, None, False)):
        if text is None:
            file_menu.addSeparator()
            continue
        action = _action(window, text, shortcut, slot, glyph)
        file_menu.addAction(action)
        if changes:
            writes.append(action)
    undo_action = window.undo.stack.createUndoAction(window, "撤销")
    undo_action.setShortcut(QKeySequence.StandardKey.Undo)
    undo_action.setIcon(icon("arrow-counter-clockwise"))
    redo_action = window.undo.stack.createRedoAction(window, "重做")
    redo_action.setShortcut(QKeySequence("Ctrl+Y"))
    redo_action.setIcon(icon("arrow-clockwise"))
    edit_menu.addAction(undo_action)
    edit_menu.addAction(redo_action)
    writes += [undo_action, redo_action]
    writes += add_export_menu(window)
    help_menu = window.menuBar().addMenu("帮助(&H)")
    from ui.help import open_about, open_manual

    help_menu.addAction(_action(window, "使用说明(&M)", "F1", lambda: open_manual(window), "book-open"))
    help_menu.addAction(_action(window, "关于专项治理台账(&A)", None, lambda: open_about(window), "info"))
    return writes


def _action(window, text: str, shortcut, slot, glyph: str | None) -> QAction:
    action = QAction(text, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
    if glyph:
        action.setIcon(icon(glyph))
    action.triggered.connect(lambda _checked=False, s=slot: s())
    return action


def _add_ledger_menu(window, file_menu) -> None:
    """打开台账… and the recently opened ledgers (kept in the window settings)."""
    open_action = _action(window, "打开台账(&O)…", QKeySequence.StandardKey.Open,
                          window.choose_ledger, "folder-open")
    file_menu.addAction(open_action)
    recent_menu = file_menu.addMenu("最近打开的台账")
    if window.state is not None:
        from ui.window_state import recent_ledgers

        for path in recent_ledgers(window.state):
            if path != str(window.ledger.path):
                recent_menu.addAction(path, lambda p=path: window.switch_requested.emit(p))
    recent_menu.setEnabled(not recent_menu.isEmpty())
    file_menu.addSeparator()
