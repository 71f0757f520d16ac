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


def test_a_legal_persons_credit_code_is_found_and_a_persons_id_number_never(ledger, campaign):
    from models.entries import ListEntry

    ledger.add_cases([Case(kind="失信惩戒", title="某公司欠薪案", subject_name="杭州信达网络科技有限公司",
                           subject_type="法人及其他组织", subject_code="91330100Q4M9K6L5YD", plan_id=campaign["plan"]),
                      Case(kind="失信惩戒", title="某人欠薪案", subject_name="张某（自然人）",
                           subject_type="自然人", subject_code="330102198502154079", plan_id=campaign["plan"])],
                     source="手工")
    ledger.save(ListEntry(list_kind="黑名单", subject_name="营口恒远商贸有限公司",
                          subject_code="91210800HRPP21BK1Q", plan_id=campaign["plan"]))
    for query in ("91330100Q4M9K6L5YD", "Q4M9K6L5YD", "q4m9k6l5yd", "９１３３０１００"):
        groups = {g.kind: g for g in ledger.search_groups(query)}
        assert set(groups) == {"case"} and groups["case"].count == 1, query
        assert groups["case"].hits[0].snippet == "统一社会信用代码：91330100Q4M9K6L5YD"
    assert [g.kind for g in ledger.search_groups("91210800HRPP21BK1Q")] == ["list_entry"]
    assert [h.kind for h in ledger.search("91210800HRPP21BK1Q")] == ["list_entry"]
    for query in ("330102198502154079", "3301021985", "198502154079"):  # a person's ID number
        assert ledger.search_groups(query) == [] and ledger.search(query) == [], query
    assert ledger.db.execute("SELECT count(*) FROM search_vocab WHERE term IN ('q4m', '330')"
                             ).fetchone()[0] == 0  # codes stay out of the index: read from the records
    clause, params = ledger.match_clause("Q4M9K6L5YD", "case", "id")
    found = [r[0] for r in ledger.db.execute(f"SELECT id FROM cases WHERE {clause}", params)]
    assert found == [1]  # the 典型案例 page's 文字 filter finds it too


def test_half_and_full_width_brackets_find_the_same(ledger, texts):
    full = kinds(ledger.search("（一）"))
    assert full == [("task", texts["domain"])]
    assert kinds(ledger.search("(一)")) == full
    assert [(g.kind, g.count) for g in ledger.search_groups("(一)")] == [("task", 1)]
    assert kinds(ledger.search("（一） 诈骗")) == kinds(ledger.search("(一) 诈骗")) == full
    assert kinds(ledger.search("(")) == kinds(ledger.search("（")) == full  # one character: the scan
