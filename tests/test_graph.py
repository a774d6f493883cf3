from __future__ import annotations

import numpy as np

from summarizer.graph import similarity_graph


def unit(rows):
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_graph_is_symmetric_sparse_and_has_no_self_loops():
    rng = np.random.default_rng(0)
    vectors = unit(rng.normal(size=(50, 8)))
    graph = similarity_graph(vectors, k=5)
    assert (graph != graph.T).nnz == 0
    assert graph.diagonal().sum() == 0
    assert graph.nnz <= 2 * 5 * 50
    dense = vectors @ vectors.T
    rows, cols = graph.nonzero()
    assert np.allclose(graph[rows, cols].A1, dense[rows, cols], atol=1e-5)


def test_each_node_keeps_its_nearest_neighbour():
    vectors = unit([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0.9, 0.1]])
    graph = similarity_graph(vectors, k=1).toarray()
    assert graph[0, 1] > 0.9 and graph[2, 3] > 0.9
    assert graph[0, 2] == 0


def test_tiny_inputs():
    assert similarity_graph(unit([[1, 0]]), k=5).shape == (1, 1)
    assert similarity_graph(np.zeros((0, 4), dtype=np.float32)).shape == (0, 0)


def test_large_inputs_use_the_approximate_index_and_find_near_duplicates(monkeypatch):
    import summarizer.graph as graph_module

    monkeypatch.setattr(graph_module, "EXACT_LIMIT", 500)
    rng = np.random.default_rng(2)
    centres = unit(rng.normal(size=(200, 32)))
    vectors = unit(np.repeat(centres, 5, axis=0) + rng.normal(scale=0.02, size=(1000, 32)))
    graph = similarity_graph(vectors, k=5)
    assert (graph != graph.T).nnz == 0 and graph.diagonal().sum() == 0
    dense = graph.toarray()
    for group in range(200):  # every sentence finds the other four copies of its centre
        members = range(group * 5, group * 5 + 5)
        for i in members:
            assert all(dense[i, j] > 0.9 for j in members if j != i)


def test_min_similarity_keeps_every_pair_above_it_beyond_k():
    rng = np.random.default_rng(3)
    centre = unit(rng.normal(size=(1, 16)))
    tight = unit(np.repeat(centre, 120, axis=0) + rng.normal(scale=0.05, size=(120, 16)))
    others = unit(rng.normal(size=(80, 16)))
    vectors = np.vstack([tight, others])
    dense = vectors @ vectors.T
    np.fill_diagonal(dense, 0)
    above = dense >= 0.78
    assert above[:120, :120].sum(axis=1).min() > 100  # far more neighbours above the threshold than k
    plain = similarity_graph(vectors, k=5).toarray()
    wide = similarity_graph(vectors, k=5, min_similarity=0.78).toarray()
    assert (plain[above] > 0).mean() < 0.2
    assert (wide[above] > 0).all()
    assert np.allclose(wide[above], dense[above], atol=1e-5)
    assert ((wide > 0) & ~above).sum() <= 2 * ((plain > 0) & ~above).sum()  # below it, still k per row
    assert (wide != wide.T).sum() == 0


def test_min_similarity_widens_with_the_approximate_index_too(monkeypatch):
    import summarizer.graph as graph_module

    monkeypatch.setattr(graph_module, "EXACT_LIMIT", 100)
    rng = np.random.default_rng(4)
    centres = unit(rng.normal(size=(4, 32)))
    vectors = unit(np.repeat(centres, 60, axis=0) + rng.normal(scale=0.02, size=(240, 32)))
    graph = similarity_graph(vectors, k=5, min_similarity=0.9).toarray()
    for group in range(4):  # each sentence is linked to all 59 others of its group
        block = graph[group * 60 : group * 60 + 60, group * 60 : group * 60 + 60]
        assert ((block > 0.9) | np.eye(60, dtype=bool)).all()
