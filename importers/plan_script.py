"""Plans written in Traditional script are read as Simplified (OpenCC's t2s conversion).

The office's unit directory, its documents and its searches are in Simplified script, so a
plan forwarded in Traditional script (a website's 繁體 page, a copy from Hong Kong or Macao)
is converted as a whole before it is read: its markers (（一）), labels (牽頭單位) and unit
names (市國土房管局 → 市国土房管局) then read like any other plan and match the directory.
OpenCC converts by phrase and by character from maintained dictionaries; a hand-written table
of "the characters these documents use" would leave any character it lacks unconverted and
the unit name unmatched. The conversion is said in the plan's warnings.
"""

from __future__ import annotations

import re

# Frequent characters that exist only in Traditional script: a cheap test that spares the
# converter's dictionaries for the plans (nearly all) that have none of them.
_TRADITIONAL_ONLY = re.compile("[們個來這會為發與於時區單關開經業進機對實現問題學動長門國頭責參協辦負廳縣"
                               "務處組織達質監衛計劃規華東廣視網絡設環護態農財稅讓過還應當並將從]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
WARNING = "方案原文为繁体字，已转换为简体字读取（任务和单位名称均按简体字记录），请核对。"

# pinyin a web page's ruby annotations leave after each character when copied: 關(guān)於
_RUBY = re.compile(r"(?<=[\u4e00-\u9fff])[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[)）]")

_converter = None


def without_ruby(lines: list[str]) -> list[str]:
    """Lines without the tone-marked pinyin a copied web page puts after characters."""
    return [_RUBY.sub("", line) if "(" in line or "（" in line else line for line in lines]


def _convert(text: str) -> str:
    global _converter
    if _converter is None:
        import opencc  # imported here: only plans in Traditional script need its dictionaries

        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


def to_simplified(lines: list[str]) -> tuple[list[str], bool]:
    """The lines in Simplified script, and whether they were converted.

    A plan is converted when at least 2% of its Chinese characters change (a Simplified plan
    quoting one Traditional name is left as written)."""
    text = "\n".join(lines)
    if len(_TRADITIONAL_ONLY.findall(text)) < 3:
        return lines, False
    converted = _convert(text)
    # t2s replaces phrases by phrases of the same length, so the texts align character by character
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    if changed < 0.02 * len(_CJK.findall(text)):
        return lines, False
    return converted.split("\n"), True
