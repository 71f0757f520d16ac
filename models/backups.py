"""Which backups to keep: the last runs of the program, and one a day for the last weeks."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_STAMP = re.compile(r"-(\d{8}-\d{6}-\d{6})\.sqlite$")


def backup_name(ledger_stem: str, when: datetime) -> str:
    """The file name of a backup taken at `when`; names sort by time."""
    return f"{ledger_stem}-{when.strftime(STAMP_FORMAT)}.sqlite"


def backup_time(path: Path) -> datetime | None:
    """When a backup was taken, read from its name; None for other files."""
    m = _STAMP.search(Path(path).name)
    return datetime.strptime(m.group(1), STAMP_FORMAT) if m else None


def backups_to_keep(stamps: list[datetime], *, now: datetime, keep_runs: int,
                    keep_days: int) -> set[datetime]:
    """The backups rotation keeps: the newest `keep_runs`, and the newest of each of the
    last `keep_days` days."""
    ordered = sorted(stamps, reverse=True)
    keep = set(ordered[:keep_runs])
    first_day = (now - timedelta(days=keep_days)).date()
    seen_days = set()
    for stamp in ordered:
        day = stamp.date()
        if day >= first_day and day not in seen_days:
            seen_days.add(day)
            keep.add(stamp)
    return keep
