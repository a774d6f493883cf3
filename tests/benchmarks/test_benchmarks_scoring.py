"""benchmarks.scoring: ROUGE under each convention, budgets and the oracle, checked by hand (issue 3)."""

from __future__ import annotations

import pytest

from summarizer.text import word_count

scoring = pytest.importorskip("benchmarks.scoring")
pytest.importorskip("rouge_score")


def test_cut_words_keeps_the_first_words_and_line_breaks():
    assert scoring.cut_words("a b c\nd e", 4) == "a b c\nd"
    assert scoring.cut_words("a b c\nd e", 3) == "a b c"
    assert scoring.cut_words("  a\n\n b  ", 10) == "a\nb"
    assert scoring.cut_words("a b", 0) == ""
    assert word_count(scoring.cut_words(" ".join(map(str, range(250))), 100)) == 100


def test_fit_budget_takes_whole_texts_in_order_within_the_budget():
    texts = ["one two three", "four five six seven", "one two three", "eight", "nine ten"]
    assert scoring.fit_budget(texts, 5) == [0, 3]  # 1 is too long, 2 repeats 0, then 4 no longer fits
    assert scoring.fit_budget(texts, 100) == [0, 1, 3, 4]
    assert scoring.fit_budget(texts, 2) == [3]


def test_recall_is_averaged_over_references():
    convention = scoring.CONVENTIONS["duc2004"]
    scorer = scoring.make_scorer(convention)
    # ROUGE-1 recall: 2/2 against the first reference, 1/3 ("sat") against the second.
    # ROUGE-2 recall: "the cat" 1/1, then 0/2.
    scores = scoring.score_summary(scorer, "the cat sat", ["the cat", "a dog sat"], convention)
    assert scores["rouge1"] == pytest.approx(100 * (1 + 1 / 3) / 2)
    assert scores["rouge2"] == pytest.approx(50.0)


def test_summary_and_references_are_cut_to_the_budget():
    convention = scoring.Convention(**{**scoring.CONVENTIONS["duc2004"].__dict__, "budget": 2})
    scorer = scoring.make_scorer(convention)
    # "the cat sat" -> "the cat"; "a dog sat" -> "a dog": R-1 recall 1 and 0, R-2 1 and 0.
    scores = scoring.score_summary(scorer, "the cat sat", ["the cat", "a dog sat"], convention)
    assert scores == pytest.approx({"rouge1": 50.0, "rouge2": 50.0})


def test_f1_convention_and_mean_over_clusters():
    convention = scoring.CONVENTIONS["multinews"]
    scorer = scoring.make_scorer(convention)
    # One reference "the cat sat on the mat" (6 tokens); summary "the cat" (2 tokens):
    # R-1 P = 1, R = 2/6 -> F1 = 0.5; R-2 P = 1, R = 1/5 -> F1 = 1/3.
    scores = scoring.score_summary(scorer, "the cat", ["the cat sat on the mat"], convention)
    assert scores["rouge1"] == pytest.approx(50.0)
    assert scores["rouge2"] == pytest.approx(100 / 3)
    means = scoring.mean_scores([{"rouge1": 10.0, "rouge2": 2.0}, {"rouge1": 20.0, "rouge2": 4.0}])
    assert means == {"rouge1": 15.0, "rouge2": 3.0}


def test_oracle_picks_the_sentences_that_match_the_reference():
    convention = scoring.CONVENTIONS["duc2004"]
    sentences = ["Rain fell all day in Paris.", "Storms hit the coast on Monday.", "Markets were calm."]
    reference = "Storms hit the coast on Monday and rain fell in Paris."
    assert scoring.oracle_select(sentences, [reference], convention, budget=6) == [1]
    assert sorted(scoring.oracle_select(sentences, [reference], convention, budget=20)) == [0, 1]
