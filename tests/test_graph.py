from __future__ import annotations

import numpy as np
from scipy import sparse

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


def brute_force_graph(vectors, k, min_similarity):
    """The graph that similarity_graph builds, from a dense numpy product: the reference."""
    dense = vectors @ vectors.T
    np.fill_diagonal(dense, -np.inf)
    graph = np.zeros_like(dense)
    for i, row in enumerate(dense):
        keep = np.argsort(-row, kind="stable")[:k]
        keep = np.union1d(keep, np.flatnonzero(row >= min_similarity))
        keep = keep[row[keep] > 0]
        graph[i, keep] = row[keep]
    return np.maximum(graph, graph.T)


def planted_groups(seed, n, dim=64):
    """Unit vectors in groups of 1 to 60 around random centres, their similarities spread around 0.78."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, 60, size=n)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), n) + 1]
    centres = unit(rng.normal(size=(len(sizes), dim)))
    spread = np.repeat(rng.uniform(0.02, 0.1, size=len(sizes)), sizes)[:n, None]
    return unit(np.repeat(centres, sizes, axis=0)[:n] + spread * rng.normal(size=(n, dim)))


def test_the_exact_graph_and_its_clusters_equal_a_brute_force_search():
    """Up to EXACT_LIMIT sentences the graph is exact: every edge and value of a dense search, same clusters."""
    from summarizer.cluster import cluster_sentences

    vectors = planted_groups(5, 3000)
    graph = similarity_graph(vectors, k=20, min_similarity=0.78)
    reference = brute_force_graph(vectors, 20, 0.78)
    assert ((reference >= 0.78).sum(axis=1) > 20).sum() > 100  # many rows need the wider search
    assert np.array_equal(graph.toarray() != 0, reference != 0)
    assert np.allclose(graph.toarray(), reference, atol=1e-5)
    clusters = [c.members for c in cluster_sentences(graph, 0.78)]
    assert clusters == [c.members for c in cluster_sentences(sparse.csr_matrix(reference), 0.78)]


def test_repeated_vectors_are_searched_once_only_beyond_the_exact_limit(monkeypatch):
    import summarizer.graph as graph_module

    vectors = np.vstack([planted_groups(6, 300), planted_groups(6, 300)[:100]])  # 100 rows twice
    searched = []
    knn_graph = graph_module._knn_graph
    monkeypatch.setattr(graph_module, "_knn_graph", lambda v, *a: searched.append(len(v)) or knn_graph(v, *a))
    similarity_graph(vectors, k=5, min_similarity=0.78)
    monkeypatch.setattr(graph_module, "EXACT_LIMIT", 399)
    graph = similarity_graph(vectors, k=5, min_similarity=0.78).toarray()
    assert searched == [400, 300]
    assert (graph != graph.T).sum() == 0 and not graph.diagonal().any()
    assert np.allclose(graph[300:, 0:100].diagonal(), 1, atol=1e-5)  # each copy is linked to its original
    swapped = np.r_[300:400, 100:300, 0:100]  # each original's column in its copy's place, and back
    assert np.array_equal(graph[300:][:, swapped], graph[:100])  # and has the original's edges, to copies too
    dense = vectors @ vectors.T
    np.fill_diagonal(dense, 0)
    assert (graph[dense >= 0.78] > 0).all()
