"""Wheels for the platforms the program ships to, from PyPI.

    python packaging/wheels.py check [PLATFORM...]            # every dependency has a wheel?
    python packaging/wheels.py wheelhouse PLATFORM -o DIR [--build]

PLATFORM: windows-x64 (win_amd64), linux-x86_64 (manylinux, glibc 2.28), linux-aarch64
(manylinux, glibc 2.31). `check` resolves pyproject's runtime dependencies (and the setuptools
that installs the project) for each platform with pip's resolver and binary wheels only,
without downloading them; a dependency without a wheel fails the check before anyone builds.
`wheelhouse` downloads the same wheels into DIR for `pip install --no-index --find-links DIR .`
on a machine without a network (`--build` adds PyInstaller, to build the package there).

A dependency published only as a source archive is accepted when it is pure Python (jieba):
its wheel is built here once (`py3-none-any`, the same file for every platform) and offered to
the resolver beside PyPI's; any other source-only dependency still fails the check.

pip evaluates environment markers (`colorama; platform_system == "Windows"`) for the machine
it runs on, not the target; so the resolved set is completed here with the requirements whose
markers hold on the target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYTHON_VERSION = "3.11"
# name → (wheel platform tag, or (machine, newest glibc) for manylinux; marker variables)
PLATFORMS = {
    "windows-x64": ("win_amd64", {"os_name": "nt", "sys_platform": "win32",
                                  "platform_system": "Windows", "platform_machine": "AMD64"}),
    "linux-x86_64": (("x86_64", 28), {"os_name": "posix", "sys_platform": "linux",
                                      "platform_system": "Linux", "platform_machine": "x86_64"}),
    "linux-aarch64": (("aarch64", 31), {"os_name": "posix", "sys_platform": "linux",
                                        "platform_system": "Linux", "platform_machine": "aarch64"}),
}
_LEGACY_MANYLINUX = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
# dependencies PyPI has as a source archive only, known to be pure Python
SOURCE_ONLY = ("jieba",)


def platform_tags(platform: str) -> list[str]:
    """The wheel platform tags a machine of `platform` accepts: for manylinux, every glibc
    from the target's down (a wheel for glibc 2.17 runs on 2.28), legacy names included."""
    tag = PLATFORMS[platform][0]
    if isinstance(tag, str):
        return [tag]
    machine, newest = tag
    tags = [f"manylinux_2_{minor}_{machine}" for minor in range(newest, 16, -1)]
    return tags + [f"{_LEGACY_MANYLINUX[m]}_{machine}" for m in (17, 12, 5)
                   if machine == "x86_64" or m == 17]


def describe_platform(platform: str) -> str:
    tag = PLATFORMS[platform][0]
    return tag if isinstance(tag, str) else f"manylinux，glibc 2.{tag[1]}，{tag[0]}"


def project_requirements(*, build: bool = False) -> list[str]:
    """The runtime dependencies, the build backend (to install the project), and PyInstaller."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = list(pyproject["project"]["dependencies"]) + list(pyproject["build-system"]["requires"])
    if build:
        wanted += pyproject["project"]["optional-dependencies"]["build"]
    return wanted


def target_environment(platform: str) -> dict[str, str]:
    """Marker variables of the target machine (Python version as the package's)."""
    env = {"implementation_name": "cpython", "platform_python_implementation": "CPython",
           "python_version": PYTHON_VERSION, "python_full_version": PYTHON_VERSION + ".0", "extra": ""}
    return {**env, **PLATFORMS[platform][1]}


def pip_options(platform: str) -> list[str]:
    platforms = [option for tag in platform_tags(platform) for option in ("--platform", tag)]
    return ["--only-binary=:all:", *platforms, "--python-version", PYTHON_VERSION, "--implementation", "cp",
            "--find-links", str(pure_wheels())]


_PURE_WHEELS: Path | None = None


def pure_wheels() -> Path:
    """A folder with the wheels of SOURCE_ONLY built here; each must come out `py3-none-any`."""
    global _PURE_WHEELS
    if _PURE_WHEELS is None:
        folder = Path(tempfile.mkdtemp(prefix="pure-wheels-"))
        wanted = [r for r in project_requirements() if canonicalize_name(Requirement(r).name) in SOURCE_ONLY]
        if wanted:
            subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                            "--disable-pip-version-check", "-w", str(folder), *wanted], check=True)
        impure = [w.name for w in folder.glob("*.whl") if not w.name.endswith("-py3-none-any.whl")]
        if impure:
            raise ResolveError("全部平台", "以下依赖不是纯 Python，需要各平台自己的 wheel：" + "、".join(impure))
        _PURE_WHEELS = folder
    return _PURE_WHEELS


