"""Selection: the clusters that cover the most widely reported content within the budget.

Content is measured in *concepts*: stemmed word bigrams that are not two stop words. A
concept's weight is the number of documents that mention it, and only concepts that at
least :data:`CONCEPT_SHARE` of the documents mention count, so what several outlets report
weighs most (the concept model of Gillick & Favre's ICSI summarizer, solved greedily).
Clusters are taken one at a time by the weight of the concepts they add per word, times
the square root of their rank score; a cluster too similar (cosine above ``redundancy``)
to one already taken is skipped. When nothing adds a concept, the best-ranked cluster
that fits is taken. The chosen sentences are then ordered by where their facts appear in
the articles.

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
>>> [c.representative for c in select_clusters(ranked, sents, vectors, max_words=3, taken=ranked[:1])]
[0]
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from summarizer.documents import Sentence
from summarizer.rank import RankedCluster
from summarizer.text import ENGLISH_STOP_WORDS, word_count
from summarizer.text import stem as _stem

#: Two summary sentences more similar than this count as saying the same thing.
DEFAULT_REDUNDANCY = 0.6
#: A concept counts when at least this share of the documents (and at least two) mention it.
CONCEPT_SHARE = 0.4
#: Exponent of a cluster's rank score (relative to the best) in its selection value.
RANK_WEIGHT = 0.5

_TOKEN = re.compile(r"[a-z0-9]+")

Concept = tuple[str, str]


def concepts(text: str) -> set[Concept]:
    """The stemmed bigrams of ``text`` that are not made of two stop words.

    >>> sorted(concepts("The hurricanes hit Honduras"))
    [('hit', 'hondura'), ('hurrican', 'hit'), ('the', 'hurrican')]
    """
    tokens = [_stem(t) for t in _TOKEN.findall(text.lower())]
    return {(a, b) for a, b in itertools.pairwise(tokens) if not (a in ENGLISH_STOP_WORDS and b in ENGLISH_STOP_WORDS)}


def concept_weights(sentences: Sequence[Sentence]) -> dict[Concept, int]:
    """Document frequency of each concept that enough documents share (see :data:`CONCEPT_SHARE`)."""
    per_doc: dict[str, set[Concept]] = {}
    for s in sentences:
        per_doc.setdefault(s.doc_id, set()).update(concepts(s.text))
    frequency = Counter(c for found in per_doc.values() for c in found)
    least = max(2, math.ceil(CONCEPT_SHARE * len(per_doc)))
    return {c: n for c, n in frequency.items() if n >= least}


def select_clusters(
    ranked: Sequence[RankedCluster],
    sentences: Sequence[Sentence],
    embeddings: np.ndarray,
    *,
    max_words: int | None = None,
    max_sentences: int | None = None,
    redundancy: float = DEFAULT_REDUNDANCY,
    taken: Sequence[RankedCluster] = (),
) -> list[RankedCluster]:
    """Pick clusters within ``max_words`` and/or ``max_sentences``; return them in reading order.

    ``taken`` are clusters already in the summary (for filling words that a rewrite freed):
    their concepts count as covered and a candidate too similar to one of them is skipped;
    they are not returned again and do not count against the budgets.
    """
    weights = concept_weights(sentences)
    done = {c.representative for c in taken}
    candidates = [c for c in ranked if c.representative not in done]
    found = {c.representative: concepts(sentences[c.representative].text) for c in [*candidates, *taken]}
    words = {c.representative: word_count(sentences[c.representative].text) for c in candidates}
    best_score = max((c.score for c in [*candidates, *taken]), default=1.0) or 1.0
    covered: set[Concept] = set().union(*(found[c.representative] for c in taken))
    chosen: list[RankedCluster] = []
    words_left = max_words if max_words is not None else math.inf
    sentences_left = max_sentences if max_sentences is not None else math.inf
    while candidates and sentences_left > 0:
        fitting = [c for c in candidates if words[c.representative] <= words_left]
        if not fitting:
            break

        def value(c: RankedCluster, covered: set[Concept] = covered) -> float:
            gain = sum(weights.get(x, 0) for x in found[c.representative] - covered)
            return gain / words[c.representative] * (c.score / best_score) ** RANK_WEIGHT

        best = max(fitting, key=lambda c: (value(c), c.score))  # ties and no gain: by rank
        candidates.remove(best)
        if chosen or taken:
            summary = embeddings[[c.representative for c in [*taken, *chosen]]]
            if float((summary @ embeddings[best.representative]).max()) > redundancy:
                continue
        chosen.append(best)
        covered |= found[best.representative]
        words_left -= words[best.representative]
        sentences_left -= 1
    return sorted(chosen, key=lambda c: (c.position, c.representative))
