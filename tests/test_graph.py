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
