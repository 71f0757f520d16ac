"""Plan files that cannot be read say so in Chinese, naming the file: encrypted Office
files, damaged PDF and OFD, zip bombs, files too big to be a plan, a name that lies about
the content. Nothing is read past the caps."""

from __future__ import annotations

import zipfile

import pytest
from conftest import run_main
from ofd_docs import write_ofd_from_text
from test_plan_seeds import SAMPLES, SEEDS

from importers.plan_reader import read_plan
from importers.plan_source import PlanReadError


def _refused(path, *words):
    with pytest.raises(PlanReadError) as raised:
        read_plan(path)
    message = str(raised.value)
    assert path.name in message, message
    for word in words:
        assert word in message, message
    return message


def test_an_encrypted_docx_asks_for_the_password_to_be_removed(tmp_path):
    import msoffcrypto.format.ooxml
    from plan_docs import write_docx_from_text

    plain = write_docx_from_text(SAMPLES / SEEDS["000"], tmp_path / "明文.docx")
    locked = tmp_path / "加密.docx"
    with plain.open("rb") as source, locked.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("123456", out)
    _refused(locked, "设置了打开密码", "去掉密码")


def test_a_damaged_pdf_and_one_too_big_are_refused(tmp_path):
    broken = tmp_path / "损坏.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00" * 300)
    _refused(broken, "不是完整的 PDF")
    huge = tmp_path / "巨大.pdf"
    with huge.open("wb") as f:
        f.write(b"%PDF-1.7\n")
        f.truncate(101 * 1024 * 1024)  # sparse: the cap is checked before anything is read
    _refused(huge, "超过 100 MB")


def test_a_huge_word_binary_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "巨大.doc"
    with huge.open("wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        f.truncate(65 * 1024 * 1024)
    _refused(huge, "超过 64 MB")


def test_an_ole_file_that_is_neither_word_nor_excel(tmp_path):
    import msoffcrypto.format.ooxml
    import olefile
    from plan_docs import write_docx_from_text

    # an OLE container without a WordDocument or Workbook stream: an encrypted Office file
    # whose two streams are renamed
    docx_path = write_docx_from_text(SAMPLES / SEEDS["001"], tmp_path / "a.docx")
    encrypted = tmp_path / "b.doc"
    with docx_path.open("rb") as f, encrypted.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(f).encrypt("1", out)
    data = bytearray(encrypted.read_bytes())
    for name in ("EncryptionInfo", "EncryptedPackage"):  # names in the directory are UTF-16
        encoded = name.encode("utf-16-le")
        at = data.find(encoded)
        data[at:at + len(encoded)] = ("X" * len(name)).encode("utf-16-le")
    other = tmp_path / "其他.doc"
    other.write_bytes(bytes(data))
    assert olefile.isOleFile(str(other))
    _refused(other, "不是 Word 文档，也不是 Excel 工作簿")


def test_an_ofd_zip_bomb_and_damaged_ofd_are_refused(tmp_path):
    bomb = tmp_path / "炸弹.ofd"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
        z.writestr("Doc_0/Res/zeros.bin", b"\x00" * (30 * 1024 * 1024))
    _refused(bomb, "压缩炸弹")
    good = write_ofd_from_text(SAMPLES / SEEDS["000"], tmp_path / "好.ofd")
    without_page = tmp_path / "缺页.ofd"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(without_page, "w") as out:
        for item in source.infolist():
            if item.filename != "Doc_0/Pages/Page_1/Content.xml":
                out.writestr(item, source.read(item))
    _refused(without_page, "OFD", "Page_1")
    no_root = tmp_path / "无入口.ofd"
    with zipfile.ZipFile(no_root, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody/></ofd:OFD>")
    _refused(no_root, "DocRoot")
    entity = tmp_path / "实体.ofd"
    with zipfile.ZipFile(entity, "w") as z:
        z.writestr("OFD.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    _refused(entity, "不允许的 XML 声明")


def test_an_ofd_of_images_only_says_it_has_no_text(tmp_path):
    good = write_ofd_from_text(SAMPLES / SEEDS["000"], tmp_path / "好.ofd")
    scan = tmp_path / "扫描.ofd"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(scan, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if "/Pages/" in item.filename or "/Tpls/" in item.filename:
                data = data.split(b"<ofd:Layer")[0] + b"<ofd:Layer ID='1'/></ofd:Content></ofd:Page>"
            out.writestr(item, data)
    _refused(scan, "没有文字", "OFD")


@pytest.mark.parametrize("suffix", [".pdf", ".ofd", ".doc", ".wps"])
def test_a_name_that_lies_about_the_content(tmp_path, suffix):
    liar = tmp_path / f"方案{suffix}"
    liar.write_text("这不是方案文件，只是一段文字。" * 20, encoding="utf-8")
    message = _refused(liar, f"扩展名是 {suffix}")
    result = run_main("import-plan", liar, "--json", "--dry-run")
    assert result.returncode == 1 and message.split("，")[0] in result.stderr
