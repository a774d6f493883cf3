"""Test helpers that need no model download, usable in doctests and in users' own tests.

>>> vectors = HashingEmbedder(dim=16).encode(["the cat sat", "the cat sat", "dogs bark"])
>>> vectors.shape, bool((vectors[0] == vectors[1]).all())
((3, 16), True)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from summarizer.text import TOKEN


class HashingEmbedder:
    """A deterministic bag-of-words embedder: each lower-cased word hashes to one dimension.

    Sentences that share most words get a high cosine similarity, as with a real model.
    """

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)
