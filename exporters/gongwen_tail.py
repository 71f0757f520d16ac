"""The end of a 公文: 附件说明, 署名 and 成文日期 with room for the seal, and the 版记.

The 落款 is held to the body by keep-with-next: the last body paragraphs (two lines at the
least), the 附件说明, the blank lines and the 署名 all keep with the paragraph after them,
so a page break can only fall before that group and the 署名 and 成文日期 always stand on a
page with body text (7.3.5.5) — or, when the text is a single paragraph that must stay on
page 1, with the 附件说明. The 版记 is a text box on the foot of the type area, anchored
in the document's last paragraph: it goes on the last page, its last rule on the type
area's bottom edge (7.4.1), however many lines the text above it takes.
"""

from __future__ import annotations

import re
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Pt

from exporters import styles as S
from exporters.gongwen_layout import TEXT_WIDTH_PT, char_width, chinese_date, paragraph_lines

ZWSP = "\u200b"
KEEP_WHOLE = 10  # a last body paragraph up to this many lines moves whole with the 落款
SEAL_ROOM = 2  # blank lines above the 署名: the seal (⌀ 42 mm, four lines) presses the 署名
               # and date from above without covering the text over it (7.3.5.1)


def hold_body(w) -> None:
    """Keep the body's last paragraphs (two lines at the least) with the 落款, but never the
    first one after the 主送: the text starts on page 1 (7.3.3), and a paragraph kept with
    the next moves whole in LibreOffice. A one-paragraph text (a 印发通知) is then followed
    on the 落款's page by its 附件说明."""
    lines = 0
    for paragraph, count in reversed(w.body_tail):
        if paragraph is w.first_body:
            break
        fmt = paragraph.paragraph_format
        fmt.keep_with_next = True
        if count <= KEEP_WHOLE:
            fmt.keep_together = True
        lines += count
        if lines >= 2:
            break


def attachment_note(w) -> None:
    """附件说明 一行 under the text, 左空二字: 附件：1.…; a long name wraps under its own
    first character; no punctuation after the names (7.3.4)."""
    names = [a.title for a in w.c.attachments]
    if not names:
        return
    held = w.c.date is not None
    w.blank(keep_next=held)
    for i, name in enumerate(names):
        number = f"{i + 1}." if len(names) > 1 else ""
        hang = char_width(number) + (3 if i == 0 else 0)  # 附件： and the number hang out
        p = w.para(left=5 + char_width(number), first_indent=-hang, keep_next=held, keep_lines=True)
        w.run(p, ("附件：" if i == 0 else "") + number + name.rstrip("。；，"), w.f.fang)


def signature(w) -> None:
    """署名 centred over the 成文日期, the date 右空四字, room for the seal above; 附注."""
    c = w.c
    if not c.date:
        return
    date_text = chinese_date(c.date)
    w.blank(SEAL_ROOM, keep_next=True)
    if c.signature:
        offset = 4 + (char_width(date_text) - char_width(c.signature)) / 2
        p = w.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=max(0.0, offset), keep_next=True)
        w.run(p, c.signature, w.f.fang)
    p = w.para(align=WD_ALIGN_PARAGRAPH.RIGHT, right=4, keep_next=bool(c.note))
    w.run(p, date_text, w.f.fang)
    if c.note:
        p = w.para(first_indent=2)
        w.run(p, c.note, w.f.fang)


def _rule(w, eighths: int):
    """A rule as wide as the 版心: the bottom border of an empty one-point paragraph (a border
    on the text's own paragraph would start at its indent)."""
    p = w.para()
    p.paragraph_format.line_spacing = Pt(1)
    S.no_grid_snap(p)
    S.set_paragraph_border(p, "bottom", size_eighths=eighths)
    return p


def banji(w) -> None:
    """版记: 抄送 (continuation after the colon) and 印发机关 / 印发日期 between a thick rule,
    a thin one and a thick one, 四号仿宋, left and right 空一字 (7.4)."""
    c = w.c
    if not (c.cc or c.printer):
        return
    last = w.doc.paragraphs[-1]
    last.paragraph_format.keep_with_next = True
    anchor = w.para()
    anchor.paragraph_format.line_spacing = Pt(1)
    S.no_grid_snap(anchor)
    parts = [_rule(w, 8)]
    lines = 1
    if c.cc:
        text = "抄送：" + c.cc.rstrip("：:。；，") + "。"
        p = w.para(left=4, first_indent=-3, right=1, size=S.SIZE_4)
        w.run(p, text, w.f.fang, size=S.SIZE_4)
        S.no_grid_snap(p)
        parts += [p, _rule(w, 6)]
        lines += paragraph_lines(text[3:], indent_chars=0, size_pt=14, width_pt=TEXT_WIDTH_PT - 70)
    p = w.para(left=1, size=S.SIZE_4)
    p.paragraph_format.tab_stops.add_tab_stop(Pt(TEXT_WIDTH_PT - S.SIZE_4.pt), WD_TAB_ALIGNMENT.RIGHT)
    when = chinese_date(c.print_date or c.date or date.today()) + "印发"
    # Word and WPS set the date without space between digits and Chinese (autoSpaceDN off);
    # LibreOffice ignores that switch, and a zero-width space between them does the same there
    when = re.sub(r"(?<=\d)(?=\D)|(?<=\D)(?=\d)", ZWSP, when)
    w.run(p, f"{c.printer or ''}\t{when}", w.f.fang, size=S.SIZE_4)
    S.no_grid_snap(p)
    S.no_autospace(p)
    parts += [p, _rule(w, 8)]
    # a line in hand above the text, for fonts that wrap the 抄送 a line sooner
    S.box_at_foot(anchor, parts, width=S.TEXT_WIDTH, height_pt=(lines + 1) * S.LINE.pt)
