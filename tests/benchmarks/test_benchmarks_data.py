"""benchmarks.data: the bench clusters as the benchmarks read them."""

from __future__ import annotations

import json

import pytest

from benchmarks import data


def test_a_document_listed_twice_is_read_once(tmp_path):
    pytest.importorskip("datasets")
    row = {
        "id": "c1",
        "dataset": "duc2004",
        "documents": [
            {"id": "APW1", "text": "Rain fell."},
            {"id": "APW1", "text": "Rain fell."},
            {"id": "APW1", "text": "Snow fell."},
            {"id": "NYT2", "text": "Rain fell."},
        ],
        "references": ["Rain fell."],
    }
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(row) + "\n")
    (cluster,) = data.load_clusters(path)
    assert [(d["id"], d["text"]) for d in cluster.documents] == [
        ("APW1", "Rain fell."),
        ("APW1#2", "Snow fell."),
        ("NYT2", "Rain fell."),
    ]
