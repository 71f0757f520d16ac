"""How the documents word things: dates, month spans, counts with their measure words, unit
lists, quoted titles, statuses, scores and rankings with ties, units' texts shortened at a
sentence boundary. Pure functions of plain values; the 通报, 总结报告, 催报通知 and 案例汇编
all say these things the same way."""

from __future__ import annotations

import re

from models.cycle import CLOSED, date_label, month_label, points_text, rank_text
from models.entries import CASE_KINDS

# Verbs the named numbers of a return start with: 排查数 is written 排查120件.
_VERBS = ("排查", "整治", "整改", "检查", "核查", "查处", "处罚", "办理", "受理", "曝光", "约谈", "培训",
          "公示", "修复", "认定", "列入", "移出", "督办", "处置", "清理", "走访", "宣传", "发放", "签订",
          "归集", "推送", "查办", "立案", "结案", "化解", "追回", "清欠", "帮扶", "督促", "联合惩戒",
          "惩戒", "激励", "纠正", "下架", "关停", "取缔", "注销", "吊销")
_MEASURES = (("人数", "人"), ("户数", "户"), ("家数", "家"), ("次数", "次"), ("起数", "起"),
             ("个数", "个"), ("件数", "件"), ("条数", "条"))
STATUS_WORDS = {"已完成": "已完成", "推进中": "正在推进", "滞后": "滞后", "未启动": "尚未启动", CLOSED: "已办结"}
_SENTENCE_END = "。！？；"
_ASCII_MARKS = {"(": "（", ")": "）", ":": "：", ";": "；", ",": "，"}
_OPENS, _CLOSES = "（《〔“【", "）》〕”】"
# a task's leading words that cite its basis (按照《…》要求，) name nothing of its own
_BASIS = re.compile(r"^(?:按照|根据|依据|依照|贯彻落实|为贯彻落实)[^，；]*[，；]")
TASK_NAME_LIMIT = 40  # characters of a task's name in a list (the 催报通知's)


def full_width(text: str) -> str:
    """ASCII ( ) : ; , written among Chinese made full-width (a 公文 uses （）：；，); numbers
    and addresses keep theirs (12:30, 1,000, http://)."""
    out = []
    for at, ch in enumerate(text):
        mark = _ASCII_MARKS.get(ch)
        before, after = text[at - 1:at], text[at + 1:at + 3]
        if mark is None or (ch in ":," and before.isdigit() and after[:1].isdigit()) \
                or (ch == ":" and after == "//"):
            out.append(ch)
        else:
            out.append(mark)
    return "".join(out)


def _top_level(text: str, marks: str) -> list[int]:
    """Where `marks` stand outside brackets, quotes and 书名号."""
    depth, found = 0, []
    for at, ch in enumerate(text):
        if ch in _OPENS:
            depth += 1
        elif ch in _CLOSES and depth:
            depth -= 1
        elif ch in marks and not depth:
            found.append(at)
    return found


def task_name(title: str, limit: int = TASK_NAME_LIMIT) -> str:
    """A task named in a list: its title's first sentence, without a leading clause that only
    cites its basis (按照《…》要求，), shortened at a clause end (，；) outside brackets to at
    most `limit` characters — or its first clause whole, never cut inside a word or a
    bracket; full-width marks as in the notice."""
    text = full_width(re.sub(r"\s+", "", title or "")).strip("。；，")
    ends = _top_level(text, "。")
    text = text[:ends[0]] if ends else text
    basis = _BASIS.match(text)
    if basis and len(text) - basis.end() >= 6 and basis.end() - 1 in _top_level(text, "，；"):
        text = text[basis.end():]
    if len(text) <= limit:
        return text
    cuts = [at for at in _top_level(text, "，；") if at <= limit]
    if cuts:
        return text[:cuts[-1]]
    first = _top_level(text, "，；")
    text = text[:first[0]] if first else text
    return _fewer_listed(text, limit) if len(text) > limit else text


def _fewer_listed(text: str, limit: int) -> str:
    """A clause that lists things (A、B、C等创新应用) keeps its first items and its 等…:
    组织实施A、B等创新应用; a clause without such a list stays whole."""
    stops = _top_level(text, "等")
    if not stops:
        return text
    tail = text[stops[-1]:]
    cuts = [at for at in _top_level(text[:stops[-1]], "、") if at + len(tail) <= limit]
    return text[:cuts[-1]] + tail if cuts else text


def date_text(iso: str | None) -> str:
    """2020-07-04 → 2020年7月4日."""
    if not iso:
        return ""
    return f"{int(iso[:4])}年{int(iso[5:7])}月{int(iso[8:10])}日"


day_text = date_label  # a date in a sentence: 2020年9月20日


