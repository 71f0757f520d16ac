"""The five seed plans in the files offices receive — .doc and .wps (saved by LibreOffice),
PDF (LibreOffice's export, plain and laid out as a 公文 with header and page numbers), .docx
with Word's automatic numbering and with tracked changes, OFD built per GB/T 33190 — read
to the same plan as the plain text; and what cannot be read says why."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import olefile
import pytest
from conftest import run_main
from ofd_docs import write_ofd_from_text
from plan_docs import without_line_numbers, write_docx_from_text
from test_plan_seeds import SAMPLES, SEEDS
from word_markup import JUNK, write_numbered_docx, write_revised_docx

from importers.plan_reader import read_plan
from importers.plan_source import PlanReadError, read_plan_lines
from models.plan_draft import to_json

needs_office = pytest.mark.skipif(not shutil.which("soffice"),
                                  reason="需要 LibreOffice 生成 .doc 和 PDF（CI 通过 render.sh --setup-only 安装）")
KEYS = sorted(SEEDS)


def plan_json(path: Path) -> dict:
    found = to_json(read_plan(path))
    found.pop("source_file", None)
    return without_line_numbers(found)


@pytest.fixture(scope="module")
def texts() -> dict[str, dict]:
    return {key: plan_json(SAMPLES / name) for key, name in SEEDS.items()}


def _soffice(kind: str, sources: list[Path], folder: Path) -> None:
    """One LibreOffice run converts every file (a private profile: runs never collide)."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", kind, "--outdir", str(folder), *map(str, sources)],
                   capture_output=True, timeout=600, check=True)


@pytest.fixture(scope="session")
def office(tmp_path_factory) -> Path:
    """Every seed as .doc (plain and with revisions) and as PDF (plain and 公文-like),
    converted by LibreOffice in two runs for the whole session."""
    folder = tmp_path_factory.mktemp("office")
    plain, gongwen, revised, numbered = [], [], [], []
    for key, name in SEEDS.items():
        plain.append(write_docx_from_text(SAMPLES / name, folder / f"{key}.docx"))
        gongwen.append(write_docx_from_text(SAMPLES / name, folder / f"{key}-公文.docx", gongwen=True))
        revised.append(write_revised_docx(SAMPLES / name, folder / f"{key}-修订.docx", for_doc=True))
        numbered.append(write_numbered_docx(SAMPLES / name, folder / f"{key}-编号.docx"))
    _soffice("doc", plain + revised + numbered, folder)
    _soffice("pdf", plain + gongwen, folder)
    return folder


@needs_office
@pytest.mark.parametrize("key", KEYS)
def test_a_word_97_copy_reads_as_the_text(key, office, texts):
    doc = office / f"{key}.doc"
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert plan_json(doc) == texts[key]


@needs_office
@pytest.mark.parametrize("key", KEYS)
def test_a_doc_with_revisions_fields_and_hidden_text_reads_as_accepted(key, office, texts):
    doc = office / f"{key}-修订.doc"
    with olefile.OleFileIO(str(doc)) as ole:
        stream = ole.openstream("WordDocument").read()
    for hidden in (JUNK, "（隐藏的批注文字）", "HYPERLINK"):  # deleted, hidden, a field code
        assert hidden.encode("utf-16-le") in stream
    assert plan_json(doc) == texts[key]
    lines = "\n".join(read_plan_lines(doc))
    assert JUNK not in lines and "隐藏的批注文字" not in lines and "HYPERLINK" not in lines


@needs_office
@pytest.mark.parametrize("key", [k for k in KEYS if k != "002"])
def test_word_numbering_in_a_doc_reads_as_its_printed_markers(key, office, texts, monkeypatch):
    """Seed 002 numbers its measures on across sections; LibreOffice saves each restart of
    that list as a list of its own in .doc, which Word counts apart, so it is left out."""
    from importers.plan_text import parse_marker

    doc = office / f"{key}-编号.doc"
    assert plan_json(doc) == texts[key]

    def numbered(path):
        return sum(1 for line in read_plan_lines(path) if parse_marker(line.lstrip("\t")))

    typed = numbered(office / f"{key}.doc")
    monkeypatch.setattr("importers.word_binary.read_lists", lambda *args: None)  # lists unread
    assert typed >= 10 and numbered(doc) < typed / 2  # the markers came from the list definitions


