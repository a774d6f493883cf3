"""summarizer: cited, neutral summaries of several news articles about one event.

>>> from summarizer import summarize
>>> summary = summarize([article1, article2, article3], max_words=120)  # doctest: +SKIP
>>> print(summary.to_markdown())  # doctest: +SKIP

Every summary sentence cites the source sentences that support it, as character spans
into the documents' original text, and each citation is checked: it supports its
sentence, partly supports it, or conflicts with it. Where the documents disagree on a
fact, ``summary.disagreements`` says so.
"""

from summarizer.batching import BatchError
from summarizer.documents import Document, Sentence, as_documents, read_documents, rename_duplicate_ids
from summarizer.embed import Embedder, SentenceTransformerEmbedder
from summarizer.embed_onnx import OnnxEmbedder
from summarizer.errors import (
    ChecksumError,
    InputError,
    MissingDependencyError,
    ModelLoadError,
    SummarizerError,
)
from summarizer.facts import Facts, extract_facts
from summarizer.pipeline import Summarizer, summarize
from summarizer.rewrite import Rewriter, load_rewriter
from summarizer.segment import split_sentences
from summarizer.summary import Citation, Claim, Disagreement, Summary, SummarySentence

__all__ = [
    "BatchError",
    "ChecksumError",
    "Citation",
    "Claim",
    "Disagreement",
    "Document",
    "Embedder",
    "Facts",
    "InputError",
    "MissingDependencyError",
    "ModelLoadError",
    "OnnxEmbedder",
    "Rewriter",
    "Sentence",
    "SentenceTransformerEmbedder",
    "Summarizer",
    "SummarizerError",
    "Summary",
    "SummarySentence",
    "as_documents",
    "extract_facts",
    "load_rewriter",
    "read_documents",
    "rename_duplicate_ids",
    "split_sentences",
    "summarize",
]
__version__ = "0.1.0"