def month_span(first: str, last: str) -> str:
    """2020年7月至11月, 2020年11月至2021年2月, or 2020年7月 for one month."""
    if first == last:
        return month_label(first)
    if first[:4] == last[:4]:
        return f"{month_label(first)}至{int(last[5:])}月"
    return f"{month_label(first)}至{month_label(last)}"


def count_phrase(name: str, value: float) -> str | None:
    """A named number as a 公文 says it: 排查数 120 → 排查120件, 培训人数 30 → 培训30人;
    a rate summed over reports means nothing and is left out (None)."""
    if "率" in name or "比例" in name:
        return None
    measure, stem = "件", name.removesuffix("数")
    for suffix, word in _MEASURES:
        if name.endswith(suffix):
            measure, stem = word, name[: -len(suffix)]
    if stem.startswith(_VERBS):
        return f"{stem}{value:g}{measure}"
    return f"{name}为{value:g}"


def figures(totals: dict[str, float], lead: str = "共") -> str:
    """共排查120件，整治98件 ("" when there is nothing to say)."""
    parts = [p for p in (count_phrase(n, v) for n, v in totals.items()) if p]
    return (lead + "，".join(parts)) if parts else ""


def names(items: list[str], limit: int = 8, noun: str = "个单位") -> str:
    """市公安局、市住建局 — or 市公安局、市住建局等12个单位 when there are more than `limit`;
    one more than `limit` is named too (naming it says no more than 等N个单位)."""
    items = list(dict.fromkeys(items))
    if len(items) <= limit + 1:
        return "、".join(items)
    return f"{'、'.join(items[:limit])}等{len(items)}{noun}"


def quoted(title: str) -> str:
    """A title in double quotation marks; quotation marks inside it become single ones, as
    GB/T 15834 nests them: “深入推进‘云剑2020’行动”."""
    title = title.strip().rstrip("。")
    inner = iter(("‘", "’") * title.count('"'))  # straight quotes: opening, closing, in turn
    title = re.sub('"', lambda _m: next(inner), title.replace("“", "‘").replace("”", "’"))
    return f"“{title}”"


def quoted_task(title: str) -> str:
    """A task named in a sentence: its short name, in quotation marks."""
    return quoted(task_name(title))


def shorten(text: str, limit: int = 60) -> str:
    """A unit's words cut at the last sentence (or clause) end within `limit` characters,
    without its closing punctuation."""
    text = re.sub(r"\s+", "", text or "").strip("。；;，, ")
    if len(text) <= limit:
        return text
    head = text[:limit + 1]
    for marks, least in ((_SENTENCE_END, 4), ("，,", limit // 3)):  # a sentence, else a clause
        cut = max(head.rfind(m) for m in marks)
        if cut >= least:
            return head[:cut].rstrip("。；;，, ")
    return head[:limit] + "……"


def kinds_phrase(cases: list) -> str:
    """失信惩戒2件、守信激励1件 — in the order the kinds are declared, the kinds there are."""
    counts = {kind: sum(1 for case, *_ in cases if case.kind == kind) for kind in CASE_KINDS}
    return "、".join(f"{kind}{n}件" for kind, n in counts.items() if n)


def statuses(counts: dict[str, int], order=("已完成", "推进中", "滞后", "未启动", CLOSED)) -> str:
    """已完成2项，正在推进15项，滞后3项 (the statuses there are)."""
    return "，".join(f"{STATUS_WORDS[s]}{counts[s]}项" for s in order if counts.get(s))


def score_group(group: list, ranked: list) -> str:
    """市公安局、市住建局（并列第1名，100分）."""
    return f"{names([s.unit_name for s in group], 5)}（{rank_text(group[0], ranked)}，{points_text(group[0].score)}）"


def ranking_sentence(ranked: list, *, enough: int = 3) -> str:
    """得分靠前的是…；得分靠后的是… — ties ranked as ties, and never the same score on both
    sides. With every unit on the same score, says so."""
    if not ranked:
        return ""
    levels = sorted({s.score for s in ranked}, reverse=True)
    by_level = {level: [s for s in ranked if s.score == level] for level in levels}
    if len(levels) == 1:
        return f"各单位得分相同，均为{points_text(levels[0])}"
    top, covered = [], 0
    for level in levels[:-1]:
        top.append(level)
        covered += len(by_level[level])
        if covered >= enough:
            break
    bottom, covered = [], 0
    for level in reversed(levels):
        if level in top or covered >= enough:
            break
        bottom.append(level)
        covered += len(by_level[level])
    best = "，".join(score_group(by_level[level], ranked) for level in top)
    worst = "，".join(score_group(by_level[level], ranked) for level in reversed(bottom))
    return f"得分靠前的是{best}；得分靠后的是{worst}"
