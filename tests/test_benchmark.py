"""benchmarks/run.py: the scoring helpers by hand, and a 3-cluster DUC run end to end (issue 3)."""

from __future__ import annotations

import doctest
import json
import math
import statistics
from pathlib import Path

import pytest
from benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
DUC = Path(__file__).resolve().parents[2] / "shared" / "bench" / "duc2004-dev.jsonl"
PEERS = (
    "CLASSY04",
    "CLASSY11",
    "Centroid",
    "DPP",
    "FreqSum",
    "GreedyKL",
    "ICSISumm",
    "Lead",
    "LexRank",
    "OCCAMS_V",
    "RegSum",
    "Submodular",
    "TsSum",
)
RUN_HERE = ("ours", "Oracle", "Lead", "sumy LexRank", "sumy TextRank", "sumy LSA", "sumy Luhn")


def _load_run():
    pytest.importorskip("rouge_score")
    return load_benchmark("run")


@pytest.fixture(scope="module")
def run():
    return _load_run()


def test_doctests(run):
    assert doctest.testmod(run).failed == 0


def test_cut_words_keeps_the_first_words_and_line_breaks(run):
    assert run.cut_words("a b c\nd e", 4) == "a b c\nd"
    assert run.cut_words("a b c\nd e", 3) == "a b c"
    assert run.cut_words("  a\n\n b  ", 10) == "a\nb"
    assert run.cut_words("a b", 0) == ""
    assert run.word_count(run.cut_words(" ".join(map(str, range(250))), 100)) == 100


def test_fit_budget_takes_whole_texts_in_order_within_the_budget(run):
    texts = ["one two three", "four five six seven", "one two three", "eight", "nine ten"]
    assert run.fit_budget(texts, 5) == [0, 3]  # 1 is too long, 2 repeats 0, then 4 no longer fits
    assert run.fit_budget(texts, 100) == [0, 1, 3, 4]
    assert run.fit_budget(texts, 2) == [3]


def test_recall_is_averaged_over_references(run):
    convention = run.CONVENTIONS["duc2004"]
    scorer = run.make_scorer(convention)
    # ROUGE-1 recall: 2/2 against the first reference, 1/3 ("sat") against the second.
    # ROUGE-2 recall: "the cat" 1/1, then 0/2.
    scores = run.score_summary(scorer, "the cat sat", ["the cat", "a dog sat"], convention)
    assert scores["rouge1"] == pytest.approx(100 * (1 + 1 / 3) / 2)
    assert scores["rouge2"] == pytest.approx(50.0)


def test_summary_and_references_are_cut_to_the_budget(run):
    convention = run.Convention(**{**run.CONVENTIONS["duc2004"].__dict__, "budget": 2})
    scorer = run.make_scorer(convention)
    # "the cat sat" -> "the cat"; "a dog sat" -> "a dog": R-1 recall 1 and 0, R-2 1 and 0.
    scores = run.score_summary(scorer, "the cat sat", ["the cat", "a dog sat"], convention)
    assert scores == pytest.approx({"rouge1": 50.0, "rouge2": 50.0})


def test_f1_convention_and_mean_over_clusters(run):
    convention = run.CONVENTIONS["multinews"]
    scorer = run.make_scorer(convention)
    # One reference "the cat sat on the mat" (6 tokens); summary "the cat" (2 tokens):
    # R-1 P = 1, R = 2/6 -> F1 = 0.5; R-2 P = 1, R = 1/5 -> F1 = 1/3.
    scores = run.score_summary(scorer, "the cat", ["the cat sat on the mat"], convention)
    assert scores["rouge1"] == pytest.approx(50.0)
    assert scores["rouge2"] == pytest.approx(100 / 3)
    means = run.mean_scores([{"rouge1": 10.0, "rouge2": 2.0}, {"rouge1": 20.0, "rouge2": 4.0}])
    assert means == {"rouge1": 15.0, "rouge2": 3.0}


def test_oracle_picks_the_sentences_that_match_the_reference(run):
    convention = run.CONVENTIONS["duc2004"]
    sentences = ["Rain fell all day in Paris.", "Storms hit the coast on Monday.", "Markets were calm."]
    reference = "Storms hit the coast on Monday and rain fell in Paris."
    assert run.oracle_select(sentences, [reference], convention, budget=6) == [1]
    assert sorted(run.oracle_select(sentences, [reference], convention, budget=20)) == [0, 1]


