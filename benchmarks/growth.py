"""How the measured sizes compare: growth exponents, the targets' verdicts, and the report.

Targets (issue 3): no dense n×n matrix beyond a few thousand sentences; 100k sentences under
4 GB peak memory; all stages but embedding together under 20% of the embedding time.
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.environment import git_state, machine, versions
from benchmarks.scaling import GB
from benchmarks.tables import markdown_table

#: Targets from issue 3.
MEMORY_TARGET_GB = 4.0
OVERHEAD_TARGET = 0.20
DENSE_FROM = 5000  # sizes at which a dense n×n float32 matrix would show in the RSS


def exponent(t1: float, t2: float, n1: int, n2: int) -> float | None:
    """The ``k`` in ``t ∝ n**k`` between two sizes.

    >>> exponent(1.0, 100.0, 1000, 10000)
    2.0
    """
    if t1 <= 0 or t2 <= 0:
        return None
    return math.log(t2 / t1) / math.log(n2 / n1)


def _fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def _fmt_gb(rss: float | None) -> str:
    return "–" if rss is None else f"{rss / GB:.2f}"


def stage_growth(result: dict[str, Any]) -> dict[str, int]:
    """How much RSS each stage added: its peak minus the RSS at its start (or, for results
    without start readings, minus the RSS before the call)."""
    starts = result.get("stage_start_rss") or {}
    return {stage: peak - starts.get(stage, result["baseline_rss"]) for stage, peak in result["stage_peak_rss"].items()}


def dense_verdict(n: int, result: dict[str, Any]) -> dict[str, Any]:
    """Did a stage other than embedding add as much memory as half a dense n×n float32 matrix?"""
    dense = 4 * n * n
    growth = {k: v for k, v in stage_growth(result).items() if k != "embed"}
    stage, grew = max(growth.items(), key=lambda kv: kv[1])
    how = "peak - RSS at stage start" if result.get("stage_start_rss") else "peak - RSS before the call"
    return {
        "n": n,
        "target": "no dense n×n matrix",
        "ok": grew < dense / 2,
        "detail": f"largest growth outside embedding: {stage} +{grew / GB:.2f} GB ({how}); "
        f"a dense n×n float32 matrix is {dense / GB:.2f} GB",
    }


def analyse(sizes: Sequence[int], ours: dict[int, dict], lexrank: dict[int, dict]) -> dict[str, Any]:
    """Growth exponents per stage and the targets' verdicts."""
    stages: list[str] = []
    for result in ours.values():
        stages += [s for s in result.get("stages_s", {}) if s not in stages]
    growth: dict[str, dict[str, float | None]] = {}
    done = [n for n in sizes if "stages_s" in ours.get(n, {})]
    for a, b in itertools.pairwise(done):
        key = f"{a}->{b}"
        for stage in [*stages, "total"]:
            t = [ours[n]["total_s"] if stage == "total" else ours[n]["stages_s"].get(stage, 0.0) for n in (a, b)]
            growth.setdefault(stage, {})[key] = exponent(t[0], t[1], a, b)
    lex_done = [n for n in sizes if "stages_s" in lexrank.get(n, {})]
    for a, b in itertools.pairwise(lex_done):
        growth.setdefault("sumy LexRank", {})[f"{a}->{b}"] = exponent(
            lexrank[a]["total_s"], lexrank[b]["total_s"], a, b
        )

    verdicts = []
    for n in sizes:
        result = ours.get(n, {})
        if "stages_s" not in result:
            verdicts.append({"n": n, "target": "runs", "ok": False, "detail": result.get("stopped", "missing")})
            continue
        embed = result["stages_s"].get("embed", 0.0)
        rest = sum(v for k, v in result["stages_s"].items() if k != "embed")
        ratio = rest / embed if embed else math.inf
        verdicts.append(
            {
                "n": n,
                "target": "non-embedding stages < 20% of embedding",
                "ok": ratio < OVERHEAD_TARGET,
                "detail": f"{rest:.2f} s / {embed:.2f} s = {ratio:.1%}",
            }
        )
        if n >= DENSE_FROM:
            verdicts.append(dense_verdict(n, result))
    biggest = max(sizes)
    result = ours.get(biggest, {})
    peak = result.get("peak_rss")
    verdicts.append(
        {
            "n": biggest,
            "target": f"peak memory < {MEMORY_TARGET_GB:.0f} GB",
            "ok": peak is not None and "stages_s" in result and peak < MEMORY_TARGET_GB * GB,
            "detail": f"{_fmt_gb(peak)} GB" + (f" ({result['stopped']})" if "stopped" in result else ""),
        }
    )
    return {"growth": growth, "verdicts": verdicts, "stages": stages}


