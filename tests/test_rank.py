from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from summarizer.cluster import Cluster
from summarizer.documents import Sentence
from summarizer.rank import lexrank, rank_clusters, sentence_quality


def test_lexrank_matches_a_hand_computed_chain():
    # a - b - c path: the middle node has twice the degree; with damping d and n = 3,
    # p_b = (1-d)/3 + d * (p_a + p_c), p_a = p_c = (1-d)/3 + d * p_b / 2.
    graph = sparse.csr_matrix([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=float)
    d = 0.85
    p_b = ((1 - d) / 3 + 2 * d * (1 - d) / 3) / (1 - d * d)
    p_a = (1 - d) / 3 + d * p_b / 2
    assert lexrank(graph, damping=d) == pytest.approx(np.array([p_a, p_b, p_a]) * 3, rel=1e-6)


def test_lexrank_with_isolated_nodes_sums_to_n():
    graph = sparse.csr_matrix((4, 4))
    assert lexrank(graph) == pytest.approx(np.ones(4))


LONG = "in the capital city on Thursday, as officials of both governments confirmed"  # 13 words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Mexico extradited 29 cartel members {LONG}.", 1.0),
        ("Mexico Extradites 29 Cartel Leaders Amid Pressure", 0.0),  # headline
        ("Too short.", 0.0),
        ("Mexico sent 29 people north.", 5 / 15),  # little content per word
        (f"However, he was recaptured by the Navy {LONG}.", 0.0),  # dangling opening
        (f"His handover marks a pivotal moment {LONG}.", 0.0),
        (f"\u201cThis shows the willingness to work with us {LONG}.\u201d", 0.0),  # a whole quotation, no speaker
        (f'"Right Now" debuted at No. 50 on the chart {LONG}.', 0.25),  # opens with a quotation, no speaker
        (f"The fire chief says crews arrived {LONG}, flam...", 0.0),  # a teaser, cut off
        (f'"This shows the willingness to work with us," Donovan said {LONG}.', 0.5),  # attributed quote
        (f'"This shows the willingness to work with us {LONG}.', 0.0),  # a piece of a quotation, no speaker
        (f'Donovan said: "This shows the willingness to work with us {LONG}.', 0.3),  # cut in two, speaker named
        (f"Without decisive action, cartels will continue to operate {LONG}.", 0.5),  # opinion
        (f"Will the cartels continue to operate {LONG}?", 0.5),  # question
    ],
)
def test_sentence_quality(text, expected):
    assert sentence_quality(text) == pytest.approx(expected, abs=1e-4)


def _sentence(doc, index, text):
    return Sentence(doc, index * 100, index * 100 + len(text), text, index, index)


def test_support_outranks_a_single_source_and_min_sources_filters():
    sentences = [
        _sentence("a", 0, "Mexico extradited 29 cartel members on Thursday night."),
        _sentence("b", 0, "Mexico sent 29 cartel members to the US on Thursday."),
        _sentence("c", 0, "Twenty-nine cartel members were sent north by Mexico."),
        _sentence("a", 1, "One outlet alone says the weather was very cold there."),
    ]
    embeddings = np.eye(4, dtype=np.float32)
    clusters = [Cluster((0, 1, 2)), Cluster((3,))]
    centrality = np.array([1.0, 1.0, 1.0, 1.2])
    ranked = rank_clusters(clusters, sentences, embeddings, centrality)
    assert [r.support for r in ranked] == [3, 1]
    assert ranked[0].score > ranked[1].score
    assert [r.support for r in rank_clusters(clusters, sentences, embeddings, centrality, min_sources=2)] == [3]


def test_the_voice_is_the_most_typical_member_that_reads_well():
    sentences = [
        _sentence("a", 0, "Mexico Extradites 29 Cartel Leaders"),  # headline: typical but not a sentence
        _sentence("b", 0, "Mexico sent 29 cartel members to the United States."),
        _sentence("c", 0, "Separately, a storm hit the coast of Texas on Monday."),
    ]
    embeddings = np.array([[1, 0], [0.95, 0.31], [0.6, 0.8]], dtype=np.float32)
    (ranked,) = rank_clusters([Cluster((0, 1, 2))], sentences, embeddings, np.ones(3))
    assert ranked.representative == 1


def test_loaded_wording_is_demoted_and_a_plainer_member_voices_the_fact():
    said = "Mexico extradited 29 alleged cartel members, including {} drug lord Rafael Caro Quintero, on Thursday."
    loaded, plain = said.format("notorious"), said.format("the")
    assert sentence_quality(loaded) < sentence_quality(plain) == 1.0
    assert sentence_quality("It was a pivotal moment in a battle that has plagued both nations for years.") < 1.0
    sents = [_sentence("a", 0, loaded), _sentence("b", 0, plain), _sentence("c", 0, loaded)]
    vectors = np.tile(np.eye(1, 4, dtype=np.float32), (3, 1))  # equally typical
    (cluster,) = rank_clusters([Cluster((0, 1, 2))], sents, vectors, np.ones(3))
    assert cluster.representative == 1


def test_support_counts_only_documents_that_do_not_contradict_the_voice():
    sents = [
        _sentence("a", 0, "The earthquake killed 40 people in Kobe on Thursday, officials said."),
        _sentence("b", 0, "The earthquake killed 12 people in Kobe on Thursday, officials said."),
        _sentence("c", 0, "Officials said the earthquake killed 12 people in Kobe on Thursday."),
    ]
    vectors = np.array([[1, 0], [0.9, 0.436], [0.9, 0.436]], dtype=np.float32)  # "a" is the most typical
    (cluster,) = rank_clusters([Cluster((0, 1, 2))], sents, vectors, np.ones(3))
    assert cluster.representative in (1, 2) and cluster.support == 2
