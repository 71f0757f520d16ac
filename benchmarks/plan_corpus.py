"""How the plan reader fares on a folder of other cities' plans: refused or read, and what it found.

For each .txt in the folder (default ../shared/corpus/plans; a first `SOURCE:` line is skipped)
prints whether the reader refused it, the tasks it found, the distinct unit names, the
task–unit links and the warnings; then the totals. Figures, not a pass/fail: the reader must
not be tuned to these files, but the counts show whether a general rule helped.
Run: python benchmarks/plan_corpus.py [FOLDER] [--names]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from importers.plan_reader import parse_plan  # noqa: E402


def read_lines(path: Path) -> list[str]:
    """The file's lines without the corpus' SOURCE line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[1:] if lines and lines[0].startswith("SOURCE:") else lines


def measure(path: Path) -> dict:
    """Refused or not, tasks, unit names, links and warnings of one plan."""
    draft = parse_plan(read_lines(path), source_file=path.name)
    tasks = list(draft.walk())
    links = sum(len(t.all_units()) for t in tasks)
    return {"refused": not draft.tasks, "tasks": len(tasks), "units": len(draft.unit_names()),
            "links": links, "warnings": len(draft.warnings), "names": draft.unit_names()}


def _default_folder() -> Path:
    """../shared/corpus/plans beside the checkout (or beside the folder holding it)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus" / "plans").is_dir():
            return base / "shared" / "corpus" / "plans"
    return ROOT.parent / "shared" / "corpus" / "plans"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(_default_folder()))
    parser.add_argument("--names", action="store_true", help="list the unit names found")
    args = parser.parse_args()
    files = sorted(Path(args.folder).glob("*.txt"))
    if not files:
        sys.exit(f"没有找到方案文本：{args.folder}")
    totals = {"refused": 0, "tasks": 0, "units": 0, "links": 0, "warnings": 0}
    print(f"{'file':58} refused tasks units links warnings")
    for path in files:
        row = measure(path)
        for key in totals:
            totals[key] += int(row[key])
        print(f"{path.name[:58]:58} {'yes' if row['refused'] else 'no':>7} {row['tasks']:5} "
              f"{row['units']:5} {row['links']:5} {row['warnings']:8}")
        if args.names:
            print("    " + "、".join(row["names"]))
    print(f"{'total (' + str(len(files)) + ' files)':58} {totals['refused']:7} {totals['tasks']:5} "
          f"{totals['units']:5} {totals['links']:5} {totals['warnings']:8}")


if __name__ == "__main__":
    main()
