"""Package benchmark: the one-folder package's size, and the time from launching the program
to its window shown on the demo ledger (offscreen), frozen against `python main.py`. Medians.
Run after packaging/build_linux.sh:  python benchmarks/package_bench.py [--app PATH] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_APP = ROOT / "dist" / "专项治理台账" / "专项治理台账"


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def time_to_window(command: list[str], home: Path) -> float:
    """Seconds from launch to the program saying its window is shown (it then closes)."""
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"),
           "QT_QPA_PLATFORM": "offscreen", "ZXTZ_SMOKE_SECONDS": "0.2"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               env=env, cwd=home, text=True, encoding="utf-8")
    shown = None
    for line in process.stderr:
        if "窗口已显示" in line and shown is None:
            shown = time.perf_counter() - start
    process.wait(timeout=120)
    if shown is None or process.returncode:
        raise SystemExit(f"{command[0]} 没有显示窗口（退出码 {process.returncode}）")
    return shown


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", type=Path, default=DEFAULT_APP)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    size, count = folder_size(args.app.parent)
    print(f"package: {args.app.parent}  {size / 2**20:.1f} MiB in {count} files")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        ledger = home / "demo.sqlite"
        subprocess.run([str(args.app), "demo", "--ledger", str(ledger)], check=True,
                       capture_output=True, env={**os.environ, "HOME": str(home)})
        commands = {"frozen": [str(args.app.absolute()), "--ledger", str(ledger)],
                    "python main.py": [sys.executable, str(ROOT / "main.py"), "--ledger", str(ledger)]}
        for name, command in commands.items():
            time_to_window(command, home)  # warm the file cache and the first-start checks
            times = [time_to_window(command, home) for _ in range(args.runs)]
            print(f"start to window, {name}: median {statistics.median(times):.2f} s "
                  f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
