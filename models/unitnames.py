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
