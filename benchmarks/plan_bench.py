"""Plan reading benchmark: a 100-page plan (the seed plans' task sections repeated) read to
the preview (the file's lines, then the parse), from each format an office receives.

A page of a 公文 holds 22 lines of 28 characters, about 600 characters; the plan is built to
at least 100 pages. Prints the median time of read_plan on the .txt, a .docx laid out as a
公文 (A4, 三号, two-character indent, header and page numbers), the .doc and PDF LibreOffice
makes of that .docx, and an OFD laid out the same way (target: each within 1 s).
Run: python benchmarks/plan_bench.py [--pages N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))  # the test helpers that lay out Word and OFD copies

import shutil  # noqa: E402
import subprocess  # noqa: E402

from ofd_docs import write_ofd_from_text  # noqa: E402
from plan_docs import write_docx_from_text  # noqa: E402
from timing import median_ms  # noqa: E402

from importers.plan_reader import read_plan  # noqa: E402

CHARS_PER_PAGE = 22 * 28


def big_plan_text(pages: int) -> str:
    """The Hangzhou plan's header, then the task sections of the prose seeds until `pages`."""
    samples = ROOT / "resources" / "sample_plans"
    head = (samples / "000_hangzhou.txt").read_text(encoding="utf-8")
    parts = [head]
    bodies = [(samples / n).read_text(encoding="utf-8") for n in
              ("001_lanzhou.txt", "002_linfen.txt", "004_yingkou.txt")]
    sections = [b[b.index("二、"):] for b in bodies]
    n = 0
    while sum(len(p) for p in parts) < pages * CHARS_PER_PAGE:
        parts.append(sections[n % len(sections)])
        n += 1
    return "\n".join(parts)




def _cpu_median_ms(fn, repeat: int = 5) -> float:
    """The median CPU time of `repeat` calls: what the reading costs on a machine shared
    with other work, where the wall clock also counts the waiting."""
    import statistics
    import time

    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def _office_copies(word: Path, folder: Path) -> list[Path]:
    """The .doc and PDF LibreOffice makes of the .docx (none when it is not installed)."""
    if not shutil.which("soffice"):
        print("soffice not found: the .doc and PDF copies are left out")
        return []
    copies = []
    for kind in ("doc", "pdf"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                        "--convert-to", kind, "--outdir", str(folder), str(word)],
                       capture_output=True, timeout=600, check=True)
        copies.append(folder / f"{word.stem}.{kind}")
    return copies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plan-bench-"))
    text = big_plan_text(args.pages)
    txt = folder / "plan.txt"
    txt.write_text(text, encoding="utf-8")
    word = write_docx_from_text(txt, folder / "plan.docx", gongwen=True)
    files = [txt, word, *_office_copies(word, folder), write_ofd_from_text(txt, folder / "plan.ofd")]
    draft = read_plan(txt)
    tasks = sum(1 for _ in draft.walk())
    print(f"plan: {len(text):,} characters (~{len(text) // CHARS_PER_PAGE} pages), {tasks} tasks read")
    for path in files:
        found = sum(1 for _ in read_plan(path).walk())
        ms = median_ms(lambda path=path: read_plan(path), warm=True)
        cpu = _cpu_median_ms(lambda path=path: read_plan(path))
        print(f"read {path.suffix:5} {ms:5.0f} ms median ({cpu:4.0f} ms of CPU), {found} tasks "
              "(target <= 1000 ms)")


if __name__ == "__main__":
    main()