def format_report(sizes: Sequence[int], ours: dict, lexrank: dict, analysis: dict) -> str:
    """The Markdown report: a row per size and system, growth exponents, the targets' verdicts."""
    stages = analysis["stages"]
    head = ["n", "system", *stages, "total s", "non-embed/embed", "peak RSS GB", "model load s"]
    rows: list[list[str]] = []
    for n in sizes:
        r = ours.get(n)
        if r is not None:
            if "stages_s" in r:
                embed = r["stages_s"].get("embed", 0.0)
                rest = sum(v for k, v in r["stages_s"].items() if k != "embed")
                cells = [_fmt_s(r["stages_s"].get(s)) for s in stages]
                ratio = f"{rest / embed:.1%}" if embed else "–"
                total = _fmt_s(r["total_s"])
            else:
                cells, ratio, total = ["–"] * len(stages), "–", r.get("stopped", "–")
            load = _fmt_s(r.get("model_load_s"))
            rows.append([f"{n:,}", "ours", *cells, total, ratio, _fmt_gb(r.get("peak_rss")), load])
        r = lexrank.get(n)
        if r is not None:
            total = _fmt_s(r["total_s"]) if "stages_s" in r else r.get("stopped", "–")
            seg = _fmt_s(r.get("stages_s", {}).get("segment"))
            cells = [seg if s == "segment" else "–" for s in stages]
            peak = _fmt_gb(r.get("peak_rss"))
            rows.append([f"{n:,}", "sumy LexRank", *cells, total, "–", peak, "–"])
    lines = markdown_table(head, rows, align="rl" + "r" * (len(head) - 2))
    pairs = sorted({p for g in analysis["growth"].values() for p in g}, key=lambda p: int(p.split("->")[0]))
    if pairs:
        lines += ["", "Growth exponent k in t ∝ n^k between sizes:", ""]
        exponents = [
            [stage, *("–" if g.get(p) is None else f"{g[p]:.2f}" for p in pairs)]
            for stage, g in analysis["growth"].items()
        ]
        lines += markdown_table(["stage", *pairs], exponents, align="l" + "r" * len(pairs))
    lines += ["", "Targets:", ""]
    for v in analysis["verdicts"]:
        lines.append(f"- {'PASS' if v['ok'] else 'FAIL'} n={v['n']:,} {v['target']}: {v['detail']}")
    return "\n".join(lines)


def write_outputs(
    out: Path,
    command: str,
    sizes: Sequence[int],
    ours: dict[int, dict],
    lexrank: dict[int, dict],
    previous: dict[str, Any],
    merge: Path | None,
) -> str:
    """Write scale.md and scale.json for what has been measured so far; return the report."""
    ours, lexrank = dict(ours), dict(lexrank)
    for key, store in (("ours", ours), ("sumy_lexrank", lexrank)):
        for n, result in previous.get(key, {}).items():
            store.setdefault(int(n), {**result, "merged_from": str(merge)})
    sizes = sorted(set(sizes) | set(ours) | set(lexrank))
    measured = [n for n in sizes if n in ours]
    analysis = analyse(measured, ours, lexrank)
    report = format_report(sizes, ours, lexrank, analysis)
    info = machine()
    header = (
        f"# Scaling: {', '.join(f'{n:,}' for n in sizes)} sentences\n\n`{command}`\n\n"
        "Stage columns are seconds (summary.timings; model load excluded). Peak RSS is the whole "
        "process's ru_maxrss (Python, torch, the model and the input included). Inputs: bench "
        "documents concatenated; past the ~28k distinct sentences of both dev sets the corpus "
        "repeats with fresh document ids.\n\n"
        f"Machine: {info['cpu_count']} CPUs, {info['platform']}, Python {info['python']}; "
        f"1-min load average at the end {info['load_average_1m']} (other jobs inflate the times).\n\n"
    )
    provenance = []
    for n in sizes:
        for name, store in (("ours", ours), ("sumy LexRank", lexrank)):
            r = store.get(n, {})
            if "git" in r:
                dirty = " + uncommitted changes" if r["git"].get("summarizer_dirty") else ""
                merged = " (merged from an earlier run)" if "merged_from" in r else ""
                provenance.append(f"- n={n:,} {name}: commit {r['git']['commit'][:7]}{dirty}{merged}")
    footer = "\n\nCode measured:\n\n" + "\n".join(provenance) if provenance else ""
    out.mkdir(parents=True, exist_ok=True)
    (out / "scale.md").write_text(header + report + footer + "\n")
    payload = {
        "command": command,
        "sizes": sizes,
        "ours": {str(n): r for n, r in ours.items()},
        "sumy_lexrank": {str(n): r for n, r in lexrank.items()},
        "growth_exponents": analysis["growth"],
        "targets": analysis["verdicts"],
        "machine": info,
        "git_at_end": git_state(),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "versions": versions(),
    }
    (out / "scale.json").write_text(json.dumps(payload, indent=2) + "\n")
    return report
