"""Selection: the best clusters that fit the budget without saying anything twice, in reading order.

Greedy over clusters by score: a cluster is taken when its sentence fits the remaining
budget and is not too similar (cosine above ``redundancy``) to a sentence already taken.
The chosen sentences are then ordered by where their facts appear in the articles.

>>> import numpy as np
>>> from summarizer.rank import RankedCluster
>>> from summarizer.documents import Sentence
>>> sents = [Sentence("a", 0, 9, "One two three.", 0, 0), Sentence("a", 10, 20, "Four five.", 1, 0)]
>>> ranked = [RankedCluster((1,), 1, 1, 0.5, 2.0), RankedCluster((0,), 0, 1, 0.0, 1.0)]
>>> vectors = np.eye(2, dtype=np.float32)
>>> [c.representative for c in select_clusters(ranked, sents, vectors, max_words=5)]
[0, 1]
>>> [c.representative for c in select_clusters(ranked, sents, vectors, max_words=2)]
[1]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.documents import Sentence
from summarizer.rank import RankedCluster

#: Two summary sentences more similar than this count as saying the same thing.
DEFAULT_REDUNDANCY = 0.6


def word_count(text: str) -> int:
    """Words as whitespace-separated tokens, the unit of ``max_words``."""
    return len(text.split())


def select_clusters(
    ranked: Sequence[RankedCluster],
    sentences: Sequence[Sentence],
    embeddings: np.ndarray,
    *,
    max_words: int | None = None,
    max_sentences: int | None = None,
    redundancy: float = DEFAULT_REDUNDANCY,
) -> list[RankedCluster]:
    """Pick clusters best-first within ``max_words`` and/or ``max_sentences``; return them in reading order."""
    chosen: list[RankedCluster] = []
    words_left = max_words if max_words is not None else float("inf")
    sentences_left = max_sentences if max_sentences is not None else float("inf")
    for cluster in ranked:
        if sentences_left <= 0 or words_left <= 0:
            break
        words = word_count(sentences[cluster.representative].text)
        if words > words_left:
            continue
        if chosen:
            taken = embeddings[[c.representative for c in chosen]]
            if float((taken @ embeddings[cluster.representative]).max()) > redundancy:
                continue
        chosen.append(cluster)
        words_left -= words
        sentences_left -= 1
    return sorted(chosen, key=lambda c: (c.position, c.representative))
