"""Where the program branches on Windows, checked here by patching sys.platform / os.name
(and standing in for the Windows-only msvcrt and kernel32): the data folder, portable mode
of a frozen program on a USB stick, the network-share check, and the ledger's file lock."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from models import ledger_file, paths
from models.ledger_file import LedgerLock, network_reason


@pytest.fixture
def windows_os(monkeypatch):
    """models.ledger_file sees os.name == "nt" (the rest of the process stays POSIX)."""
    fake = types.SimpleNamespace(**{k: getattr(os, k) for k in dir(os) if not k.startswith("__")})
    fake.name = "nt"
    monkeypatch.setattr(ledger_file, "os", fake)
    return fake


def test_the_data_folder_on_windows_is_local_appdata(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\科员\AppData\Local")
    program = tmp_path / "Program"
    program.mkdir()
    assert paths.default_ledger_path(program) == Path(r"C:\Users\科员\AppData\Local") / "ZhuanxiangTaizhang" / "ledger.sqlite"
    monkeypatch.delenv("LOCALAPPDATA")  # some locked-down PCs: fall back to the profile's
    assert paths.user_data_dir() == Path.home() / "AppData" / "Local" / "ZhuanxiangTaizhang"


def test_a_frozen_program_on_a_usb_stick_keeps_its_ledger_beside_itself(monkeypatch, tmp_path):
    stick = tmp_path / "U盘 (E)" / "专项治理台账"
    stick.mkdir(parents=True)
    (stick / "专项治理台账.exe").write_bytes(b"MZ")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(stick / "专项治理台账.exe"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "LocalAppData"))
    assert paths.program_dir() == stick.resolve()
    assert paths.default_ledger_path() == tmp_path / "LocalAppData" / "ZhuanxiangTaizhang" / "ledger.sqlite"
    (stick / "portable").write_text("", encoding="utf-8")
    assert paths.default_ledger_path() == stick.resolve() / "data" / "ledger.sqlite"
    assert paths.backup_dir(paths.default_ledger_path()) == stick.resolve() / "data" / "backups" / "ledger"


def test_unc_paths_and_mapped_network_drives_are_refused_on_windows(monkeypatch, windows_os):
    import ctypes

    asked = []

    def drive_type(root):
        asked.append(root)
        return 4 if root.upper() == "Z:\\" else 3  # DRIVE_REMOTE, DRIVE_FIXED

    kernel32 = types.SimpleNamespace(GetDriveTypeW=drive_type)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    assert "网络共享路径" in network_reason(Path(r"\\fileserver\信用办\台账.sqlite"))
    assert "网络共享路径" in network_reason(Path("//fileserver/信用办/台账.sqlite"))
    assert "映射的网络驱动器" in network_reason(Path(r"Z:\台账\ledger.sqlite"))
    assert network_reason(Path(r"D:\台账\ledger.sqlite")) is None
    assert asked == ["Z:\\", "D:\\"]


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows behaves: one byte locked by one handle at a time."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self):
        super().__init__("msvcrt")
        self.held: dict[str, int] = {}
        self.calls: list[tuple] = []

    def locking(self, fd, mode, nbytes):
        name = os.readlink(f"/proc/self/fd/{fd}")
        self.calls.append((mode, nbytes, os.lseek(fd, 0, os.SEEK_CUR)))
        if mode == self.LK_NBLCK:
            if name in self.held:
                raise PermissionError(13, "Permission denied")
            self.held[name] = fd
        elif mode == self.LK_UNLCK:
            self.held.pop(name, None)


def test_the_ledger_lock_uses_msvcrt_on_windows(monkeypatch, windows_os, tmp_path):
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    first, second = LedgerLock(tmp_path / "台账.sqlite"), LedgerLock(tmp_path / "台账.sqlite")
    assert first.acquire()
    assert fake.calls == [(FakeMsvcrt.LK_NBLCK, 1, 0)]  # byte 0, without waiting
    assert not second.acquire()  # a second program is refused
    assert "pid=" in second.holder()
    first.release()
    assert fake.calls[-1][0] == FakeMsvcrt.LK_UNLCK and not first.path.exists()
    assert second.acquire() and not second.previous_run_unclean
    second.release(clean=False)  # as after a crash: the lock file stays
    third = LedgerLock(tmp_path / "台账.sqlite")
    assert third.acquire() and third.previous_run_unclean
    third.release()
