"""The rules under the format readers, one by one: Word's number formats and list counting,
the .docx body walk, and how fixed-layout pages become lines."""

from __future__ import annotations

import pytest
from docx.oxml import parse_xml

from importers.docx_numbering import Numbering, chinese_number, format_number
from importers.docx_text import BodyText
from importers.page_layout import Glyph, Page, Rule, page_lines

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize("n, fmt, shown", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCountingThousand", "二十"), (21, "chineseCountingThousand", "二十一"),
    (105, "chineseCountingThousand", "一百零五"), (110, "chineseCountingThousand", "一百一十"),
    (1, "ideographTraditional", "甲"), (10, "ideographTraditional", "癸"), (3, "ideographZodiac", "寅"),
    (3, "decimalEnclosedCircle", "③"), (3, "decimalEnclosedCircleChinese", "③"),
    (3, "chineseLegalSimplified", "叁"), (12, "decimalFullWidth", "１２"), (7, "decimalZero", "07"),
    (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"), (28, "lowerLetter", "bb"), (5, "decimal", "5"),
    (5, "none", ""), (305, "ideographDigital", "三〇五")])
def test_word_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_chinese_numbers_up_to_thousands():
    assert [chinese_number(n) for n in (0, 9, 19, 99, 1000, 1010, 2345)] == [
        "〇", "九", "十九", "九十九", "一千", "一千零一十", "二千三百四十五"]


def _lvl(ilvl, fmt, text, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


NEVER = '<w:lvlRestart w:val="0"/>'
NUMBERING = parse_xml(
    f'<w:numbering {W}>'
    f'<w:abstractNum w:abstractNumId="1">{_lvl(0, "chineseCounting", "%1、")}'
    f'{_lvl(1, "chineseCountingThousand", "（%2）")}{_lvl(2, "decimal", "%3.", NEVER)}'
    f'{_lvl(3, "decimal", "%1.%4", "<w:isLgl/>")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="PlanList"/></w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="3">{_lvl(0, "decimalEnclosedCircle", "%1")}'
    f'{_lvl(1, "bullet", "")}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
    '</w:lvlOverride><w:lvlOverride w:ilvl="1"><w:startOverride w:val="99"/></w:lvlOverride></w:num>'
    '</w:numbering>')
STYLES = parse_xml(
    f'<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr>'
    '</w:pPr></w:style><w:style w:type="paragraph" w:styleId="PlanList"><w:pPr><w:numPr>'
    '<w:numId w:val="4"/></w:numPr></w:pPr></w:style></w:styles>')


def test_lists_count_per_definition_restart_below_and_start_over_where_told():
    numbering = Numbering(NUMBERING, STYLES)
    seen = [numbering.marker(num, level) for num, level in [
        ("1", 0), ("1", 1), ("1", 1), ("2", 0),  # numId 2 shares the definition: 二、 goes on
        ("1", 1), ("1", 2), ("1", 0), ("1", 2),  # （一） restarts under 二、; 1. never restarts
        ("3", 0), ("3", 0), ("1", 0), ("1", 3)]]  # numId 3 restarts at 五 where first used
    # no w:suff: a tab follows the number, read as a space
    assert seen == [m + " " for m in ("一、", "（一）", "（二）", "二、", "（一）", "1.", "三、", "2.", "五、", "六、",
                                      "七、", "7.1")]


def test_an_override_restarts_its_own_level_and_those_below_not_the_ones_above():
    numbering = Numbering(NUMBERING, STYLES)
    seen = [numbering.marker(num, level).strip() for num, level in [
        ("1", 0), ("1", 0), ("1", 1), ("6", 1), ("1", 1), ("1", 0)]]
    assert seen == ["一、", "二、", "（一）", "（九十九）", "（一百）", "三、"]


def test_a_list_through_a_numbering_style_and_bullets_without_a_number():
    numbering = Numbering(NUMBERING, STYLES)
    assert [numbering.marker("5", 0), numbering.marker("4", 0), numbering.marker("5", 1)] == ["① ", "② ", ""]


def _p(inner: str):
    return parse_xml(f"<w:p {W}>{inner}</w:p>")


def test_a_paragraph_takes_its_number_from_its_style_chain_unless_told_otherwise():
    numbering = Numbering(NUMBERING, STYLES)
    heading = _p('<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>')
    assert numbering.paragraph_numbering(heading) == ("1", 1)
    switched_off = _p('<w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>')
    assert numbering.paragraph_numbering(switched_off) is None
    assert numbering.paragraph_numbering(_p("")) is None


def _body_lines(inner: str) -> list[str]:
    reader = BodyText(Numbering(NUMBERING, STYLES))
    reader.blocks(parse_xml(f"<w:body {W}>{inner}</w:body>"))
    return reader.lines


def test_a_paragraph_that_starts_with_a_tab_is_not_a_table_cell():
    assert _body_lines("<w:p><w:r><w:tab/><w:t>一、指导思想</w:t></w:r></w:p>") == ["一、指导思想"]


def test_a_table_of_contents_is_not_plan_text_but_other_field_results_are():
    toc = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText>'
           '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一、指导思想 3</w:t></w:r></w:p>'
           '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
           '<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2021年4月12日</w:t></w:r></w:fldSimple></w:p>')
    assert [line for line in _body_lines(toc) if line] == ["2021年4月12日"]


