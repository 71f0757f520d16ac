"""Every 公文 the demo ledger gives — each kind, for each plan, its earliest and latest month
with reports — passes every check of the shared check_gongwen.py, rendered by LibreOffice
with the fonts render.sh sets up; and documents whose text ends on each line of a page in
turn keep their 落款, headings and 版记 where GB/T 9704 puts them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import gongwen_check as gc
import pytest

import main
from exporters.gongwen import Attachment, Gongwen, export_gongwen
from models.ledger import Ledger

KINDS = ("notice", "bulletin", "summary", "casebook", "reminder")
CC = "市委办公室，市人大常委会办公室，市政府办公室，市政协办公室，市纪委监委，市中级人民法院，市人民检察院"


@pytest.fixture(scope="module")
def rendering():
    """(checker module, fontconfig file); a machine without the tools skips, CI fails."""
    reason = gc.missing_reason()
    conf = None
    if not reason:
        try:
            conf = gc.fontconfig()  # installs LibreOffice and the fonts on first use
        except subprocess.CalledProcessError as exc:
            reason = f"render.sh --setup-only 失败（退出码 {exc.returncode}，安装 LibreOffice 需要 root）"
    if not reason and not gc.soffice_available():
        reason = "render.sh --setup-only 之后仍找不到 soffice / pdftotext"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return gc.checker(), conf


def _months(ledger: Ledger, plan_id: int) -> list[str]:
    rows = ledger.db.execute("SELECT min(p.period), max(p.period) FROM progress p JOIN tasks t "
                             "ON t.id = p.task_id WHERE t.plan_id = ?", [plan_id]).fetchone()
    return sorted(set(rows))


def _export_day(period: str) -> str:
    """The 25th of the month after: that month's reports are due and mostly in."""
    year, month = int(period[:4]), int(period[5:])
    return f"{year + month // 12}-{month % 12 + 1:02d}-25"


@pytest.fixture(scope="module")
def demo_documents(demo_master, tmp_path_factory):
    """Every kind × plan × (earliest, latest month), exported on the command line."""
    folder = tmp_path_factory.mktemp("rendered")
    ledger_path = Path(shutil.copyfile(demo_master, folder / "demo.sqlite"))
    with Ledger.open(ledger_path) as ledger:
        plans = [(p.id, _months(ledger, p.id)) for p in ledger.plans()]
    written, refused = [], []
    for plan_id, months in plans:
        for period in months:
            for kind in KINDS:
                out = folder / f"plan{plan_id}-{period}-{kind}.docx"
                # a month's 汇编 may have no case (refused like an empty 催报): the campaign's has
                month = [] if kind == "casebook" else ["--period", period]
                code = main.run_cli(["export", kind, "--ledger", str(ledger_path), "--plan", str(plan_id),
                                     *month, "--date", _export_day(period), "--cc", CC, "-o", str(out)])
                (written if code == 0 else refused).append(out)
    return written, refused


def test_every_demo_document_passes_every_check(demo_documents, rendering, tmp_path):
    module, conf = rendering
    written, refused = demo_documents
    assert not refused, f"export refused: {[p.name for p in refused]}"
    assert len(written) == 5 * 2 * len(KINDS)
    pdfs = gc.convert(written, tmp_path / "pdf", conf)
    failures = []
    for docx_path in written:
        for result in gc.check(module, docx_path, pdfs[docx_path], conf):
            if not result["ok"]:
                failures.append(f"{docx_path.name}: {result['name']}: {result['detail']}")
        lost = gc.lost_marks(docx_path, pdfs[docx_path])  # the checker tolerates a hanging mark,
        if lost:                                           # not one that is gone
            failures.append(f"{docx_path.name}: punctuation lost in rendering: {lost}")
    assert not failures, "\n".join(failures)


def test_the_batched_checks_agree_with_the_checker_itself(demo_documents, rendering, tmp_path):
    """The same verdicts as `check_gongwen.py FILE --json`, which converts the file itself."""
    module, conf = rendering
    sample = next(p for p in demo_documents[0] if p.name.endswith("reminder.docx"))
    batched = gc.check(module, sample, gc.convert([sample], tmp_path, conf)[sample], conf)
    alone = subprocess.run([sys.executable, str(gc.tools_dir() / "check_gongwen.py"), str(sample),
                            "--json"], capture_output=True, text=True, timeout=600)
    verdicts = {c["name"]: c["ok"] for c in json.loads(alone.stdout)["checks"]}
    assert verdicts == {c["name"]: c["ok"] for c in batched}
    assert all(verdicts.values())


