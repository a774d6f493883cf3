"""Argument checks shared by the pipeline: every message has the same shape.

"The 'x' parameter of Y must be …. Got … instead." (scikit-learn's shape), raised as
:class:`~summarizer.errors.InputError` at construction, before any model loads.

>>> check_positive_int("min_sources", None, "Summarizer")
Traceback (most recent call last):
...
summarizer.errors.InputError: The 'min_sources' parameter of Summarizer must be a positive int. Got None instead.
>>> check_embeddings([[1.0, 0.0]], 1, "MyEmbedder")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
summarizer.errors.InputError: The embedder MyEmbedder returned a list from encode(); it must return a numpy array...
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from numbers import Real
from typing import TYPE_CHECKING

import numpy as np

from summarizer.errors import InputError

if TYPE_CHECKING:
    from summarizer.embed import Embedder


def check_positive_int(name: str, value: object, owner: str, *, allow_none: bool = False) -> None:
    """Raise unless ``value`` is an int ≥ 1 (or ``None`` when ``allow_none``); bools are not ints here."""
    if value is None and allow_none:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        expected = "a positive int or None" if allow_none else "a positive int"
        raise InputError(f"The {name!r} parameter of {owner} must be {expected}. Got {value!r} instead.")


def check_choice(name: str, value: object, choices: Sequence[object], owner: str, *, allow_none: bool = False) -> None:
    """Raise unless ``value`` is one of ``choices`` (or ``None`` when ``allow_none``).

    >>> check_choice("backend", "tf", ("onnx", "torch"), "Summarizer")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    summarizer.errors.InputError: The 'backend' parameter of Summarizer must be one of ('onnx', 'torch'). Got 'tf'...
    """
    if (value is None and allow_none) or value in choices:
        return
    expected = f"one of {tuple(choices)}" + (" or None" if allow_none else "")
    raise InputError(f"The {name!r} parameter of {owner} must be {expected}. Got {value!r} instead.")


def check_bool(name: str, value: object, owner: str) -> None:
    """Raise unless ``value`` is ``True`` or ``False``."""
    if not isinstance(value, bool):
        raise InputError(f"The {name!r} parameter of {owner} must be True or False. Got {value!r} instead.")


def check_budgets(max_words: object, max_sentences: object, owner: str) -> None:
    """Raise unless both budgets are positive ints or ``None``, and at least one is given.

    >>> check_budgets(None, None, "Summarizer.summarize")
    Traceback (most recent call last):
    ...
    summarizer.errors.InputError: Give a budget: max_words, max_sentences or both.
    """
    check_positive_int("max_words", max_words, owner, allow_none=True)
    check_positive_int("max_sentences", max_sentences, owner, allow_none=True)
    if max_words is None and max_sentences is None:
        raise InputError("Give a budget: max_words, max_sentences or both.")


def check_cosine(name: str, value: object, owner: str) -> float:
    """Return ``value`` as a float if it is a real number in [-1, 1] (a cosine similarity)."""
    if isinstance(value, bool) or not isinstance(value, Real) or not -1.0 <= float(value) <= 1.0:
        raise InputError(
            f"The {name!r} parameter of {owner} must be a number between -1 and 1 (a cosine similarity). "
            f"Got {value!r} instead."
        )
    return float(value)


def check_model(model: object, backend: str = "onnx") -> Embedder:
    """The embedder for ``Summarizer(model=...)``: a name or path, an object with ``encode``, or ``None``.

    A name or path is exported once to an ONNX graph and run by OpenVINO or ONNX Runtime
    (``backend="onnx"``, which falls back to PyTorch for models it cannot serve) or by
    sentence-transformers (``backend="torch"``).
    """
    from summarizer.embed import SentenceTransformerEmbedder
    from summarizer.embed_onnx import OnnxEmbedder

    if isinstance(model, os.PathLike):
        model = os.fspath(model)
    if model is None or isinstance(model, str):
        return OnnxEmbedder(model) if backend == "onnx" else SentenceTransformerEmbedder(model)
    if callable(getattr(model, "encode", None)):
        return model  # type: ignore[return-value]
    raise InputError(
        "The 'model' parameter of Summarizer must be a sentence-transformers model name or path (str), "
        f"an object with an encode(texts) method, or None. Got {type(model).__name__} ({model!r:.60}) instead."
    )


def check_rewrite_model(model: object) -> object:
    """``model`` (a path as a str) if it is ``None``, a name or path, or an object with a ``rewrite`` method."""
    if isinstance(model, os.PathLike):
        return os.fspath(model)
    if model is None or isinstance(model, str) or callable(getattr(model, "rewrite", None)):
        return model
    raise InputError(
        "The 'rewrite_model' parameter of Summarizer must be a model name or path (str), an object with a "
        f"rewrite(sources) method, or None. Got {type(model).__name__} ({model!r:.60}) instead."
    )


def check_embeddings(vectors: object, n_texts: int, embedder: object) -> np.ndarray:
    """Check what an embedder's ``encode`` returned: an ``(n_texts, dim)`` float array of finite values."""
    name = embedder if isinstance(embedder, str) else type(embedder).__name__
    if not isinstance(vectors, np.ndarray):
        raise InputError(
            f"The embedder {name} returned a {type(vectors).__name__} from encode(); it must return a numpy "
            "array of shape (n_texts, dim)."
        )
    if vectors.ndim != 2 or vectors.shape[0] != n_texts:
        raise InputError(
            f"The embedder {name} returned an array of shape {vectors.shape} for {n_texts} texts; "
            f"encode() must return one row per text, shape ({n_texts}, dim)."
        )
    if not np.issubdtype(vectors.dtype, np.floating) and not np.issubdtype(vectors.dtype, np.integer):
        raise InputError(f"The embedder {name} returned an array of {vectors.dtype}; encode() must return floats.")
    vectors = np.asarray(vectors, dtype=np.float32)
    if not np.isfinite(vectors).all():
        raise InputError(f"The embedder {name} returned NaN or infinite values; check the model and its input.")
    return vectors
