"""Smoke run of the frozen one-folder package, as a clerk's machine runs it: no Python, no
checkout — only the folder. Run after packaging/build_linux.sh:

    FROZEN_APP=dist/专项治理台账/专项治理台账 python -m pytest -q packaging/test_frozen.py

The commands of DESIGN.md §5 on the frozen program (demo, import-plan of a seed as .docx,
.doc, PDF and Traditional-script text, export
bulletin and templates, import-returns of a filled template), the window started offscreen
for a few seconds, and portable mode from a copy of the folder elsewhere (a USB stick).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from plan_docs import write_docx_from_text
from returns_kit import fill_template, task_rows

from models.version import VERSION

APP = Path(os.environ.get("FROZEN_APP") or ROOT / "dist" / "专项治理台账" / "专项治理台账").absolute()
PLAN, PERIOD = 4, "2018-11"  # the demo's seed 003, with three months of reports


def run(*args, home: Path, app: Path = APP, timeout: int = 120, env: dict | None = None):
    """Run the frozen program with a fresh home folder (its user data goes there)."""
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
                   "XDG_DATA_HOME": str(home / ".local" / "share"), "LANG": "C.UTF-8",
                   "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run([str(app), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, cwd=home, env=environment)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    assert APP.is_file(), f"没有找到打包好的程序“{APP}”：先运行 packaging/build_linux.sh"
    return tmp_path_factory.mktemp("clerk")


@pytest.fixture(scope="module")
def demo(home):
    result = run("demo", "--ledger", home / "demo.sqlite", home=home)
    assert result.returncode == 0, result.stderr
    assert "演示台账已建立" in result.stdout
    return home / "demo.sqlite"


def test_the_package_holds_qt_its_chinese_translations_and_the_resources():
    folder = APP.parent
    assert (folder / "resources" / "sample_plans" / "001_lanzhou.txt").is_file()
    assert (folder / "resources" / "icon.png").is_file()
    assert (folder / "CHANGELOG.md").is_file() and (folder / "README.txt").is_file()
    translations = {p.name for p in folder.rglob("*.qm")}
    assert "qtbase_zh_CN.qm" in translations
    assert not any(name.endswith("_de.qm") for name in translations)  # only Chinese is kept
    assert list(folder.rglob("platforms/libqoffscreen.so")) and list(folder.rglob("platforms/libqxcb.so"))
    assert not [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()]  # no dangling link


def test_version(home):
    result = run("--version", home=home)
    assert result.returncode == 0 and result.stdout.strip() == f"专项治理台账 {VERSION}"


def test_import_plan_of_a_seed_docx(home):
    plan = write_docx_from_text(ROOT / "resources" / "sample_plans" / "001_lanzhou.txt", home / "兰州方案.docx")
    result = run("import-plan", plan, "--ledger", home / "plans.sqlite", home=home)
    assert result.returncode == 0, result.stderr
    assert "已导入方案" in result.stdout and "兰州" in result.stdout


@pytest.fixture(scope="module")
def seed_files(home):
    """Seed 001 as .docx, converted by LibreOffice to .doc and PDF, and written in
    Traditional script: the readers that load libraries or data at run time."""
    folder = home / "formats"
    folder.mkdir()
    source = write_docx_from_text(ROOT / "resources" / "sample_plans" / "001_lanzhou.txt", folder / "兰州方案.docx")
    for kind in ("doc", "pdf"):
        subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(folder), str(source)],
                       capture_output=True, timeout=180, check=True)
    import opencc

    text = (ROOT / "resources" / "sample_plans" / "001_lanzhou.txt").read_text(encoding="utf-8")
    (folder / "兰州方案_繁体.txt").write_text(opencc.OpenCC("s2t").convert(text), encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["兰州方案.doc", "兰州方案.pdf", "兰州方案_繁体.txt"])
def test_import_plan_reads_every_format(home, seed_files, name):
    result = run("import-plan", seed_files / name, "--json", "--dry-run", home=home)
    assert result.returncode == 0, result.stderr
    unfrozen = subprocess.run([sys.executable, str(ROOT / "main.py"), "import-plan",
                               str(seed_files / "兰州方案.docx"), "--json", "--dry-run"],
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    frozen_tasks = json.loads(result.stdout)["tasks"]
    assert [t["title"] for t in frozen_tasks] == [t["title"] for t in json.loads(unfrozen.stdout)["tasks"]]


def test_export_bulletin(home, demo):
    out = home / "通报.docx"
    result = run("export", "bulletin", "--ledger", demo, "--plan", PLAN, "--period", PERIOD,
                 "--date", "2018-12-05", "-o", out, home=home)
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "通报" in text and "2018年12月5日" in text


def test_export_templates_and_import_a_filled_one(home, demo):
    folder = home / "模板"
    result = run("export", "templates", "--ledger", demo, "--plan", PLAN, "--period", PERIOD,
                 "-o", folder, home=home)
    assert result.returncode == 0, result.stderr
    written = [Path(p) for p in result.stdout.split()]
    assert written[-1].suffix == ".zip" and len(written) > 5
    template = written[0]
    fill_template(template, progress={task_rows(template)[0]: {"status": "已完成", "text": "打包程序填报"}})
    result = run("import-returns", template, "--ledger", demo, "--received", "2018-11-19", home=home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "导入 1 个，拒绝 0 个" in result.stdout


def test_the_window_starts_offscreen_without_a_traceback(home, demo):
    shots = Path(os.environ.get("FROZEN_SHOTS") or home)
    env = {"ZXTZ_SMOKE_SECONDS": "4", "ZXTZ_SMOKE_SHOT": str(shots / "frozen-window.png")}
    result = run("--ledger", demo, home=home, env=env)
    assert result.returncode == 0, result.stderr
    assert "窗口已显示" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(home.rglob("error.log"))
    assert (shots / "frozen-window.png").stat().st_size > 10_000  # a window was drawn


def test_portable_mode_from_a_copy_of_the_folder(tmp_path):
    stick = tmp_path / "U盘 (E)" / "专项治理台账"
    shutil.copytree(APP.parent, stick, symlinks=True)
    (stick / "portable").write_text("", encoding="utf-8")
    app = stick / APP.name
    result = run("demo", home=tmp_path, app=app)
    assert result.returncode == 0, result.stderr
    assert (stick / "data" / "ledger.sqlite").is_file()
    window = run(home=tmp_path, app=app, env={"ZXTZ_SMOKE_SECONDS": "2"})
    assert window.returncode == 0 and "窗口已显示" in window.stderr, window.stderr
    assert (stick / "data" / "window.ini").is_file()  # the window's state stays on the stick too
    assert list((stick / "data" / "backups" / "ledger").glob("*.sqlite"))
    assert not (tmp_path / ".local" / "share" / "ZhuanxiangTaizhang").exists()
