"""Plan reading benchmark: a 100-page plan (the seed plans' task sections repeated) parsed.

A page of a 公文 holds 22 lines of 28 characters, about 600 characters; the plan is built to
at least 100 pages. Prints the median parse time of read_plan on a .txt and on a .docx copy.
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

from timing import median_ms  # noqa: E402

import docx  # noqa: E402

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




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plan-bench-"))
    text = big_plan_text(args.pages)
    txt = folder / "plan.txt"
    txt.write_text(text, encoding="utf-8")
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    word = folder / "plan.docx"
    document.save(word)
    draft = read_plan(txt)
    tasks = sum(1 for _ in draft.walk())
    print(f"plan: {len(text):,} characters (~{len(text) // CHARS_PER_PAGE} pages), {tasks} tasks read")
    print(f"parse .txt: {median_ms(lambda: read_plan(txt)):.0f} ms median (target <= 1000 ms)")
    print(f"parse .docx: {median_ms(lambda: read_plan(word)):.0f} ms median (target <= 1000 ms)")


if __name__ == "__main__":
    main()
