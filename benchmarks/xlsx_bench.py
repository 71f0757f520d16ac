"""Excel benchmark: 报送模板 for 60 units; an import of 50 filled returns; reading one
returned file, ordinary or hostile (a formatted cell at XFD1048576, 100,000 case rows, a
million formatted rows, a stray value far away, padded strings, an .xls), each timed in this
process and its peak memory measured in a fresh process of its own; a 10,000-row
典型案例报送表 against a bare openpyxl write-only loop writing the same values with the same
named styles.

Targets: templates ≤ 5 s; import of 50 ≤ 5 s; any one returned file ≤ 2 s and ≤ 200 MB
peak; case table ≤ 3 s and ≤ 2× the bare loop.
Run: python benchmarks/xlsx_bench.py  (--reading: only the returned files)
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from returns_kit import append_rows, case_rows, fill_template, soffice_convert, task_rows, text_cell  # noqa: E402
from timing import median_ms  # noqa: E402

from exporters.xlsx_cases import STYLE_NAMES, build_cases_workbook, case_styles, case_values  # noqa: E402
from exporters.xlsx_template import export_templates  # noqa: E402
from importers.returns_xlsx import collect_return_files, read_return  # noqa: E402
from models.doc_records import CaseTableData  # noqa: E402
from models.entries import CASE_KINDS, Case  # noqa: E402
from models.ledger import Ledger  # noqa: E402

PLAN, PERIOD = 4, "2018-11"


def demo_ledger(folder: Path) -> Path:
    path = folder / "demo.sqlite"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--ledger", str(path)],
                   check=True, capture_output=True)
    return path


def sixty_templates(ledger_path: Path) -> list:
    """The demo's 44 units' templates for a month, and 16 more made like them."""
    with Ledger.open(ledger_path) as ledger:
        templates = ledger.template_set(PLAN, PERIOD)
    extra = [replace(t, unit_id=10_000 + i, unit_name=f"{t.unit_name}（分局{i}）")
             for i, t in enumerate(templates[:60 - len(templates)])]
    return templates + extra


def fifty_returns(ledger_path: Path, folder: Path) -> Path:
    """Every unit's template filled in, and six corrected resubmissions: 50 files."""
    with Ledger.open(ledger_path) as ledger:
        paths = export_templates(ledger.template_set(PLAN, PERIOD), folder / "returns")
    for index, path in enumerate(paths):
        fill_template(path, progress={t: {"status": "推进中", "text": f"第{index}单位本月开展专项检查{t}次",
                                          "problems": "部分单位配合不够", "next_steps": "继续推进"}
                                      for t in task_rows(path)},
                      counts={"黑名单": (index % 5, 1, 0)})
    for index, path in enumerate(paths[:50 - len(paths)]):
        fill_template(path, progress={task_rows(path)[0]: {"status": "已完成", "text": "更正"}},
                      out=path.with_name(f"更正_{path.name}"))
    return folder / "returns"


def import_all(ledger_path: Path, returns: Path, scratch: Path) -> int:
    """Read, check and import every file into a fresh copy of the ledger."""
    copy = Path(shutil.copyfile(ledger_path, scratch / "copy.sqlite"))
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    parsed = [read_return(p) for p in collect_return_files([returns])]
    with Ledger.open(copy) as ledger:
        outcome = ledger.apply_returns(parsed, received_on="2018-11-19")
    assert not outcome.refused, [str(p) for f in outcome.refused for p in f.problems]
    return len(outcome.taken)


def hostile_returns(ledger_path: Path, folder: Path) -> dict[str, Path]:
    """One unit's template filled in, and the hostile files made from it, by what they are."""
    from models.returns import CASES_SHEET, PROGRESS_SHEET

    folder.mkdir(parents=True)
    with Ledger.open(ledger_path) as ledger:
        template = export_templates(ledger.template_set(PLAN, PERIOD)[:1], folder / "blank")[0]
    good = fill_template(template, progress={t: {"status": "推进中", "text": "本月开展专项检查"}
                                             for t in task_rows(template)}, out=folder / "good.xlsx")
    files = {"正常填写的 .xlsx": good}
    far = b'<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    files["XFD1048576 一个带格式的空单元格"] = append_rows(good, folder / "far.xlsx", PROGRESS_SHEET, far)
    files["XFD300 一个带格式的空单元格"] = append_rows(
        good, folder / "xfd300.xlsx", PROGRESS_SHEET, b'<row r="300"><c r="XFD300" s="1"/></row>')
    files["Z60000 一个值"] = append_rows(good, folder / "z60000.xlsx", PROGRESS_SHEET,
                                       b'<row r="60000">' + text_cell("Z60000", "多余") + b"</row>")
    files["典型案例下 100,000 行"] = append_rows(good, folder / "cases.xlsx", CASES_SHEET, case_rows(54, 100_000))
    files["100 万行带格式的空行"] = append_rows(
        good, folder / "rows.xlsx", PROGRESS_SHEET,
        (f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>'.encode()
         for r in range(100, 1_000_000)))
    if shutil.which("soffice"):  # LibreOffice writes shared strings (openpyxl writes them inline)
        saved = soffice_convert(good, "xlsx", folder / "lo")
        files["另存后共享字符串表多出 200 万项"] = _padded_strings(saved, folder / "strings.xlsx")
        files["正常填写另存为 .xls"] = soffice_convert(good, "xls", folder / "xls")
        ten = append_rows(good, folder / "cases10k.xlsx", CASES_SHEET, case_rows(54, 10_000))
        files["典型案例下 10,000 行另存为 .xls"] = soffice_convert(ten, "xls", folder / "xls")
    return files


