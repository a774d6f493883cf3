"""Shared cases of the command-line tests: the seeds, small clusters, and cluster files."""

from __future__ import annotations

import json
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DUC = Path(__file__).resolve().parents[3] / "shared" / "bench" / "duc2004-dev.jsonl"


FACTS = [
    "Mexico extradited 29 cartel members to the United States on Thursday.",
    "Rafael Caro Quintero was among those sent to the United States.",
    "Officials said the transfer followed talks in Washington this week.",
]


def cluster(cluster_id: str, **extra) -> dict:
    docs = [{"id": f"{cluster_id}{n}", "text": " ".join(FACTS[n:] + FACTS[:n])} for n in range(3)]
    return {"id": cluster_id, "dataset": "test", "documents": docs, "references": ["r"], **extra}


def write_clusters(path: Path, lines: list) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return path
