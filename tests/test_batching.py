"""Summarizer.summarize_many (issue 9): the same summaries as summarize, errors per cluster."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from summarizer import BatchError, InputError, Summarizer, Summary, as_documents, split_sentences
from summarizer.testing import HashingEmbedder
from tests.cases import FACTS as ALL_FACTS

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "duc2004-dev.jsonl"

FACTS = ALL_FACTS[:5]


class CountingEmbedder(HashingEmbedder):
    """Records every call, so tests can see how sentences were batched."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


def clusters(n: int) -> list[list[str]]:
    """``n`` small clusters that share some sentences and differ in others."""
    out = []
    for i in range(n):
        a = f"{FACTS[i % 5]} Report {i} says the weather was mild."
        b = f"{FACTS[(i + 1) % 5]} {FACTS[i % 5]}"
        out.append([a, b, FACTS[(i + 2) % 5]])
    return out


def test_batch_results_equal_single_results_and_sentences_are_embedded_once_per_chunk():
    embedder = CountingEmbedder()
    summarizer = Summarizer(embedder, cluster_threshold=0.6)
    inputs = clusters(7)
    singles = [summarizer.summarize(c, max_words=30) for c in inputs]
    embedder.calls.clear()
    batch = list(summarizer.summarize_many(inputs, max_words=30, batch_size=3))
    assert batch == singles
    assert [s.to_dict() for s in batch] == [s.to_dict() for s in singles]
    # 7 clusters in chunks of 3, 3, 1; each call embeds the distinct sentences of its chunk once
    chunks = [inputs[0:3], inputs[3:6], inputs[6:7]]
    expected = [
        sorted({s.text for c in chunk for d in as_documents(c) for s in split_sentences(d)}) for chunk in chunks
    ]
    assert [sorted(call) for call in embedder.calls] == expected
    assert all(len(call) == len(set(call)) for call in embedder.calls)
    assert all(r.timings["embed"] > 0 and "segment" in r.timings for r in batch)


def test_mappings_keep_their_ids_and_other_keys_are_ignored(fake_summarizer):
    rows = [
        {"id": "x", "documents": [{"id": "ap", "text": FACTS[0]}, FACTS[0]], "references": ["..."]},
        {"documents": [FACTS[1]]},
    ]
    first, second = fake_summarizer.summarize_many(rows, max_sentences=1)
    assert first.sentences[0].sources == ("ap", "d2")
    assert second == fake_summarizer.summarize([FACTS[1]], max_sentences=1)


def test_a_failing_cluster_yields_an_error_and_the_others_go_on(fake_summarizer):
    inputs = [
        [FACTS[0], FACTS[1]],
        {"id": "empty", "documents": ["", "   "]},
        {"id": "no-docs"},
        "a bare string is not a list of documents",
        {"id": "dup", "documents": [{"id": "a", "text": FACTS[0]}, {"id": "a", "text": FACTS[1]}]},
        [FACTS[2], FACTS[3]],
    ]
    results = list(fake_summarizer.summarize_many(inputs, max_words=40, batch_size=4))
    assert len(results) == 6
    assert results[0] == fake_summarizer.summarize(inputs[0], max_words=40)
    assert results[5] == fake_summarizer.summarize(inputs[5], max_words=40)
    errors = results[1:5]
    assert all(isinstance(e, BatchError) and e.error_type == "InputError" for e in errors)
    assert [e.id for e in errors] == ["empty", "no-docs", 3, "dup"]
    assert "has any text" in errors[0].error and "'documents'" in errors[1].error
    assert "wrap it in a list" in errors[2].error and "used twice" in errors[3].error
    assert json.loads(json.dumps(errors[0].to_dict()))["id"] == "empty"


class FailsOnWord(HashingEmbedder):
    """Fails on any call that contains a sentence with ``word``, like a model that chokes on one input."""

    def __init__(self, word: str) -> None:
        super().__init__()
        self.word = word

    def encode(self, texts):
        if any(self.word in t for t in texts):
            raise RuntimeError(f"cannot embed {self.word!r}")
        return super().encode(texts)


def test_an_embedding_failure_is_confined_to_its_cluster():
    summarizer = Summarizer(FailsOnWord("poison"), cluster_threshold=0.6)
    inputs = [[FACTS[0]], ["This poison sentence breaks the model."], [FACTS[1]]]
    first, bad, last = summarizer.summarize_many(inputs, max_words=30)
    assert first == summarizer.summarize(inputs[0], max_words=30)
    assert last == summarizer.summarize(inputs[2], max_words=30)
    assert bad == BatchError(id=1, error="cannot embed 'poison'", error_type="RuntimeError")


def test_results_are_lazy_and_in_order_for_a_generator(fake_summarizer):
    consumed = []

    def source():
        for i, cluster in enumerate(clusters(5)):
            consumed.append(i)
            yield cluster

    results = fake_summarizer.summarize_many(source(), max_words=20, batch_size=2)
    assert consumed == []
    first = next(results)
    assert consumed == [0, 1] and isinstance(first, Summary)
    assert len([first, *results]) == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_words": 0}, "max_words"),
        ({"max_words": None}, "Give a budget"),
        ({"batch_size": 0}, "batch_size"),
    ],
)
def test_bad_settings_raise_at_once(fake_summarizer, kwargs, message):
    with pytest.raises(InputError, match=message):
        fake_summarizer.summarize_many(clusters(2), **kwargs)


@pytest.mark.model
@pytest.mark.skipif(not BENCH.exists(), reason="needs ../shared/bench")
def test_real_model_batch_equals_single_on_bench_and_seed_clusters(real_summarizer, seed_documents):
    rows = [json.loads(line) for line in BENCH.read_text(encoding="utf-8").splitlines()[:2]]
    inputs = [seed_documents, *[[d["text"] for d in row["documents"]] for row in rows], seed_documents[:2]]
    singles = [real_summarizer.summarize(c, max_words=100) for c in inputs]
    batch = list(real_summarizer.summarize_many(inputs, max_words=100))
    assert [b.to_dict() for b in batch] == [s.to_dict() for s in singles]
    assert batch[0].sentences and np.isclose(batch[0].sentences[0].score, singles[0].sentences[0].score)
