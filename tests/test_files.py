"""Files written whole or not at all, and OS errors told in Chinese with their path."""

import errno

import pytest

from models.files import atomic_path, describe_os_error, save_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "通报.docx"
    target.write_bytes(b"old")

    def half_write(path):
        with open(path, "wb") as f:
            f.write(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError) as caught:
        save_atomically(half_write, target)
    assert target.read_bytes() == b"old"
    assert caught.value.filename == str(target)  # the file asked for, not its temporary name
    assert [p.name for p in tmp_path.iterdir()] == ["通报.docx"]


def test_a_good_write_replaces_the_file(tmp_path):
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"old")
    with atomic_path(target) as temp:
        temp.write_bytes(b"new")
        assert target.read_bytes() == b"old"  # nothing under the final name until the end
    assert target.read_bytes() == b"new"


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘空间已满"), (errno.EROFS, "只读"),
                                         (errno.EACCES, "没有读写权限"), (errno.ENOENT, "不存在")])
def test_os_errors_are_told_in_chinese_with_the_path(code, words):
    message = describe_os_error(OSError(code, "English words", "/tmp/台账.sqlite"))
    assert "“/tmp/台账.sqlite”" in message and words in message
    assert "English" not in message


def test_an_error_without_a_file_name_takes_the_given_path():
    message = describe_os_error(OSError(errno.ENOSPC, "No space left on device"), "/data/a.xlsx")
    assert "“/data/a.xlsx”" in message and "“”" not in message


def test_an_error_on_the_temporary_file_names_the_final_file(tmp_path):
    def refuse(path):
        raise PermissionError(13, "denied", path)

    with pytest.raises(PermissionError) as caught:
        save_atomically(refuse, tmp_path / "汇编.docx")
    assert caught.value.filename == str(tmp_path / "汇编.docx")


def test_a_written_file_gets_the_usual_mode_not_a_private_one(tmp_path):
    import os
    import stat

    umask = os.umask(0o022)
    try:
        with atomic_path(tmp_path / "通报.docx") as temp:
            temp.write_bytes(b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "通报.docx").stat().st_mode) == 0o644