def resolve(requirements: list[str], platform: str) -> dict[str, dict]:
    """name → {version, file, requires} of what pip picks for `platform` (no download)."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                   "--disable-pip-version-check", "--target", str(Path(tmp) / "target"),
                   "--report", str(report), *pip_options(platform), *requirements]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode:
            raise ResolveError(platform, result.stderr)
        items = json.loads(report.read_text(encoding="utf-8"))["install"]
    return {canonicalize_name(i["metadata"]["name"]): {
        "version": i["metadata"]["version"], "file": i["download_info"]["url"].rsplit("/", 1)[-1],
        "requires": i["metadata"].get("requires_dist", [])} for i in items}


class ResolveError(Exception):
    """pip found no wheel for some requirement on a platform."""

    def __init__(self, platform: str, detail: str):
        lines = [line for line in detail.splitlines() if "is ignored" not in line]
        super().__init__(f"{platform}：有依赖没有可用的 wheel：\n" + "\n".join(lines[-8:]))


def complete(requirements: list[str], platform: str) -> dict[str, dict]:
    """Resolve, then add what the target's markers need that the build machine's did not."""
    wanted = list(requirements)
    env = target_environment(platform)
    for _ in range(5):
        resolved = resolve(wanted, platform)
        missing = []
        for item in resolved.values():
            for text in item["requires"]:
                req = Requirement(text)
                if req.marker and not Marker(str(req.marker)).evaluate(env):
                    continue
                if canonicalize_name(req.name) not in resolved:
                    missing.append(str(req).split(";")[0])
        if not missing:
            return resolved
        wanted += missing
    raise ResolveError(platform, "依赖关系未能收敛：" + "、".join(missing))


def check(platforms: list[str]) -> int:
    """Print each platform's wheels; 0 when every platform resolves."""
    failed = 0
    for platform in platforms:
        try:
            resolved = complete(project_requirements(), platform)
        except ResolveError as exc:
            print(f"不通过 {exc}")
            failed += 1
            continue
        files = sorted(item["file"] for item in resolved.values())
        print(f"通过 {platform}（{describe_platform(platform)}，Python {PYTHON_VERSION}）：{len(files)} 个 wheel")
        for name in files:
            print(f"    {name}")
    print(f"wheels: {len(platforms) - failed} passed, {failed} failed")
    return 1 if failed else 0


def wheelhouse(platform: str, folder: Path, *, build: bool) -> int:
    """Download every wheel the program needs on `platform` into `folder`."""
    resolved = complete(project_requirements(build=build), platform)
    pins = [f"{name}=={item['version']}" for name, item in sorted(resolved.items())]
    folder.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
               "--dest", str(folder), *pip_options(platform), *pins]
    result = subprocess.run(command)
    for wheel in pure_wheels().glob("*.whl"):  # pip download takes them from --find-links too
        if not (folder / wheel.name).exists():
            shutil.copy2(wheel, folder / wheel.name)
    if result.returncode == 0:
        print(f"{len(pins)} 个 wheel 已下载到 {folder}")
    return result.returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="wheels.py", description="检查或下载各平台的 wheel")
    sub = parser.add_subparsers(dest="command", required=True)
    check_cmd = sub.add_parser("check", help="检查每个依赖在各平台都有 wheel")
    check_cmd.add_argument("platforms", nargs="*", choices=[*PLATFORMS, []], metavar="PLATFORM")
    house = sub.add_parser("wheelhouse", help="把一个平台的全部 wheel 下载到文件夹")
    house.add_argument("platform", choices=list(PLATFORMS))
    house.add_argument("-o", "--output", required=True, type=Path, help="存放 wheel 的文件夹")
    house.add_argument("--build", action="store_true", help="同时下载 PyInstaller（离线打包用）")
    args = parser.parse_args(argv)
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    try:
        if args.command == "check":
            return check(args.platforms or list(PLATFORMS))
        return wheelhouse(args.platform, args.output, build=args.build)
    except ResolveError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
