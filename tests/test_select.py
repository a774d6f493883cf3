from __future__ import annotations

import numpy as np

from summarizer.documents import Sentence
from summarizer.rank import RankedCluster
from summarizer.select import select_clusters


def setup():
    texts = ["one two three four five six.", "seven eight nine.", "ten eleven twelve thirteen.", "a b."]
    sentences = [Sentence("d", i * 50, i * 50 + len(t), t, i, 0) for i, t in enumerate(texts)]
    ranked = [
        RankedCluster((0,), 0, 3, 0.9, 4.0),
        RankedCluster((1,), 1, 2, 0.1, 3.0),
        RankedCluster((2,), 2, 2, 0.5, 2.0),
        RankedCluster((3,), 3, 1, 0.0, 1.0),
    ]
    return sentences, ranked


def test_budget_is_never_exceeded_and_smaller_sentences_fill_it():
    sentences, ranked = setup()
    vectors = np.eye(4, dtype=np.float32)
    chosen = select_clusters(ranked, sentences, vectors, max_words=9)
    # 6 words + 3 words fill 9; the 4-word sentence is skipped, the 2-word one does not fit.
    assert [c.representative for c in chosen] == [1, 0]
    assert sum(len(sentences[c.representative].text.split()) for c in chosen) <= 9


def test_sentence_budget_and_reading_order():
    sentences, ranked = setup()
    chosen = select_clusters(ranked, sentences, np.eye(4, dtype=np.float32), max_sentences=3)
    assert [c.representative for c in chosen] == [1, 2, 0]  # ordered by position


def test_redundant_sentences_are_skipped():
    sentences, ranked = setup()
    vectors = np.eye(4, dtype=np.float32)
    vectors[1] = vectors[0]  # sentence 1 says what sentence 0 says
    chosen = select_clusters(ranked, sentences, vectors, max_sentences=4)
    assert [c.representative for c in chosen] == [3, 2, 0]
