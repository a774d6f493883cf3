"""The sparse sentence-similarity graph that clustering and ranking share.

Each sentence is linked to its ``k`` most similar sentences (cosine similarity of the
unit-length embeddings), found with faiss, so memory grows with ``n * k`` rather than
``n * n``. Up to :data:`EXACT_LIMIT` sentences the search is exact (a flat inner-product
index, one BLAS product per block); beyond it an inverted-file index (about √n k-means
cells, :data:`PROBES` searched per query) keeps the time near-linear. On real news
embeddings the approximate search still finds every pair above the clustering threshold
(benchmarks/scale.py).

>>> import numpy as np
>>> vectors = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
>>> similarity_graph(vectors, k=1).toarray().round(2)
array([[0. , 0.8, 0. ],
       [0.8, 0. , 0.6],
       [0. , 0.6, 0. ]], dtype=float32)
"""

from __future__ import annotations

import faiss
import numpy as np
from scipy import sparse

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


def similarity_graph(embeddings: np.ndarray, k: int = DEFAULT_NEIGHBOURS) -> sparse.csr_matrix:
    """A symmetric sparse matrix of cosine similarities between each sentence and its ``k`` nearest.

    ``embeddings`` must have unit-length rows. Self-similarities are left out and negative
    similarities are dropped. The graph is symmetrised with the element-wise maximum, so an
    edge exists when either end has the other among its neighbours.
    """
    n = embeddings.shape[0]
    k = min(k, n - 1)
    if k < 1:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    vectors = np.ascontiguousarray(embeddings, dtype=np.float32)
    sims, cols = _index(vectors).search(vectors, k + 1)
    rows = np.repeat(np.arange(n), k + 1)
    sims, cols = sims.ravel(), cols.ravel()
    keep = (cols >= 0) & (rows != cols) & (sims > 0)
    graph = sparse.csr_matrix((sims[keep], (rows[keep], cols[keep])), shape=(n, n), dtype=np.float32)
    return graph.maximum(graph.T).tocsr()
