"""The pipeline: the one place where the stages are wired together.

clean + segment → embed → graph → cluster → rank → select → (rewrite) → Summary.
"""

from __future__ import annotations

import itertools
import logging
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from summarizer.cluster import DEFAULT_THRESHOLD, cluster_sentences
from summarizer.documents import Document, DocumentLike, Sentence, as_documents
from summarizer.embed import Embedder
from summarizer.errors import InputError, MissingDependencyError, ModelLoadError, SummarizerError
from summarizer.graph import similarity_graph
from summarizer.rank import RankedCluster, lexrank, rank_clusters
from summarizer.segment import split_sentences
from summarizer.select import DEFAULT_REDUNDANCY, select_clusters
from summarizer.summary import SUPPORTING, Summary, SummarySentence
from summarizer.validation import check_cosine, check_embeddings, check_model, check_positive_int, check_rewrite_model
from summarizer.verify import verify_sentences

if TYPE_CHECKING:
    from summarizer.rewrite import Rewriter

logger = logging.getLogger(__name__)

#: Embedding backends for a model given by name or path (see :class:`Summarizer`).
BACKENDS = ("onnx", "torch")
#: Default length of a summary, in words.
DEFAULT_MAX_WORDS = 120
#: Clusters whose sentences :meth:`Summarizer.summarize_many` embeds together.
DEFAULT_BATCH_CLUSTERS = 32

#: One cluster for :meth:`Summarizer.summarize_many`: its documents, or a mapping with
#: ``documents`` and an optional ``id``.
ClusterLike = Iterable[DocumentLike] | Mapping[str, object]


def _check_budget(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"The {name!r} parameter must be a positive int or None. Got {value!r} instead.")


def _check_positive(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"The {name!r} parameter must be a positive int. Got {value!r} instead.")


def _check_budgets(max_words: int | None, max_sentences: int | None) -> None:
    _check_budget("max_words", max_words)
    _check_budget("max_sentences", max_sentences)
    if max_words is None and max_sentences is None:
        raise InputError("Give a budget: max_words, max_sentences or both.")


