"""Rotating verified backups and restore, which never overwrites the current ledger."""

from datetime import datetime, timedelta

import pytest

from models.backups import backup_name, backup_time, backups_to_keep
from models.errors import BackupError, LedgerLocked
from models.ledger import Ledger
from models.ledger_safety import list_backups, restore_backup, verify_file
from models.records import Plan


def test_rotation_keeps_last_runs_and_one_a_day():
    now = datetime(2020, 12, 31, 18, 0)
    stamps = [now - timedelta(hours=6 * i) for i in range(200)]  # four backups a day, 50 days
    keep = backups_to_keep(stamps, now=now, keep_runs=10, keep_days=28)
    newest_ten = set(sorted(stamps, reverse=True)[:10])
    assert newest_ten <= keep
    days = {s.date() for s in keep}
    assert len(days) == 29  # today and the 28 days before it
    assert min(days) == (now - timedelta(days=28)).date()
    assert len(keep) == 10 + 29 - 3  # the newest ten cover today and two earlier days


def test_backup_names_sort_by_time_and_read_back():
    when = datetime(2020, 6, 28, 9, 5, 7, 123)
    assert backup_time(backup_name("台账", when)) == when
    assert backup_time("台账.sqlite") is None


def test_a_backup_is_a_verified_standalone_copy(ledger, campaign, tmp_path):
    path = ledger.backup_now()
    assert verify_file(path) is None
    assert not path.with_name(path.name + "-wal").exists()
    with Ledger.open(path, readonly=True) as copy:
        assert copy.plans()[0].title == ledger.plans()[0].title
    assert ledger.audit_entries()[0]["action"] == "备份"


def test_rotation_deletes_what_it_does_not_keep(ledger_path):
    clock = [datetime(2020, 1, 1, 9, 0)]
    ledger = Ledger.open(ledger_path, clock=lambda: clock[0])
    ledger.set_settings({"backups_kept": 3, "backup_days": 2})
    for _ in range(8):  # two backups a day for four days
        ledger.backup_now()
        clock[0] += timedelta(hours=12)
    ledger.close()
    kept = [backup_time(p) for p in list_backups(ledger_path)]
    # the newest three, and the newest of each of the last two days (already among them)
    assert len(kept) == 4
    assert kept[0] == datetime(2020, 1, 4, 21, 0)


def test_backup_is_due_once_a_day(ledger_path):
    clock = [datetime(2020, 1, 1, 9, 0)]
    with Ledger.open(ledger_path, clock=lambda: clock[0]) as ledger:
        assert ledger.backup_due()
        ledger.backup_now()
        clock[0] += timedelta(hours=23)
        assert not ledger.backup_due()
        clock[0] += timedelta(hours=2)
        assert ledger.backup_due()


def test_restore_keeps_the_current_ledger_aside(ledger_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.save(Plan(title="方案甲"))
        backup = ledger.backup_now()
        ledger.save(Plan(title="方案乙"))
    aside = restore_backup(backup, ledger_path, now=datetime(2020, 7, 1, 8, 0))
    with Ledger.open(ledger_path) as restored:
        assert [p.title for p in restored.plans()] == ["方案甲"]
    with Ledger.open(aside, readonly=True) as previous:
        assert [p.title for p in previous.plans()] == ["方案甲", "方案乙"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(ledger_path, tmp_path):
    with Ledger.open(ledger_path) as ledger:
        ledger.save(Plan(title="方案甲"))
    bad = tmp_path / "坏备份.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    before = ledger_path.read_bytes()
    with pytest.raises(BackupError, match="不能用于恢复"):
        restore_backup(bad, ledger_path, now=datetime.now())
    assert ledger_path.read_bytes() == before


def test_restore_refuses_while_the_ledger_is_open(ledger, ledger_path):
    backup = ledger.backup_now()
    with pytest.raises(LedgerLocked):
        restore_backup(backup, ledger_path, now=datetime.now())
