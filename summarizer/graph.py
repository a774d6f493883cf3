"""The sparse sentence-similarity graph that clustering and ranking share.

Each sentence is linked to its ``k`` most similar sentences (cosine similarity of the
unit-length embeddings), found with faiss, so memory grows with ``n * k`` rather than
``n * n``. Up to :data:`EXACT_LIMIT` sentences the search is exact (a flat inner-product
index, one BLAS product per block); beyond it an inverted-file index (about √n k-means
cells, :data:`PROBES` searched per query) keeps the time near-linear. On real news
embeddings the approximate search still finds every pair above the clustering threshold
(benchmarks/scale.py).

Beyond :data:`EXACT_LIMIT` identical vectors (a sentence repeated word for word, as wire
copy is) are searched once, as the pipeline embeds each distinct sentence once: the graph
of the distinct vectors is built, then every copy gets its vector's edges and an edge to
each of its other copies. Each distinct vector keeps its ``k`` nearest distinct vectors,
with all their copies.

With ``min_similarity`` (the pipeline passes its clustering threshold) a sentence whose
``k``-th neighbour is still at or above it is searched wider, 2k, 4k, … neighbours, until
the last one falls below it, as sentence-transformers' ``community_detection`` does: every
pair at or above ``min_similarity`` becomes an edge, so a fact that 120 documents state
in 120 wordings forms one cluster of 120 instead of one capped by ``k``.

>>> import numpy as np
>>> vectors = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
>>> similarity_graph(vectors, k=1).toarray().round(2)
array([[0. , 0.8, 0. ],
       [0.8, 0. , 0.6],
       [0. , 0.6, 0. ]], dtype=float32)
"""

from __future__ import annotations

import logging

import faiss
import numpy as np
from scipy import sparse

logger = logging.getLogger(__name__)

#: Neighbours kept per sentence.
DEFAULT_NEIGHBOURS = 20
#: Largest number of sentences searched exactly; larger inputs use an inverted-file index.
EXACT_LIMIT = 20_000
#: Inverted-file cells searched per query.
PROBES = 8


def _index(vectors: np.ndarray) -> faiss.Index:
    n, dim = vectors.shape
    if n <= EXACT_LIMIT:
        index = faiss.IndexFlatIP(dim)
    else:
        cells = int(np.sqrt(n))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, cells, faiss.METRIC_INNER_PRODUCT)
        index.cp.niter = 10
        index.cp.seed = 0
        index.train(vectors)
        index.nprobe = PROBES
    index.add(vectors)
    return index


def similarity_graph(
    embeddings: np.ndarray, k: int = DEFAULT_NEIGHBOURS, min_similarity: float | None = None
) -> sparse.csr_matrix:
    """A symmetric sparse matrix of cosine similarities between each sentence and its ``k`` nearest.

    ``embeddings`` must have unit-length rows. Self-similarities are left out and negative
    similarities are dropped. The graph is symmetrised with the element-wise maximum, so an
    edge exists when either end has the other among its neighbours. With ``min_similarity``
    each sentence also keeps every further neighbour at or above it (searched wider while
    the last one found is still above it).

    >>> vectors = np.repeat(np.eye(2, dtype=np.float32), 4, axis=0)  # two groups of 4 equal rows
    >>> similarity_graph(vectors, k=1, min_similarity=0.9).getnnz(axis=1).tolist()  # all 3 equals each
    [3, 3, 3, 3, 3, 3, 3, 3]
    """
    vectors = np.ascontiguousarray(embeddings, dtype=np.float32)
    if vectors.shape[0] > EXACT_LIMIT:
        first, inverse = _distinct_rows(vectors)
        if first.size < vectors.shape[0]:
            logger.debug("%d sentences, %d distinct vectors searched", vectors.shape[0], first.size)
            distinct = _knn_graph(vectors[first], k, min_similarity)
            return _with_copies(distinct, inverse, np.einsum("ij,ij->i", vectors[first], vectors[first]))
    return _knn_graph(vectors, k, min_similarity)