class _Timer:
    """Collects the seconds each stage takes."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start


class Summarizer:
    """Summarize several articles about one event into cited sentences.

    Holds the embedding model (loaded on first use, then reused) and the settings, so a
    program that summarizes many clusters pays the model load once.

    Args:
        model: a sentence-transformers model name or local path, or any object with an
            ``encode(texts) -> unit-row float32 array`` method. ``None`` is the offline
            default, all-MiniLM-L6-v2.
        min_sources: only facts stated by at least this many documents are summarized.
        cluster_threshold: cosine similarity above which sentences count as the same fact.
        redundancy: cosine similarity above which two summary sentences count as repeats.
        rewrite_model: the model that ``summarize(..., rewrite=True)`` uses: a name from
            ``python -m summarizer.models list``, a ``.gguf`` file, a transformers model
            folder or hub id, or an object with ``rewrite(sources) -> str``. ``None`` is
            the default, qwen2.5-coder-1.5b. Loaded on the first rewrite, then reused.
        progress: show a progress bar per rewritten sentence on stderr.
        backend: how a model given by name or path runs: ``"onnx"`` (the default: exported
            once into the cache, run by OpenVINO in bf16 where the CPU has it, cosine 0.99999
            to PyTorch's vectors, see :class:`OnnxEmbedder`; models it cannot serve fall back
            to PyTorch) or ``"torch"`` (sentence-transformers on PyTorch).

    Example (``embedder`` is a small deterministic stand-in for a real model)::

        >>> from summarizer.testing import HashingEmbedder
        >>> summarizer = Summarizer(model=HashingEmbedder())
        >>> summary = summarizer.summarize(
        ...     ["Mexico sent 29 cartel members to the United States on Thursday.",
        ...      "On Thursday Mexico sent 29 cartel members to the United States."],
        ...     max_words=20)
        >>> [(s.sources, s.support) for s in summary.sentences]
        [(('d1', 'd2'), 2)]
    """

    def __init__(
        self,
        model: str | Embedder | None = None,
        *,
        min_sources: int = 1,
        cluster_threshold: float = DEFAULT_THRESHOLD,
        redundancy: float = DEFAULT_REDUNDANCY,
        rewrite_model: str | Rewriter | None = None,
        progress: bool = False,
        backend: str = "onnx",
    ) -> None:
        check_positive_int("min_sources", min_sources, "Summarizer")
        rewrite_model = check_rewrite_model(rewrite_model)  # type: ignore[assignment]
        if backend not in BACKENDS:
            raise InputError(
                f"The 'backend' parameter of Summarizer must be one of {BACKENDS}. Got {backend!r} instead."
            )
        self.backend = backend
        self.embedder: Embedder = check_model(model, backend)
        self.min_sources = min_sources
        self.cluster_threshold = check_cosine("cluster_threshold", cluster_threshold, "Summarizer")
        self.redundancy = check_cosine("redundancy", redundancy, "Summarizer")
        self.rewrite_model = rewrite_model
        self.progress = progress
        self._rewriter: Rewriter | None = None if isinstance(rewrite_model, str | None) else rewrite_model

    @property
    def rewriter(self) -> Rewriter:
        """The rewrite model, loaded on first use (see ``rewrite_model``)."""
        if self._rewriter is None:
            from summarizer.rewrite import load_rewriter

            self._rewriter = load_rewriter(self.rewrite_model)  # type: ignore[arg-type]
        return self._rewriter

    def summarize(
        self,
        documents: Iterable[DocumentLike],
        *,
        max_words: int | None = DEFAULT_MAX_WORDS,
        max_sentences: int | None = None,
        rewrite: bool = False,
    ) -> Summary:
        """Summarize ``documents`` within ``max_words`` words and/or ``max_sentences`` sentences.

        With ``rewrite=True`` each selected cluster is rewritten by :attr:`rewriter` into one
        neutral sentence, checked against the cluster's sources; a rewrite that fails the
        check keeps the extractive sentence (``rewritten=False`` and a ``fallback_reason``).
        Citations are always the cluster's source sentences. Raises
        :class:`~summarizer.errors.InputError` for unusable documents or budgets.
        """
        timer = _Timer()
        docs, sentences = self._prepare(documents, max_words=max_words, max_sentences=max_sentences, timer=timer)
        with timer("embed"):
            embeddings = self._embed([s.text for s in sentences])
        return self._summarize_embedded(
            docs, sentences, embeddings, max_words=max_words, max_sentences=max_sentences, rewrite=rewrite, timer=timer
        )

    def summarize_many(
        self,
        clusters: Iterable[ClusterLike],
        *,
        max_words: int | None = DEFAULT_MAX_WORDS,
        max_sentences: int | None = None,
        batch_size: int = DEFAULT_BATCH_CLUSTERS,
        progress: bool = False,
        rewrite: bool = False,
    ) -> Iterator[Summary | BatchError]:
        """Summarize many clusters, yielding one result per cluster, in input order.

        Each cluster is a list of documents (as :meth:`summarize` takes them) or a mapping
        with ``documents`` and an optional ``id`` (other keys are ignored), so rows of a
        Hugging Face ``datasets.Dataset`` or of a JSONL file work as they are. The sentences
        of ``batch_size`` clusters at a time are embedded together, each distinct sentence
        once, in the embedder's length-sorted batches; everything else runs per cluster
        exactly as in :meth:`summarize`, so each :class:`Summary` equals what
        ``summarize(cluster)`` returns. A cluster that fails (unusable documents, or an
        error in a later stage) yields a :class:`BatchError` and the others go on. A bad
        budget raises :class:`~summarizer.errors.InputError` at once. ``progress`` shows a
        bar on stderr. In ``Summary.timings`` the ``embed`` seconds are the cluster's share
        (by sentence count) of its batch's embedding time.

        >>> from summarizer.testing import HashingEmbedder
        >>> summarizer = Summarizer(model=HashingEmbedder())
        >>> fact = "Mexico sent 29 cartel members to the United States on Thursday."
        >>> results = summarizer.summarize_many(
        ...     [{"id": "a", "documents": [fact, fact]}, {"id": "b", "documents": []}, [fact]],
        ...     max_words=20)
        >>> [r.sentences[0].support if isinstance(r, Summary) else r for r in results]
        [2, BatchError(id='b', error='No documents were given; pass a non-empty list of texts.', \
error_type='InputError'), 1]
        """
        _check_budgets(max_words, max_sentences)
        _check_positive("batch_size", batch_size)
        return self._summarize_many(
            clusters,
            max_words=max_words,
            max_sentences=max_sentences,
            batch_size=batch_size,
            progress=progress,
            rewrite=rewrite,
        )

    def _summarize_many(
        self,
        clusters: Iterable[ClusterLike],
        *,
        max_words: int | None,
        max_sentences: int | None,
        batch_size: int,
        progress: bool,
        rewrite: bool,
    ) -> Iterator[Summary | BatchError]:
        from tqdm.auto import tqdm

        total = len(clusters) if isinstance(clusters, Sized) else None
        items = enumerate(clusters)
        with tqdm(total=total, unit="cluster", disable=not progress, file=sys.stderr) as bar:
            while chunk := list(itertools.islice(items, batch_size)):
                for result in self._summarize_chunk(chunk, max_words, max_sentences, rewrite):
                    bar.update(1)
                    yield result

    def _summarize_chunk(
        self,
        chunk: list[tuple[int, ClusterLike]],
        max_words: int | None,
        max_sentences: int | None,
        rewrite: bool,
    ) -> list[Summary | BatchError]:
        """Prepare every cluster of ``chunk``, embed their sentences together, then finish each."""
        results: list[Summary | BatchError | None] = [None] * len(chunk)
        prepared: list[tuple[int, list[Document], list[Sentence], _Timer]] = []
        for slot, entry in enumerate(chunk):
            timer = _Timer()
            try:
                docs, sentences = self._prepare(
                    _cluster_documents(entry), max_words=max_words, max_sentences=max_sentences, timer=timer
                )
            except Exception as err:
                results[slot] = _batch_error(_cluster_id(entry), err)
                continue
            prepared.append((slot, docs, sentences, timer))
        for slot, docs, sentences, timer, embeddings in self._embed_chunk(prepared, results, chunk):
            try:
                results[slot] = self._summarize_embedded(
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
        self,
        prepared: list[tuple[int, list[Document], list[Sentence], _Timer]],
        results: list[Summary | BatchError | None],
        chunk: list[tuple[int, ClusterLike]],
    ) -> Iterator[tuple[int, list[Document], list[Sentence], _Timer, np.ndarray]]:
        """The chunk's embeddings per cluster; if the shared call fails, each cluster is retried alone."""
        if not prepared:
            return
        texts = [s.text for _, _, sentences, _ in prepared for s in sentences]
        start = time.perf_counter()
        try:
            embeddings = self._embed(texts)
        except (ModelLoadError, MissingDependencyError):
            raise  # not the fault of one cluster: every other one would fail the same way
        except Exception:
            logger.warning("Embedding %d clusters together failed; retrying them one by one.", len(prepared))
            for slot, docs, sentences, timer in prepared:
                try:
                    with timer("embed"):
                        vectors = self._embed([s.text for s in sentences])
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

    def _prepare(
        self,
        documents: Iterable[DocumentLike],
        *,
        max_words: int | None,
        max_sentences: int | None,
        timer: _Timer,
    ) -> tuple[list[Document], list[Sentence]]:
        """Stage (a): check the budgets and documents, clean and segment; raises InputError."""
        _check_budgets(max_words, max_sentences)
        docs = as_documents(documents)

        with timer("segment"):
            sentences = [s for doc in docs for s in split_sentences(doc)]
        if not sentences:
            raise InputError(
                f"None of the {len(docs)} documents has any text to summarize (they are empty, "
                "whitespace or boilerplate only)."
            )
        return docs, sentences

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        """Stage (b): embed ``texts``, each distinct text once (repeated sentences share a vector)."""
        rows: dict[str, int] = {}
        index = np.fromiter((rows.setdefault(text, len(rows)) for text in texts), dtype=np.intp, count=len(texts))
        unique = check_embeddings(self.embedder.encode(list(rows)), len(rows), self.embedder)
        return unique[index] if len(rows) < len(texts) else unique

    def _summarize_embedded(
        self,
        docs: list[Document],
        sentences: list[Sentence],
        embeddings: np.ndarray,
        *,
        max_words: int | None,
        max_sentences: int | None,
        rewrite: bool,
        timer: _Timer,
    ) -> Summary:
        """Stage (c): everything after embedding (graph, cluster, rank, select, verify, rewrite) → Summary."""
        with timer("cluster"):
            graph = similarity_graph(embeddings, min_similarity=self.cluster_threshold)
            clusters = cluster_sentences(graph, self.cluster_threshold)
        with timer("rank"):
            ranked = rank_clusters(clusters, sentences, embeddings, lexrank(graph), self.min_sources)
        with timer("select"):
            chosen = select_clusters(
                ranked,
                sentences,
                embeddings,
                max_words=max_words,
                max_sentences=max_sentences,
                redundancy=self.redundancy,
            )
        with timer("verify"):
            summary_sentences, disagreements = verify_sentences(
                [SummarySentence(sentences[c.representative].text, (), c.score) for c in chosen],
                chosen,
                sentences,
                docs,
                embeddings,
            )
        if rewrite and summary_sentences:
            from summarizer.rewrite import rewrite_sentences

            rewriter = self.rewriter  # a missing model or dependency is raised before timing
            with timer("rewrite"):
                sources = [_supporting_texts(c, s, sentences) for c, s in zip(chosen, summary_sentences, strict=True)]
                summary_sentences = rewrite_sentences(
                    summary_sentences, sources, rewriter, self.embedder, progress=self.progress
                )
                summary_sentences, disagreements = verify_sentences(
                    summary_sentences,
                    chosen,
                    sentences,
                    docs,
                    embeddings,
                    text_vectors=self._embed([s.text for s in summary_sentences]),
                )
        return Summary(
            sentences=tuple(summary_sentences),
            documents=tuple(docs),
            disagreements=tuple(disagreements),
            timings=timer.seconds,
        )


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


