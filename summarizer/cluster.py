"""Clustering: group sentences that say the same thing, across documents.

Greedy community detection on the sparse similarity graph, as in sentence-transformers'
``community_detection``: the sentence with the most neighbours above ``threshold`` becomes
a centre and takes its unassigned neighbours; repeat. Every member is within
``threshold`` of its centre, so clusters cannot drift by chaining.

>>> from scipy import sparse
>>> graph = sparse.csr_matrix([[0, .9, .1], [.9, 0, .2], [.1, .2, 0]])
>>> [c.members for c in cluster_sentences(graph, threshold=0.7)]
[(0, 1), (2,)]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

#: Cosine similarity above which two sentences count as saying the same thing
#: (all-MiniLM-L6-v2; see tests/test_cluster.py for the seed pairs that set it).
DEFAULT_THRESHOLD = 0.78


@dataclass(frozen=True)
class Cluster:
    """Indices of sentences that say the same thing; ``members[0]`` is the centre."""

    members: tuple[int, ...]


def cluster_sentences(graph: sparse.csr_matrix, threshold: float = DEFAULT_THRESHOLD) -> list[Cluster]:
    """Partition the graph's nodes into clusters of near-equivalent sentences (every node in one)."""
    strong = graph.multiply(graph >= threshold).tocsr()
    strong.eliminate_zeros()
    degree = np.diff(strong.indptr)
    order = np.lexsort((np.arange(graph.shape[0]), -degree))  # most neighbours first, then by index
    assigned = np.zeros(graph.shape[0], dtype=bool)
    clusters = []
    for centre in order:
        if assigned[centre]:
            continue
        row = slice(strong.indptr[centre], strong.indptr[centre + 1])
        neighbours = strong.indices[row][np.argsort(-strong.data[row], kind="stable")]
        members = [int(centre)] + [int(j) for j in neighbours if not assigned[j]]
        assigned[members] = True
        clusters.append(Cluster(tuple(members)))
    return clusters
