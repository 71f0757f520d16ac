"""Ledger part: which program version last wrote the ledger. An older program refuses a
ledger a newer one wrote (naming both versions); a newer one records the upgrade, so the
window can show the 更新说明 once."""

from __future__ import annotations

import re
import sqlite3

from models.errors import NewerLedger
from models.version import VERSION

# Every ledger written before the program recorded its version was written by this one.
LEGACY_VERSION = "0.1.0"


def parse_version(text: str) -> tuple[int, ...]:
    """`1.2.10` → (1, 2, 10); text after a part's number is ignored ("2rc1" → 2)."""
    numbers = [int(m.group()) for part in str(text).split(".") if (m := re.match(r"\d+", part))]
    while len(numbers) > 1 and numbers[-1] == 0:  # 1.2 == 1.2.0
        numbers.pop()
    return tuple(numbers) or (0,)


def is_newer(version: str, than: str) -> bool:
    """Whether program version `version` is later than `than`."""
    return parse_version(version) > parse_version(than)


class VersionStore:
    """The `program_meta` rows: who wrote the ledger last, and 更新说明 still to be shown."""

    def _meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM program_meta WHERE key = ?", [key]).fetchone()
        except sqlite3.OperationalError:  # a ledger older than the table
            return None
        return row[0] if row else None

    def _set_meta(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM program_meta WHERE key = ?", [key])
        else:
            self.db.execute("INSERT INTO program_meta (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    def written_by(self) -> str | None:
        """The program version that last wrote this ledger (None before versions were kept)."""
        return self._meta("written_by")

    def refuse_if_newer(self) -> None:
        """Raise NewerLedger when a later version of the program wrote this ledger."""
        writer = self.written_by()
        if writer and is_newer(writer, VERSION):
            raise NewerLedger(
                f"台账“{self.path}”已由本程序的 {writer} 版写入，而正在运行的是较旧的 {VERSION} 版。"
                f"旧版本不认识新版本写入的内容，打开可能损坏数据，因此没有打开。"
                f"请使用 {writer} 或更新的版本打开它。")

    def record_writer(self, *, existed: bool) -> str | None:
        """Note this version as the ledger's writer; returns the version it was upgraded from
        (None for a new ledger or the same version)."""
        previous = self.written_by() or (LEGACY_VERSION if existed else None)
        if self.written_by() == VERSION:
            return None
        with self.db.atomic():
            self._set_meta("written_by", VERSION)
            if previous and is_newer(VERSION, previous):
                if self._meta("notes_from") is None:  # keep the oldest until they are shown
                    self._set_meta("notes_from", previous)
                self.audit("程序升级", "program_meta", None, old={"version": previous},
                           new={"version": VERSION})
        return previous if previous and is_newer(VERSION, previous) else None

    def notes_pending_since(self) -> str | None:
        """The version whose later 更新说明 the window has not shown yet, if any."""
        return self._meta("notes_from")

    def notes_shown(self) -> None:
        """The 更新说明 were shown: do not show them again for this ledger."""
        if not self.readonly:
            self._set_meta("notes_from", None)