def test_a_table_inside_a_cell_gives_its_text_to_the_cell():
    inner = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>市公安局</w:t></w:r></w:p></w:tc>"
             "<w:tc><w:p><w:r><w:t>市法院</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    table = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    assert _body_lines(table) == ["\t1", "\t市公安局", "市法院", ""]


def _line(text: str, y: float, x: float = 100.0, size: float = 10.0) -> list[Glyph]:
    glyphs = []
    for ch in text:
        width = size if ord(ch) > 0x2E7F else size / 2
        glyphs.append(Glyph(ch, x, x + width, y, y + size, size))
        x += width
    return glyphs


def _page(*lines: list[Glyph], rules=()) -> Page:
    return Page(600.0, 800.0, [g for line in lines for g in line], list(rules))


def test_page_numbers_and_running_headers_are_dropped_and_paragraphs_run_on_over_the_page():
    full = "各地各部门要按照方案要求认真组织实施确保各项任务落到实处并"  # 30 characters: a full line
    pages = [
        _page(_line("某某市社会信用体系建设领导小组办公室", 40), _line("一、工作任务", 100), _line(full, 115),
              _line("-1-", 760, 290)),
        _page(_line("某某市社会信用体系建设领导小组办公室", 40), _line("按时报送进展情况。", 100),
              _line("（一）开展专项治理。", 115), _line("第 2 页 共 3 页", 760, 260)),
        _page(_line("某某市社会信用体系建设领导小组办公室", 40), _line("二、保障措施", 100), _line("第3页", 760, 280)),
    ]
    assert page_lines(pages) == ["一、工作任务", full + "按时报送进展情况。", "（一）开展专项治理。", "二、保障措施"]


def test_an_indented_or_short_line_starts_a_new_paragraph():
    full = "各地各部门要按照方案要求认真组织实施确保各项任务落到实处并"
    page = _page(_line(full, 100), _line("按时报送。", 115), _line(full[:28], 130, x=120),
                 _line(full, 145), _line("二〇二一年", 160))
    assert page_lines([page]) == [full + "按时报送。", full[:28] + full + "二〇二一年"]
    typed_indent = _page(_line(full, 100), _line("\u3000\u3000" + full[:28], 115), _line("按时报送。", 130))
    assert page_lines([typed_indent]) == [full, full[:28] + "按时报送。"]  # two full-width spaces


def _grid(x0, x1, ys, xs) -> list[Rule]:
    rules = [Rule(x0, y, x1, y + 0.5) for y in ys]
    return rules + [Rule(x, ys[0], x + 0.5, ys[-1]) for x in xs]


def test_a_table_broken_by_the_page_is_one_table_its_header_once_its_split_row_whole():
    xs = [100, 150, 400]
    header = _line("序号", 102, 105) + _line("重点工作任务", 102, 155)
    first = _grid(100, 400, [100, 115, 130, 780], xs)
    task = "建立各领域市场主体信用承诺制度并在信用网站向社会"  # the cell's line is full
    page_one = _page(header, _line("1", 117, 105), _line("推动失信主体提交信用报告。", 117, 155),
                     _line("2", 132, 105), _line(task, 132, 155), rules=first)
    second = _grid(100, 400, [100, 115, 130, 145], xs)
    page_two = _page(header, _line("公开。", 117, 155), _line("3", 132, 105),
                     _line("开展专项治理。", 132, 155), rules=second)
    lines = page_lines([page_one, page_two])
    assert lines == ["\t序号", "\t重点工作任务", "", "\t1", "\t推动失信主体提交信用报告。", "",
                     "\t2", f"\t{task}公开。", "", "\t3", "\t开展专项治理。", ""]


def test_footnote_and_comment_marks_in_the_text_are_not_plan_text():
    paragraph = ('<w:p><w:r><w:t>加强诚信宣传教育</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                 '<w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>。</w:t></w:r>'
                 '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>')
    assert _body_lines(paragraph) == ["加强诚信宣传教育。"]
