"""The sparse sentence-similarity graph that clustering and ranking share.

Each sentence is linked to its ``k`` most similar sentences (cosine similarity of the
unit-length embeddings), found with scikit-learn's nearest-neighbour search, so memory
grows with ``n * k`` rather than ``n * n``.

>>> import numpy as np
>>> vectors = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)
>>> similarity_graph(vectors, k=1).toarray().round(2)
array([[0. , 0.8, 0. ],
       [0.8, 0. , 0.6],
       [0. , 0.6, 0. ]], dtype=float32)
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.neighbors import NearestNeighbors

#: Neighbours kept per sentence.
DEFAULT_NEIGHBOURS = 20


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
    search = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(embeddings)
    distances, indices = search.kneighbors(embeddings)
    rows = np.repeat(np.arange(n), k + 1)
    sims = (1.0 - distances).astype(np.float32).ravel()
    cols = indices.ravel()
    keep = (rows != cols) & (sims > 0)
    graph = sparse.csr_matrix((sims[keep], (rows[keep], cols[keep])), shape=(n, n))
    return graph.maximum(graph.T).tocsr()
