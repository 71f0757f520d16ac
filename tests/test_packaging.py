"""The packaging helpers that run without PyInstaller: the Windows version resource made from
models.version, the icon, the wheel platforms and markers, and the glibc the installed Qt needs."""

from __future__ import annotations

import importlib.util
import platform
import struct
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from models.version import VERSION


def load(name: str):
    """A module of packaging/ (a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_windows_version_resource_carries_the_programs_version():
    resource = load("version_resource")
    seen = {}

    def record(kind):
        return lambda *args, **kwargs: seen.setdefault(kind, []).append((args, kwargs)) or kind

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    assert eval(resource.version_text(), {n: record(n) for n in names}) == "VSVersionInfo"
    numbers = tuple(int(n) for n in VERSION.split(".")) + (0,) * (4 - len(VERSION.split(".")))
    assert seen["FixedFileInfo"][0][1]["filevers"] == numbers
    strings = dict(args for args, _ in seen["StringStruct"])
    assert strings["ProductVersion"] == strings["FileVersion"] == VERSION
    assert strings["ProductName"] == "专项治理台账"
    assert resource.program_version() == VERSION
    assert resource.version_tuple("1.2.10rc1") == (1, 2, 10, 0)


def test_the_icon_has_every_size_windows_asks_for():
    data = (ROOT / "packaging" / "icon.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert (reserved, kind) == (0, 1) and {16, 32, 48, 256} <= sizes
    png = (ROOT / "resources" / "icon.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (256, 256)


def test_wheel_platforms_accept_older_manylinux_and_use_the_targets_markers():
    wheels = load("wheels")
    x86 = wheels.platform_tags("linux-x86_64")
    assert "manylinux_2_28_x86_64" in x86 and "manylinux2014_x86_64" in x86
    assert not any(tag.startswith(("manylinux_2_29", "manylinux_2_3")) for tag in x86)
    assert wheels.platform_tags("linux-aarch64")[0] == "manylinux_2_31_aarch64"
    from packaging.markers import Marker

    windows_only = Marker('platform_system == "Windows" and python_version >= "3.8"')
    assert windows_only.evaluate(wheels.target_environment("windows-x64"))
    assert not windows_only.evaluate(wheels.target_environment("linux-aarch64"))
    assert any(r.startswith("PySide6-Essentials") for r in wheels.project_requirements())


@pytest.mark.skipif(platform.machine() != "x86_64", reason="the glibc 2.28 pin is for x86_64 wheels")
def test_the_installed_qt_runs_on_glibc_2_28():
    import PySide6

    floor = load("glibc_floor")
    qt_lib = Path(PySide6.__file__).parent / "Qt" / "lib"
    needed, files = floor.glibc_floor(qt_lib)
    assert files, "no Qt library found"
    assert needed <= (2, 28), f"PySide6 {PySide6.__version__} needs glibc {needed} ({files[0]})"