@needs_office
def test_a_wps_file_is_read_as_the_word_binary_it_is(office, texts, tmp_path):
    wps = tmp_path / "方案.wps"
    shutil.copy(office / "002-修订.doc", wps)
    assert plan_json(wps) == texts["002"]
    result = run_main("import-plan", wps, "--json", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["doc_number"] == "临文明委〔2020〕11号"


def _without_spaces_by_chinese(plan: dict) -> dict:
    """PDF keeps no space characters: where a space stood next to a Chinese character it
    cannot be told from the gap Word and LibreOffice put there of their own (nor at a line
    wrap), so the comparison leaves those spaces out on both sides."""
    text = json.dumps(plan, ensure_ascii=False)
    return json.loads(re.sub(r" (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) ", "", text))


@needs_office
@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("layout", ["", "-公文"])
def test_a_pdf_copy_reads_as_the_text(key, layout, office, texts):
    pdf = office / f"{key}{layout}.pdf"
    assert _without_spaces_by_chinese(plan_json(pdf)) == _without_spaces_by_chinese(texts[key])
    lines = read_plan_lines(pdf)
    if layout:  # header and page numbers are on the pages, not in the plan
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(str(pdf))
        printed = document[1].get_textpage().get_text_range()
        assert "内部资料" in printed and "— 2 —" in printed
        assert not any("内部资料" in line or re.fullmatch(r"— \d+ —", line) for line in lines)
    if key == "003":  # a table read as a table, rows broken by the page made whole
        rows = [line for line in lines if line.startswith("\t")]
        assert "\t按照规范格式报送银行机构不良贷款率" in rows


@pytest.mark.parametrize("key", KEYS)
def test_word_automatic_numbering_reads_as_its_printed_markers(key, tmp_path, texts):
    docx_path = write_numbered_docx(SAMPLES / SEEDS[key], tmp_path / f"{key}.docx")
    import docx

    typed = [p.text for p in docx.Document(str(docx_path)).paragraphs]
    body = zipfile.ZipFile(docx_path).read("word/document.xml").decode()
    assert body.count("w:numPr") > 10
    assert not any(re.match(r"^[（(]?[一二三四五六七八九十]+[）)、]", t) for t in typed)  # no typed markers
    assert plan_json(docx_path) == texts[key]


@pytest.mark.parametrize("key", KEYS)
def test_tracked_changes_and_word_containers_read_as_accepted(key, tmp_path, texts):
    docx_path = write_revised_docx(SAMPLES / SEEDS[key], tmp_path / f"{key}.docx")
    body = zipfile.ZipFile(docx_path).read("word/document.xml").decode()
    for markup in ("<w:ins ", "<w:del ", "<w:moveFrom ", "<w:moveTo ", "<w:sdt>", "w:fldSimple",
                   'w:fldCharType="separate"', "<w:smartTag", "<w:hyperlink", "<w:vanish/>"):
        assert markup in body, markup
    assert body.count("<w:txbxContent>") == 2  # the shape and its VML fallback
    assert plan_json(docx_path) == texts[key]
    lines = "\n".join(read_plan_lines(docx_path))
    for unseen in (JUNK, "隐藏的批注文字", "页眉", "页脚", "批注", "HYPERLINK", "DOCPROPERTY", "删除的行"):
        assert unseen not in lines


@pytest.mark.parametrize("key", KEYS)
def test_an_ofd_built_per_the_standard_reads_as_the_text(key, tmp_path, texts):
    ofd = write_ofd_from_text(SAMPLES / SEEDS[key], tmp_path / f"{key}.ofd")
    assert plan_json(ofd) == texts[key]
    lines = read_plan_lines(ofd)
    assert not any("内部资料" in line or re.fullmatch(r"— \d+ —", line) for line in lines)


@pytest.mark.parametrize("shape", ["per_char", "composite"])
def test_an_ofd_as_converters_write_it_reads_the_same(shape, tmp_path, texts):
    """One TextObject per character; or the page drawn in points inside a composite unit."""
    ofd = write_ofd_from_text(SAMPLES / SEEDS["003"], tmp_path / "方案.ofd", **{shape: True})
    if shape == "composite":
        assert b"CompositeObject" in zipfile.ZipFile(ofd).read("Doc_0/Pages/Page_0/Content.xml")
    assert plan_json(ofd) == texts["003"]
    result = run_main("import-plan", ofd, "--json", "--dry-run")
    assert result.returncode == 0 and len(json.loads(result.stdout)["tasks"]) == 10


def _image_only_pdf(path: Path) -> Path:
    """A scan: one page that is a picture, no text."""
    import zlib

    pixels = zlib.compress(bytes([200]) * 120 * 160)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >>"
               b" /Contents 5 0 R >>",
               b"<< /Type /XObject /Subtype /Image /Width 120 /Height 160 /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % len(pixels) + pixels
               + b"\nendstream"]
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


