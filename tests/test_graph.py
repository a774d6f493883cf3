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
