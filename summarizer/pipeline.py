"""The pipeline: the one place where the stages are wired together.

clean + segment → embed → graph → cluster → rank → select → (rewrite) → Summary.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from summarizer.batching import BatchError, ClusterLike, summarize_clusters
from summarizer.cluster import DEFAULT_THRESHOLD, cluster_sentences
from summarizer.documents import Document, DocumentLike, Sentence, as_documents
from summarizer.embed import Embedder
from summarizer.errors import InputError
from summarizer.graph import similarity_graph
from summarizer.order import reading_order
from summarizer.rank import RankedCluster, lexrank, rank_clusters
from summarizer.segment import split_sentences
from summarizer.select import DEFAULT_REDUNDANCY, select_clusters
from summarizer.summary import SUPPORTING, Disagreement, Summary, SummarySentence
from summarizer.text import word_count
from summarizer.timing import StageTimer
from summarizer.validation import (
    check_bool,
    check_budgets,
    check_choice,
    check_cosine,
    check_embeddings,
    check_model,
    check_positive_int,
    check_rewrite_model,
)
from summarizer.verify import verify_sentences

if TYPE_CHECKING:
    from summarizer.rewrite import Rewriter

logger = logging.getLogger(__name__)

#: Embedding backends for a model given by name or path (see :class:`Summarizer`).
EMBEDDING_BACKENDS = ("onnx", "torch")
#: Default length of a summary, in words.
DEFAULT_MAX_WORDS = 120
#: Clusters whose sentences :meth:`Summarizer.summarize_many` embeds together.
DEFAULT_BATCH_CLUSTERS = 32
#: Times the selection resumes to spend the words that rewrites freed (each round rewrites what it adds).
MAX_FILL_ROUNDS = 3


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
        check_choice("backend", backend, EMBEDDING_BACKENDS, "Summarizer")
        check_bool("progress", progress, "Summarizer")
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
        timer = StageTimer()
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
        check_budgets(max_words, max_sentences, "Summarizer.summarize_many")
        check_positive_int("batch_size", batch_size, "Summarizer.summarize_many")
        return summarize_clusters(
            self,
            clusters,
            max_words=max_words,
            max_sentences=max_sentences,
            batch_size=batch_size,
            progress=progress,
            rewrite=rewrite,
        )

    def _prepare(
        self,
        documents: Iterable[DocumentLike],
        *,
        max_words: int | None,
        max_sentences: int | None,
        timer: StageTimer,
    ) -> tuple[list[Document], list[Sentence]]:
        """Stage (a): check the budgets and documents, clean and segment; raises InputError."""
        check_budgets(max_words, max_sentences, "Summarizer.summarize")
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
        timer: StageTimer,
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
            chosen = reading_order(chosen, sentences, docs)
        logger.debug(
            "%d documents, %d sentences, %d clusters, %d ranked, %d chosen",
            len(docs),
            len(sentences),
            len(clusters),
            len(ranked),
            len(chosen),
        )
        with timer("verify"):
            summary_sentences, disagreements = _verify_extractive(chosen, sentences, docs, embeddings)
        if rewrite and summary_sentences:
            self.rewriter  # noqa: B018  (load it now: a missing model or dependency is raised before timing)
            with timer("rewrite"):
                chosen, summary_sentences = self._rewrite_and_fill(
                    chosen, summary_sentences, ranked, sentences, docs, embeddings, max_words, max_sentences
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

    def _rewrite_and_fill(
        self,
        chosen: list[RankedCluster],
        extractive: list[SummarySentence],
        ranked: list[RankedCluster],
        sentences: list[Sentence],
        docs: list[Document],
        embeddings: np.ndarray,
        max_words: int | None,
        max_sentences: int | None,
    ) -> tuple[list[RankedCluster], list[SummarySentence]]:
        """Rewrite the chosen clusters, then spend the words the rewrites freed on the next clusters.

        A rewrite is never longer than its extractive sentence, so the words it saves would
        be lost; the selection is resumed with them (the chosen clusters' content counts as
        covered) and the clusters it adds are rewritten too, until nothing more fits. Returns
        the clusters and their sentences in reading order, ready to be verified again.
        """
        from summarizer.rewrite import rewrite_sentences

        done: dict[int, SummarySentence] = {}
        new, new_sentences = chosen, extractive
        for round_ in range(1, MAX_FILL_ROUNDS + 1):
            sources = [_supporting_texts(c, s, sentences) for c, s in zip(new, new_sentences, strict=True)]
            rewritten = rewrite_sentences(new_sentences, sources, self.rewriter, self.embedder, progress=self.progress)
            done.update((c.representative, s) for c, s in zip(new, rewritten, strict=True))
            if max_words is None or round_ == MAX_FILL_ROUNDS:
                break
            used = sum(word_count(s.text) for s in done.values())
            sentences_left = None if max_sentences is None else max_sentences - len(done)
            if sentences_left == 0:
                break
            new = select_clusters(
                ranked,
                sentences,
                embeddings,
                max_words=max_words - used,
                max_sentences=sentences_left,
                redundancy=self.redundancy,
                taken=chosen,
            )
            if not new:
                break
            logger.debug("The rewrites freed %d words; %d more clusters fill them.", max_words - used, len(new))
            chosen = reading_order([*chosen, *new], sentences, docs)
            new_sentences, _ = _verify_extractive(new, sentences, docs, embeddings)
        return chosen, [done[c.representative] for c in chosen]


def _verify_extractive(
    chosen: Sequence[RankedCluster], sentences: list[Sentence], docs: list[Document], embeddings: np.ndarray
) -> tuple[list[SummarySentence], list[Disagreement]]:
    """Each chosen cluster voiced by its representative sentence, with its citations checked."""
    voiced = [SummarySentence(sentences[c.representative].text, (), c.score) for c in chosen]
    return verify_sentences(voiced, chosen, sentences, docs, embeddings)


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
    check_bool("rewrite", rewrite, "summarize()")
    global _default
    if _default is None:
        _default = Summarizer()
    summarizer = _default
    if min_sources != _default.min_sources:
        summarizer = Summarizer(_default.embedder, min_sources=min_sources, rewrite_model=_default._rewriter)
    return summarizer.summarize(documents, max_words=max_words, max_sentences=max_sentences, rewrite=rewrite)
