"""Importing plans into a real ledger: the command line, re-imports, bad files, the demo."""

import json
import zipfile

import pytest
from conftest import run_main
from test_plan_seeds import SAMPLES, SEEDS

from importers.plan_reader import read_plan
from importers.plan_source import PlanReadError
from models.entries import Progress
from models.ledger import Ledger
from models.records import Task

FIXED_KEYS = ["title", "issuer", "doc_number", "date", "recipients", "tasks", "warnings"]
TASK_KEYS = ["number", "title", "text", "units", "deadline", "deadline_text", "ongoing", "children"]


def test_json_has_the_documented_shape_and_dry_run_writes_nothing(tmp_path):
    ledger = tmp_path / "台账.sqlite"
    result = run_main("import-plan", SAMPLES / SEEDS["000"], "--json", "--dry-run", "--ledger", ledger)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data)[:7] == FIXED_KEYS
    task = data["tasks"][0]
    assert [k for k in task if k in TASK_KEYS] == TASK_KEYS
    assert set(task["units"]) == {"lead", "participating", "responsible"}
    assert data["doc_number"] == "杭信办〔2020〕5号" and len(data["tasks"]) == 20
    assert not ledger.exists()


def test_import_then_reimport_updates_instead_of_duplicating(tmp_path):
    ledger_path = tmp_path / "台账.sqlite"
    first = run_main("import-plan", SAMPLES / SEEDS["002"], "--ledger", ledger_path)
    assert first.returncode == 0 and "已导入" in first.stdout, first.stderr
    with Ledger.open(ledger_path) as ledger:
        tasks = ledger.tasks(1)
        assert len(tasks) == 42 and ledger.count("units") == 31
        leads = [u.name for u, role in ledger.task_units(tasks[0].id) if role == "lead"]
        assert leads == ["市公安局", "市发改委", "市工信局", "人民银行临汾中心支行"]
        measure = tasks[1]
        ledger.put_progress([Progress(task_id=measure.id, unit_id=ledger.find_unit("市公安局", "临汾").id,
                                      period="2020-12", status="推进中")], source="测试")
    again = run_main("import-plan", SAMPLES / SEEDS["002"], "--ledger", ledger_path)
    assert again.returncode == 0 and "已更新" in again.stdout
    with Ledger.open(ledger_path) as ledger:
        assert ledger.count("plans") == 1 and ledger.count("tasks") == 42
        assert ledger.get(Task, measure.id).title == measure.title  # same task, progress kept
        assert ledger.count("progress") == 1
        assert ledger.audit_entries()[0]["action"] == "更新方案"


def test_each_citys_units_stay_its_own(tmp_path):
    with Ledger.open(tmp_path / "l.sqlite") as ledger:
        for key in ("000", "001"):
            ledger.apply_plan(read_plan(SAMPLES / SEEDS[key]))
        police = [u for u in ledger.units() if u.name == "市公安局"]
        assert sorted(u.region for u in police) == ["兰州", "杭州"]


def test_confirmed_merges_become_aliases(ledger):
    court = ledger.ensure_unit("市中级人民法院", "营口")
    draft = read_plan(SAMPLES / SEEDS["004"])
    matches = {m.name: m for m in ledger.match_units(draft.unit_names(), draft.region)}
    assert matches["市中法"].unit_id is None
    ledger.apply_plan(draft, aliases={"市中法": court})
    assert ledger.find_unit("市中法", "营口").id == court
    eight = next(t for t in ledger.tasks(1) if t.number == "8.")
    assert [u.id for u, role in ledger.task_units(eight.id) if role == "lead"] == [court]


def test_a_plan_import_is_one_audit_entry(ledger):
    before = ledger.count("audit_log")
    ledger.apply_plan(read_plan(SAMPLES / SEEDS["001"]))
    assert ledger.count("audit_log") == before + 1
    assert "001_lanzhou.txt" in ledger.audit_entries()[0]["detail"]


def _bad_files(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "图片.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    not_word = tmp_path / "压缩包.docx"
    with zipfile.ZipFile(not_word, "w") as z:
        z.writestr("readme.txt", "hello")
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    old = tmp_path / "旧版.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    letter = tmp_path / "通知.txt"
    letter.write_text("关于召开会议的通知\n\n各单位：\n\n定于下周一召开会议，请准时参加。\n", encoding="utf-8")
    return {empty: "空的", binary: "不是文本文件", not_word: "不是 Word 文档", broken: "已损坏",
            old: "另存为", letter: "没有找到可识别的任务"}


def test_bad_files_get_a_clear_message_and_write_nothing(tmp_path):
    ledger_path = tmp_path / "台账.sqlite"
    with Ledger.open(ledger_path):
        pass
    before = ledger_path.read_bytes()
    for path, words in _bad_files(tmp_path).items():
        with pytest.raises(PlanReadError, match=words):
            read_plan(path)
        result = run_main("import-plan", path, "--ledger", ledger_path)
        assert result.returncode == 1 and words in result.stderr and path.name in result.stderr
        assert "Traceback" not in result.stderr
    assert ledger_path.read_bytes() == before


def test_the_demo_ledger_is_reproducible_and_has_lapses(tmp_path):
    import sqlite3

    def rows(path):
        conn = sqlite3.connect(path)
        out = [conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
               for t in ("plans", "tasks", "units", "progress", "cases", "list_entries")]
        conn.close()
        return out

    for name in ("a.sqlite", "b.sqlite"):
        result = run_main("demo", "--ledger", tmp_path / name)
        assert result.returncode == 0, result.stderr
    assert rows(tmp_path / "a.sqlite") == rows(tmp_path / "b.sqlite")
    with Ledger.open(tmp_path / "a.sqlite") as ledger:
        assert ledger.count("plans") == 5 and ledger.count("cases") >= 24
        late = ledger.db.execute(
            "SELECT count(*) FROM progress p JOIN tasks t ON t.id = p.task_id JOIN plans pl "
            "ON pl.id = t.plan_id WHERE p.received_on > p.period || '-' || "
            "printf('%02d', coalesce(pl.report_day, 20))").fetchone()[0]
        assert late > 0
        assert ledger.check() == []
    again = run_main("demo", "--ledger", tmp_path / "a.sqlite")
    assert again.returncode == 1 and "已有数据" in again.stderr
