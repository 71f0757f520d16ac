"""The 文号 register: numbers checked against 机关代字〔YYYY〕N号, taken only when the file is
written, refused when issued before unless a re-issue is confirmed; and the export
command's argument checks."""

from __future__ import annotations

import docx
import pytest
from conftest import run_main
from docx.oxml.ns import qn

import main
from models.doc_register import parse_doc_number
from models.ledger import Ledger
from models.validation import ValidationError


@pytest.mark.parametrize("text, says", [
    ("示信办[2021]3号", "不能用“[]”"),
    ("示信办（2021）3号", "不能用“（）”"),
    ("示信办〔2021〕003号", "不加虚位"),
    ("示信办〔2021〕第3号", "不加“第”"),
    ("示信办〔2021〕0号", "从1开始"),
    ("示信办〔2021〕3号\n", "换行"),
    ("示信办〔21〕3号", "四位数字"),
    ("示信办〔２０２１〕3号", "半角"),
    ("示信办〔2021〕3", "以“号”结尾"),
    ("〔2021〕3号", "缺少机关代字"),
    ("示信办 〔2021〕3号", "空格"),
    ("示" * 80 + "〔2021〕3号", "过长"),
    ("示信办2021年3号", "六角括号"),
])
def test_a_malformed_number_is_refused_saying_what_is_wrong(text, says):
    with pytest.raises(ValidationError) as refused:
        parse_doc_number(text)
    assert says in str(refused.value) and "示信办〔2021〕3号" in str(refused.value)


def test_a_well_formed_number_is_read():
    number = parse_doc_number(" 营文明委发〔2021〕14号 ")
    assert (number.text, number.prefix, number.year, number.number) == ("营文明委发〔2021〕14号", "营文明委发", 2021, 14)


def export(ledger_path, out, *extra) -> int:
    return main.run_cli(["export", "casebook", "--ledger", str(ledger_path), "--plan", "3",
                         "--date", "2021-03-25", "-o", str(out), *extra])


def numbers(ledger_path) -> list[tuple[str, str, int | None]]:
    with Ledger.open(ledger_path) as ledger:
        return [(e.doc_number, e.file, e.reissue_of) for e in ledger.doc_register(2021)]


def test_a_failed_write_uses_no_number(demo_copy, tmp_path, monkeypatch, capsys):
    assert export(demo_copy, tmp_path / "没有的文件夹" / "汇编.docx") == 1
    assert "没有的文件夹" in capsys.readouterr().err
    monkeypatch.setattr(docx.document.Document, "save",
                        lambda self, path: (_ for _ in ()).throw(PermissionError(13, "denied", path)))
    assert export(demo_copy, tmp_path / "汇编.docx") == 1
    assert numbers(demo_copy) == [] and not (tmp_path / "汇编.docx").exists()
    monkeypatch.undo()
    assert export(demo_copy, tmp_path / "汇编.docx") == 0
    assert numbers(demo_copy) == [("示信办〔2021〕1号", str(tmp_path / "汇编.docx"), None)]


def test_an_issued_number_is_refused_unless_reissued(demo_copy, tmp_path, capsys):
    first, second = tmp_path / "一.docx", tmp_path / "二.docx"
    assert export(demo_copy, first, "--doc-number", "示信办〔2021〕7号") == 0
    assert export(demo_copy, second, "--doc-number", "示信办〔2021〕7号") == 1
    err = capsys.readouterr().err
    assert "已于 2021-03-25 用于" in err and str(first) in err and "示信办〔2021〕8号" in err and "--reissue" in err
    assert not second.exists()
    assert export(demo_copy, second, "--doc-number", "示信办〔2021〕7号", "--reissue") == 0
    (a, _, none), (b, _, of) = numbers(demo_copy)
    assert a == b == "示信办〔2021〕7号" and none is None and of is not None
    body = docx.Document(str(second)).element.body
    assert "示信办〔2021〕7号" in "".join(t.text for t in body.iter(qn("w:t")))
    assert export(demo_copy, tmp_path / "三.docx") == 0  # the sequence goes on after the highest
    assert numbers(demo_copy)[-1][0] == "示信办〔2021〕8号"


@pytest.mark.parametrize("args, says", [
    (["notice", "-o", "x.xlsx"], "应以 .docx 结尾"),
    (["progress", "-o", "x.docx"], "应以 .xlsx 结尾"),
    (["bulletin", "--period", "2021-13", "-o", "x.docx"], "2021-01 的形式"),
    (["bulletin", "--period", "2021-1", "-o", "x.docx"], "2021-01 的形式"),
    (["notice", "--doc-number", "示信办〔2021〕003号", "-o", "x.docx"], "不加虚位"),
])
def test_wrong_export_arguments_are_argument_errors(demo_copy, tmp_path, args, says):
    result = run_main("export", *args[:1], "--ledger", demo_copy, "--plan", 3, *args[1:], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr and "内部错误" not in result.stderr
    assert numbers(demo_copy) == []


def test_the_summary_carries_its_signer_and_every_document_its_recipients(demo_copy, tmp_path):
    out = tmp_path / "总结.docx"
    assert export(demo_copy, tmp_path / "x.docx") == 0
    assert main.run_cli(["export", "summary", "--ledger", str(demo_copy), "--plan", "4", "--date",
                         "2018-12-25", "--signer", "李某某", "-o", str(out)]) == 0
    lines = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "示信办〔2018〕1号\t签发人：李某某" in lines
    # plan 4 names no issuer: the report goes to the body the office serves
    assert "示例市社会信用体系建设领导小组：" in lines
    notice = tmp_path / "通知.docx"
    assert main.run_cli(["export", "notice", "--ledger", str(demo_copy), "--plan", "4", "--date",
                         "2018-12-25", "-o", str(notice)]) == 0
    assert "各有关单位：" in [p.text for p in docx.Document(str(notice)).paragraphs]


def test_a_report_going_up_without_a_signer_is_refused(demo_copy, tmp_path, capsys):
    with Ledger.open(demo_copy) as ledger:
        ledger.set_settings({"signer": ""})
    assert main.run_cli(["export", "summary", "--ledger", str(demo_copy), "--plan", "3", "--date",
                         "2021-03-25", "-o", str(tmp_path / "s.docx")]) == 1
    assert "签发人" in capsys.readouterr().err and numbers(demo_copy) == []
