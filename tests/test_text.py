"""summarizer.text: the one word count, and the shared word lists."""

from __future__ import annotations

import pytest

from summarizer.text import ENGLISH_STOP_WORDS, QUOTATION_ATTRIBUTIONS, WORD, first_words, is_attribution, word_count


def test_a_word_is_a_run_of_non_space_characters():
    text = "  The U.S.-Mexico deal,\tsigned\non Monday  "
    assert word_count(text) == 6 == len(WORD.findall(text))
    assert word_count("") == 0
    assert first_words(text, 3) == "The U.S.-Mexico deal,"


def test_the_stop_words_are_scikit_learns():
    text = pytest.importorskip("sklearn.feature_extraction.text")
    assert text.ENGLISH_STOP_WORDS == ENGLISH_STOP_WORDS


def test_the_quotation_attributions_are_attribution_verbs():
    assert all(is_attribution(word) for word in QUOTATION_ATTRIBUTIONS)
    assert [is_attribution(w) for w in ("Said", "according", "explained", "callous", "cartels")] == [
        True,
        True,
        True,
        False,
        False,
    ]
