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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from summarizer.documents import Document

#: Relations that count as support: the document states the sentence's fact.
SUPPORTING = ("supports", "partial")


@dataclass(frozen=True)
class Citation:
    """A source sentence cited for a summary sentence: ``doc_id`` and ``text[start:end]``.

    ``relation`` says what the source does for the sentence: ``"supports"`` (states its
    checkable facts), ``"partial"`` (the same fact with fewer details) or ``"conflicts"``
    (another value for the same thing); ``note`` says why, for the last two.
    """

    doc_id: str
    start: int
    end: int
    text: str
    relation: str = "supports"
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "relation": self.relation,
        }
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary with the checked source sentences cited for it.

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
        """The distinct documents that support this sentence (fully or partly), in citation order."""
        return tuple(dict.fromkeys(c.doc_id for c in self.citations if c.relation in SUPPORTING))

    @property
    def conflicting(self) -> tuple[str, ...]:
        """The distinct documents cited as stating something else for one of this sentence's facts."""
        return tuple(dict.fromkeys(c.doc_id for c in self.citations if c.relation == "conflicts"))

    @property
    def support(self) -> int:
        """How many distinct documents support this sentence; conflicting ones never count."""
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
class Claim:
    """One value that some documents state for a disputed fact, with the citations that state it."""

    value: str
    doc_ids: tuple[str, ...]
    citations: tuple[Citation, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "doc_ids": list(self.doc_ids),
            "citations": [{"doc_id": c.doc_id, "start": c.start, "end": c.end, "text": c.text} for c in self.citations],
        }


@dataclass(frozen=True)
class Disagreement:
    """A fact of the summary on which the documents disagree: what it is ``about`` and each claim.

    The first claim is the value the summary states.
    """

    about: str
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "claims": [c.to_dict() for c in self.claims]}


@dataclass(frozen=True)
class Summary:
    """The result of :func:`summarizer.summarize`.

    ``timings`` holds the seconds each pipeline stage took: ``segment`` (cleaning and
    sentence splitting together), ``embed``, ``cluster`` (the similarity graph and the
    clustering), ``rank``, ``select``, ``verify``, and ``rewrite`` when used.
    """

    sentences: tuple[SummarySentence, ...]
    documents: tuple[Document, ...]
    disagreements: tuple[Disagreement, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def text(self) -> str:
        """The summary as plain text, one paragraph."""
        return " ".join(s.text for s in self.sentences)

    def __str__(self) -> str:
        return self.text

    def _source_numbers(self) -> dict[str, int]:
        """1-based numbers for the documents that are cited, in input order."""
        cited = {c.doc_id for s in self.sentences for c in s.citations}
        return {d.id: n for n, d in enumerate((d for d in self.documents if d.id in cited), start=1)}

    def _differences(self, name: Callable[[str], str]) -> str:
        """The "Where the sources differ" section, documents named by ``name``; empty without disagreements."""
        if not self.disagreements:
            return ""
        lines = ["Where the sources differ:"]
        for disagreement in self.disagreements:
            claims = "; ".join(f"{c.value} {name(c.doc_ids)}" for c in disagreement.claims)
            lines.append(f"- {disagreement.about}: {claims}")
        return "\n".join(lines)

    def to_text(self) -> str:
        """The summary as plain text, then where the sources differ (documents by outlet or id)."""
        labels = {d.id: d.source or d.id for d in self.documents}
        differences = self._differences(lambda ids: "(" + ", ".join(labels[i] for i in ids) + ")")
        return self.text + (f"\n\n{differences}" if differences else "")

    def to_markdown(self) -> str:
        """Sentences with ``[n]`` markers of their supporting sources, where the sources differ, the sources."""
        numbers = self._source_numbers()

        def markers(doc_ids: Iterable[str]) -> str:
            return "".join(f"[{numbers[d]}]" for d in sorted(doc_ids, key=numbers.__getitem__))

        lines = [f"{sentence.text} {markers(sentence.sources)}".rstrip() for sentence in self.sentences]
        body = "\n".join(lines)
        differences = self._differences(markers)
        if differences:
            body += "\n\n" + differences
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
        """A JSON-ready dict: ``summary``, ``sentences`` (with citations), ``disagreements``, ``documents``."""
        return {
            "summary": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "disagreements": [d.to_dict() for d in self.disagreements],
            "documents": [d.to_dict() for d in self.documents],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