def _supporting_texts(cluster: RankedCluster, sentence: SummarySentence, sentences: list[Sentence]) -> list[str]:
    """The cleaned texts of the cluster sentences that support ``sentence``, its voice first."""
    supporting = {(c.doc_id, c.start) for c in sentence.citations if c.relation in SUPPORTING}
    others = [
        i
        for i in cluster.members
        if i != cluster.representative and (sentences[i].doc_id, sentences[i].start) in supporting
    ]
    return [sentences[i].text for i in (cluster.representative, *others)]


_default: Summarizer | None = None


def summarize(
    documents: Iterable[DocumentLike],
    *,
    max_words: int | None = DEFAULT_MAX_WORDS,
    max_sentences: int | None = None,
    min_sources: int = 1,
    rewrite: bool = False,
) -> Summary:
    """Summarize ``documents`` with a cached default :class:`Summarizer`.

    ``documents`` are strings (ids ``d1``, ``d2``, …), dicts with ``text`` and optional
    ``id``, ``title``, ``source``, ``url``, ``published``, or :class:`Document` objects.
    ``rewrite=True`` rewrites each sentence with the default rewrite model (see
    :class:`Summarizer`), which must be installed: ``python -m summarizer.models install``.

    >>> summary = summarize(articles, max_words=120)  # doctest: +SKIP
    >>> print(summary.to_markdown())  # doctest: +SKIP
    """
    check_positive_int("min_sources", min_sources, "summarize()")
    if not isinstance(rewrite, bool):
        raise InputError(f"The 'rewrite' parameter of summarize() must be True or False. Got {rewrite!r} instead.")
    global _default
    if _default is None:
        _default = Summarizer()
    summarizer = _default
    if min_sources != _default.min_sources:
        summarizer = Summarizer(_default.embedder, min_sources=min_sources, rewrite_model=_default._rewriter)
    return summarizer.summarize(documents, max_words=max_words, max_sentences=max_sentences, rewrite=rewrite)
