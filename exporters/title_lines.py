"""Breaking a 公文 title into lines at word boundaries, shaped as a 正梯形 or 菱形 (GB/T 9704
7.3.1: 回行时要做到词意完整，排列对称).

Words come from jieba (a Chinese segmenter), with the words of these titles added to its
dictionary, and a number kept with its unit (2021年1月). Among the breaks that keep every
line within the 版心, the one chosen has upper lines no longer than lower ones (正梯形), or a
longest middle line (菱形, three lines or more), with the lines as even as that allows.
"""

from __future__ import annotations

import logging
import math
import re
import threading

from exporters.gongwen_layout import text_width

TITLE_CHARS = 19.0  # 二号 characters per line: 20 fit in 156 mm; one is kept in hand for fonts
                    # whose digits or Latin letters are wider than the estimate

# Compounds a title should never be broken inside, beyond what the segmenter knows.
TITLE_WORDS = (
    "专项治理", "实施方案", "工作方案", "行动方案", "任务分解表", "分解表", "统计表", "汇总表",
    "进展情况", "工作情况", "典型案例", "案例汇编", "红黑名单", "失信惩戒", "守信激励", "联合惩戒",
    "联合激励", "诚信缺失", "突出问题", "社会信用体系", "信用体系", "领导小组", "办公室", "催报",
    "报送情况", "重点领域", "重点工作", "失信问题", "诚信建设", "政务诚信", "商务诚信", "社会诚信",
    "司法公信", "信用修复", "信用承诺", "电信网络诈骗", "各单位", "有关单位", "阶段性",
)
_DATE_PART = re.compile(r"\d[年月]$")
_UNITS = set("年月日号期批次届个项件")
_OPENING = set("《（“‘〔【([")
_CLOSING = set("》）”’〕】)]，。、；：？！")
_PARTICLES = ("的", "和", "与", "及", "暨")

_lock = threading.Lock()
_tokenizer = None


def _segmenter():
    """jieba's tokenizer with the title words added; loaded once, on the first long title."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.CRITICAL + 1)  # it logs its dictionary loading to stderr
            tokenizer = jieba.Tokenizer()
            for word in TITLE_WORDS:
                tokenizer.add_word(word)
            _tokenizer = tokenizer
    return _tokenizer


def _glued(previous: str, word: str) -> bool:
    """Whether `word` must stay on the line of `previous`."""
    return (previous[-1] in _OPENING or word[0] in _CLOSING
            or (word[0] in _UNITS and previous[-1].isdigit())  # 2021 年
            or (word[0].isdigit() and _DATE_PART.search(previous) is not None))  # 2021年 1月


def warm_up() -> None:
    """Load the segmenter ahead of the first title (a window calls this off its GUI thread)."""
    _segmenter()


def title_words(text: str) -> list[str]:
    """The title cut into pieces no line may break inside: words, a number with its unit
    and the date it belongs to, punctuation held to the word it belongs to."""
    words: list[str] = []
    for word in _segmenter().lcut(text, HMM=True):
        if words and _glued(words[-1], word):
            words[-1] += word
        else:
            words.append(word)
    return words


def _shape_ok(widths: list[float]) -> bool:
    """正梯形 (each line at least as long as the one above) or 菱形 (longest in the middle)."""
    if len(widths) < 2:
        return True
    if all(a <= b + 0.01 for a, b in zip(widths, widths[1:])):
        return True
    if len(widths) >= 3:
        top = max(range(len(widths)), key=lambda i: widths[i])
        rising = all(a <= b + 0.01 for a, b in zip(widths[:top + 1], widths[1:top + 1]))
        falling = all(a + 0.01 >= b for a, b in zip(widths[top:], widths[top + 1:]))
        return 0 < top < len(widths) - 1 and rising and falling and widths[0] <= widths[-1] + 3
    return False


def _cost(lines: list[str], widths: list[float]) -> float:
    mean = sum(widths) / len(widths)
    cost = sum((w - mean) ** 2 for w in widths)
    text = ""
    for line in lines[:-1]:
        text += line
        if text.count("“") > text.count("”"):
            cost += 12  # a quoted name torn apart: “食品放心┃工程”
        elif text.count("《") > text.count("》"):
            cost += 2  # inside a document's name: needed for long ones, avoided where it can be
    for line in lines[1:]:
        if line.startswith(_PARTICLES):
            cost += 4  # a particle opening a line reads badly: 的通知
    return cost


def _search(words: list[str], count: int, limit: float) -> list[str] | None:
    """The best split of `words` into `count` lines, or None when none fits the shape."""
    best: tuple[float, list[str]] | None = None
    budget = [20000]  # partial splits tried; titles are short, this bounds pathological ones

    def walk(start: int, lines: list[str]) -> None:
        nonlocal best
        budget[0] -= 1
        if budget[0] < 0:
            return
        if len(lines) == count - 1:
            line = "".join(words[start:])
            widths = [text_width(x) for x in lines + [line]]
            if widths[-1] <= limit and _shape_ok(widths):
                cost = _cost(lines + [line], widths)
                if best is None or cost < best[0]:
                    best = (cost, lines + [line])
            return
        for end in range(start + 1, len(words) - (count - len(lines) - 1) + 1):
            line = "".join(words[start:end])
            if text_width(line) > limit:
                break
            walk(end, lines + [line])

    walk(0, [])
    return best[1] if best else None


def title_lines(text: str, limit: float = TITLE_CHARS) -> list[str]:
    """`text` as the lines of a centred 二号 title."""
    if text_width(text) <= limit:
        return [text]
    words = title_words(text)
    least = math.ceil(text_width(text) / limit)
    for count in range(least, least + 3):
        lines = _search(words, count, limit)
        if lines:
            return lines
    return _by_width(text, least)  # a title of one enormous word: cut where it must


def _by_width(text: str, count: int) -> list[str]:
    target = text_width(text) / count
    pieces, current = [], ""
    for ch in text:
        if current and text_width(current + ch) > target + 0.5 and len(pieces) < count - 1:
            pieces.append(current)
            current = ""
        current += ch
    return pieces + [current]
