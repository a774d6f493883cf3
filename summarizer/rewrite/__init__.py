"""Optional abstractive rewrite: fuse each cluster's source sentences into one checked sentence.

A :class:`Rewriter` turns the source sentences of one cluster (the representative sentence
first) into one neutral sentence. :func:`check_rewrite` rejects a rewrite whose numbers,
dates, names or negations are not in the sources, that is longer than the extractive
sentence, or whose embedding drifts from the sources; :func:`rewrite_sentences` then keeps
the extractive sentence and says why. Citations always come from the cluster, never from
the model.

The package, by job: ``prompt`` (the prompt and the cleaning of the output), ``backends``
(:class:`LlamaCppRewriter` for GGUF files, the default, and :class:`TransformersRewriter`;
:func:`load_rewriter` picks one), ``threads`` (llama.cpp's thread count), ``checks`` (one
named rule each, from :mod:`summarizer.facts`) and ``driver`` (:func:`rewrite_sentences`).

>>> from summarizer.testing import HashingEmbedder
>>> sources = ["Mexico extradited 29 cartel members to the US on Thursday."]
>>> check_rewrite("Mexico sent 29 cartel members to the US on Thursday.", sources, HashingEmbedder())
>>> check_rewrite("Mexico sent 30 cartel members to the US on Thursday.", sources, HashingEmbedder())
"states the number '30', which no source has"
"""

from summarizer.rewrite.backends import (
    DEFAULT_REWRITE_MODEL,
    REWRITE_BACKENDS,
    LlamaCppRewriter,
    Rewriter,
    TransformersRewriter,
    load_rewriter,
)
from summarizer.rewrite.checks import CHECKS, MIN_SIMILARITY, Draft, check_rewrite
from summarizer.rewrite.driver import rewrite_sentences
from summarizer.rewrite.prompt import MAX_SOURCE_WORDS, MAX_SOURCES, SYSTEM_PROMPT, build_messages, clean_output
from summarizer.rewrite.threads import default_threads

__all__ = [
    "CHECKS",
    "DEFAULT_REWRITE_MODEL",
    "MAX_SOURCES",
    "MAX_SOURCE_WORDS",
    "MIN_SIMILARITY",
    "REWRITE_BACKENDS",
    "SYSTEM_PROMPT",
    "Draft",
    "LlamaCppRewriter",
    "Rewriter",
    "TransformersRewriter",
    "build_messages",
    "check_rewrite",
    "clean_output",
    "default_threads",
    "load_rewriter",
    "rewrite_sentences",
]
