"""Undo and redo of saves, edits and deletions while the program runs (Ctrl+Z / Ctrl+Y), as
QUndoCommands over the ledger's snapshots; `changed` tells the pages to re-read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack

from models.ledger_records import TABLES

if TYPE_CHECKING:
    from models.ledger import Ledger


class LedgerUndo(QObject):
    """The window's undo stack and a signal that the ledger changed under the pages."""

    changed = Signal()

    def __init__(self, ledger: "Ledger", parent=None):
        super().__init__(parent)
        self.ledger = ledger
        self.stack = QUndoStack(self)

    def delete(self, cls, record_id: int, label: str) -> None:
        """Delete a record (and what hangs on it) so that it can be undone."""
        self.stack.push(_Delete(self, cls, record_id, label))

    def edited(self, cls, before: dict, label: str) -> None:
        """Record an edit already saved (`before` is the row as it was) so that it can be undone."""
        if before:
            self.stack.push(_Save(self, cls, before, self.ledger.row_of(cls, before["id"]), label, "修改"))

    def saved(self, cls, before: dict | None, after: dict, label: str) -> None:
        """Record a save already made so that it can be undone: `before` is the row as it
        was, None when the save created the record (undoing removes it again)."""
        self.stack.push(_Save(self, cls, before, after, label))


class _PassUndo(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window when a text field has no typing of its own to
    undo (a field claims the keys even when empty, so a save could never be undone from
    the form where it was made)."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            undo = event.matches(QKeySequence.StandardKey.Undo)
            redo = event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)
            if (undo and not _field_can(watched, "undo")) or (redo and not _field_can(watched, "redo")):
                event.ignore()
                return True
        return False


def _field_can(field, what: str) -> bool:
    document = field.document() if hasattr(field, "document") else None
    if document is not None:
        return document.isUndoAvailable() if what == "undo" else document.isRedoAvailable()
    return field.isUndoAvailable() if what == "undo" else field.isRedoAvailable()


def pass_undo_to_window(fields) -> None:
    """Install the filter that lets the window's undo through when these fields have none."""
    for field in fields:
        if not hasattr(field, "_pass_undo"):
            field._pass_undo = _PassUndo(field)
            field.installEventFilter(field._pass_undo)


class _Save(QUndoCommand):
    """A save or an edit already written: undo puts the row back as it was (removes it when
    the save created it), redo writes it again."""

    def __init__(self, undo: LedgerUndo, cls, before: dict | None, after: dict, label: str,
                 verb: str = "保存"):
        super().__init__(f"{verb}{label}")
        self.undo_, self.cls, self.before, self.after, self.verb = undo, cls, before, after, verb
        self.first = True

    def redo(self) -> None:
        if self.first:  # pushed after the form saved: nothing to do the first time
            self.first = False
            return
        ledger, action = self.undo_.ledger, f"重做{self.verb}"
        if self.before is None:  # the save created the row: put it back
            ledger.restore_snapshot({TABLES[self.cls]: [self.after]}, action=action)
        else:
            ledger.put_row(self.cls, self.after, action=action)
        self.undo_.changed.emit()

    def undo(self) -> None:
        if self.before is None:
            self.undo_.ledger.delete(self.cls, self.after["id"])
        else:
            self.undo_.ledger.put_row(self.cls, self.before)
        self.undo_.changed.emit()


class _Delete(QUndoCommand):
    def __init__(self, undo: LedgerUndo, cls, record_id: int, label: str):
        super().__init__(f"删除{label}")
        self.undo_, self.cls, self.record_id = undo, cls, record_id
        self.snapshot = None

    def redo(self) -> None:
        ledger = self.undo_.ledger
        self.snapshot = ledger.snapshot_deletion(self.cls, self.record_id)
        ledger.delete(self.cls, self.record_id)
        self.undo_.changed.emit()

    def undo(self) -> None:
        self.undo_.ledger.restore_snapshot(self.snapshot)
        self.undo_.changed.emit()
