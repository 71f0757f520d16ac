"""Plan text files as offices save them (Notepad's “Unicode”, Big5 from Taiwan and Hong Kong
copies) and as they go wrong (a missing path, a folder, an empty or an outsized file): read,
or refused with a Chinese message that says what to do; and what `import-plan` tells."""

import json

import pytest
from conftest import run_main

from importers.plan_reader import read_plan
from importers.plan_source import MAX_PLAN_CHARS, PlanReadError, read_plan_lines
from models.plan_draft import to_json

PLAN = ("青川市诚信建设专项行动方案\n一、重点任务\n（一）开展家政服务失信治理。建立家政人员信用档案。"
        "（牵头单位：市商务局；配合单位：市公安局、市妇联）\n（二）开展物业服务失信治理。（责任单位：市住建局）\n")


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_unicode_and_chinese_code_pages_read_alike(tmp_path, encoding, bom):
    path = tmp_path / "方案.txt"
    path.write_bytes(bom + PLAN.replace("\n", "\r\n").encode(encoding))
    plain = tmp_path / "原文.txt"
    plain.write_text(PLAN, encoding="utf-8")
    assert to_json(read_plan(path)) == to_json(read_plan(plain))


def test_big5_is_read_as_the_traditional_text_it_is(tmp_path):
    path = tmp_path / "方案.txt"
    path.write_bytes("青川市誠信建設專項行動方案\n一、重點任務\n（一）開展家政服務失信治理。建立家政人員信用檔案。"
                     "（牽頭單位：市商務局；配合單位：市公安局）\n".encode("big5"))
    plan = read_plan(path)
    assert plan.title == "青川市诚信建设专项行动方案"
    assert plan.tasks[0].units["lead"] == ["市商务局"]
    assert "繁体" in plan.warnings[0]


def test_an_encoding_that_cannot_be_recognised_is_said(tmp_path):
    path = tmp_path / "方案.txt"
    path.write_bytes(("東京都の信用情報を管理する。" * 20).encode("shift_jis"))
    with pytest.raises(PlanReadError) as caught:
        read_plan_lines(path)
    message = str(caught.value)
    assert "方案.txt" in message and "编码无法识别" in message and "另存为" in message


@pytest.mark.parametrize("make,words", [
    (lambda p: p, "不存在"),  # nothing there
    (lambda p: (p.mkdir(), p)[1], "文件夹"),
])
def test_a_missing_path_or_a_folder_is_told_in_chinese(tmp_path, make, words):
    path = make(tmp_path / "方案.txt")
    with pytest.raises(PlanReadError) as caught:
        read_plan_lines(path)
    message = str(caught.value)
    assert "方案.txt" in message and words in message
    assert not any(english in message for english in ("No such", "Is a directory", "Errno"))


def test_empty_and_outsized_files_say_what_to_do(tmp_path):
    empty = tmp_path / "空.doc"
    empty.write_bytes(b"")
    with pytest.raises(PlanReadError, match="空的.*请确认选对了文件"):
        read_plan_lines(empty)
    huge = tmp_path / "大.txt"
    with huge.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    with pytest.raises(PlanReadError, match="超过 20 MB.*请确认选对了文件"):
        read_plan_lines(huge)


def test_a_text_beyond_the_bound_is_refused_before_it_is_parsed(tmp_path):
    path = tmp_path / "合订本.txt"
    item = "（一）开展专项治理。（责任单位：市公安局）"
    path.write_text((item + "\n") * (MAX_PLAN_CHARS // len(item) + 1), encoding="utf-8")
    assert path.stat().st_size < 20 * 1024 * 1024  # under the byte cap: the bound is the words
    with pytest.raises(PlanReadError, match="合订本.txt.*超过 100 万字.*只把方案正文"):
        read_plan_lines(path)
    path.write_text((item + "\n") * 1000, encoding="utf-8")
    assert len(read_plan(path).tasks) == 1000


def test_json_import_into_the_default_ledger_says_where_it_went(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = tmp_path / "方案.txt"
    path.write_text(PLAN, encoding="utf-8")
    result = run_main("import-plan", path, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "青川市诚信建设专项行动方案"  # stdout: the JSON alone
    written = tmp_path / "data" / "ZhuanxiangTaizhang" / "ledger.sqlite"
    assert written.exists() and str(written) in result.stderr and "已导入" in result.stderr
    dry = run_main("import-plan", path, "--json", "--dry-run")
    assert dry.stderr == ""
