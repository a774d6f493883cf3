"""summarizer: cited, neutral summaries of several news articles about one event.

>>> from summarizer import summarize
>>> summary = summarize([article1, article2, article3], max_words=120)  # doctest: +SKIP
>>> print(summary.to_markdown())  # doctest: +SKIP

Every summary sentence cites the source sentences that support it, as character spans
into the documents' original text.
"""

from summarizer.documents import Document, Sentence, as_documents, read_documents
from summarizer.embed import Embedder, SentenceTransformerEmbedder
from summarizer.embed_onnx import OnnxEmbedder
from summarizer.errors import (
    ChecksumError,
    InputError,
    MissingDependencyError,
    ModelLoadError,
    SummarizerError,
)
from summarizer.pipeline import BatchError, Summarizer, summarize
from summarizer.rewrite import Rewriter, load_rewriter
from summarizer.segment import split_sentences
from summarizer.summary import Citation, Summary, SummarySentence

__all__ = [
    "BatchError",
    "ChecksumError",
    "Citation",
    "Document",
    "Embedder",
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
    "load_rewriter",
    "read_documents",
    "split_sentences",
    "summarize",
]
__version__ = "0.1.0"
