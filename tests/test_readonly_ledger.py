"""A ledger this user cannot write (read-only file and folder, or held by another program):
the window opens it read-only with a banner saying why, or refuses in a dialog; the command
line reads what it can and refuses what would write with exit 3, in Chinese; a healthy file
is never called lost and `check` reports no false index damage."""

import pytest
from PySide6.QtWidgets import QMessageBox
from readonly_kit import as_user_without_write_access

import main
import ui.app
from models.ledger import Ledger
from ui.main_window import PAGES as WINDOW_PAGES
from ui.main_window import MainWindow

PAGES = [name for _label, name in WINDOW_PAGES]  # every page of the window


def _warm_up(qtbot, demo_copy):
    """Load every module the window uses while the test may still read the whole disk."""
    with Ledger.open(demo_copy) as ledger:
        window = MainWindow(ledger)
        qtbot.addWidget(window)
        for name in PAGES:
            window.go_to(name)
        window.close()


def test_the_window_opens_it_read_only_with_a_banner(qtbot, read_only, demo_copy, monkeypatch):
    _warm_up(qtbot, demo_copy)
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: told.append(a[2]))
    with as_user_without_write_access(read_only):
        ledger = ui.app.open_ledger(read_only)
        assert ledger is not None and ledger.readonly and told == []
        window = MainWindow(ledger)
        qtbot.addWidget(window)
        window.show()
        assert window.banner.isVisible()
        assert "只读" in window.banner.text() and "是只读的" in window.banner.text()
        assert str(read_only) in window.banner.text()
        assert window.dashboard.report is not None  # the figures are there to read
        disabled = {a.text() for a in window.write_actions if not a.isEnabled()}
        assert {"导入方案(&I)…", "导入回执(&R)…", "立即备份(&B)"} <= disabled
        warned = []
        monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
        page = window.go_to("progress_page")
        page.go_next_missing()
        page.form.text.setPlainText("只读时写下的进展")
        assert not page.form.accept()  # said, not crashed; what was typed stays in the form
        assert "没有保存" in warned[0] and page.form.text.toPlainText() == "只读时写下的进展"
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        window.close()  # no backup is attempted beside a file that cannot be written
        ledger.close()
    assert not (read_only.parent / "backups").exists()


def test_a_ledger_that_cannot_be_created_is_refused_in_a_dialog(qtbot, read_only, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: told.append(a[2]))
    new = read_only.parent / "新台账.sqlite"
    with as_user_without_write_access(read_only):
        assert ui.app.open_ledger(new) is None
    assert "无法在这里建立台账" in told[0] and "不允许写入" in told[0] and str(new) in told[0]


def test_a_ledger_another_program_writes_opens_read_only(qtbot, demo_copy, monkeypatch):
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: pytest.fail(a[2]))
    with Ledger.open(demo_copy):  # the other program holds the write lock
        ledger = ui.app.open_ledger(demo_copy)
        window = MainWindow(ledger)
        qtbot.addWidget(window)
        window.show()
        assert ledger.readonly and "正由" in window.banner.text()
        ledger.close()


def test_the_command_line_reads_and_refuses_with_exit_3(qtbot, read_only, demo_copy, capsys):
    elsewhere = read_only.parent.parent / "输出"  # a folder the user may write
    elsewhere.mkdir(mode=0o777)
    elsewhere.chmod(0o777)
    out = elsewhere / "统计表.xlsx"
    commands = (["plans"], ["check"], ["export", "progress", "--plan", "3", "-o", str(out)],
                ["export", "bulletin", "--plan", "3", "-o", str(elsewhere / "通报.docx")],
                ["import-plan", str(main.Path(__file__).parent.parent / "resources" / "sample_plans"
                                    / "000_hangzhou.txt")])
    for args in commands:  # the same commands once with full rights: their code is loaded
        main.run_cli([*args, "--ledger", str(demo_copy)])
    for written in elsewhere.iterdir():
        written.unlink()
    capsys.readouterr()
    results = {}
    with as_user_without_write_access(read_only):
        for args in commands:
            code = main.run_cli([*args, "--ledger", str(read_only)])
            results[args[0] + (args[1] if args[0] == "export" else "")] = (code, *capsys.readouterr())
    assert results["plans"][0] == 0 and "杭信办〔2020〕5号" in results["plans"][1]
    code, said, _ = results["check"]
    assert code == 0 and "只读" in said and "全文检索索引损坏" not in said
    assert results["exportprogress"][0] == 0 and out.exists()
    for key in ("exportbulletin", "import-plan"):
        code, _, err = results[key]
        assert code == 3 and "不能写入" in err and "是只读的" in err
        assert "没有找到这个台账的备份" not in err and "Read-only" not in err
