"""Matching keys for unit names: full/half width, spaces and bracket styles folded together."""

from __future__ import annotations

import re
import unicodedata

_BRACKETS = str.maketrans({"（": "(", "）": ")", "［": "(", "］": ")", "[": "(", "]": ")",
                           "〔": "(", "〕": ")", "【": "(", "】": ")", "{": "(", "}": ")"})
_SPACE = re.compile(r"\s+")


def unit_key(name: str) -> str:
    """The key two spellings of one unit share: 市 中级人民法院（立案庭） ~ 市中级人民法院(立案庭)."""
    text = unicodedata.normalize("NFKC", name or "")
    text = text.translate(_BRACKETS)
    text = _SPACE.sub("", text)
    return text.strip("，,、;；。.：:").lower()


# Names that stand for a set of units, not one: 各成员单位, 各县（市）区政府, 有关部门.
_GROUP = re.compile(r"^各|各成员单位$|成员单位$|^有关|有关(部门|单位)$|各(相关|有关)")


def is_group_name(name: str) -> bool:
    """True for a name that stands for several units (各县（市）区政府, 市文明委各成员单位)."""
    return bool(_GROUP.search(unit_key(name)))


# Full forms of agency names and the short forms offices write (市人社局 = 市人力资源和社会保障局).
# Each full form is folded into its short form before two names are compared.
_SHORT_FORMS = (
    ("人力资源和社会保障", "人社"), ("发展和改革委员会", "发改委"), ("发展改革委", "发改委"),
    ("住房和城乡建设", "住建"), ("市场监督管理", "市场监管"), ("生态环境", "环境"),
    ("网络安全和信息化委员会办公室", "网信办"), ("精神文明建设指导委员会", "文明委"),
    ("精神文明建设办公室", "文明办"), ("卫生健康委员会", "卫健委"), ("卫生和健康委员会", "卫健委"),
    ("交通运输", "交通"), ("农业农村", "农业"), ("文化广电和旅游", "文旅"), ("文化和旅游", "文旅"),
    ("文化广电旅游", "文旅"), ("应急管理", "应急"), ("医疗保障", "医保"),
    ("国有资产监督管理委员会", "国资委"), ("工业和信息化", "工信"), ("科学技术", "科技"),
    ("自然资源和规划", "自然资源"), ("城市管理行政执法", "城管"), ("城市管理", "城管"),
    ("银行保险监督管理", "银保监"), ("中级人民法院", "中院"), ("中级法院", "中院"), ("中法", "中院"), ("人民法院", "法院"),
    ("人民检察院", "检察院"), ("公共资源交易", "公共资源"), ("住房公积金管理中心", "公积金中心"),
    ("社会信用体系建设领导小组办公室", "信用办"), ("教育和体育", "教体"),
)


def comparison_key(name: str) -> str:
    """A key under which two spellings of one agency meet: 中国人民银行临汾中心支行 and
    人民银行临汾中心支行, 市人力资源和社会保障局 and 市人社局, 临汾市公安局 and 市公安局."""
    text = unit_key(name).replace("(", "").replace(")", "")
    text = text.removeprefix("中国")
    for full, short in _SHORT_FORMS:
        text = text.replace(full, short)
    text = re.sub(r"^[\u4e00-\u9fff]{1,4}?市(?!场)(?=.)", "市", text)  # 临汾市公安局 → 市公安局
    return text[1:] if text.startswith("市") and not text.startswith("市场") else text
