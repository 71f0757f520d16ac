"""One entry point for the statistics workbooks, so the command line and the window write
them alike: the kind, the plain data the ledger gathered for it, the path, the fonts."""

from __future__ import annotations

from pathlib import Path


def export_workbook(kind: str, data, path: str | Path, *, body_font: str, title_font: str) -> Path:
    """Write a 任务分解表, 进展统计表, 典型案例报送表, 红黑名单统计表 or 考核打分表 to `path`."""
    if kind == "scores":
        from exporters.xlsx_scores import export_scores_workbook

        return export_scores_workbook(data.scores, path, title=data.title, subtitle=data.subtitle,
                                      rules=data.rules, body_font=body_font, title_font=title_font)
    if kind == "breakdown":
        from exporters.xlsx_breakdown import export_breakdown_workbook as export
    elif kind == "progress":
        from exporters.xlsx_progress import export_progress_workbook as export
    elif kind == "cases":
        from exporters.xlsx_cases import export_cases_workbook as export
    elif kind == "lists":
        from exporters.xlsx_lists import export_lists_workbook as export
    else:
        raise ValueError(kind)
    return export(data, path, body_font=body_font, title_font=title_font)


def export_template_folder(templates: list, folder: str | Path, *, body_font: str,
                           title_font: str) -> list[Path]:
    """Every unit's 报送模板 into `folder`, and a zip of them all (the last path)."""
    from exporters.xlsx_template import export_templates

    if not templates:
        return []
    first = templates[0]
    return export_templates(templates, folder, zip_name=f"{first.period}_报送模板（{len(templates)}个单位）.zip",
                            font=body_font, title_font=title_font)