def _document(lines: int, *, attachment: bool) -> Gongwen:
    """A 通知 whose text (or attachment) runs `lines` paragraphs before a heading and its
    paragraph, so that across a sweep its end falls on every line of a page."""
    filler = ["各单位按照方案要求扎实推进专项治理工作。"] * lines  # one line each
    ending = ["二、下步工作要求",
              "各单位要进一步压实责任，聚焦重点领域突出问题，持续加大排查整治力度，按规范格式报送典型案例，"
              "确保专项治理取得实效。"]
    body = ["一、总体情况", *filler, *ending] if not attachment else ["现将各单位进展报送情况统计表印发给你们。"]
    attachments = [Attachment("附件", "各单位进展报送情况统计表", [*filler, *ending])] if attachment else []
    return Gongwen(title="关于进一步做好诚信缺失突出问题专项治理工作进展情况报送工作的通知", body=body,
                   organ_mark="示例市社会信用体系建设领导小组办公室文件", doc_number="示信办〔2021〕7号",
                   recipients="各区县信用办，市直各有关单位", signature="示例市社会信用体系建设领导小组办公室",
                   date=date(2021, 3, 25), attachments=attachments, cc=CC,
                   printer="示例市社会信用体系建设领导小组办公室")


@pytest.fixture(scope="module")
def sweep(tmp_path_factory) -> list[Path]:
    """The text's end on each of the 22 lines of a page, in the body and in an attachment."""
    folder = tmp_path_factory.mktemp("sweep")
    return [export_gongwen(_document(lines, attachment=attached), folder / f"{kind}{lines:02d}.docx")
            for kind, attached in (("text", False), ("attachment", True)) for lines in range(22)]


def failures(module, files, pdfs, conf, skip=()) -> list[str]:
    return [f"{f.name}: {r['name']}: {r['detail']}" for f in files
            for r in gc.check(module, f, pdfs[f], conf) if not r["ok"] and r["name"] not in skip]


def test_the_end_of_a_document_holds_wherever_the_text_ends(sweep, rendering, tmp_path):
    module, conf = rendering
    problems = failures(module, sweep, gc.convert(sweep, tmp_path / "pdf", conf), conf)
    assert not problems, "\n".join(problems)


# A second font set, unlike the stand-ins in every metric that matters here: Noto's CJK faces
# (taller ascent and descent, other punctuation widths) and its proportional Latin letters and
# digits in place of Times New Roman's stand-in.
NOTO = {"仿宋_GB2312": "Noto Serif CJK SC", "楷体_GB2312": "Noto Sans CJK SC", "黑体": "Noto Sans CJK SC",
        "宋体": "Noto Serif CJK SC", "方正小标宋简体": "Noto Sans CJK SC", "Times New Roman": "Noto Serif CJK SC"}


def noto_fontconfig(folder: Path) -> str:
    aliases = "".join(f'<alias binding="same"><family>{name}</family><prefer><family>{face}</family>'
                      f"</prefer></alias>" for name, face in NOTO.items())
    path = folder / "noto-fonts.conf"
    path.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
                    f'<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>{aliases}'
                    "</fontconfig>", encoding="utf-8")
    return str(path)


def test_other_fonts_move_text_about_but_tear_nothing(demo_documents, rendering, tmp_path):
    """The same documents under the Noto fonts: every check but the one that asks for the
    stand-in fonts still passes."""
    module, _ = rendering
    conf = noto_fontconfig(tmp_path)
    latest = {}
    for path in demo_documents[0]:  # one month per plan: the latest
        latest[path.name.split("-")[0] + path.name.rsplit("-", 1)[1]] = path
    files = sorted(latest.values())
    pdfs = gc.convert(files, tmp_path / "pdf", conf)
    fonts = subprocess.run(["pdffonts", str(pdfs[files[0]])], capture_output=True, text=True).stdout
    assert "Noto" in fonts and "Fandol" not in fonts  # the other fonts were really used
    problems = failures(module, files, pdfs, conf, skip=("rendered-fonts",))
    assert not problems, "\n".join(problems)
