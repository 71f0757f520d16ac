"""The Word documents the product writes, by kind: their names and content builders."""

from __future__ import annotations

from datetime import date

from exporters.doc_bulletin import bulletin_content
from exporters.doc_common import DocMeta
from exporters.doc_notice import notice_content
from exporters.doc_others import casebook_content, reminder_content, summary_content
from exporters.kinds import UPWARD_KINDS, WORD_KINDS
from exporters.styles import Fonts
from models.validation import ValidationError

__all__ = ["CONTENT", "UPWARD_KINDS", "WORD_KINDS", "meta_from_settings"]
CONTENT = {"notice": notice_content, "bulletin": bulletin_content, "summary": summary_content,
           "casebook": casebook_content, "reminder": reminder_content}


def meta_from_settings(settings: dict, *, today: date, when: date, issuer: str | None,
                       **given) -> DocMeta:
    """A document's meta from the office settings; `given` (文号, 主送, 抄送, 签发人…) override
    them. A 上行文 (`upward`) must name its 签发人."""
    fonts = Fonts(settings["font_fang"], settings["font_kai"], settings["font_hei"],
                  settings["font_song"], settings["font_title"])
    office = settings["office_name"] or issuer
    values = {"organ_mark": settings["issuer_mark"] or None, "signature": office, "printer": office,
              "mask_ids": settings["mask_ids"], "fonts": fonts, "signer": settings["signer"] or None}
    values.update({k: v for k, v in given.items() if v is not None})
    if values.get("upward") and not values.get("signer"):
        raise ValidationError({"signer": "上行文须标注签发人：请在“设置”中填写签发人，或在导出时填写"})
    return DocMeta(today=today, date=when, **values)
