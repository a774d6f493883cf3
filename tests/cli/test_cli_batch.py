"""``summarize --batch``: one result line per cluster, failures reported, the others summarized."""

from __future__ import annotations

import json

import pytest

from summarizer import Summarizer, cli
from summarizer.cli import app
from tests.cli.cli_cases import DUC, FACTS, cluster, write_clusters


def test_interrupted_batch_leaves_no_half_written_file(tmp_path, monkeypatch, capsys):
    real = Summarizer.summarize
    calls = []

    def interrupt_on_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Summarizer, "summarize", interrupt_on_second)
    batch = write_clusters(tmp_path / "clusters.jsonl", [cluster("a"), cluster("b"), cluster("c")])
    assert cli.main(["--batch", str(batch), "-o", str(tmp_path / "out.jsonl")]) == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clusters.jsonl"]
    assert capsys.readouterr().err.endswith("summarize: interrupted\n")


def test_batch_summarizes_every_cluster_and_reports_the_failed_ones(tmp_path, monkeypatch, capsys):
    duplicate = cluster("dup")
    duplicate["documents"].append(dict(duplicate["documents"][0]))
    empty = {"id": "empty", "documents": [{"id": "e1", "text": "   "}, {"id": "e2", "text": "MORE STORIES"}]}
    batch = write_clusters(
        tmp_path / "clusters.jsonl", [cluster("a"), empty, "{not json", duplicate, {"documents": []}, cluster("b")]
    )
    monkeypatch.setattr(app, "_stderr_is_terminal", lambda: True)
    out = tmp_path / "out.jsonl"
    assert cli.main(["--batch", str(batch), "-o", str(out), "--words", "30"]) == 1
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "empty", None, "dup", None, "b"]
    assert lines[0]["sentences"] and set(lines[0]) == {"id", "summary", "sentences", "disagreements", "documents"}
    assert "has any text" in lines[1]["error"]
    assert lines[2] == {
        "id": None,
        "line": 3,
        "error": "not valid JSON: Expecting property name enclosed in double quotes (column 2).",
    }
    assert [d["id"] for d in lines[3]["documents"]] == ["dup0", "dup1", "dup2", "dup0#2"]  # as benchmarks/run.py
    assert lines[4]["line"] == 5 and "must be a JSON object" in lines[4]["error"]
    assert lines[5]["sentences"]
    err = capsys.readouterr().err
    assert "6/6" in err  # the progress bar counts clusters
    assert "summarize: cluster 'empty' failed: None of the 2 documents" in err
    assert "summarize: 3 of 6 clusters failed" in err


def test_batch_duplicate_ids_can_fail_their_cluster(tmp_path, capsys):
    duplicate = cluster("dup")
    duplicate["documents"].append(dict(duplicate["documents"][0]))
    batch = write_clusters(tmp_path / "clusters.jsonl", [duplicate, cluster("ok", min_sources_hint=1)])
    assert cli.main(["--batch", str(batch), "--duplicate-ids", "error"]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first == {"id": "dup", "error": "Document id 'dup0' is used twice; every document needs a unique id."}
    assert second["id"] == "ok" and second["sentences"]


def test_batch_min_sources_above_a_clusters_size_fails_that_cluster(tmp_path, capsys):
    small = {"id": "small", "documents": [FACTS[0], FACTS[0]]}
    batch = write_clusters(tmp_path / "clusters.jsonl", [small, cluster("big")])
    assert cli.main(["--batch", str(batch), "--min-sources", "3"]) == 1
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["error"].startswith("--min-sources 3 is more than the 2 documents in this cluster")
    assert second["id"] == "big" and "error" not in second


@pytest.mark.skipif(not DUC.exists(), reason="needs ../shared/bench/duc2004-dev.jsonl")
def test_batch_on_benchmark_clusters_with_repeated_ids_and_one_bad_cluster(tmp_path, capsys):
    rows = DUC.read_text(encoding="utf-8").splitlines()[:3]
    assert any(len({d["id"] for d in r["documents"]}) < len(r["documents"]) for r in map(json.loads, rows))
    bad = {"id": "bad", "documents": [{"id": "x", "text": ""}]}
    batch = write_clusters(tmp_path / "duc.jsonl", [*rows, json.dumps(bad)])
    assert cli.main(["--batch", str(batch), "--words", "100"]) == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == [json.loads(r)["id"] for r in rows] + ["bad"]
    assert all(o["sentences"] for o in out[:3]) and "error" in out[3]
