"""The output: a :class:`Summary` of :class:`SummarySentence` objects with :class:`Citation` spans.

A citation is a half-open character span into a document's original text, so
``document.text[c.start:c.end] == c.text`` always holds.

>>> c = Citation(doc_id="ap", start=0, end=10, text="Rain fell.")
>>> s = SummarySentence(text="Rain fell.", citations=(c,), score=1.0)
>>> summary = Summary(sentences=(s,), documents=(Document("Rain fell.", id="ap", source="AP"),))
>>> print(summary.to_markdown())
Rain fell. [1]
<BLANKLINE>
Sources:
[1] AP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from summarizer.documents import Document


@dataclass(frozen=True)
class Citation:
    """A source sentence that supports a summary sentence: ``doc_id`` and ``text[start:end]``."""

    doc_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary with every source sentence that says the same thing.

    ``rewritten`` is True when an abstractive model wrote ``text``; ``fallback_reason``
    says why a rewrite was rejected and the extractive sentence kept.
    """

    text: str
    citations: tuple[Citation, ...]
    score: float
    rewritten: bool = False
    fallback_reason: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct documents that support this sentence, in citation order."""
        return tuple(dict.fromkeys(c.doc_id for c in self.citations))

    @property
    def support(self) -> int:
        """How many distinct documents support this sentence."""
        return len(self.sources)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "sources": list(self.sources),
            "support": self.support,
            "score": round(self.score, 6),
            "citations": [c.to_dict() for c in self.citations],
            "rewritten": self.rewritten,
        }
        if self.fallback_reason is not None:
            out["fallback_reason"] = self.fallback_reason
        return out


@dataclass(frozen=True)
class Summary:
    """The result of :func:`summarizer.summarize`.

    ``timings`` holds the seconds each pipeline stage took (``clean``, ``segment``,
    ``embed``, ``cluster``, ``rank``, ``select``, and ``rewrite`` when used).
    """

    sentences: tuple[SummarySentence, ...]
    documents: tuple[Document, ...]
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        """The summary as plain text, one paragraph."""
        return " ".join(s.text for s in self.sentences)

    def __str__(self) -> str:
        return self.text

    def _source_numbers(self) -> dict[str, int]:
        """1-based numbers for the documents that are cited, in input order."""
        cited = {doc_id for s in self.sentences for doc_id in s.sources}
        return {d.id: n for n, d in enumerate((d for d in self.documents if d.id in cited), start=1)}

    def to_markdown(self) -> str:
        """Sentences with ``[n]`` markers, then a numbered list of the cited sources."""
        numbers = self._source_numbers()
        lines = []
        for sentence in self.sentences:
            markers = "".join(f"[{numbers[d]}]" for d in sorted(sentence.sources, key=numbers.__getitem__))
            lines.append(f"{sentence.text} {markers}")
        body = "\n".join(lines)
        sources = []
        for doc in self.documents:
            if doc.id not in numbers:
                continue
            label = " — ".join(x for x in (doc.source, doc.title) if x) or doc.id  # "Outlet — Title", else the id
            if doc.url:
                label += f" <{doc.url}>"
            sources.append(f"[{numbers[doc.id]}] {label}")
        return body + "\n\nSources:\n" + "\n".join(sources)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: ``summary``, ``sentences`` (with citations) and ``documents``."""
        return {
            "summary": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "documents": [d.to_dict() for d in self.documents],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