@pytest.mark.model
def test_a_document_listed_twice_is_read_once(run, tmp_path):
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
    (cluster,) = run.load_clusters(path)
    assert [(d["id"], d["text"]) for d in cluster.documents] == [
        ("APW1", "Rain fell."),
        ("APW1#2", "Snow fell."),
        ("NYT2", "Rain fell."),
    ]


def test_three_duc_clusters_end_to_end(run, tmp_path):
    if not DUC.exists():
        pytest.skip(f"benchmark data not found at {DUC}")
    pytest.importorskip("sumy")
    pytest.importorskip("matplotlib")
    systems = "ours,oracle,lead,lexrank,textrank,lsa,luhn,peers"
    code = run.main(["--data", str(DUC), "--limit", "3", "--out", str(tmp_path), "--systems", systems])
    assert code == 0
    for suffix in ("md", "json", "png"):
        assert (tmp_path / f"duc2004.{suffix}").stat().st_size > 0

    report = json.loads((tmp_path / "duc2004.json").read_text())
    rows = {row["system"]: row for row in report["table"]}
    assert set(rows) == set(RUN_HERE) | {f"{p} (DUC 2004)" for p in PEERS}
    markdown = (tmp_path / "duc2004.md").read_text()
    for name in rows:
        assert f"| {name} |" in markdown
    for row in rows.values():
        assert set(row["scores"]) == {"rouge1", "rouge2"}
        assert all(0 <= v <= 100 for v in row["scores"].values())
        assert len(row["per_cluster"]) == 3
    for name in RUN_HERE:
        assert rows[name]["seconds_per_cluster"] > 0
        assert rows[name]["words"] <= 100
    assert set(report["ours_stage_seconds_mean"]) >= {"embed"}
    assert report["model_load_seconds"] > 0

    # The stored peers, scored independently with rouge-score under the DUC convention.
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def cut(text: str) -> str:
        return " ".join(text.split()[:100])

    clusters = [json.loads(line) for line in DUC.read_text().splitlines()[:3]]
    for peer in PEERS:
        per_cluster = []
        for cluster in clusters:
            scores = [scorer.score(cut(ref), cut(cluster["peers"][peer])) for ref in cluster["references"]]
            per_cluster.append({k: 100 * statistics.fmean(s[k].recall for s in scores) for k in scores[0]})
        expected = {k: statistics.fmean(c[k] for c in per_cluster) for k in ("rouge1", "rouge2")}
        assert rows[f"{peer} (DUC 2004)"]["scores"] == pytest.approx(expected, abs=0.006)

    oracle = rows["Oracle"]["scores"]["rouge2"]
    assert all(oracle >= row["scores"]["rouge2"] for row in rows.values())


@pytest.fixture(scope="module")
def scale():
    return load_benchmark("scale")


def test_scale_doctests(scale):
    assert doctest.testmod(scale).failed == 0


def test_scale_input_has_exactly_n_sentences(scale):
    if not DUC.exists():
        pytest.skip(f"benchmark data not found at {DUC}")
    from summarizer import Document, split_sentences

    docs = scale.build_input([DUC], 137)
    assert len({d["id"] for d in docs}) == len(docs)
    assert sum(len(split_sentences(Document(text=d["text"], id=d["id"]))) for d in docs) == 137


def test_scale_verdicts(scale):
    gb = scale.GB
    ours = {
        1000: {"stages_s": {"segment": 0.1, "embed": 10.0, "cluster": 0.1}, "total_s": 10.2,
               "baseline_rss": gb, "stage_peak_rss": {"segment": gb, "embed": gb, "cluster": gb},
               "peak_rss": gb},
        10000: {"stages_s": {"segment": 1.0, "embed": 100.0, "cluster": 30.0}, "total_s": 131.0,
                "baseline_rss": gb, "stage_peak_rss": {"segment": gb, "embed": gb, "cluster": 2 * gb},
                "peak_rss": 5 * gb},
    }  # fmt: skip
    analysis = scale.analyse([1000, 10000], ours, {})
    assert analysis["growth"]["embed"]["1000->10000"] == pytest.approx(1.0)
    assert analysis["growth"]["cluster"]["1000->10000"] == pytest.approx(math.log10(300))
    failed = {(v["n"], v["target"].split()[0]) for v in analysis["verdicts"] if not v["ok"]}
    # 31% overhead at 10k, a 1 GB jump (≥ half of 10k² float32 = 0.37 GB) and 5 GB peak.
    assert failed == {(10000, "non-embedding"), (10000, "no"), (10000, "peak")}
    assert "FAIL" in scale.format_report([1000, 10000], ours, {}, analysis)
