"""Ledger part: the 文号 register — numbers checked against 机关代字〔YYYY〕N号, taken only
when the document is written, never issued twice unless the office confirms a re-issue."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from models.validation import ValidationError

EXAMPLE = "示信办〔2021〕3号"
_BRACKETS = "〔〕[]［］【】()（）﹝﹞〖〗{}｛｝<>《》"
_SPLIT = re.compile(r"^(?P<prefix>.*?)(?P<open>[〔\[［【(（﹝〖{｛<《])(?P<year>.*?)"
                    r"(?P<close>[〕\]］】)）﹞〗}｝>》])(?P<rest>.*)$")
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
MAX_LENGTH = 30


@dataclass(frozen=True)
class DocNumber:
    """A 文号 as printed and its parts."""

    text: str
    prefix: str
    year: int
    number: int


@dataclass(frozen=True)
class RegisterEntry:
    """One line of the register: a number put on a document."""

    id: int
    doc_number: str
    number: int
    document: str
    title: str
    file: str
    issued_on: str
    recorded_at: str
    reissue_of: int | None


def _refuse(text: str, why: str):
    raise ValidationError({"doc_number": f"文号“{text}”有误：{why}。正确的写法如 {EXAMPLE}"})


def _number_part(shown: str, rest: str) -> int:
    if not rest.endswith("号"):
        _refuse(shown, "文号应以“号”结尾")
    digits = rest[:-1]
    if digits.startswith("第"):
        _refuse(shown, "序号前不加“第”")
    if digits.translate(_WIDE_DIGITS) != digits:
        _refuse(shown, "序号应使用半角阿拉伯数字")
    if not digits.isascii() or not digits.isdigit():
        _refuse(shown, f"“{digits or '（空）'}”不是序号，序号应为阿拉伯数字")
    if int(digits) == 0:
        _refuse(shown, "序号应从1开始")
    if digits.startswith("0"):
        _refuse(shown, f"序号不加虚位（写“{int(digits)}号”，不写“{digits}号”）")
    return int(digits)


def parse_doc_number(text: str) -> DocNumber:
    """A 文号 checked against 机关代字〔YYYY〕N号; ValidationError naming what is wrong."""
    shown = (text or "").replace("\n", "⏎").replace("\r", "")[:40]
    if not (text or "").strip():
        _refuse(shown, "文号为空")
    if "\n" in text or "\r" in text:
        _refuse(shown, "文号中不能有换行")
    text = text.strip()
    if re.search(r"\s", text):
        _refuse(shown, "文号中不能有空格")
    if len(text) > MAX_LENGTH:
        _refuse(shown, f"文号过长（{len(text)} 个字符，不应超过 {MAX_LENGTH} 个）")
    parts = _SPLIT.match(text)
    if not parts:
        _refuse(shown, "缺少用六角括号“〔〕”括起的年份")
    if parts["open"] + parts["close"] != "〔〕":
        _refuse(shown, f"年份应放在六角括号“〔〕”中，不能用“{parts['open']}{parts['close']}”")
    prefix = parts["prefix"]
    if not prefix:
        _refuse(shown, "缺少机关代字")
    if any(ch in _BRACKETS for ch in prefix + parts["rest"]):
        _refuse(shown, "括号只用于年份")
    year = parts["year"]
    if year.translate(_WIDE_DIGITS) != year:
        _refuse(shown, "年份应使用半角阿拉伯数字")
    if not re.fullmatch(r"\d{4}", year) or not 1949 <= int(year) <= 2999:
        _refuse(shown, f"年份“{year}”应为四位数字，如 2021")
    return DocNumber(text, prefix, int(year), _number_part(shown, parts["rest"]))


class DocRegisterStore:
    """The register of 文号 the office has put on its documents."""

    def next_doc_number(self, prefix: str, year: int) -> int:
        """The next free number of the office's 文号 sequence for a year."""
        row = self.db.execute("SELECT max(number) FROM doc_register WHERE prefix = ? AND year = ?",
                              [prefix, year]).fetchone()
        return (row[0] or 0) + 1

    def proposed_doc_number(self, prefix: str, year: int) -> str | None:
        """The next 文号 of the office's sequence, or None without a 机关代字."""
        prefix = (prefix or "").strip()
        return f"{prefix}〔{year}〕{self.next_doc_number(prefix, year)}号" if prefix else None

    def issued_entry(self, number: DocNumber) -> RegisterEntry | None:
        """The first entry of a number already issued, or None."""
        rows = self._register_rows("WHERE prefix = ? AND year = ? AND number = ? ORDER BY id LIMIT 1",
                                   [number.prefix, number.year, number.number])
        return rows[0] if rows else None

    def check_doc_number(self, text: str, *, reissue: bool = False) -> DocNumber:
        """A 文号 that may go on a document now: well formed, and not issued before unless
        the office confirms a re-issue."""
        number = parse_doc_number(text)
        self._refuse_issued(number, self.issued_entry(number), reissue)
        return number

    def _refuse_issued(self, number: DocNumber, first: RegisterEntry | None, reissue: bool) -> None:
        """Refuse a number already issued (`first` is its first entry) unless re-issued."""
        if first and not reissue:
            raise ValidationError({"doc_number": (
                f"文号 {number.text} 已于 {first.issued_on or first.recorded_at[:10]} 用于"
                f"“{first.title or first.document}”"
                + (f"（{first.file}）" if first.file else "")
                + f"。请改用 {self.proposed_doc_number(number.prefix, number.year)}；"
                  "如确需重新印发，请确认重发（命令行加 --reissue）")})

    def record_doc_number(self, text: str, *, document: str, title: str = "", file: str = "",
                          issued_on: date | None = None, reissue: bool = False) -> RegisterEntry:
        """Enter a number in the register once its document is written."""
        number = parse_doc_number(text)
        first = self.issued_entry(number)
        self._refuse_issued(number, first, reissue)  # again: it may have been taken meanwhile
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO doc_register (doc_number, prefix, year, number, document, title, file, "
                "issued_on, recorded_at, reissue_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [number.text, number.prefix, number.year, number.number, document, title, file,
                 issued_on.isoformat() if issued_on else None,
                 self.clock().isoformat(timespec="seconds"), first.id if first else None])
            self.audit("重发文号" if first else "使用文号", "doc_register", cursor.lastrowid,
                       new={"文号": number.text, "文件": file, "标题": title})
        return self._register_rows("WHERE id = ?", [cursor.lastrowid])[0]

    def issue_doc_number(self, text: str, write: Callable[[], object], *, document: str,
                         title: str = "", file: str = "", issued_on: date | None = None,
                         reissue: bool = False) -> RegisterEntry:
        """Check a number, write its document, and only then enter it in the register: a
        failed write (missing folder, read-only file) uses no number."""
        self.check_doc_number(text, reissue=reissue)
        write()
        return self.record_doc_number(text, document=document, title=title, file=file,
                                      issued_on=issued_on, reissue=reissue)

    def register_years(self) -> list[int]:
        """The years the register has numbers for, newest first."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT year FROM doc_register ORDER BY year DESC")]

    def doc_register(self, year: int) -> list[RegisterEntry]:
        """A year's register in number order (a re-issue after the number it repeats)."""
        return self._register_rows("WHERE year = ? ORDER BY prefix, number, id", [year])

    def _register_rows(self, where: str, params: list) -> list[RegisterEntry]:
        rows = self.db.execute(
            "SELECT id, doc_number, number, document, coalesce(title, ''), coalesce(file, ''), "
            f"coalesce(issued_on, ''), recorded_at, reissue_of FROM doc_register {where}", params)
        return [RegisterEntry(*row) for row in rows]
