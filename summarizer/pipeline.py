"""The pipeline: the one place where the stages are wired together.

clean + segment → embed → graph → cluster → rank → select → (rewrite) → Summary.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from summarizer.cluster import DEFAULT_THRESHOLD, cluster_sentences
from summarizer.documents import DocumentLike, Sentence, as_documents
from summarizer.embed import Embedder
from summarizer.errors import InputError
from summarizer.graph import similarity_graph
from summarizer.rank import RankedCluster, lexrank, rank_clusters
from summarizer.segment import split_sentences
from summarizer.select import DEFAULT_REDUNDANCY, select_clusters
from summarizer.summary import SUPPORTING, Summary, SummarySentence
from summarizer.validation import check_cosine, check_embeddings, check_model, check_positive_int, check_rewrite_model
from summarizer.verify import verify_sentences

if TYPE_CHECKING:
    from summarizer.rewrite import Rewriter

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
        rewrite_model: the model that ``summarize(..., rewrite=True)`` uses: a name from
            ``python -m summarizer.models list``, a ``.gguf`` file, a transformers model
            folder or hub id, or an object with ``rewrite(sources) -> str``. ``None`` is
            the default, qwen2.5-coder-1.5b. Loaded on the first rewrite, then reused.
        progress: show a progress bar per rewritten sentence on stderr.

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
    ) -> None:
        check_positive_int("min_sources", min_sources, "Summarizer")
        rewrite_model = check_rewrite_model(rewrite_model)  # type: ignore[assignment]
        self.embedder: Embedder = check_model(model)
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
            embeddings = check_embeddings(embeddings, len(sentences), self.embedder)
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
                    text_vectors=self.embedder.encode([s.text for s in summary_sentences]),
                )
        return Summary(
            sentences=tuple(summary_sentences),
            documents=tuple(docs),
            disagreements=tuple(disagreements),
            timings=timer.seconds,
        )


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
