"""A ledger this user cannot write, for real: a read-only file in a read-only folder.

Root ignores file permissions (and the tests and CI run as root), so as root the block runs
with the effective user and group of `nobody`; the permission check then bites as it does
for a clerk. The kit proves that it bites before the test goes on, so it can never pass by
accident on a machine where it does not.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

NOBODY = 65534


def read_only_copy(ledger: Path) -> Path:
    """A copy of `ledger` in a fresh folder anyone may enter (pytest's own is private)."""
    base = Path(tempfile.mkdtemp(prefix="ledger-ro-"))
    base.chmod(0o755)
    folder = base / "只读文件夹"
    folder.mkdir()
    copy = Path(shutil.copyfile(ledger, folder / "台账.sqlite"))
    copy.chmod(0o444)
    folder.chmod(0o555)
    return copy


@contextmanager
def as_user_without_write_access(ledger: Path):
    """Run the block as a user who may read `ledger` and its folder but not write them."""
    root = os.geteuid() == 0
    if root:
        os.setegid(NOBODY)
        os.seteuid(NOBODY)
    try:
        with pytest.raises(PermissionError):  # the permissions must bite, else the test lies
            (ledger.parent / "probe").touch()
        yield
    finally:
        if root:
            os.seteuid(0)
            os.setegid(0)


def remove_copy(ledger: Path) -> None:
    """Give back write access and delete the copy's folder."""
    folder = ledger.parent
    folder.chmod(stat.S_IRWXU)
    shutil.rmtree(folder.parent, ignore_errors=True)
