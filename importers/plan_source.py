"""Reading a plan file into lines of text, whatever the office received it as: .docx,
.doc/.wps (Word 97–2003 and WPS 文字), PDF with a text layer, OFD, .txt in UTF-8 or GB18030,
or a 任务分解表 workbook (.xlsx/.xls). What the file really is comes from its first bytes,
not its name.

A table becomes the layout plain-text copies of such tables have (seed 003): one cell per
line starting with a tab, a blank line after each row, a vertically merged cell as an empty
cell. So one parser serves every kind of file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from importers import text_encodings

MAX_TEXT_BYTES = 20 * 1024 * 1024
# the words of a plan, whatever its format: about 1500 pages of 公文 (22 lines of 28
# characters). Reading is linear, about 2 s a million characters; a file holding more is
# not one plan, and refusing it keeps a mistaken drop from tying the window up for minutes.
MAX_PLAN_CHARS = 1_000_000
MAX_DOCX_XML_BYTES = 100 * 1024 * 1024  # unpacked document.xml; a bigger one is a zip bomb
MAX_BINARY_BYTES = 64 * 1024 * 1024  # a .doc/.wps of a plan is well under 5 MB
MAX_PDF_BYTES = 100 * 1024 * 1024
ACCEPTED = "Word（.docx、.doc、.wps）、PDF（文字版）、OFD、文本（.txt）或任务分解表（.xlsx、.xls）"
PDF_MAGIC = b"%PDF-"


class PlanReadError(Exception):
    """A plan file cannot be read; the message (Chinese) names the file and what to do."""


def read_plan_lines(path: str | Path) -> list[str]:
    """The text lines of a plan file, tables laid out as tab-led cell lines."""
    from models.files import os_error_reason

    path = Path(path)
    try:
        lines = _lines_of(path)
    except OSError as exc:
        raise PlanReadError(f"无法读取文件“{path}”：{os_error_reason(exc)}。") from None
    if sum(len(line) for line in lines) > MAX_PLAN_CHARS:
        raise PlanReadError(f"文件“{path.name}”的文字超过 {MAX_PLAN_CHARS // 10000} 万字（约 1500 页），"
                            "不像是一份方案。请确认选对了文件；如果确实是一份方案，请只把方案正文"
                            "复制到新文件中再导入。")
    return lines


def _lines_of(path: Path) -> list[str]:
    # imported here: the window's start-up reaches this module for PlanReadError alone
    from importers.workbook_source import CFB_MAGIC, ZIP_MAGIC, peek

    if path.is_dir():
        raise PlanReadError(f"“{path}”是一个文件夹，不是方案文件。请选择文件夹中的方案文件。")
    if path.exists() and not path.is_file():  # a pipe or a device would block the reader
        raise PlanReadError(f"“{path}”不是普通文件，无法作为方案读取。请选择方案文件本身。")
    size, head = peek(path)
    if size == 0:
        raise PlanReadError(f"文件“{path.name}”是空的（0 字节），没有可读取的内容。请确认选对了文件，"
                            "或向发文单位重新索取（下载或复制时可能没有完成）。")
    suffix = path.suffix.lower()
    if head.startswith(CFB_MAGIC):
        return _ole_lines(path, size)
    if head.startswith(ZIP_MAGIC):
        return _zip_lines(path)
    if head.startswith(PDF_MAGIC) or (suffix == ".pdf" and _pdf_header_later(path)):
        return _pdf_lines(path, size)
    if suffix in (".docx", ".doc", ".wps", ".pdf", ".ofd"):
        older = "（也可能是 WPS 早期版本的文件：请在 WPS 中打开后“另存为” .docx）" if suffix == ".wps" else ""
        raise PlanReadError(f"文件“{path.name}”扩展名是 {suffix}，但内容不是这种格式，可能已损坏或改过扩展名"
                            f"{older}。请重新获取该文件。")
    return _text_lines(path, size)


def _pdf_header_later(path: Path) -> bool:
    """PDF readers accept a header anywhere in the first kilobyte."""
    with path.open("rb") as f:
        return PDF_MAGIC in f.read(1024)


def _text_lines(path: Path, size: int) -> list[str]:
    if size > MAX_TEXT_BYTES:
        raise PlanReadError(f"文件“{path.name}”超过 20 MB，不像是一份方案文本，已拒绝读取。请确认选对了文件；"
                            "如果确实是一份方案，请只把方案正文复制到新文件中再导入，或导入它的 Word 文件。")
    data = path.read_bytes()
    text = _decode(data)
    if text is None or _looks_binary(text):
        raise PlanReadError(f"文件“{path.name}”不是文本文件，也不是能识别的方案文件，无法读取。请导入{ACCEPTED}文件。")
    if text.strip() == "":
        raise PlanReadError(f"文件“{path.name}”中没有文字（只有空白），没有可读取的内容。请确认选对了文件。")
    if not text_encodings.readable(text):
        raise PlanReadError(f"文件“{path.name}”的文字编码无法识别（不是 UTF-8、GB18030/GBK、Big5 或 UTF-16），"
                            "读出来是乱码。请用记事本或 WPS 打开该文件，确认文字显示正常后“另存为”UTF-8 "
                            "编码的文本文件再导入，或直接导入方案的 Word 文件。")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _decode(data: bytes) -> str | None:
    """UTF-16 with its byte-order mark (Notepad's “Unicode”), UTF-8, else the Chinese code page
    that reads as Chinese text (GB18030 or Big5)."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    unmarked = text_encodings.utf16_without_bom(data)
    if unmarked is not None:
        return unmarked
    return text_encodings.chinese(data)


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return "\x00" in sample or controls > len(sample) / 100


def _ole_lines(path: Path, size: int) -> list[str]:
    """An OLE compound file: a Word 97–2003 or WPS document, an old .xls, or an encrypted
    Office file (which is stored the same way)."""
    import olefile

    from importers.word_binary import DocFormatError, read_doc

    name = path.name
    if size > MAX_BINARY_BYTES:
        raise PlanReadError(f"文件“{name}”超过 64 MB，不像是一份方案，已拒绝读取。")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir()}
    except (OSError, ValueError, struct.error) as exc:
        raise PlanReadError(f"文件“{name}”已损坏（{type(exc).__name__}），无法读取。请重新获取该文件，"
                            "或在 Word 或 WPS 中打开后“另存为” .docx 再导入。") from None
    if {"EncryptionInfo", "EncryptedPackage"} & streams:
        raise PlanReadError(f"文件“{name}”设置了打开密码，无法读取。请在 Word 或 WPS 中打开，去掉密码"
                            "（文件 → 信息 → 保护文档 → 用密码进行加密，清空密码）后保存，再导入。")
    if "worddocument" in {s.lower() for s in streams}:
        try:
            return read_doc(path, olefile.OleFileIO)
        except DocFormatError as exc:
            if str(exc) == "encrypted":
                raise PlanReadError(f"文件“{name}”设置了打开密码，无法读取。请在 Word 或 WPS 中打开，"
                                    "去掉密码后保存，再导入。") from None
            raise PlanReadError(f"文件“{name}”无法读取：{exc}。请在 Word 或 WPS 中打开，“另存为” .docx 后再导入。") from None
        except Exception as exc:  # a damaged binary can fail anywhere in the container or the text
            raise PlanReadError(f"文件“{name}”是 Word 97–2003 文档，但已损坏（{type(exc).__name__}），"
                                "无法读取。请在 Word 或 WPS 中打开，“另存为” .docx 后再导入。") from None
    if {"workbook", "book"} & {s.lower() for s in streams}:
        return _workbook_lines(path)  # an old .xls 任务分解表
    raise PlanReadError(f"文件“{name}”不是 Word 文档，也不是 Excel 工作簿，无法读取。请导入{ACCEPTED}文件。")


