"""The command line as a user runs it: output, exit statuses, Chinese messages, no tracebacks."""

import re

import pytest
from conftest import run_main

from models.ledger import Ledger
from models.records import Plan


@pytest.fixture
def filled(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.save(Plan(title="杭州市2020年重点领域失信专项治理实施方案", doc_number="杭信办〔2020〕5号"))
        ledger.save(Plan(title="兰州市重点失信领域专项治理实施方案"))
    return ledger_path


def assert_clean_failure(result, code, *words):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_plans_lists_id_doc_number_and_title(filled):
    result = run_main("plans", "--ledger", filled)
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["1\t杭信办〔2020〕5号\t杭州市2020年重点领域失信专项治理实施方案",
                                          "2\t\t兰州市重点失信领域专项治理实施方案"]


def test_check_passes_on_a_sound_ledger_and_reports_problems(filled):
    result = run_main("check", "--ledger", filled)
    assert result.returncode == 0 and "检查通过" in result.stdout
    with Ledger.open(filled) as ledger:
        ledger.db.execute("PRAGMA foreign_keys = OFF")
        ledger.db.execute("INSERT INTO tasks (plan_id, title, root_id) VALUES (99, '孤立任务', 1)")
        ledger.db.conn.commit()
    result = run_main("check", "--ledger", filled)
    assert result.returncode == 4
    assert "plans" in result.stdout and "发现" in result.stdout


def test_backup_and_restore_from_the_command_line(filled, tmp_path):
    copy = tmp_path / "备份" / "副本.sqlite"
    copy.parent.mkdir()
    result = run_main("backup", "--ledger", filled, "-o", copy)
    assert result.returncode == 0 and copy.exists()
    assert_clean_failure(run_main("backup", "--ledger", filled, "-o", copy), 1, "已存在")
    with Ledger.open(filled) as ledger:
        ledger.save(Plan(title="后来加的方案"))
    result = run_main("restore", copy, "--ledger", filled)
    assert result.returncode == 0 and "另存为" in result.stdout
    assert "后来加的方案" not in run_main("plans", "--ledger", filled).stdout


@pytest.mark.parametrize("args,words", [
    (["bogus"], ["无效的命令", "bogus"]),
    (["plans", "--ledger"], ["需要一个值"]),
    (["backup"], ["缺少必需的参数"]),
    (["plans", "--frobnicate"], ["无法识别的参数"]),
])
def test_argument_errors_are_chinese_with_exit_2(args, words):
    assert_clean_failure(run_main(*args), 2, "参数错误", *words)


def test_unusable_ledgers_exit_3_with_a_reason(tmp_path, ledger_path):
    assert_clean_failure(run_main("plans", "--ledger", tmp_path / "无.sqlite"), 3, "不存在")
    garbage = tmp_path / "坏.sqlite"
    garbage.write_bytes(b"\x00\x01garbage" * 500)
    assert_clean_failure(run_main("check", "--ledger", garbage), 3, "不是 SQLite 台账文件", "备份")
    with Ledger.open(ledger_path) as ledger:
        backup = ledger.backup_now()
        assert_clean_failure(run_main("restore", backup, "--ledger", ledger_path), 3, "正由")


def test_restore_from_a_missing_backup_exits_1(ledger_path, tmp_path):
    assert_clean_failure(run_main("restore", tmp_path / "无.sqlite", "--ledger", ledger_path), 1,
                         "不存在")


def test_the_export_command_offers_every_document_and_workbook(tmp_path):
    from exporters.documents import CONTENT

    result = run_main("export", "公文", "--plan", 1, "-o", tmp_path / "x", "--ledger", tmp_path / "l.sqlite")
    assert result.returncode == 2 and "无效的命令“公文”" in result.stderr
    offered = set(re.findall(r"'(\w+)'", result.stderr.split("可用的命令：")[1]))
    assert offered == set(CONTENT) | {"breakdown", "progress", "cases", "lists", "scores", "templates"}
    assert not (tmp_path / "l.sqlite").exists()


def test_every_help_starts_with_one_usage_line():
    import main

    parser = main.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in [("", parser), *commands.items()]:
        first = sub.format_help().splitlines()[0]
        assert first.startswith(f"用法：python main.py {name}".rstrip()) and first.count("用法") == 1, first
    assert run_main("export", "--help").stdout.startswith("用法：python main.py export ")
