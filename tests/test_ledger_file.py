"""Opening the ledger safely: pragmas, upgrades, locks, network shares, damaged files, crashes."""

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from models.entries import ListEntry
from models.errors import DamagedLedger, LedgerLocked, NetworkLedger, NewerLedger
from models.ledger import Ledger
from models.ledger_file import header_problem, network_reason
from models.schema import MIGRATIONS

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_connection_uses_wal_and_foreign_keys(ledger):
    assert ledger.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert ledger.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_ledger_of_the_first_schema_is_upgraded(tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledger_v1.sqlite", old)
    with Ledger.open(old) as ledger:
        assert not MIGRATIONS.pending(ledger.db)
        assert ledger.plans()[0].title == "兰州市重点失信领域专项治理实施方案"
        # the search index added later covers the rows the old version wrote
        assert {h.kind for h in ledger.search("诈骗")} == {"task", "progress"}
        assert [h.kind for h in ledger.search("欠薪")] == ["case"]
        # units and red/black lists joined the index later (m014): old rows are found too
        [units] = ledger.search_groups("公安局")[-1:]
        assert (units.kind, units.count, units.hits[0].label) == ("unit", 1, "市公安局（兰州）")
        ledger.add_list_entries([ListEntry(list_kind="黑名单", subject_name="某某商贸公司")], source="测试")
        assert [g.kind for g in ledger.search_groups("商贸")] == ["list_entry"]
        assert ledger.check() == []
    backups = list((tmp_path / "backups" / "old").glob("*.sqlite"))
    assert len(backups) == 1, "an upgrade keeps a copy of the ledger as it was"


def test_a_ledger_from_a_newer_program_is_refused(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                          "VALUES ('ledger', 'm999_future', 'x')")
        ledger.db.conn.commit()
    with pytest.raises(NewerLedger, match="升级程序"):
        Ledger.open(ledger_path)


def test_network_shares_are_recognised():
    mounts = "server:/export /mnt/office nfs4 rw 0 0\n/dev/sda1 / ext4 rw 0 0\n"
    assert "nfs4" in network_reason(Path("/mnt/office/台账.sqlite"), os_name="posix", mounts=mounts)
    assert network_reason(Path("/home/a/台账.sqlite"), os_name="posix", mounts=mounts) is None
    assert "网络共享" in network_reason(Path(r"\\server\share\台账.sqlite"), os_name="nt")


def test_opening_on_a_network_share_is_refused_with_the_reason(ledger_path, monkeypatch):
    import models.ledger

    monkeypatch.setattr(models.ledger, "network_reason", lambda p: "“Z:”是映射的网络驱动器")
    with pytest.raises(NetworkLedger) as info:
        Ledger.open(ledger_path)
    assert "Z:" in info.value.message and "本机磁盘" in info.value.message
    assert not ledger_path.exists()


HOLDER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from models.ledger import Ledger
    ledger = Ledger.open(sys.argv[1])
    print("opened", flush=True)
    time.sleep(60)
""")


def test_a_second_process_writing_the_same_ledger_is_refused(ledger_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(root=str(ROOT)), str(ledger_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "opened"
        with pytest.raises(LedgerLocked) as info:
            Ledger.open(ledger_path)
        assert "不能同时由两个程序写入" in info.value.message
        with Ledger.open(ledger_path, readonly=True) as reader:  # reading stays possible
            assert reader.plans() == []
    finally:
        holder.kill()
        holder.wait()
    with Ledger.open(ledger_path) as ledger:  # the dead holder's lock is taken over
        assert ledger.previous_run_unclean
    with Ledger.open(ledger_path) as ledger:  # and the clean close before this one is seen
        assert not ledger.previous_run_unclean


def test_garbage_is_refused_with_the_newest_backup_offered(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        backup = ledger.backup_now()
    ledger_path.write_bytes(b"PK\x03\x04 this is not a ledger" * 100)
    with pytest.raises(DamagedLedger) as info:
        Ledger.open(ledger_path)
    assert str(backup) in info.value.message and "restore" in info.value.message
    assert info.value.newest_backup == str(backup)


def test_a_truncated_ledger_is_recognised_from_its_header(ledger_path, campaign, ledger):
    ledger.add_cases([], source="x")
    ledger.close()
    data = ledger_path.read_bytes()
    assert header_problem(ledger_path) is None
    ledger_path.write_bytes(data[: len(data) // 2])
    assert "截断" in header_problem(ledger_path)
    with pytest.raises(DamagedLedger, match="截断"):
        Ledger.open(ledger_path)


WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from models.ledger import Ledger
    from models.entries import Case
    ledger = Ledger.open(sys.argv[1])
    steps = [0]
    def pause_mid_write():
        steps[0] += 1
        if steps[0] == 200:  # thousands of rows are in, the transaction is still open
            print("mid-write", flush=True)
            time.sleep(60)
        return 0
    ledger.db.conn.set_progress_handler(pause_mid_write, 1000)
    ledger.add_cases([Case(kind="失信惩戒", title=f"案例{{i}}", subject_name=f"公司{{i}}",
                           behaviour="拖欠农民工工资" * 5) for i in range(10000)], source="big.xlsx")
    print("finished", flush=True)
""")


def _rows_checksum(path: Path) -> tuple:
    import hashlib
    import sqlite3

    conn = sqlite3.connect(path)
    digest = hashlib.sha256()
    for table in ("plans", "tasks", "units", "cases", "audit_log"):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
            digest.update(repr(row).encode())
    counts = conn.execute("SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM audit_log)"
                          ).fetchone()
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return digest.hexdigest(), counts, integrity


def test_killing_the_process_mid_write_leaves_the_ledger_as_it_was(ledger_path, campaign, ledger):
    ledger.close()
    before = _rows_checksum(ledger_path)
    writer = subprocess.Popen([sys.executable, "-c", WRITER.format(root=str(ROOT)), str(ledger_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "mid-write"
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()
    with Ledger.open(ledger_path) as reopened:  # the stale lock of the dead writer is taken over
        assert reopened.check() == []
    after = _rows_checksum(ledger_path)
    assert after == before and after[2] == "ok"
