"""The character stream of a Word binary document turned into lines: paragraph marks (0x0D),
cell and row marks (0x07), field begin/separator/end (0x13/0x14/0x15: the result kept, the
code dropped), deleted and hidden runs left out. Tables take the shape the .docx reader
gives them: one tab-led line per cell, a blank line after each row.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from importers.docx_text import DROPPED_FIELDS

_CP1252 = [bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in range(256)]
_SAME = {0x09: "\t", 0x0B: "\n", 0x1E: "-"}  # tab, line break, non-breaking hyphen
_NO_PAP = (False, False, 0, None, None)  # a paragraph without properties of its own


@dataclass
class Piece:
    """A run of CPs stored contiguously, 8-bit ("compressed") or UTF-16, with piece-wide marks."""

    cp_start: int
    cp_end: int
    fc: int  # byte offset of the first character in the WordDocument stream
    compressed: bool
    deleted: bool = False
    hidden: bool = False
    row_end: bool = False


class TextAssembler:
    """Reads pieces in CP order and builds the lines."""

    def __init__(self, word: bytes, characters, paragraphs, numbering=None, styles=None):
        self.word = word
        self.characters, self.paragraphs = characters, paragraphs
        self.numbering, self.styles = numbering, styles or {}
        self.lines: list[str] = []
        self.text: list[str] = []  # the paragraph being read
        self.cell: list[str] = []  # paragraphs of the cell being read
        self.row: list[list[str]] = []  # cells of the row being read
        self.fields: list[list] = []  # per open field: [in result part, code text]

    def read(self, pieces: list[Piece], ccp_text: int) -> list[str]:
        for piece in sorted(pieces, key=lambda p: p.cp_start):
            end = min(piece.cp_end, ccp_text)
            if end > piece.cp_start:
                self._piece(piece, end - piece.cp_start)
        if self.row or self.cell:  # a table cut short: keep what it held
            self._end_row()
        self._end_paragraph()
        return self.lines

    def _piece(self, piece: Piece, count: int) -> None:
        width = 1 if piece.compressed else 2
        raw = self.word[piece.fc:piece.fc + count * width]
        text = "".join(_CP1252[b] for b in raw) if piece.compressed else raw.decode("utf-16-le", "replace")
        at = 0
        while at < len(text):
            fc = piece.fc + at * width
            deleted, hidden = self.characters.at(fc, (False, False))
            deleted, hidden = deleted or piece.deleted, hidden or piece.hidden
            # a run of characters under the same properties: find where it ends
            run_end = self._run_end(fc, piece, width, len(text), at)
            for offset in range(at, run_end):
                self._char(text[offset], piece.fc + offset * width, deleted, hidden, piece.row_end)
            at = run_end

    def _run_end(self, fc: int, piece: Piece, width: int, length: int, at: int) -> int:
        runs = self.characters
        i = bisect.bisect_right(runs.starts, fc) - 1
        if i >= 0 and fc < runs.ends[i]:
            limit = runs.ends[i]
        elif i + 1 < len(runs.starts):
            limit = runs.starts[i + 1]
        else:
            return length
        return max(at + 1, min(length, (limit - piece.fc + width - 1) // width))

    def _char(self, ch: str, fc: int, deleted: bool, hidden: bool, piece_row_end: bool) -> None:
        code = ord(ch)
        if code in (0x13, 0x14, 0x15):
            self._field(code)
            return
        if deleted:
            return  # a deleted paragraph or cell mark joins what it separated, as accepted
        if code in (0x0D, 0x0C, 0x07):
            self._mark(code, fc, piece_row_end)
            return
        if hidden or not self._visible():
            if self.fields and not self.fields[-1][0]:
                self.fields[-1][1] += ch
            return
        if code in _SAME:
            self.text.append(_SAME[code])
        elif code >= 0x20 and code != 0x1F:
            self.text.append(ch)

    def _mark(self, code: int, fc: int, piece_row_end: bool) -> None:
        """A paragraph, cell or row ends here; a numbered paragraph gets its marker."""
        in_table, row_end, istd, ilfo, ilvl = self.paragraphs.at(fc, _NO_PAP)
        if code == 0x07 and (piece_row_end or row_end):
            self._end_row()
            return
        if code != 0x0C and self.numbering is not None:
            from importers.word_binary_lists import paragraph_list

            numbered = paragraph_list(self.styles, istd, ilfo, ilvl)
            if numbered and numbered[0] in self.numbering.instances:
                self.text.insert(0, self.numbering.marker(*numbered))
        if code == 0x07:
            self._end_cell()
        elif in_table or self.row or self.cell:
            self._end_cell_paragraph()
        else:
            self._end_paragraph()

    def _visible(self) -> bool:
        return all(in_result and not code.strip().upper().startswith(DROPPED_FIELDS)
                   for in_result, code in self.fields)

    def _field(self, code: int) -> None:
        if code == 0x13:
            self.fields.append([False, ""])
        elif code == 0x14 and self.fields:
            self.fields[-1][0] = True
        elif code == 0x15 and self.fields:
            self.fields.pop()

    def _end_paragraph(self) -> None:
        if not self.text:
            self.lines.append("")
            return
        text, self.text = "".join(self.text), []
        for at, line in enumerate(text.split("\n")):
            self.lines.append(line.lstrip("\t") if at == 0 else line)

    def _end_cell_paragraph(self) -> None:
        self.cell.append("".join(self.text))
        self.text = []

    def _end_cell(self) -> None:
        self._end_cell_paragraph()
        self.row.append(self.cell)
        self.cell = []

    def _end_row(self) -> None:
        if self.text or self.cell:
            self._end_cell()
        for cell in self.row:
            lines = [line.lstrip("\t") for line in "\n".join(cell).split("\n") if line.strip()] or [""]
            self.lines.append("\t" + lines[0])
            self.lines += lines[1:]
        self.lines.append("")
        self.row = []