def _zip_lines(path: Path) -> list[str]:
    from importers.workbook_source import bomb_size

    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if (size := bomb_size(members)) is not None:
                raise PlanReadError(f"文件“{name}”解压后异常巨大（{size} MB），疑似“压缩炸弹”，"
                                    "已拒绝读取。")
            names = {m.filename for m in members}
            if "xl/workbook.xml" in names:
                kind = "workbook"
            elif "OFD.xml" in names:
                return _ofd_lines(path, archive)
            else:
                kind = "docx"
    except zipfile.BadZipFile:
        raise PlanReadError(f"文件“{name}”已损坏（压缩结构不完整），请重新获取该文件。") from None
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, zlib.error) as exc:
        raise PlanReadError(f"文件“{name}”已损坏（{type(exc).__name__}），请重新获取该文件。") from None
    return _workbook_lines(path) if kind == "workbook" else _docx_lines(path)


def _workbook_lines(path: Path) -> list[str]:
    from importers.plan_xlsx import xlsx_lines  # only breakdown tables need openpyxl
    from importers.workbook_source import WorkbookError

    try:
        return xlsx_lines(path)
    except WorkbookError as exc:
        raise PlanReadError(str(exc)) from None


def _docx_lines(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise PlanReadError(f"文件“{path.name}”是压缩文件，但不是 Word 文档（缺少 word/document.xml）。"
                                    f"请导入{ACCEPTED}文件。")
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise PlanReadError(f"文件“{path.name}”解压后过大（{info.file_size} 字节），已拒绝读取。")
            bad = archive.testzip()
            if bad:
                raise PlanReadError(f"文件“{path.name}”已损坏（其中的“{bad}”校验失败），请重新获取该文件。")
    except zipfile.BadZipFile:
        raise PlanReadError(f"文件“{path.name}”已损坏（压缩结构不完整），请重新获取该文件。") from None
    import docx  # imported here: only plan imports need python-docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        raise PlanReadError(f"文件“{path.name}”无法作为 Word 文档打开：{exc}") from None
    from importers.docx_text import docx_body_lines

    return docx_body_lines(document)


def _pdf_lines(path: Path, size: int) -> list[str]:
    from importers.page_layout import page_lines
    from importers.pdf_source import PdfError, pdf_pages

    name = path.name
    if size > MAX_PDF_BYTES:
        raise PlanReadError(f"文件“{name}”超过 100 MB，不像是一份方案，已拒绝读取。")
    try:
        return page_lines(pdf_pages(path))
    except PdfError as exc:
        if exc.kind == "encrypted":
            raise PlanReadError(f"文件“{name}”是设置了密码的 PDF，无法读取。请向发文单位索取未加密的文件，"
                                "或 Word、OFD 版本。") from None
        if exc.kind == "no_text":
            raise PlanReadError(f"文件“{name}”是扫描件或图片 PDF（没有文字层），程序无法从中读出文字。"
                                "请向发文单位索取文字版 PDF、Word（.docx/.doc/.wps）或 OFD 文件后再导入。") from None
        raise PlanReadError(f"文件“{name}”不是完整的 PDF（可能已损坏或下载不完整），无法读取。"
                            "请重新获取该文件。") from None


def _ofd_lines(path: Path, archive: zipfile.ZipFile) -> list[str]:
    from importers.ofd_source import OfdError, ofd_pages
    from importers.page_layout import page_lines

    try:
        pages = ofd_pages(archive)
    except OfdError as exc:
        raise PlanReadError(f"文件“{path.name}”是 OFD 文件，但{exc}，无法读取。请重新获取该文件。") from None
    except (KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise PlanReadError(f"文件“{path.name}”是 OFD 文件，但已损坏（{type(exc).__name__}），无法读取。"
                            "请重新获取该文件。") from None
    if sum(len(page.glyphs) for page in pages) < max(20, 5 * len(pages)):
        raise PlanReadError(f"文件“{path.name}”是 OFD 文件，但其中没有文字（可能是扫描件），程序无法读出内容。"
                            "请向发文单位索取带文字的 OFD、Word 或文字版 PDF 文件。")
    return page_lines(pages)
