from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from summarizer.cluster import DEFAULT_THRESHOLD, cluster_sentences


def test_every_sentence_is_in_exactly_one_cluster_and_members_are_close_to_the_centre():
    rng = np.random.default_rng(1)
    dense = rng.uniform(0, 1, size=(30, 30))
    dense = np.triu(dense, 1) + np.triu(dense, 1).T
    clusters = cluster_sentences(sparse.csr_matrix(dense), threshold=0.8)
    members = sorted(i for c in clusters for i in c.members)
    assert members == list(range(30))
    for cluster in clusters:
        centre = cluster.members[0]
        assert all(dense[centre, j] >= 0.8 for j in cluster.members[1:])


def test_no_chaining_through_a_middle_sentence():
    # a~b and b~c, but a and c are unrelated: b is the centre and takes both ...
    chain = sparse.csr_matrix([[0, 0.9, 0.1, 0], [0.9, 0, 0.9, 0], [0.1, 0.9, 0, 0.9], [0, 0, 0.9, 0]])
    clusters = cluster_sentences(chain, threshold=0.8)
    # ... the first centre (most neighbours, lowest index) is 1 with {0, 2}; 3 stays alone.
    assert [c.members for c in clusters] == [(1, 0, 2), (3,)]


@pytest.mark.model
def test_threshold_separates_paraphrases_from_related_sentences(real_summarizer):
    """The seed pairs that set DEFAULT_THRESHOLD: same fact above it, related facts below."""
    same = [
        (
            "Mexico has extradited 29 high-ranking organized crime operatives to the United States.",
            "Mexican authorities have extradited 29 individuals linked to various drug cartels to the United States.",
        ),
        (
            "Also extradited are Miguel Ángel Treviño Morales, former leaders of the violent Zetas cartel.",
            "Also among the extradited was Omar Treviño Morales, a leader of the Zetas cartel, and his brother.",
        ),
    ]
    related = [
        (
            "Mexico has extradited 29 high-ranking organized crime operatives to the United States.",
            "In response to mounting cartel violence, Mexico has intensified its crackdown on the Sinaloa cartel.",
        ),
        (
            '"Cartels are terrorist groups," Bondi stated.',
            "In response to mounting cartel violence, Mexico has intensified its crackdown on the Sinaloa cartel.",
        ),
    ]
    embed = real_summarizer.embedder.encode
    for a, b in same:
        va, vb = embed([a, b])
        assert float(va @ vb) >= DEFAULT_THRESHOLD, (a, b)
    for a, b in related:
        va, vb = embed([a, b])
        assert float(va @ vb) < DEFAULT_THRESHOLD, (a, b)


def test_issue_9_support_is_not_capped_by_the_neighbour_count():
    """120 documents state one fact in 120 wordings: the cluster holds every wording near its centre."""
    import itertools

    from summarizer import Summarizer
    from summarizer.graph import DEFAULT_NEIGHBOURS
    from summarizer.testing import HashingEmbedder

    subjects = ["Mexico", "Mexican authorities", "The Mexican government", "Mexico's government"]
    verbs = ["extradited", "sent", "handed over", "transferred", "delivered"]
    times = ["on Thursday", "this week", "on Thursday night", "late on Thursday", "in one day", "in a single operation"]
    wordings = [
        f"{s} {v} 29 cartel members to the United States {t}." for s, v, t in itertools.product(subjects, verbs, times)
    ]
    docs = [f"{w} Weather note w{i}a w{i}b w{i}c w{i}d." for i, w in enumerate(wordings)]
    vectors = HashingEmbedder().encode(wordings)
    near = (vectors @ vectors.T >= 0.6).sum(axis=1) - 1  # wordings within the threshold of each one
    assert len(wordings) == 120 and near.min() > 3 * DEFAULT_NEIGHBOURS

    summary = Summarizer(HashingEmbedder(), cluster_threshold=0.6).summarize(docs, max_sentences=1)
    (sentence,) = summary.sentences
    assert sentence.text in wordings
    assert sentence.support == 1 + near.max()  # the centre and every wording within the threshold of it
    assert sentence.support > 110
