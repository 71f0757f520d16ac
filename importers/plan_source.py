"""Reading a plan file (.txt in UTF-8 or GB18030, or .docx) into lines of text.

A Word table becomes the layout plain-text copies of such tables have (seed 003): one cell
per line starting with a tab, a blank line after each row, a vertically merged cell as an
empty cell. So one parser serves both kinds of file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_DOCX_XML_BYTES = 100 * 1024 * 1024  # unpacked document.xml; a bigger one is a zip bomb


class PlanReadError(Exception):
    """A plan file cannot be read; the message (Chinese) names the file and what to do."""


def read_plan_lines(path: str | Path) -> list[str]:
    """The text lines of a plan file, tables laid out as tab-led cell lines."""
    # imported here: the window's start-up reaches this module for PlanReadError alone
    from importers.workbook_source import CFB_MAGIC, ZIP_MAGIC, peek

    path = Path(path)
    try:
        size, head = peek(path)
    except OSError as exc:
        raise PlanReadError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from None
    if size == 0:
        raise PlanReadError(f"文件“{path.name}”是空的，没有可读取的内容。")
    if head.startswith(CFB_MAGIC):
        raise PlanReadError(
            f"文件“{path.name}”是旧版 Word（.doc/.wps）或设置了密码的文档，无法直接读取。"
            "请在 Word 或 WPS 中打开，去掉密码后“另存为” .docx 格式再导入。")
    if head.startswith(ZIP_MAGIC):
        if _is_workbook(path):
            return _workbook_lines(path)
        return _docx_lines(path)
    if path.suffix.lower() == ".docx":
        raise PlanReadError(f"文件“{path.name}”扩展名是 .docx，但内容不是 Word 文档，可能已损坏。")
    return _text_lines(path, size)


def _text_lines(path: Path, size: int) -> list[str]:
    if size > MAX_TEXT_BYTES:
        raise PlanReadError(f"文件“{path.name}”超过 20 MB，不像是一份方案文本。")
    data = path.read_bytes()
    text = _decode(data)
    if text is None or _looks_binary(text):
        raise PlanReadError(
            f"文件“{path.name}”不是文本文件，也不是 Word 文档（.docx），无法读取。"
            "请导入方案的 .docx 或 .txt 文件。")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _decode(data: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return "\x00" in sample or controls > len(sample) / 100


def _is_workbook(path: Path) -> bool:
    """A zip holding a workbook (its size and damage are checked by the workbook reader)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


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
                raise PlanReadError(
                    f"文件“{path.name}”是压缩文件，但不是 Word 文档（缺少 word/document.xml）。"
                    "请导入方案的 .docx 或 .txt 文件。")
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_DOCX_XML_BYTES:
                raise PlanReadError(f"文件“{path.name}”解压后过大（{info.file_size} 字节），已拒绝读取。")
            archive.testzip()
    except zipfile.BadZipFile:
        raise PlanReadError(f"文件“{path.name}”已损坏（压缩结构不完整），请重新获取该文件。") from None
    import docx  # imported here: only plan imports need python-docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        raise PlanReadError(f"文件“{path.name}”无法作为 Word 文档打开：{exc}") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines += _table_lines(block)
        else:
            lines += block.text.split("\n")
    return lines


def _table_lines(table) -> list[str]:
    """One tab-led line per cell, a blank line after each row; merged continuations empty."""
    from docx.table import _Cell

    lines: list[str] = []
    for tr in table._tbl.tr_lst:
        for tc in tr.tc_lst:
            text = "" if tc.vMerge == "continue" else _Cell(tc, table).text
            # empty paragraphs inside a cell would read as row breaks: drop them
            cell_lines = [line for line in text.split("\n") if line.strip()] or [""]
            lines.append("\t" + cell_lines[0])
            lines += cell_lines[1:]
        lines.append("")
    return lines
