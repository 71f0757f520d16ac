"""Shared fixtures: a real ledger file in a temporary folder, and a small sample campaign."""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from models.ledger import Ledger  # noqa: E402
from models.records import Plan, Task  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def ledger_path(tmp_path) -> Path:
    return tmp_path / "台账.sqlite"


@pytest.fixture
def ledger(ledger_path):
    opened = Ledger.open(ledger_path)
    yield opened
    opened.close()


@pytest.fixture
def campaign(ledger):
    """A plan with one domain, two measures and two units; returns the ids."""
    plan = ledger.save(Plan(title="兰州市重点失信领域专项治理实施方案", issuer="兰州市社会信用体系建设领导小组办公室",
                            date="2019-05-10", region="兰州"))
    domain = ledger.save(Task(plan_id=plan, number="（一）", title="开展电信网络诈骗专项治理",
                              text="严厉打击和整治违法开立银行账户并贩卖给电信网络诈骗犯罪团伙的行为。"))
    first = ledger.save(Task(plan_id=plan, parent_id=domain, number="1.", title="深入推进云剑行动",
                             position=1))
    second = ledger.save(Task(plan_id=plan, parent_id=domain, number="2.", title="建设反诈技术平台",
                              position=2))
    police = ledger.ensure_unit("市公安局", "兰州")
    cyber = ledger.ensure_unit("市委网信办", "兰州")
    ledger.link_unit(domain, police, "lead")
    ledger.link_unit(domain, cyber, "participating", 1)
    return {"plan": plan, "domain": domain, "first": first, "second": second,
            "police": police, "cyber": cyber}


def run_main(*args, cwd=None, timeout=60):
    """Run `python main.py ARGS` as a user would; returns the CompletedProcess."""
    import subprocess

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT,
                          env=env, timeout=timeout)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo ledger, built once through the command line as a user builds it; read only."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = run_main("demo", "--ledger", path)
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def read_only(demo_master):
    """A copy of the demo ledger in a folder this user cannot write (tests/readonly_kit.py)."""
    from readonly_kit import read_only_copy, remove_copy

    copy = read_only_copy(demo_master)
    yield copy
    remove_copy(copy)


@pytest.fixture
def demo_copy(demo_master, tmp_path):
    """A private copy of the demo ledger that a test may change."""
    import shutil

    return Path(shutil.copyfile(demo_master, tmp_path / "demo.sqlite"))


def menu_titled(window, prefix: str):
    """The window's menu whose title starts with `prefix` (found as a child widget, since
    QAction.menu() misreports menus in PySide6 6.8–6.9)."""
    from PySide6.QtWidgets import QMenu

    return next(m for m in window.menuBar().findChildren(QMenu) if m.title().startswith(prefix))
