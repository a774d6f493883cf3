"""benchmarks/scale.py: exactly n sentences of input, and the targets' verdicts (issue 3)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import growth, scaling

DUC = Path(__file__).resolve().parents[3] / "shared" / "bench" / "duc2004-dev.jsonl"


def test_scale_input_has_exactly_n_sentences():
    if not DUC.exists():
        pytest.skip(f"benchmark data not found at {DUC}")
    from summarizer import Document, split_sentences

    docs = scaling.build_input([DUC], 137)
    assert len({d["id"] for d in docs}) == len(docs)
    assert sum(len(split_sentences(Document(text=d["text"], id=d["id"]))) for d in docs) == 137


def test_scale_verdicts():
    gb = scaling.GB
    ours = {
        1000: {"stages_s": {"segment": 0.1, "embed": 10.0, "cluster": 0.1}, "total_s": 10.2,
               "baseline_rss": gb, "stage_peak_rss": {"segment": gb, "embed": gb, "cluster": gb},
               "peak_rss": gb},
        10000: {"stages_s": {"segment": 1.0, "embed": 100.0, "cluster": 30.0}, "total_s": 131.0,
                "baseline_rss": gb, "stage_peak_rss": {"segment": gb, "embed": gb, "cluster": 2 * gb},
                "peak_rss": 5 * gb},
    }  # fmt: skip
    analysis = growth.analyse([1000, 10000], ours, {})
    assert analysis["growth"]["embed"]["1000->10000"] == pytest.approx(1.0)
    assert analysis["growth"]["cluster"]["1000->10000"] == pytest.approx(math.log10(300))
    failed = {(v["n"], v["target"].split()[0]) for v in analysis["verdicts"] if not v["ok"]}
    # 31% overhead at 10k, a 1 GB jump (≥ half of 10k² float32 = 0.37 GB) and 5 GB peak.
    assert failed == {(10000, "non-embedding"), (10000, "no"), (10000, "peak")}
    assert "FAIL" in growth.format_report([1000, 10000], ours, {}, analysis)
