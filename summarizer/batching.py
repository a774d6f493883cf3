"""Many clusters at once (:meth:`Summarizer.summarize_many`): the sentences of several clusters are
embedded together, then each cluster goes through the rest of the pipeline on its own.

A cluster that fails becomes a :class:`BatchError` and the others go on; results come back in
input order, lazily, so a stream of clusters (a JSONL file, a ``datasets.Dataset``) never has to
fit in memory.
"""

from __future__ import annotations

import itertools
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from summarizer.documents import Document, DocumentLike, Sentence
from summarizer.errors import InputError, MissingDependencyError, ModelLoadError, SummarizerError
from summarizer.summary import Summary
from summarizer.timing import StageTimer

if TYPE_CHECKING:
    from summarizer.pipeline import Summarizer

logger = logging.getLogger(__name__)

#: One cluster for :meth:`Summarizer.summarize_many`: its documents, or a mapping with
#: ``documents`` and an optional ``id``.
ClusterLike = Iterable[DocumentLike] | Mapping[str, object]
#: A cluster ready to embed: its slot in the chunk, documents, sentences and timer.
_Prepared = tuple[int, list[Document], list[Sentence], StageTimer]


@dataclass(frozen=True)
class BatchError:
    """The result of :meth:`Summarizer.summarize_many` for a cluster that could not be summarized.

    ``id`` is the cluster's ``id`` (or its 0-based position when it has none), ``error``
    the message and ``error_type`` the exception's class name.

    >>> BatchError(id=3, error="No documents were given.", error_type="InputError").to_dict()
    {'id': 3, 'error': 'No documents were given.', 'error_type': 'InputError'}
    """

    id: str | int
    error: str
    error_type: str

    def to_dict(self) -> dict[str, str | int]:
        """A JSON-ready dict: ``id``, ``error`` and ``error_type``."""
        return {"id": self.id, "error": self.error, "error_type": self.error_type}


def summarize_clusters(
    summarizer: Summarizer,
    clusters: Iterable[ClusterLike],
    *,
    max_words: int | None,
    max_sentences: int | None,
    batch_size: int,
    progress: bool,
    rewrite: bool,
) -> Iterator[Summary | BatchError]:
    """One result per cluster, in input order, ``batch_size`` clusters embedded together at a time."""
    from tqdm.auto import tqdm

    total = len(clusters) if isinstance(clusters, Sized) else None
    items = enumerate(clusters)
    with tqdm(total=total, unit="cluster", disable=not progress, file=sys.stderr) as bar:
        while chunk := list(itertools.islice(items, batch_size)):
            for result in _summarize_chunk(summarizer, chunk, max_words, max_sentences, rewrite):
                bar.update(1)
                yield result


def _summarize_chunk(
    summarizer: Summarizer,
    chunk: list[tuple[int, ClusterLike]],
    max_words: int | None,
    max_sentences: int | None,
    rewrite: bool,
) -> list[Summary | BatchError]:
    """Prepare every cluster of ``chunk``, embed their sentences together, then finish each."""
    results: list[Summary | BatchError | None] = [None] * len(chunk)
    prepared: list[_Prepared] = []
    for slot, entry in enumerate(chunk):
        timer = StageTimer()
        try:
            docs, sentences = summarizer._prepare(
                _cluster_documents(entry), max_words=max_words, max_sentences=max_sentences, timer=timer
            )
        except Exception as err:
            results[slot] = _batch_error(_cluster_id(entry), err)
            continue
        prepared.append((slot, docs, sentences, timer))
    for slot, docs, sentences, timer, embeddings in _embed_chunk(summarizer, prepared, results, chunk):
        try:
            results[slot] = summarizer._summarize_embedded(
                docs,
                sentences,
                embeddings,
                max_words=max_words,
                max_sentences=max_sentences,
                rewrite=rewrite,
                timer=timer,
            )
        except Exception as err:
            results[slot] = _batch_error(_cluster_id(chunk[slot]), err)
    return results  # type: ignore[return-value]  # every slot is filled


def _embed_chunk(
    summarizer: Summarizer,
    prepared: list[_Prepared],
    results: list[Summary | BatchError | None],
    chunk: list[tuple[int, ClusterLike]],
) -> Iterator[tuple[int, list[Document], list[Sentence], StageTimer, np.ndarray]]:
    """The chunk's embeddings per cluster; if the shared call fails, each cluster is retried alone."""
    if not prepared:
        return
    texts = [s.text for _, _, sentences, _ in prepared for s in sentences]
    start = time.perf_counter()
    try:
        embeddings = summarizer._embed(texts)
    except (ModelLoadError, MissingDependencyError):
        raise  # not the fault of one cluster: every other one would fail the same way
    except Exception:
        logger.warning("Embedding %d clusters together failed; retrying them one by one.", len(prepared))
        for slot, docs, sentences, timer in prepared:
            try:
                with timer("embed"):
                    vectors = summarizer._embed([s.text for s in sentences])
            except Exception as err:
                results[slot] = _batch_error(_cluster_id(chunk[slot]), err)
                continue
            yield slot, docs, sentences, timer, vectors
        return
    seconds = time.perf_counter() - start
    offset = 0
    for slot, docs, sentences, timer in prepared:
        timer.seconds["embed"] = seconds * len(sentences) / len(texts)
        yield slot, docs, sentences, timer, embeddings[offset : offset + len(sentences)]
        offset += len(sentences)


def _batch_error(cluster_id: str | int, err: Exception) -> BatchError:
    if not isinstance(err, SummarizerError):  # a bug rather than a bad input: keep its traceback in the log
        logger.error("Cluster %r failed", cluster_id, exc_info=err)
    return BatchError(id=cluster_id, error=str(err), error_type=type(err).__name__)


def _cluster_id(entry: tuple[int, ClusterLike]) -> str | int:
    """A cluster's ``id``, or its 0-based position when it has none."""
    position, item = entry
    return item.get("id", position) if isinstance(item, Mapping) else position  # type: ignore[return-value]


def _cluster_documents(entry: tuple[int, ClusterLike]) -> Iterable[DocumentLike]:
    """A cluster's documents: the mapping's ``documents``, or the cluster itself."""
    _, item = entry
    if not isinstance(item, Mapping):
        return item
    if "documents" not in item:
        raise InputError(
            f"Cluster {_cluster_id(entry)!r} is a mapping without a 'documents' key (it has "
            f"{sorted(map(str, item))}). Give {{'id': ..., 'documents': [...]}} or a list of documents."
        )
    return item["documents"]  # type: ignore[return-value]
