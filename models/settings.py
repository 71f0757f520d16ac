"""Office settings kept inside the ledger (they travel with the file): names, 文号, backups."""

from __future__ import annotations

from models.fields import BOOL, INT, TEXT, Field

SETTING_FIELDS: tuple[Field, ...] = (
    Field("office_name", "办公室名称", TEXT),
    Field("issuer_mark", "发文机关标志", TEXT),
    Field("doc_prefix", "文号机关代字", TEXT),
    Field("signer", "签发人（上行文）", TEXT),
    Field("report_day", "每月报送日", INT),
    Field("backups_kept", "保留备份次数", INT),
    Field("backup_days", "按日保留备份天数", INT),
    Field("mask_ids", "身份证号码脱敏显示", BOOL),
    Field("warn_days", "临近时限预警天数", INT),
    Field("expand_groups", "“各成员单位”等群体名称由所列成员单位报送（不勾选则不纳入报送和排名）", BOOL),
    Field("font_fang", "正文字体（仿宋）", TEXT),
    Field("font_kai", "楷体", TEXT),
    Field("font_hei", "黑体", TEXT),
    Field("font_song", "宋体", TEXT),
    Field("font_title", "标题字体（小标宋）", TEXT),
)

DEFAULTS: dict[str, object] = {
    "office_name": "",
    "issuer_mark": "",
    "doc_prefix": "",
    "signer": "",
    "report_day": 20,
    "backups_kept": 10,
    "backup_days": 28,
    "mask_ids": True,
    "warn_days": 7,
    "expand_groups": True,
    "font_fang": "仿宋_GB2312",
    "font_kai": "楷体_GB2312",
    "font_hei": "黑体",
    "font_song": "宋体",
    "font_title": "方正小标宋简体",
}


def setting_problem(key: str, value) -> str | None:
    """The Chinese message when `value` is not acceptable for setting `key`, else None."""
    if key not in DEFAULTS:
        return f"未知的设置项“{key}”"
    label = next(f.label for f in SETTING_FIELDS if f.name == key)
    if key == "report_day" and not (isinstance(value, int) and 1 <= value <= 31):
        return f"“{label}”应在1到31之间"
    if key in ("backups_kept", "backup_days", "warn_days") and not (isinstance(value, int) and 1 <= value <= 365):
        return f"“{label}”应为1到365之间的整数"
    if key in ("mask_ids", "expand_groups") and not isinstance(value, bool):
        return f"“{label}”应为是或否"
    return None