def test_a_scanned_pdf_says_a_text_pdf_word_or_ofd_is_needed(tmp_path):
    scan = _image_only_pdf(tmp_path / "扫描件.pdf")
    with pytest.raises(PlanReadError, match="扫描件") as raised:
        read_plan(scan)
    assert "扫描件.pdf" in str(raised.value)
    assert all(word in str(raised.value) for word in ("文字版 PDF", "Word", "OFD"))
    result = run_main("import-plan", scan, "--json", "--dry-run")
    assert result.returncode == 1 and "没有文字层" in result.stderr and "Traceback" not in result.stderr


@needs_office
def test_an_encrypted_doc_keeps_its_message(office, tmp_path):
    data = bytearray((office / "001.doc").read_bytes())
    with olefile.OleFileIO(str(office / "001.doc")) as ole:
        head = ole.openstream("WordDocument").read(64)  # the stream starts with the FIB
    fib = data.find(head)
    assert head[:2] == b"\xec\xa5" and fib > 0
    data[fib + 0x0B] |= 0x01  # fEncrypted: bit 8 of the little-endian flags word at 0x0A
    locked = tmp_path / "加密方案.doc"
    locked.write_bytes(bytes(data))
    with pytest.raises(PlanReadError, match="设置了打开密码") as raised:
        read_plan(locked)
    assert "加密方案.doc" in str(raised.value) and "去掉密码" in str(raised.value)


@needs_office
def test_a_cut_short_doc_says_so_and_how_to_fix_it(office, tmp_path):
    cut = tmp_path / "半截.doc"
    cut.write_bytes((office / "002.doc").read_bytes()[:6000])
    with pytest.raises(PlanReadError, match="半截.doc") as raised:
        read_plan(cut)
    assert "另存为" in str(raised.value)


@needs_office
def test_an_old_xls_breakdown_table_reads_as_its_xlsx(tmp_path):
    ledger = tmp_path / "demo.sqlite"
    assert run_main("demo", "--ledger", ledger).returncode == 0
    xlsx = tmp_path / "任务分解表.xlsx"
    assert run_main("export", "breakdown", "--ledger", ledger, "--plan", 3, "-o", xlsx).returncode == 0
    _soffice("xls", [xlsx], tmp_path)
    xls = tmp_path / "任务分解表.xls"
    assert xls.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    from_xls, from_xlsx = plan_json(xls), plan_json(xlsx)
    assert from_xls == from_xlsx and len(from_xls["tasks"]) > 5
