"""Full-text search over task, progress and case texts: Chinese substrings of any length."""

import pytest

from models.entries import Case, Progress
from models.records import Task


@pytest.fixture
def texts(ledger, campaign):
    ledger.put_progress([Progress(task_id=campaign["first"], unit_id=campaign["police"],
                                  period="2019-06", status="推进中", text="破获电信诈骗案件12起",
                                  problems="跨区域协作不畅", next_steps="继续开展云剑行动")],
                        source="手工")
    ledger.add_cases([Case(kind="失信惩戒", title="某建筑公司拖欠农民工工资案", subject_name="某建筑公司",
                           behaviour="恶意欠薪", measures="列入失信黑名单")], source="手工")
    return campaign


def kinds(hits):
    return sorted((h.kind, h.id) for h in hits)


def test_two_character_terms_are_found(ledger, texts):
    assert kinds(ledger.search("诈骗")) == [("progress", 1), ("task", texts["domain"])]
    assert kinds(ledger.search("欠薪")) == [("case", 1)]


def test_longer_terms_are_phrases(ledger, texts):
    assert kinds(ledger.search("电信诈骗案件")) == [("progress", 1)]
    assert ledger.search("诈骗电信") == []


def test_a_term_at_the_very_end_of_a_text_is_found(ledger, texts):
    # "欠薪" ends the behaviour field, "单" ends the case's indexed text
    assert kinds(ledger.search("名单")) == [("case", 1)]
    assert kinds(ledger.search("行动")) == [("progress", 1), ("task", texts["first"])]


def test_every_term_must_match(ledger, texts):
    assert kinds(ledger.search("诈骗 云剑")) == [("progress", 1)]
    assert ledger.search("诈骗 欠薪") == []


def test_single_characters_fall_back_to_a_scan(ledger, texts):
    assert ("case", 1) in kinds(ledger.search("薪"))
    assert kinds(ledger.search("薪 某")) == [("case", 1)]


def test_the_index_follows_edits_and_deletions(ledger, texts):
    task = ledger.get(Task, texts["second"])
    task.title = "建设反欺诈技术平台"
    ledger.save(task)
    assert kinds(ledger.search("反欺诈")) == [("task", texts["second"])]
    assert ledger.search("反诈技术") == []
    ledger.delete(Task, texts["second"])
    assert ledger.search("反欺诈") == []
    assert ledger.check() == []


def test_hits_carry_a_snippet_and_ascii_is_case_folded(ledger, campaign):
    ledger.save(Task(plan_id=campaign["plan"], title="整治QQ群传播涉考有害信息"))
    [hit] = ledger.search("qq群")
    assert "QQ群" in hit.snippet


def test_an_empty_query_or_unknown_term_finds_nothing(ledger, texts):
    assert ledger.search("   ") == []
    assert ledger.search("火星") == []
