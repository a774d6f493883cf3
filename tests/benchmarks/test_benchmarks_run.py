"""benchmarks/run.py: a 3-cluster DUC run end to end, scored independently (issue 3)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import run

ROOT = Path(__file__).resolve().parents[2]
DUC = Path(__file__).resolve().parents[3] / "shared" / "bench" / "duc2004-dev.jsonl"
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


@pytest.mark.model
def test_three_duc_clusters_end_to_end(tmp_path):
    if not DUC.exists():
        pytest.skip(f"benchmark data not found at {DUC}")
    for package in ("rouge_score", "sumy", "matplotlib"):
        pytest.importorskip(package)
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


def test_the_entry_points_run_as_files_from_anywhere(tmp_path):
    for name in ("run", "scale", "faithfulness", "throughput"):
        script = ROOT / "benchmarks" / f"{name}.py"
        result = subprocess.run(
            [sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=120
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("usage:")
