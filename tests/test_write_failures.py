"""Failures that say what happened: a full disk (a real small tmpfs, and SQLite's own page
limit) during an import says so in Chinese with the file, lists the files committed before,
and leaves no empty batch; a file written out is whole or absent after a kill; a read-only
folder, a FIFO, a missing path each get their own message; a real import never reads 试导入."""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT, run_main
from returns_kit import RECEIVED, checksum, fill_template, task_rows

from importers.returns_xlsx import read_return
from models.files import describe_os_error, describe_write_error
from models.ledger import Ledger

PLAN, PERIOD = 4, "2018-11"


def _can_mount_tmpfs() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-r", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


needs_tmpfs = pytest.mark.skipif(not _can_mount_tmpfs(),
                                 reason="需要 unshare 挂载一个小的 tmpfs（用户命名空间）来制造真实的磁盘已满")


@pytest.fixture(scope="module")
def returns(demo_master, tmp_path_factory) -> list[Path]:
    """Twelve units' templates, filled in with long texts (each file a sizeable write)."""
    folder = tmp_path_factory.mktemp("returns")
    ledger = Path(shutil.copyfile(demo_master, folder / "demo.sqlite"))
    result = run_main("export", "templates", "--ledger", ledger, "--plan", PLAN, "--period", PERIOD,
                      "-o", folder / "out")
    assert result.returncode == 0, result.stderr
    paths = [Path(p) for p in result.stdout.split() if p.endswith(".xlsx")][:12]
    for path in paths:
        fill_template(path, progress={t: {"status": "推进中", "text": "本月开展联合检查。" * 60}
                                      for t in task_rows(path)})
    return paths