def _knn_graph(vectors: np.ndarray, k: int, min_similarity: float | None) -> sparse.csr_matrix:
    """The graph of :func:`similarity_graph` for contiguous float32 ``vectors``, each row searched."""
    n = vectors.shape[0]
    k = min(k, n - 1)
    if k < 1:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    index = _index(vectors)
    sims, cols = index.search(vectors, k + 1)
    rows = np.repeat(np.arange(n), k + 1)
    sims, cols = sims.ravel(), cols.ravel()
    keep = (cols >= 0) & (rows != cols) & (sims > 0)
    if min_similarity is not None:
        wide_rows, wide_sims, wide_cols = _wider(index, vectors, sims.reshape(n, k + 1), min_similarity)
        if wide_rows.size:
            keep &= ~np.isin(rows, wide_rows)  # those rows are replaced by their wider search
            wide_keep = (wide_cols >= 0) & (wide_rows != wide_cols) & (wide_sims > 0)
            rows = np.concatenate([rows[keep], wide_rows[wide_keep]])
            sims = np.concatenate([sims[keep], wide_sims[wide_keep]])
            cols = np.concatenate([cols[keep], wide_cols[wide_keep]])
            keep = np.ones(rows.shape, dtype=bool)
    graph = sparse.csr_matrix((sims[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float32)
    return graph.maximum(graph.T).tocsr()


def _distinct_rows(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first row of each distinct vector (in input order) and, for each row, the number of its vector.

    ``vectors[first][inverse]`` equals ``vectors`` (rows compared bit for bit).

    >>> _distinct_rows(np.array([[1, 0], [0, 1], [1, 0]], dtype=np.float32))
    (array([0, 1]), array([0, 1, 0]))
    """
    rows = vectors.view(np.dtype((np.void, vectors.dtype.itemsize * vectors.shape[1]))).ravel()
    _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
    order = np.argsort(first)  # np.unique numbers the distinct rows in sorted order; renumber by first occurrence
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return first[order], rank[inverse.ravel()]


def _with_copies(distinct: sparse.csr_matrix, inverse: np.ndarray, self_similarity: np.ndarray) -> sparse.csr_matrix:
    """The graph of all rows from the graph of their distinct vectors (``inverse`` maps each row to its vector).

    Copies ``i`` and ``j`` of vectors ``u`` and ``w`` are linked as ``u`` and ``w`` are, and two
    copies of ``u`` by its ``self_similarity``; there are no self-loops.

    >>> distinct = sparse.csr_matrix(np.array([[0, 0.5], [0.5, 0]], dtype=np.float32))
    >>> _with_copies(distinct, np.array([0, 1, 0]), np.ones(2, dtype=np.float32)).toarray()
    array([[0. , 0.5, 1. ],
           [0.5, 0. , 0.5],
           [1. , 0.5, 0. ]], dtype=float32)
    """
    n, m = inverse.size, distinct.shape[0]
    copies = sparse.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n), inverse)), shape=(n, m))
    linked = distinct + sparse.diags(self_similarity.astype(np.float32)).tocsr()
    graph = (copies @ linked @ copies.T).tocoo()
    off_diagonal = graph.row != graph.col
    return sparse.csr_matrix(
        (graph.data[off_diagonal], (graph.row[off_diagonal], graph.col[off_diagonal])), shape=(n, n)
    )


def _wider(
    index: faiss.Index, vectors: np.ndarray, sims: np.ndarray, min_similarity: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows whose last neighbour is at or above ``min_similarity``, searched wider until it is not.

    Returns flat ``(rows, sims, cols)`` of the widened rows: their first ``k + 1`` neighbours
    and every further one at or above ``min_similarity``.
    """
    n, width = sims.shape
    k_plus_1 = width
    pending = np.flatnonzero(sims[:, -1] >= min_similarity) if width < n else np.zeros(0, dtype=np.intp)
    found: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    while pending.size:
        width = min(2 * width, n)
        wide_sims, wide_cols = index.search(vectors[pending], width)
        for row, row_sims, row_cols in zip(pending, wide_sims, wide_cols, strict=True):
            take = np.arange(width) < k_plus_1
            take |= row_sims >= min_similarity
            found[int(row)] = (row_sims[take], row_cols[take])
        if width >= n:
            break
        pending = pending[wide_sims[:, -1] >= min_similarity]
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, np.zeros(0, dtype=np.float32), empty
    rows = np.concatenate([np.full(len(c), r, dtype=np.int64) for r, (_, c) in found.items()])
    return (
        rows,
        np.concatenate([s for s, _ in found.values()]).astype(np.float32),
        np.concatenate([c for _, c in found.values()]).astype(np.int64),
    )
