"""Ledger benchmark: 100,000 cases and 200,000 progress rows of text sampled from the seed plans.

Prints the insert rate against plain sqlite3.executemany into the same tables and indexes,
search latency (index and LIKE), dashboard aggregate latency, open time and file size.
Run: python benchmarks/ledger_bench.py [--cases N] [--progress N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_ms  # noqa: E402

from models.entries import CASE_KINDS, PROGRESS_STATUSES, Case, Progress  # noqa: E402
from models.ledger import Ledger  # noqa: E402
from models.ledger_records import to_row  # noqa: E402
from models.records import Plan, Task  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "sample_plans"
PLANS, DOMAINS, MEASURES, UNITS = 5, 8, 4, 50


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in sorted(SAMPLES.glob("*.txt")))
    parts = re.split(r"[。；\n]", text)
    return [p.strip() for p in parts if 12 <= len(p.strip()) <= 160]


def build_campaign(ledger: Ledger, pool: list[str], rng: random.Random) -> tuple[list[int], list[int]]:
    task_ids, unit_ids = [], []
    with ledger.atomic():
        units = [ledger.ensure_unit(f"市第{i}局", "基准") for i in range(UNITS)]
        for p in range(PLANS):
            plan = ledger.save(Plan(title=f"基准方案{p}"))
            for d in range(DOMAINS):
                domain = ledger.save(Task(plan_id=plan, number=f"（{d + 1}）", title=rng.choice(pool)))
                task_ids.append(domain)
                for m in range(MEASURES):
                    task_ids.append(ledger.save(Task(plan_id=plan, parent_id=domain,
                                                     number=f"{m + 1}.", title=rng.choice(pool))))
        unit_ids = units
    return task_ids, unit_ids


def make_cases(n: int, pool: list[str], rng: random.Random, units: list[int]) -> list[Case]:
    return [Case(kind=rng.choice(CASE_KINDS), title=rng.choice(pool)[:40], subject_name=f"某某公司{i}",
                 behaviour=rng.choice(pool), measures=rng.choice(pool), outcome=rng.choice(pool),
                 occurred_on=f"20{rng.randint(18, 21)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                 unit_id=rng.choice(units)) for i in range(n)]


def make_progress(n: int, pool: list[str], rng: random.Random, tasks: list[int],
                  units: list[int]) -> list[Progress]:
    periods = [f"{2019 + m // 12}-{m % 12 + 1:02d}" for m in range(n // (len(tasks) * len(units)) + 1)]
    rows = []
    for period in periods:
        for task in tasks:
            for unit in units:
                if len(rows) == n:
                    return rows
                rows.append(Progress(task_id=task, unit_id=unit, period=period,
                                     status=rng.choice(PROGRESS_STATUSES),
                                     text="，".join(rng.sample(pool, 2)), problems=rng.choice(pool),
                                     next_steps=rng.choice(pool), numbers={"排查数": rng.randint(0, 99)}))
    return rows






def plain_insert(ledger: Ledger, cases: list[Case], progress: list[Progress]) -> None:
    conn = ledger.db.conn
    with ledger.atomic():
        for table, records in (("cases", cases), ("progress", progress)):
            rows = [to_row(r) for r in records]
            cols = list(rows[0])
            conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                             f"({', '.join('?' * len(cols))})", [tuple(r.values()) for r in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--progress", type=int, default=200_000)
    args = parser.parse_args()
    pool, rng = sentences(), random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="ledger-bench-"))

    base = Ledger.open(folder / "plain.sqlite")
    tasks, units = build_campaign(base, pool, rng)
    cases = make_cases(args.cases, pool, rng, units)
    progress = make_progress(args.progress, pool, rng, tasks, units)
    plain_s = median_ms(lambda: plain_insert(base, cases, progress), 1) / 1000
    base.close()

    ledger = Ledger.open(folder / "ledger.sqlite")
    build_campaign(ledger, pool, random.Random(7))
    ledger_s = median_ms(lambda: (ledger.add_cases(cases, source="基准"),
                                  ledger.put_progress(progress, source="基准")), 1) / 1000
    rows = len(cases) + len(progress)
    print(f"rows: {len(cases)} cases + {len(progress)} progress, {len(pool)} seed sentences")
    print(f"insert: ledger {rows / ledger_s:,.0f} rows/s ({ledger_s:.2f} s), plain executemany "
          f"{rows / plain_s:,.0f} rows/s ({plain_s:.2f} s), ratio {ledger_s / plain_s:.2f}x (target <= 2x)")

    for term in ("专项治理", "农民工工资", "信用修复", "侯马经济", "诈骗", "失信", "欠薪", "医疗"):
        hits = len(ledger.search(term))
        fts = median_ms(lambda: ledger.search(term), 15, warm=True)
        like = median_ms(lambda: like_search(ledger, term), warm=True)
        target = 5 if len(term) >= 3 else 20
        print(f"search '{term}' ({len(term)} chars): {fts:.2f} ms median, {hits} hits "
              f"(target <= {target} ms); LIKE {like:.1f} ms")

    plan_ids = [p.id for p in ledger.plans()]
    agg = median_ms(lambda: ledger.status_counts(plan_ids[0]), 15, warm=True)
    month = median_ms(lambda: ledger.status_counts(plan_ids[0], "2019-06"), 15, warm=True)
    print(f"dashboard counts by domain x status x month (one plan, all months): {agg:.2f} ms median; "
          f"one month: {month:.2f} ms (target <= 20 ms)")
    ledger.close()

    def open_close():
        Ledger.open(folder / "ledger.sqlite").close()

    print(f"open with migration check: {median_ms(open_close, 9, warm=True):.1f} ms median (target <= 200 ms)")
    size = (folder / "ledger.sqlite").stat().st_size
    print(f"file size: {size / 1e6:.1f} MB ({folder / 'ledger.sqlite'})")


def like_search(ledger: Ledger, term: str) -> list:
    found = []
    for table, cols in (("tasks", "title || coalesce(text,'')"),
                        ("progress", "coalesce(text,'') || coalesce(problems,'') || coalesce(next_steps,'')"),
                        ("cases", "title || subject_name || coalesce(behaviour,'') || coalesce(measures,'')"
                                  " || coalesce(outcome,'')")):
        found += ledger.db.execute(f"SELECT id FROM {table} WHERE {cols} LIKE ? ORDER BY id DESC "
                                   "LIMIT 50", [f"%{term}%"]).fetchall()
    return found[:50]


if __name__ == "__main__":
    main()
