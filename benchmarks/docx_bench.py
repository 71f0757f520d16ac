"""Word export benchmark: a 通报 for 20 domains × 40 units, and a 印发通知 with 60 tasks.

Prints the median time to gather the data from a ledger and to build and save the .docx.
Run: python benchmarks/docx_bench.py
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_ms  # noqa: E402

from exporters.doc_bulletin import bulletin_content  # noqa: E402
from exporters.doc_common import DocMeta  # noqa: E402
from exporters.doc_notice import notice_content  # noqa: E402
from exporters.gongwen import export_gongwen  # noqa: E402
from models.entries import Progress  # noqa: E402
from models.ledger import Ledger  # noqa: E402
from models.records import Plan, Task  # noqa: E402

TODAY = date(2021, 1, 25)


def build(ledger: Ledger, *, domains: int, measures: int, units: int, per_task: int,
          rng: random.Random) -> int:
    plan = ledger.save(Plan(title="基准市诚信缺失突出问题专项治理实施方案", date="2020-11-01", region="基准"))
    unit_ids = [ledger.ensure_unit(f"市第{i}局", "基准") for i in range(units)]
    reports = []
    with ledger.atomic():
        for d in range(domains):
            domain = ledger.save(Task(plan_id=plan, number=f"（{d + 1}）", title=f"开展第{d + 1}类失信问题专项治理",
                                      text="严厉打击和整治违法失信行为，建立长效机制。" * 3, position=d))
            for m in range(measures):
                task = ledger.save(Task(plan_id=plan, parent_id=domain, number=f"{m + 1}.",
                                        title=f"落实第{m + 1}项措施", text="加强监管，督促整改。" * 4,
                                        deadline="2021-06-30", position=m))
                for position, unit in enumerate(rng.sample(unit_ids, k=per_task)):
                    ledger.link_unit(task, unit, "lead" if position == 0 else "participating", position)
                    reports.append(Progress(task_id=task, unit_id=unit, period="2021-01", status="推进中",
                                            text="本月开展专项检查，排查问题并督促整改。",
                                            numbers={"排查数": 10, "整治数": 8}, received_on="2021-01-18"))
    ledger.put_progress(reports, source="基准")
    return plan




def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="docx-bench-"))
    meta = DocMeta(today=TODAY, date=TODAY, organ_mark="基准市社会信用体系建设领导小组办公室文件",
                   doc_number="基信办〔2021〕1号", signature="基准市信用办", cc="市委办公室", printer="基准市信用办")
    with Ledger.open(folder / "bench.sqlite") as ledger:
        bulletin_plan = build(ledger, domains=20, measures=1, units=40, per_task=40,
                              rng=random.Random(3))
        notice_plan = build(ledger, domains=12, measures=4, units=40, per_task=5,
                            rng=random.Random(4))
        data = ledger.bulletin_data(bulletin_plan, "2021-01", TODAY)
        print(f"通报 data: {len(data.domains)} domains, {len(data.report.units)} units, "
              f"{len(data.report.rows)} reports; gathering {median_ms(lambda: ledger.bulletin_data(bulletin_plan, '2021-01', TODAY)):.0f} ms median")
        out = folder / "bulletin.docx"
        cold = median_ms(lambda: export_gongwen(bulletin_content(data, meta), out), repeat=1)
        print(f"通报 build + save, first in this process (loads jieba's word list for the title): "
              f"{cold:.0f} ms")
        print(f"通报 build + save: {median_ms(lambda: export_gongwen(bulletin_content(data, meta), out)):.0f} ms "
              f"median (target <= 1000 ms)")
        plan_data = ledger.plan_data(notice_plan)
        tasks = sum(1 + len(n.children) for n in plan_data.tasks)
        out = folder / "notice.docx"
        print(f"印发通知 with {tasks} tasks, build + save: "
              f"{median_ms(lambda: export_gongwen(notice_content(plan_data, meta), out)):.0f} ms median "
              f"(target <= 1000 ms)")


if __name__ == "__main__":
    main()