def in_tmpfs(size: str, script: str) -> subprocess.CompletedProcess:
    """Run a shell script with $FULL a fresh tmpfs of `size`, in a mount namespace of its own."""
    return subprocess.run(["unshare", "-r", "-m", "bash", "-c",
                           f'set -u; FULL=$(mktemp -d); mount -t tmpfs -o size={size} tmpfs "$FULL"; {script}'],
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def cli(*args) -> str:
    return " ".join([sys.executable, str(ROOT / "main.py"), *(f'"{a}"' for a in args)])


@needs_tmpfs
def test_a_full_disk_during_an_import_says_so_and_which_files_went_in(demo_master, returns, tmp_path):
    folder = tmp_path / "returns"
    folder.mkdir()
    for path in returns:
        shutil.copyfile(path, folder / path.name)
    script = (f'cp "{demo_master}" "$FULL/台账.sqlite"; '
              f'{cli("import-returns", folder, "--ledger", "$FULL/台账.sqlite", "--received", RECEIVED)}; '
              'echo "rc=$?"; '
              f'{sys.executable} -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); '
              "print('integrity', c.execute('PRAGMA integrity_check').fetchone()[0]); "
              "print('batches', c.execute('SELECT count(*) FROM imports').fetchone()[0]); "
              "print('empty', c.execute('SELECT count(*) FROM imports i WHERE NOT EXISTS "
              "(SELECT 1 FROM import_files f WHERE f.import_id = i.id)').fetchone()[0]); "
              "print('files', c.execute('SELECT count(*) FROM import_files').fetchone()[0])\" "
              '"$FULL/台账.sqlite"')
    room = demo_master.stat().st_size // 1024 + 1200  # the ledger, the 1 MB free it opens with, a few files
    result = in_tmpfs(f"{room}k", script)
    out, err = result.stdout, result.stderr
    assert "rc=3" in out, out + err
    assert "磁盘空间已满，请清理磁盘后重试" in err and "台账.sqlite" in err, err
    assert "程序内部错误" not in out + err
    committed = [re.match(r"已导入 (.+?)（", line).group(1) for line in out.splitlines() if line.startswith("已导入 ")]
    assert committed, out
    assert f"此前已导入的 {len(committed)} 个文件（{'、'.join(committed)}）已完整写入" in err
    assert "integrity ok" in out and "batches 1" in out and "empty 0" in out
    assert f"files {len(committed)}" in out


def test_sqlite_full_before_the_first_file_leaves_no_empty_batch(demo_copy, returns):
    parsed = [read_return(p) for p in returns[:3]]
    before = checksum(demo_copy)
    with Ledger.open(demo_copy) as ledger:
        ledger.db.execute("VACUUM")  # no free pages left inside the file to write into
        pages = ledger.db.execute("PRAGMA page_count").fetchone()[0]
        ledger.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
        outcome = ledger.apply_returns(parsed, received_on=RECEIVED)
        assert outcome.import_id is None and not outcome.taken
        assert outcome.failure.startswith(f"导入在写入“{returns[0].name}”时中断：写入“{demo_copy}”时出错：磁盘空间已满")
        assert "没有任何文件写入台账" in outcome.failure
        assert all("未导入：写入台账时出错" in str(f.problems[0]) for f in outcome.files)
        assert not outcome.dry_run and outcome.lines()[0].startswith("导入（未写入任何文件）")
    assert checksum(demo_copy) == before  # no batch record, no rows


def test_sqlite_full_part_way_keeps_the_files_written_and_names_them(demo_copy, returns):
    parsed = [read_return(p) for p in returns[:6]]
    with Ledger.open(demo_copy) as ledger:
        ledger.db.execute("VACUUM")  # no free pages left inside the file to write into
        pages = ledger.db.execute("PRAGMA page_count").fetchone()[0]
        ledger.db.execute(f"PRAGMA max_page_count = {pages + 12}")
        outcome = ledger.apply_returns(parsed, received_on=RECEIVED)
        taken = [f.name for f in outcome.taken]
        assert taken and len(taken) < 6
        assert f"此前已导入的 {len(taken)} 个文件（{'、'.join(taken)}）已完整写入，导入批次 {outcome.import_id}" \
            in outcome.failure
        files = ledger.db.execute("SELECT file FROM import_files WHERE import_id = ?", [outcome.import_id]).fetchall()
        assert [Path(f[0]).name for f in files] == taken


@needs_tmpfs
def test_export_to_a_full_disk_names_the_file_and_leaves_nothing_half_written(demo_master):
    script = (f'cp "{demo_master}" /tmp/ledger-$$.sqlite; head -c 4M /dev/zero > "$FULL/fill" 2>/dev/null; '
              f'{cli("export", "templates", "--ledger", "/tmp/ledger-$$.sqlite", "--plan", PLAN, "--period", PERIOD, "-o", "$FULL/模板")}; '
              'echo "rc=$?"; ls -a "$FULL/模板"; rm -f /tmp/ledger-$$.sqlite*')
    result = in_tmpfs("4M", script)  # 0 bytes free
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    assert "磁盘空间已满，请清理磁盘后重试" in result.stderr
    assert "“”" not in result.stderr and "/模板/2018-11_" in result.stderr, result.stderr
    listed = result.stdout.split()
    assert not [n for n in listed if n.endswith((".xlsx", ".tmp", ".zip"))]  # no file, whole or half


@needs_tmpfs
def test_export_into_a_read_only_folder_names_it(demo_master, tmp_path):
    ledger = Path(shutil.copyfile(demo_master, tmp_path / "demo.sqlite"))
    locked = tmp_path / "只读"
    locked.mkdir()
    script = (f'mount --bind "{locked}" "{locked}" && mount -o remount,ro,bind "{locked}"; '
              f'{cli("export", "breakdown", "--ledger", ledger, "--plan", PLAN, "-o", locked / "分解表.xlsx")}; '
              'echo "rc=$?"')
    result = in_tmpfs("64k", script)
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    assert f"无法读写“{locked / '分解表.xlsx'}”：所在的磁盘或文件夹是只读的" in result.stderr, result.stderr
    assert "程序内部错误" not in result.stderr and not list(locked.iterdir())


def test_a_kill_during_export_templates_leaves_whole_files_or_none(demo_master, tmp_path):
    ledger = Path(shutil.copyfile(demo_master, tmp_path / "demo.sqlite"))
    out = tmp_path / "模板"
    for delay in (0.8, 1.2, 1.6, 2.0, 2.6):
        shutil.rmtree(out, ignore_errors=True)
        process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "export", "templates", "--ledger",
                                    str(ledger), "--plan", "4", "--period", PERIOD, "-o", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        finals = sorted(out.glob("*.xlsx")) if out.exists() else []
        for path in finals:  # every file under its final name opens whole
            assert openpyxl.load_workbook(path, read_only=True).sheetnames[1] == "进展情况"
        for path in out.glob("*.zip") if out.exists() else []:
            import zipfile

            assert zipfile.ZipFile(path).testzip() is None
        (tmp_path / "demo.sqlite.lock").unlink(missing_ok=True)  # the killed writer's lock


def test_a_fifo_and_a_missing_path_are_one_refused_entry_each(demo_copy, returns, tmp_path):
    folder = tmp_path / "回执"
    folder.mkdir()
    good = Path(shutil.copyfile(returns[0], folder / returns[0].name))
    os.mkfifo(folder / "管道.xlsx")
    missing = tmp_path / "不存在.xlsx"
    result = run_main("import-returns", folder, missing, "--ledger", demo_copy, "--received", RECEIVED,
                      timeout=60)  # a FIFO read would block: the timeout would fail the test
    assert result.returncode == 1, result.stdout + result.stderr
    assert "3 个文件，导入 1 个，拒绝 2 个" in result.stdout
    assert "“管道.xlsx”不是普通文件（可能是文件夹、管道或设备）" in result.stdout
    assert f"无法读取文件“{missing}”：文件或文件夹不存在" in result.stdout
    assert f"已导入 {good.name}" in result.stdout


def test_a_real_import_with_every_file_refused_is_not_called_a_dry_run(demo_copy, tmp_path):
    bad = tmp_path / "不是表格.xlsx"
    bad.write_text("这不是工作簿", encoding="utf-8")
    result = run_main("import-returns", bad, "--ledger", demo_copy, "--received", RECEIVED)
    assert result.returncode == 1
    assert result.stdout.startswith("导入（未写入任何文件）") and "试导入" not in result.stdout
    dry = run_main("import-returns", bad, "--ledger", demo_copy, "--received", RECEIVED, "--dry-run")
    assert dry.stdout.startswith("试导入（未写入台账）")


def test_os_and_sqlite_failures_are_told_in_chinese_with_the_file():
    locked = PermissionError(errno.EACCES, "The process cannot access the file", "D:\\回执\\市公安局.xlsx")
    locked.winerror = 32  # Windows: a file held open by WPS or Excel
    assert describe_os_error(locked) == "无法读写“D:\\回执\\市公安局.xlsx”：文件正被其他程序打开（例如 WPS 或 Office），请关闭该文件后重试。"
    nameless = OSError(errno.ENOSPC, "No space left on device")
    assert describe_os_error(nameless, "/data/台账.sqlite").startswith("无法读写“/data/台账.sqlite”：磁盘空间已满")
    full = sqlite3.OperationalError("database or disk is full")
    assert describe_write_error(full, "/data/台账.sqlite") == "写入“/data/台账.sqlite”时出错：磁盘空间已满，请清理磁盘后重试"
    readonly = sqlite3.OperationalError("attempt to write a readonly database")
    assert "只读" in describe_write_error(readonly, "/data/台账.sqlite")


def test_the_dialog_says_what_happened_when_the_disk_fills(qtbot, demo_copy, returns, tmp_path, monkeypatch):
    from datetime import date

    from PySide6.QtWidgets import QMessageBox

    from ui.returns_dialog import ReturnsImportDialog

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append((title, text)))
    with Ledger.open(demo_copy) as ledger:
        dialog = ReturnsImportDialog(ledger, today=lambda: date(2018, 11, 19))
        qtbot.addWidget(dialog)
        dialog.add_paths(returns[:4])
        assert dialog.import_button.text() == "导入 4 个文件"
        ledger.db.execute("VACUUM")  # no free pages left inside the file to write into
        pages = ledger.db.execute("PRAGMA page_count").fetchone()[0]
        ledger.db.execute(f"PRAGMA max_page_count = {pages + 12}")
        dialog.run_import()
        taken = [f.name for f in dialog.outcome.taken]
        assert said and said[0][0] == "导入未完成" and "磁盘空间已满" in said[0][1]
        assert f"此前已导入的 {len(taken)} 个文件" in said[0][1]
        states = [dialog.table.item(r, 3).text() for r in range(4)]
        assert states.count("已导入") == len(taken) and states.count("拒绝") == 4 - len(taken)
        assert "程序内部错误" not in said[0][1]
