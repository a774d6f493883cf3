"""The pipeline: the one place where the stages are wired together.

clean + segment → embed → graph → cluster → rank → select → (rewrite) → Summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from summarizer.cluster import DEFAULT_THRESHOLD, cluster_sentences
from summarizer.documents import Document, DocumentLike, Sentence, as_documents
from summarizer.embed import Embedder, SentenceTransformerEmbedder
from summarizer.errors import InputError
from summarizer.graph import similarity_graph
from summarizer.rank import RankedCluster, lexrank, rank_clusters
from summarizer.segment import split_sentences
from summarizer.select import DEFAULT_REDUNDANCY, select_clusters
from summarizer.summary import Citation, Summary, SummarySentence

#: Default length of a summary, in words.
DEFAULT_MAX_WORDS = 120


def _check_budget(name: str, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(f"The {name!r} parameter must be a positive int or None. Got {value!r} instead.")


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
    ) -> None:
        _check_budget("min_sources", min_sources)
        self.embedder: Embedder = (
            model if model is not None and not isinstance(model, str) else SentenceTransformerEmbedder(model)
        )
        self.min_sources = min_sources
        self.cluster_threshold = cluster_threshold
        self.redundancy = redundancy

    def summarize(
        self,
        documents: Iterable[DocumentLike],
        *,
        max_words: int | None = DEFAULT_MAX_WORDS,
        max_sentences: int | None = None,
    ) -> Summary:
        """Summarize ``documents`` within ``max_words`` words and/or ``max_sentences`` sentences.

        Raises :class:`~summarizer.errors.InputError` for unusable documents or budgets.
        """
        _check_budget("max_words", max_words)
        _check_budget("max_sentences", max_sentences)
        if max_words is None and max_sentences is None:
            raise InputError("Give a budget: max_words, max_sentences or both.")
        docs = as_documents(documents)
        timer = _Timer()

        with timer("segment"):
            sentences = [s for doc in docs for s in split_sentences(doc)]
        if not sentences:
            raise InputError(
                f"None of the {len(docs)} documents has any text to summarize (they are empty, "
                "whitespace or boilerplate only)."
            )
        with timer("embed"):
            embeddings = self.embedder.encode([s.text for s in sentences])
        with timer("cluster"):
            graph = similarity_graph(embeddings)
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
            summary_sentences = tuple(_to_summary_sentence(c, sentences, docs) for c in chosen)
        return Summary(sentences=summary_sentences, documents=tuple(docs), timings=timer.seconds)


def _to_summary_sentence(cluster: RankedCluster, sentences: list[Sentence], docs: list[Document]) -> SummarySentence:
    """The cluster's representative text, cited to every member sentence in document order."""
    order = {doc.id: n for n, doc in enumerate(docs)}
    texts = {doc.id: doc.text for doc in docs}
    members = sorted((sentences[i] for i in cluster.members), key=lambda s: (order[s.doc_id], s.start))
    citations = tuple(Citation(s.doc_id, s.start, s.end, texts[s.doc_id][s.start : s.end]) for s in members)
    return SummarySentence(text=sentences[cluster.representative].text, citations=citations, score=cluster.score)


_default: Summarizer | None = None


def summarize(
    documents: Iterable[DocumentLike],
    *,
    max_words: int | None = DEFAULT_MAX_WORDS,
    max_sentences: int | None = None,
    min_sources: int = 1,
) -> Summary:
    """Summarize ``documents`` with a cached default :class:`Summarizer`.

    ``documents`` are strings (ids ``d1``, ``d2``, …), dicts with ``text`` and optional
    ``id``, ``title``, ``source``, ``url``, ``published``, or :class:`Document` objects.

    >>> summary = summarize(articles, max_words=120)  # doctest: +SKIP
    >>> print(summary.to_markdown())  # doctest: +SKIP
    """
    global _default
    if _default is None:
        _default = Summarizer()
    if min_sources != _default.min_sources:
        _check_budget("min_sources", min_sources)
        summarizer = Summarizer(_default.embedder, min_sources=min_sources)
    else:
        summarizer = _default
    return summarizer.summarize(documents, max_words=max_words, max_sentences=max_sentences)
