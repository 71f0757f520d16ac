"""The campaign a plan runs, named as documents and workbooks say it in their titles: the
plan's title without its document kind (实施方案, 工作方案, 任务分解表, 工作要点…), its
place and year (the office's own city and the month are said elsewhere) and its leading
verb (关于开展…, 市推进…).

杭州市2020年重点领域失信专项治理实施方案 → 重点领域失信专项治理;
市推进社会信用体系建设有关重点工作任务分解表 → 社会信用体系建设有关重点工作.
"""

from __future__ import annotations

import re

# the document kind a title ends in; 工作 goes with 实施方案/工作方案/要点/计划 (专项治理工作方案
# is the 方案 of the 专项治理), but stays before 任务分解表 (重点工作任务分解表 lists 重点工作)
_KIND = re.compile(
    r"的?(?:(?:工作)?(?:实施方案|方案)|(?:(?:主要|重点)?任务)?(?:分解表|分解方案|清单|分工方案|分工)"
    r"|(?:职责|责任)分工|(?:工作)?要点|(?:实施|指导)?意见|(?:实施)?细则|工作计划|(?<=行动)计划|通知)$")
_INNER = re.compile(r"《([^》]{4,})》")  # 关于印发《…》的通知 names the plan it sends
_LEAD = re.compile(r"^(?:关于|印发)")
# a place: 杭州市, 浙江省杭州市, 西湖区 (2–4 characters and its level; not 城市 or 市场)
_PLACE = re.compile(r"^[\u4e00-\u9fa5]{2,4}?(?:省|自治区|自治州|(?<!城)市(?!场)|县|区|旗|盟)")
_AREA = re.compile(r"^(?:在)?(?:全|我|本)(?:省|市|区|县)(?:范围内)?|^[市省](?=推进|开展|深入|加强|实施|做好|进一步|关于|《)")
_YEAR = re.compile(r"^\d{4}(?:\s*[—－\-~至]\s*\d{4})?年度?")
_VERB = re.compile(r"^(?:进一步|深入|全面|扎实|集中|持续|大力)*(?:组织开展|开展|推进|推动|加强|做好|实施|落实)")
SHORTEST = 4  # a name shorter than this says too little: the title is kept whole instead


def campaign_name(plan_title: str) -> str:
    """The campaign a plan runs, for titles: 关于2020年11月{name}进展情况的通报."""
    title = re.sub(r"\s+", "", plan_title or "")
    inner = _INNER.search(title)
    if inner and title.startswith(("关于印发", "印发")):
        title = inner.group(1)
    kindless = _KIND.sub("", title).removesuffix("的")
    name = kindless
    while True:
        before = name
        for prefix in (_LEAD, _AREA, _PLACE, _YEAR):
            name = prefix.sub("", name)
        if name == before:
            break
    verbless = _VERB.sub("", name)
    name = verbless if len(verbless) >= SHORTEST else name
    if len(name) >= SHORTEST:
        return name
    return kindless if len(kindless) >= SHORTEST else (plan_title or "").strip()


def campaign_work(name: str) -> str:
    """The campaign as work: 专项治理 → 专项治理工作, 有关重点工作 stays as it is."""
    return name if name.endswith("工作") else f"{name}工作"
