"""考核打分表 (.xlsx): the units' ranking for a month, or for the campaign, with the points of
each rule, and the rules themselves on a second sheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from exporters.xlsx_common import BORDER, body_row, header_cells, print_as_table, title_rows
from exporters.xlsx_print import new_workbook
from models.cycle import RULE_LABELS, SCORE_PARTS
from models.files import save_atomically

PARTS = SCORE_PARTS
HEADER = ("排名", "单位", "得分", "等次", "基础分", "按时报送", "逾期扣分", "未报扣分", "案例加分", "指标加分")
WIDTHS = (8, 34, 10, 8, 10, 10, 10, 10, 10, 10)


def build_scores_workbook(scores: list, *, title: str, rules: dict, subtitle: str = "",
                          body_font: str = "仿宋", title_font: str = "黑体") -> Workbook:
    """The workbook: ranking (merged title, repeated header, A4 landscape) and the rules."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "考核打分表"
    title_rows(sheet, title, subtitle, len(HEADER), font=body_font, title_font=title_font)
    header_cells(sheet, 3, HEADER, WIDTHS, font=title_font)
    for row, score in enumerate(scores, start=4):
        values = (score.rank, score.unit_name, score.score, score.grade,
                  *(score.detail.get(part, "") for part in PARTS))
        body_row(sheet, row, values, Font(name=body_font, size=11), left=(2,))
    print_as_table(sheet, header_row=3)
    _rules_sheet(book, rules, body_font)
    return book


def _rules_sheet(book: Workbook, rules: dict, font: str) -> None:
    sheet = book.create_sheet("评分规则")
    sheet.append(["规则", "分值"])
    for key, label in RULE_LABELS.items():
        sheet.append([label, rules.get(key)])
    for letter, floor in sorted(rules.get("grades", {}).items(), key=lambda kv: -kv[1]):
        sheet.append([f"{letter} 等分数线", floor])
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 10
    for row in sheet.iter_rows():
        for cell in row:
            cell.font = Font(name=font, size=11, bold=cell.row == 1)
            cell.border = BORDER
        sheet.row_dimensions[row[0].row].height = 20
    print_as_table(sheet, header_row=1, landscape=False)


def export_scores_workbook(scores: list, path: str | Path, **kwargs) -> Path:
    """Build and save the 考核打分表."""
    path = Path(path)
    save_atomically(build_scores_workbook(scores, **kwargs).save, path)
    return path
