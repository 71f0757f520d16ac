"""红黑名单统计表 (.xlsx) up to a month: per unit and per domain, red / black / watch lists
with local and national-standard entries apart, typical cases, and the ratios the plans set
(cases ≥ 10% of list entries, local ≥ 10% of national, commitments or repair > 50%);
a ratio that misses the plan's target is shown in red."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook  # noqa: F401  (the type build_lists_workbook returns)
from openpyxl.styles import Font

from exporters.xlsx_common import (
    BORDER,
    body_row,
    header_cells,
    print_as_table,
    row_height,
    title_rows,
)
from exporters.xlsx_print import break_pages, largest_scale, new_workbook
from models.cycle import month_label
from models.doc_records import ListLine, ListTableData
from models.entries import LIST_KINDS, LIST_SCOPES
from models.files import save_atomically
from models.plan_names import campaign_name

# Headers break between their words where a column is narrower than the header.
SCOPE_WORDS = {"地方": "地方", "全国": "国家\n标准"}
RATIOS = ("案例数占名单数", "地方占国家标准", "承诺修复占比")
RATIO_HEADERS = ("案例数\n占名单数", "地方占\n国家标准", "承诺修复\n占比")
WIDTHS = (5, 24, *([8] * 2 * len(LIST_KINDS)), 8, 8, 10, 10, 10)  # fits A4 landscape at full size
HOME_NOTE = "每个单位的数字只计入一个领域（其牵头的第一个领域；不牵头的，计入其参与的第一个领域），各领域合计等于按单位合计。"


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _line_values(line: ListLine) -> list:
    counts = [line.counts.get((kind, scope), 0) for kind in LIST_KINDS for scope in LIST_SCOPES]
    return [*counts, line.total, line.cases, _ratio(line.cases, line.total),
            _ratio(line.local, line.national), _ratio(line.repaired, line.punished)]


def build_lists_workbook(data: ListTableData, *, body_font: str = "仿宋",
                         title_font: str = "黑体") -> Workbook:
    """Two sheets, 按单位 and 按领域, each with a totals row."""
    book = new_workbook()
    _sheet(book.active, "按单位", data.units, data, body_font, title_font)
    _sheet(book.create_sheet(), "按领域", data.domains, data, body_font, title_font)
    return book


def _targets_words(data: ListTableData) -> str:
    words = [f"{name}{'不低于' if name != '承诺修复占比' else '超过'}{value:g}%"
             for name, value in zip(RATIOS, (data.case_share_target, data.local_share_target,
                                            data.repair_target)) if value is not None]
    return "方案目标：" + "，".join(words) + "（未达目标的比例标红）" if words else "方案未设比例目标"


def _sheet(sheet, name: str, lines: list[ListLine], data: ListTableData, font: str, title_font: str) -> None:
    sheet.title = name
    columns = len(WIDTHS)
    note = f"　{HOME_NOTE}" if name == "按领域" else ""
    title_rows(sheet, f"{campaign_name(data.plan.title)}红黑名单统计表（{name}）",
               f"截至{month_label(data.period)}　{_targets_words(data)}{note}", columns,
               font=font, title_font=title_font)
    sheet.row_dimensions[1].height = row_height([sheet["A1"].value], [sum(WIDTHS)], size=16)
    sheet.row_dimensions[2].height = row_height([sheet["A2"].value], [sum(WIDTHS)])
    _two_row_header(sheet, "单位" if name == "按单位" else "治理领域", title_font)
    body = Font(name=font, size=11)
    targets = (data.case_share_target, data.local_share_target, data.repair_target)
    total = ListLine("合计", {}, 0, 0)
    for index, line in enumerate(lines, start=1):
        _row(sheet, 4 + index, [index, line.name, *_line_values(line)], body, targets)
        for key, value in line.counts.items():
            total.counts[key] = total.counts.get(key, 0) + value
        total.repaired += line.repaired
        total.cases += line.cases
    bold = Font(name=font, size=11, bold=True)
    _row(sheet, 5 + len(lines), ["", "合计", *_line_values(total)], bold, targets)
    print_as_table(sheet, header_row=4)
    sheet.print_title_rows = "3:4"
    blocks = [(r, r) for r in range(5, 5 + len(lines))] or [(5, 5)]
    blocks[-1] = (blocks[-1][0], 5 + len(lines))  # the totals stay with the last line
    break_pages(sheet, blocks, top_rows=4, header=(3, 4), scale=largest_scale(WIDTHS))


def _two_row_header(sheet, label: str, font: str) -> None:
    """序号 | 单位 | 红名单 (地方, 国家标准) | 黑名单 (…) | 重点关注名单 (…) | 合计 | 案例 | ratios."""
    top = ["序号", label]
    for kind in LIST_KINDS:
        top += [kind, ""]
    top += ["名单\n合计", "典型\n案例", *RATIO_HEADERS]
    header_cells(sheet, 3, top, WIDTHS, font=font)
    header_cells(sheet, 4, [""] * 2 + [SCOPE_WORDS[s] for _ in LIST_KINDS for s in LIST_SCOPES],
                 WIDTHS, font=font)
    for column in range(1, len(WIDTHS) + 1):
        sheet.cell(4, column).border = BORDER
        if not 3 <= column <= 2 + 2 * len(LIST_KINDS):
            sheet.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    for offset in range(len(LIST_KINDS)):
        first = 3 + 2 * offset
        sheet.merge_cells(start_row=3, start_column=first, end_row=3, end_column=first + 1)
    # row 3 names the lists, row 4 their scopes; the headers merged down both rows need both
    sheet.row_dimensions[3].height = 24
    sheet.row_dimensions[4].height = max(row_height([SCOPE_WORDS["全国"]], [WIDTHS[3]]),
                                         row_height(top, WIDTHS) - 24)


def _row(sheet, row: int, values: list, font: Font, targets: tuple) -> None:
    ratios = body_row(sheet, row, values, font, left=(2,))[-len(RATIOS):]
    sheet.row_dimensions[row].height = row_height([values[1]], [WIDTHS[1]])
    for cell, value, target in zip(ratios, values[-len(RATIOS):], targets):
        cell.number_format = "0.0%"
        if value is not None and target is not None and value * 100 < target:
            cell.font = Font(name=font.name, size=11, bold=font.bold, color="C00000")


def export_lists_workbook(data: ListTableData, path: str | Path, **fonts) -> Path:
    """Build and save the 红黑名单统计表."""
    path = Path(path)
    save_atomically(build_lists_workbook(data, **fonts).save, path)
    return path
