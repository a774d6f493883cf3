"""The driver: rewrite each summary sentence from its cluster's sources, or keep it and say why."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Sequence
from typing import Any

from summarizer.errors import InputError, MissingDependencyError, ModelLoadError
from summarizer.rewrite.backends import Rewriter
from summarizer.rewrite.checks import MIN_SIMILARITY, check_rewrite
from summarizer.rewrite.prompt import clean_output
from summarizer.summary import SummarySentence
from summarizer.text import word_count

logger = logging.getLogger(__name__)


def rewrite_sentences(
    sentences: Sequence[SummarySentence],
    sources: Sequence[Sequence[str]] | None,
    rewriter: Rewriter,
    embedder: Any,
    *,
    progress: bool = False,
    min_similarity: float = MIN_SIMILARITY,
) -> list[SummarySentence]:
    """Rewrite each summary sentence from its cluster's sources, or keep it and say why.

    ``sources[i]`` are the source sentences of ``sentences[i]``'s cluster, representative
    first; ``None`` takes each sentence's text followed by its citations' texts. A rewrite
    that passes :func:`~summarizer.rewrite.checks.check_rewrite` (and is no longer than the
    extractive sentence, so the word budget holds) replaces the text with ``rewritten=True``;
    otherwise the sentence is kept with ``rewritten=False`` and a ``fallback_reason``, also
    when the model raises. Citations and scores are never changed. A progress bar per cluster
    goes to stderr when ``progress``.

    >>> from summarizer.summary import Citation
    >>> from summarizer.testing import HashingEmbedder
    >>> class Echo:
    ...     def rewrite(self, sources):
    ...         return "Mexico sent 30 members."
    >>> s = SummarySentence("Mexico sent 29 members.", (Citation("ap", 0, 23, "Mexico sent 29 members."),), 1.0)
    >>> [out] = rewrite_sentences([s], None, Echo(), HashingEmbedder())
    >>> out.text, out.rewritten, out.fallback_reason
    ('Mexico sent 29 members.', False, "states the number '30', which no source has")
    """
    from tqdm.auto import tqdm

    if sources is None:
        sources = [[s.text, *(c.text for c in s.citations)] for s in sentences]
    if len(sources) != len(sentences):
        raise InputError(
            f"rewrite_sentences needs one list of sources per sentence. Got {len(sources)} lists "
            f"for {len(sentences)} sentences."
        )
    out: list[SummarySentence] = []
    for sentence, cluster in tqdm(
        list(zip(sentences, sources, strict=True)),
        desc="rewrite",
        unit="sentence",
        file=sys.stderr,
        disable=not progress,
    ):
        cluster = [c for c in cluster if c.strip()] or [sentence.text]
        try:
            candidate = rewriter.rewrite(cluster)
        except (MissingDependencyError, ModelLoadError):
            raise  # a broken set-up, not a bad sentence
        except Exception as err:  # any model failure falls back to the extractive sentence
            reason = f"the rewrite model failed: {type(err).__name__}: {err}"[:200]
            logger.debug("Rewrite failed for %r", sentence.text, exc_info=err)
            out.append(dataclasses.replace(sentence, rewritten=False, fallback_reason=reason))
            continue
        candidate = clean_output(candidate or "")  # also for rewriters that do not clean
        reason = check_rewrite(
            candidate, cluster, embedder, min_similarity=min_similarity, max_words=word_count(sentence.text)
        )
        if reason is None:
            out.append(dataclasses.replace(sentence, text=candidate, rewritten=True, fallback_reason=None))
        else:
            logger.debug("Rewrite %r rejected: %s", candidate, reason)
            out.append(dataclasses.replace(sentence, rewritten=False, fallback_reason=reason))
    return out
