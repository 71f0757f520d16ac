"""Errors the ledger raises, each with a Chinese message for the user and an exit status."""

from __future__ import annotations


class LedgerError(Exception):
    """The ledger cannot be used as asked; `message` says why and what to do."""

    exit_code = 3

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class LedgerLocked(LedgerError):
    """Another process has the ledger open for writing."""


class ReadOnlyLedger(LedgerError):
    """This user cannot write the ledger (read-only file, folder or disk, a full disk); the
    file itself is sound and may still be read. `reason` says why, without advice."""

    def __init__(self, message: str, *, reason: str):
        super().__init__(message)
        self.reason = reason


class NetworkLedger(LedgerError):
    """The ledger lies on a network share, where SQLite's locking is not safe."""


class DamagedLedger(LedgerError):
    """The file is not a ledger, is truncated or fails its integrity check."""

    def __init__(self, message: str, *, newest_backup: str | None = None):
        super().__init__(message)
        self.newest_backup = newest_backup


class NewerLedger(LedgerError):
    """The ledger was written by a newer version of the program."""


class NotFound(LedgerError):
    """A record asked for by id does not exist."""

    exit_code = 1


class BackupError(LedgerError):
    """A backup could not be written or failed its verification."""

    exit_code = 1
