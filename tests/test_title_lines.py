"""Titles broken at word boundaries into a 正梯形 or 菱形: every title the demo plans give, and
long titles from real plans."""

from __future__ import annotations

from datetime import date

import pytest

from exporters.documents import CONTENT, meta_from_settings
from exporters.gongwen_layout import text_width
from exporters.title_lines import TITLE_CHARS, title_lines
from models.ledger import Ledger
from models.validation import ValidationError

# Words a reader must never see torn across two lines (the faults found: 重点领┃域, 突出问┃题,
# 失┃信, 有┃关), checked independently of the segmenter.
WORDS = ("领域", "问题", "失信", "有关", "诚信", "缺失", "突出", "专项", "治理", "实施", "方案",
         "行动", "工作", "进展", "情况", "通知", "通报", "报告", "典型", "案例", "汇编", "催报",
         "重点", "社会", "信用", "体系", "建设", "任务", "分解", "集中", "阶段", "各单位", "统计表",
         "报送", "印发", "关于", "杭州市", "兰州市", "营口市", "平顶山市", "河长制", "政府", "开展",
         "2020年", "2021年", "1月", "12月", "推进", "主要", "全面", "推行", "农民工", "工资", "拖欠",
         "根治", "保障", "措施", "大气", "污染", "防治", "计划", "餐桌", "食品", "放心", "工程")

OWN_TITLES = (
    "平顶山市河长制办公室关于印发《平顶山市全面推行河长制主要任务分解方案》的通知",
    "广东省人民政府关于印发2021年省《政府工作报告》重点任务分工方案的通知",
    "关于印发《杭州市2020年重点领域失信专项治理实施方案》的通知",
    "关于进一步做好根治拖欠农民工工资问题专项治理工作情况报送工作的通知",
    "关于印发《大气污染防治2021年行动计划》及重点任务分解表的通知",
    "省治理“餐桌污染”建设“食品放心工程”工作实施方案重点工作任务分解表",
    "关于报送2021年上半年诚信缺失突出问题专项治理行动工作总结和下一步工作计划的通知",
)


def demo_titles(path) -> set[str]:
    titles = set()
    with Ledger.open(path) as ledger:
        settings = ledger.settings()
        for plan in ledger.plans():
            period = ledger.latest_period(plan.id)
            today = date(int(period[:4]) + 1, 1, 25)
            meta = meta_from_settings(settings, today=today, when=today, issuer=plan.issuer)
            for kind, build in CONTENT.items():
                try:
                    data = ledger.document_data(kind, plan.id, period=period, today=today)
                except ValidationError:
                    continue  # nothing to chase this month
                content = build(data, meta)
                titles.add(content.title)
                titles.update(a.title for a in content.attachments)
    return titles


def torn_words(lines: list[str]) -> list[str]:
    text, torn, at = "".join(lines), [], 0
    for line in lines[:-1]:
        at += len(line)
        torn += [w for w in WORDS for start in range(max(0, at - len(w) + 1), at)
                 if text.startswith(w, start)]
    return torn


def is_trapezoid_or_diamond(widths: list[float]) -> bool:
    rising = all(a <= b + 0.01 for a, b in zip(widths, widths[1:]))
    top = widths.index(max(widths))
    diamond = (len(widths) >= 3 and 0 < top < len(widths) - 1
               and all(a <= b + 0.01 for a, b in zip(widths[:top], widths[1:top + 1]))
               and all(a + 0.01 >= b for a, b in zip(widths[top:], widths[top + 1:])))
    return rising or diamond


@pytest.fixture(scope="module")
def titles(demo_master):
    found = demo_titles(demo_master)
    assert len(found) >= 20  # five plans × five documents and their attachments
    return sorted(found) + list(OWN_TITLES)


def test_titles_break_at_word_boundaries_in_a_symmetric_shape(titles):
    problems = []
    for title in titles:
        lines = title_lines(title)
        widths = [text_width(line) for line in lines]
        if "".join(lines) != title:
            problems.append(f"{title}: text changed {lines}")
        if max(widths) > TITLE_CHARS:
            problems.append(f"{title}: a line wider than the type area {lines}")
        if not is_trapezoid_or_diamond(widths):
            problems.append(f"{title}: shape {['%.1f' % w for w in widths]} {lines}")
        if torn_words(lines):
            problems.append(f"{title}: words torn {torn_words(lines)} {lines}")
    assert not problems, "\n".join(problems)


def test_long_titles_take_more_lines_not_wider_ones():
    long_title = OWN_TITLES[-1]
    lines = title_lines(long_title)
    assert len(lines) == 3 and all(text_width(x) <= TITLE_CHARS for x in lines)
    assert title_lines("关于催报2021年1月工作的通知") == ["关于催报2021年1月工作的通知"]


def test_the_check_itself_sees_a_torn_word():
    assert torn_words(["关于开展重点领", "域失信专项治理的通知"]) == ["领域"]
    assert not is_trapezoid_or_diamond([18, 12])