def _padded_strings(good: Path, out: Path) -> Path:
    from returns_kit import rewrite_part

    def pad(data: bytes) -> bytes:
        junk = b"".join(b"<si><t>%d</t></si>" % i for i in range(2_000_000))
        return data.replace(b"</sst>", junk + b"</sst>")
    return rewrite_part(good, out, lambda archive: "xl/sharedStrings.xml", pad)


# VmHWM is the peak resident size of the process's own memory since it started the program
# (ru_maxrss would count the pages of the benchmark process it was forked from).
_PEAK = ("import re, sys; sys.path.insert(0, {root!r}); "
         "from importers.returns_xlsx import read_return; r = read_return({path!r}); "
         "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
         "print(hwm, len(r.problems))")


def peak_mb(path: Path) -> tuple[float, int]:
    """Peak resident memory (MB) of a fresh process that reads `path`, and its problem count."""
    out = subprocess.run([sys.executable, "-c", _PEAK.format(root=str(ROOT), path=str(path))],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]) / 1024, int(out[1])


def ten_thousand_cases() -> CaseTableData:
    rng = random.Random(7)
    cases = []
    for i in range(10_000):
        case = Case(kind=rng.choice(CASE_KINDS), title=f"某某有限公司{i}号拒不履行法定义务案",
                    subject_name=f"某某有限公司{i}", subject_type="法人及其他组织",
                    subject_code="91330282L07196379D", behaviour="拒不履行法院生效判决，" * rng.randint(1, 4),
                    basis="《关于对失信被执行人实施联合惩戒的合作备忘录》", measures="限制高消费，限制参与政府采购",
                    implementing_units="市法院、市发改委", occurred_on="2020-11-05", publicity_site="信用中国",
                    publicity_date="2020-11-10", outcome="已履行全部义务")
        cases.append((case, f"市第{i % 40}局", f"（{i % 12 + 1}）开展第{i % 12 + 1}类失信问题专项治理"))
    return CaseTableData("基准市典型案例报送表", cases)


def bare_loop(data: CaseTableData, path: Path) -> None:
    """openpyxl write-only, the same values and named styles, nothing else."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for style in case_styles():
        book.add_named_style(style)
    sheet = book.create_sheet("典型案例报送表")
    for values in case_values(data):
        row = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            cell.style = STYLE_NAMES[2]
            row.append(cell)
        sheet.append(row)
    book.save(str(path))


def reading(ledger_path: Path, folder: Path) -> None:
    """One returned file at a time, ordinary and hostile; then a folder of 50 with 8 hostile."""
    print("读取一个交回的文件 (target ≤ 2,000 ms, ≤ 200 MB peak in a process of its own):")
    hostile = hostile_returns(ledger_path, folder / "hostile")
    for label, path in hostile.items():
        ms = median_ms(lambda: read_return(path), repeat=3)
        peak, problems = peak_mb(path)
        verdict = "拒绝" if problems else "读取"
        print(f"  {label:<30} {os.path.getsize(path) / 1e6:6.2f} MB file: median {ms:6,.0f} ms, "
              f"peak {peak:4.0f} MB ({verdict})")
    mixed = folder / "mixed"  # the fifty ordinary returns, and eight of the hostile ones
    shutil.copytree(fifty_returns(ledger_path, folder), mixed)
    for index, path in enumerate(list(hostile.values())[1:9]):
        shutil.copyfile(path, mixed / f"{index}_{path.name}")
    count = len(collect_return_files([mixed]))
    ms = median_ms(lambda: [read_return(p) for p in collect_return_files([mixed])], repeat=3)
    print(f"读取一个文件夹 {count} 个文件（其中 8 个为上列恶意文件）: median {ms:,.0f} ms  (target ≤ 5,000)")


def main() -> None:
    only_reading = "--reading" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ledger_path = demo_ledger(folder)
        if only_reading:
            reading(ledger_path, folder)
            return
        templates = sixty_templates(ledger_path)
        ms = median_ms(lambda: export_templates(templates, folder / "sixty", zip_name="all.zip"), repeat=3)
        print(f"报送模板 {len(templates)} 个单位（含打包）: median {ms:,.0f} ms  (target ≤ 5,000)")
        returns = fifty_returns(ledger_path, folder)
        count = len(collect_return_files([returns]))
        scratch = folder / "scratch"
        scratch.mkdir()
        ms = median_ms(lambda: import_all(ledger_path, returns, scratch), repeat=3)
        print(f"导入回执 {count} 个文件（读取、核对、写入）: median {ms:,.0f} ms  (target ≤ 5,000)")
        reading(ledger_path, folder / "reading")
        data = ten_thousand_cases()
        ours = median_ms(lambda: build_cases_workbook(data).save(str(folder / "cases.xlsx")), repeat=3)
        bare = median_ms(lambda: bare_loop(data, folder / "bare.xlsx"), repeat=3)
        size = os.path.getsize(folder / "cases.xlsx") / 1e6
        print(f"典型案例报送表 10,000 行: median {ours:,.0f} ms (target ≤ 3,000); bare write-only loop "
              f"{bare:,.0f} ms; ratio {ours / bare:.2f}× (target ≤ 2×); file {size:.1f} MB")


if __name__ == "__main__":
    main()
