"""The bench data: clusters of documents with references (research-only, read by path, never copied here)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from summarizer import rename_duplicate_ids

ROOT = Path(__file__).resolve().parents[1]
#: Where the shared bench files are: ``../shared/bench`` beside the checkout.
BENCH = ROOT.parent / "shared" / "bench"
#: Where the benchmarks write their results.
RESULTS = ROOT / "benchmarks" / "results"


@dataclass
class Cluster:
    """One bench cluster: its documents (unique ids), reference summaries and stored peer outputs."""

    id: str
    dataset: str
    documents: list[dict[str, str]]
    references: list[str]
    peers: dict[str, str] = field(default_factory=dict)


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """Read a bench JSONL file with ``datasets``.

    A document listed twice in a cluster (same id, same text; DUC 2004 dev has eight) is read
    once: it is one article, not two sources. Another document under a repeated id gets
    ``#2``, ``#3``, … (:func:`summarizer.rename_duplicate_ids`).
    """
    from datasets import load_dataset

    rows = load_dataset("json", data_files=str(path), split="train")
    if limit is not None:
        rows = rows.select(range(min(limit, len(rows))))
    clusters = []
    for row in rows:
        listed = dict.fromkeys((doc["id"], doc["text"]) for doc in row["documents"])  # each article once, in order
        documents = rename_duplicate_ids([{"id": doc_id, "text": text} for doc_id, text in listed])
        peers = {k: v for k, v in (row.get("peers") or {}).items() if v is not None}
        clusters.append(Cluster(row["id"], row["dataset"], documents, list(row["references"]), peers))
    return clusters


def one_per_line(sentences: Iterable[str]) -> str:
    """Sentences joined one per line, each with its whitespace collapsed."""
    return "\n".join(" ".join(s.split()) for s in sentences if s.strip())
