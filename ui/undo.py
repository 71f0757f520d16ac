"""Undo and redo of edits and deletions while the program runs (Ctrl+Z / Ctrl+Y), as
QUndoCommands over the ledger's snapshots; `changed` tells the pages to re-read."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from typing import TYPE_CHECKING

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
            self.stack.push(_Edit(self, cls, before, self.ledger.row_of(cls, before["id"]), label))


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


class _Edit(QUndoCommand):
    def __init__(self, undo: LedgerUndo, cls, before: dict, after: dict, label: str):
        super().__init__(f"修改{label}")
        self.undo_, self.cls, self.before, self.after = undo, cls, before, after
        self.first = True

    def redo(self) -> None:
        if self.first:  # pushed after the form saved: nothing to do the first time
            self.first = False
            return
        self.undo_.ledger.put_row(self.cls, self.after, action="重做修改")
        self.undo_.changed.emit()

    def undo(self) -> None:
        self.undo_.ledger.put_row(self.cls, self.before)
        self.undo_.changed.emit()
