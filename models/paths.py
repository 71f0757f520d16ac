"""Where the ledger lives: beside the program when a `portable` marker is there, else user data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "ZhuanxiangTaizhang"
LEDGER_FILE_NAME = "ledger.sqlite"
PORTABLE_MARKER = "portable"


def program_dir() -> Path:
    """The folder of the program: the executable's when frozen, else the checkout's."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def user_data_dir(*, env: dict | None = None, platform: str | None = None) -> Path:
    """The per-user, non-roaming data folder of the application on this platform."""
    env = os.environ if env is None else env
    platform = platform or sys.platform
    if platform.startswith("win"):
        # AppData\Local is not redirected to file servers by domain policy; Roaming can be.
        base = env.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_DIR_NAME


def data_dir(program: Path | None = None) -> Path:
    """`<program>/data` in a portable install, else the user data folder."""
    program = program or program_dir()
    if (program / PORTABLE_MARKER).exists():
        return program / "data"
    return user_data_dir()


def default_ledger_path(program: Path | None = None) -> Path:
    """The ledger opened when none is named on the command line."""
    return data_dir(program) / LEDGER_FILE_NAME


def backup_dir(ledger_path: Path) -> Path:
    """The folder that holds a ledger's backups, beside the ledger."""
    ledger_path = Path(ledger_path)
    return ledger_path.parent / "backups" / ledger_path.stem
