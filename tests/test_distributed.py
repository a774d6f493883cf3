"""Ray Data integration (issue 9): on a local Ray, the summaries equal the in-process ones."""

from __future__ import annotations

import json

import pytest

from summarizer import Summarizer
from summarizer.distributed import SummarizeBatch, summarize_jsonl
from summarizer.testing import HashingEmbedder
from tests.cases import FACTS as ALL_FACTS

ray = pytest.importorskip("ray")

FACTS = ALL_FACTS[:4]


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def clusters():
    return [
        {"id": f"c{i}", "documents": [" ".join(FACTS[i:]), " ".join(FACTS[: i + 1]), FACTS[i]]} for i in range(4)
    ] + [{"id": "empty", "documents": ["", " "]}]


def test_map_batches_over_two_actors_equals_in_process(local_ray):
    rows = clusters()
    dataset = ray.data.from_items(rows)
    out = dataset.map_batches(
        SummarizeBatch,
        fn_constructor_kwargs={"model": HashingEmbedder(), "cluster_threshold": 0.6, "max_words": 30},
        batch_size=2,
        concurrency=2,
    ).take_all()
    by_id = {row["id"]: row for row in out}
    assert sorted(by_id) == sorted(r["id"] for r in rows)
    local = Summarizer(HashingEmbedder(), cluster_threshold=0.6)
    for row in rows[:4]:
        expected = local.summarize(row["documents"], max_words=30)
        assert by_id[row["id"]]["summary"] == expected.text
        assert json.loads(by_id[row["id"]]["result"]) == expected.to_dict()
        assert by_id[row["id"]]["error"] is None
    assert by_id["empty"]["result"] is None and "has any text" in by_id["empty"]["error"]


@pytest.mark.model
def test_summarize_jsonl_with_the_default_model_keeps_order_and_equals_in_process(local_ray, tmp_path, seed_documents):
    docs = [{"id": d.id, "text": d.text} for d in seed_documents]
    rows = [{"id": "all", "documents": docs}, {"id": "first3", "documents": docs[:3]}, {"id": "bad", "documents": []}]
    rows.append({"id": "last3", "documents": docs[2:]})
    source, target = tmp_path / "clusters.jsonl", tmp_path / "summaries.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    failures = summarize_jsonl(source, target, concurrency=2, batch_size=1, max_words=80)
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert failures == 1 and [line["id"] for line in lines] == ["all", "first3", "bad", "last3"]
    assert lines[2] == {"id": "bad", "error": "InputError: No documents were given; pass a non-empty list of texts."}
    local = Summarizer()
    for row, line in zip(rows, lines, strict=True):
        if row["documents"]:
            assert line == {"id": row["id"], **local.summarize(row["documents"], max_words=80).to_dict()}


@pytest.mark.model
def test_cli_batch_on_ray_equals_the_local_engine_line_by_line(local_ray, tmp_path, seed_documents):
    from summarizer import cli

    docs = [{"id": d.id, "text": d.text} for d in seed_documents]
    lines = [
        json.dumps({"id": "first3", "documents": docs[:3]}),
        "{not json",
        json.dumps({"id": "twice", "documents": [docs[0], docs[0], docs[1]]}),  # a repeated id is renamed
        json.dumps({"id": "empty", "documents": [{"id": "e", "text": " "}]}),
    ]
    batch = tmp_path / "clusters.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = {}
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.jsonl"
        assert cli.main(["--batch", str(batch), "--engine", engine, "-o", str(out), "--words", "60", "-q"]) == 1
        outputs[engine] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    local, on_ray = outputs["local"], outputs["ray"]
    assert [r["id"] for r in on_ray] == [r["id"] for r in local] == ["first3", None, "twice", "empty"]
    assert on_ray[1] == local[1] and "not valid JSON" in on_ray[1]["error"]
    assert "has any text" in on_ray[3]["error"]
    for mine, theirs in ((on_ray[0], local[0]), (on_ray[2], local[2])):
        assert mine["summary"] == theirs["summary"] and mine["sentences"] == theirs["sentences"]
    assert [d["id"] for d in on_ray[2]["documents"]][:2] == [docs[0]["id"], docs[0]["id"] + "#2"]
