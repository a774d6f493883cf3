"""The command line builds its Summarizer by name; these tests give it the hashing embedder."""

from __future__ import annotations

import pytest

from summarizer import Summarizer
from summarizer.cli import app
from summarizer.testing import HashingEmbedder


@pytest.fixture(autouse=True)
def built(monkeypatch) -> list[dict]:
    """The CLI builds its Summarizer by name: record the arguments, and embed with the hashing embedder."""
    calls: list[dict] = []

    def fake(model=None, **kwargs):
        calls.append({"model": model, **kwargs})
        return Summarizer(HashingEmbedder(), cluster_threshold=0.6, **kwargs)

    monkeypatch.setattr(app, "Summarizer", fake)
    return calls
