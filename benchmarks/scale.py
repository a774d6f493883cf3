"""How summarizer's time and memory grow with the number of sentences, against sumy's LexRank.

Usage (from the repository root)::

    python benchmarks/scale.py                       # 1k, 10k and 100k sentences
    python benchmarks/scale.py --sizes 1000,10000    # quicker

Inputs are built from the bench data: the clusters' documents are concatenated (the corpus
repeats, with fresh ids, when it runs out) until ``n`` sentences of our splitter are reached.
Every measurement runs in a fresh subprocess: the process's peak RSS (``getrusage``
``ru_maxrss``, which sees torch's and numpy's C allocations) and, from an RSS sampler thread
aligned with ``summary.timings``, the peak RSS during each stage. A watchdog kills a run that
passes ``--memory-limit-gb`` or its time limit. sumy's LexRank stops at the first size that
passes ``--lexrank-timeout`` (600 s). Writes ``<out>/scale.md`` and ``scale.json``.

Targets (issue 3): no dense n×n matrix beyond a few thousand sentences; 100k sentences under
4 GB peak memory; all stages but embedding together under 20% of the embedding time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

BENCH = ROOT.parent / "shared" / "bench"
DEFAULT_DATA = (BENCH / "duc2004-dev.jsonl", BENCH / "multinews-dev.jsonl")
DEFAULT_OUT = HERE / "results"
GB = 1024**3
#: Targets from issue 3.
MEMORY_TARGET_GB = 4.0
OVERHEAD_TARGET = 0.20
DENSE_FROM = 5000  # sizes at which a dense n×n float32 matrix would show in the RSS


# --------------------------------------------------------------------------- inputs


def build_input(paths: Sequence[Path], n: int) -> list[dict[str, str]]:
    """Documents from the bench files, in order, cut so that they hold exactly ``n`` sentences."""
    from summarizer import Document, split_sentences

    corpus = []
    for path in paths:
        for line in Path(path).read_text().splitlines():
            cluster = json.loads(line)
            corpus.extend((f"{cluster['id']}/{d['id']}", d["text"]) for d in cluster["documents"])
    docs: list[dict[str, str]] = []
    used: set[str] = set()
    count = 0
    for copy in range(1, 10_000):
        for name, text in corpus:
            sentences = split_sentences(Document(text=text, id=name))
            if not sentences:
                continue
            need = n - count
            if len(sentences) > need:
                text = text[: sentences[need - 1].end]
                sentences = sentences[:need]
            doc_id = name if copy == 1 else f"{name}#copy{copy}"
            while doc_id in used:  # DUC repeats some ids within a cluster
                doc_id += "'"
            used.add(doc_id)
            docs.append({"id": doc_id, "text": text})
            count += len(sentences)
            if count >= n:
                return docs
    raise RuntimeError(f"could not build {n} sentences from {paths}")


# --------------------------------------------------------------------------- child side


def _rss() -> int:
    import psutil

    return psutil.Process().memory_info().rss


class Sampler(threading.Thread):
    """Samples this process's RSS every ``interval`` seconds."""

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[float, int]] = []
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.samples.append((time.perf_counter(), _rss()))
            time.sleep(self.interval)

    def stop(self) -> list[tuple[float, int]]:
        self._halt.set()
        self.join()
        return self.samples


def stage_peaks(
    samples: Sequence[tuple[float, int]], start: float, timings: dict[str, float]
) -> dict[str, tuple[int, int]]:
    """``(RSS at the start, peak RSS)`` of each stage, the stages run back to back from ``start``.

    The stages are taken in ``timings`` order. A stage too short to hold a sample gets the
    sample nearest its start as its peak.

    >>> stage_peaks([(0.0, 5), (1.0, 9), (2.0, 7), (3.0, 6)], 0.0, {"a": 1.6, "b": 0.1, "c": 2.0})
    {'a': (5, 9), 'b': (7, 7), 'c': (7, 7)}
    """
    peaks = {}
    t = start
    for stage, seconds in timings.items():
        nearest = min(samples, key=lambda s: abs(s[0] - t))[1] if samples else 0
        inside = [rss for ts, rss in samples if t <= ts <= t + seconds] or [nearest]
        peaks[stage] = (nearest, max(inside))
        t += seconds
    return peaks


def _split_peaks(peaks: dict[str, tuple[int, int]]) -> dict[str, dict[str, int]]:
    return {
        "stage_start_rss": {k: v[0] for k, v in peaks.items()},
        "stage_peak_rss": {k: v[1] for k, v in peaks.items()},
    }


def child_ours(docs: list[dict[str, str]], model: str | None) -> dict[str, Any]:
    from summarizer import Document, Summarizer

    documents = [Document(text=d["text"], id=d["id"]) for d in docs]
    summarizer = Summarizer(model=model) if model else Summarizer()
    start = time.perf_counter()
    summarizer.summarize([Document(text="Loads the model. Warms it up.", id="w")], max_words=100)
    load = time.perf_counter() - start
    baseline = _rss()
    sampler = Sampler()
    sampler.start()
    start = time.perf_counter()
    summary = summarizer.summarize(documents, max_words=100)
    total = time.perf_counter() - start
    samples = sampler.stop()
    timings = dict(summary.timings)
    return {
        "model_load_s": load,
        "total_s": total,
        "stages_s": timings,
        "baseline_rss": baseline,
        **_split_peaks(stage_peaks(samples, start, timings)),
        "summary_words": len(summary.text.split()),
    }


def child_lexrank(docs: list[dict[str, str]]) -> dict[str, Any]:
    from run import make_sumy

    from summarizer import Document, split_sentences

    lexrank = make_sumy("lexrank")
    baseline = _rss()
    start = time.perf_counter()
    per_doc = [[s.text for s in split_sentences(Document(text=d["text"], id=d["id"]))] for d in docs]
    segment = time.perf_counter() - start
    start = time.perf_counter()
    picked = lexrank(per_doc, 100)
    rank = time.perf_counter() - start
    return {
        "total_s": segment + rank,
        "stages_s": {"segment": segment, "lexrank": rank},
        "baseline_rss": baseline,
        "summary_words": sum(len(s.split()) for s in picked),
    }


def child_main(system: str, input_path: Path, result_path: Path, model: str | None) -> int:
    from run import git_state

    docs = json.loads(input_path.read_text())
    git = git_state()  # the code this process imports, which may change between sizes
    result = child_ours(docs, model) if system == "ours" else child_lexrank(docs)
    result["git"] = git
    result["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    result_path.write_text(json.dumps(result))
    return 0


# --------------------------------------------------------------------------- parent side


def run_child(system: str, input_path: Path, timeout: float, memory_limit: int, model: str | None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter under a time and RSS watchdog."""
    import psutil

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    command = [sys.executable, __file__, "--child", system, "--input", str(input_path)]
    command += ["--result", str(result_path)] + (["--model", model] if model else [])
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    peak_seen = 0
    stopped = None
    while process.poll() is None:
        try:
            peak_seen = max(peak_seen, watched.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        elapsed = time.perf_counter() - start
        if elapsed > timeout:
            stopped = f"> {timeout:.0f} s, stopped"
        elif peak_seen > memory_limit:
            stopped = f"> {memory_limit / GB:.0f} GB RSS, stopped"
        if stopped:
            process.kill()
            process.wait()
            break
        time.sleep(0.2)
    stderr = process.stderr.read() if process.stderr else ""
    wall = time.perf_counter() - start
    try:
        if stopped:
            return {"stopped": stopped, "wall_s": wall, "peak_rss": peak_seen}
        if process.returncode != 0:
            return {"stopped": f"failed (exit {process.returncode})", "stderr": stderr[-2000:]}
        result = json.loads(result_path.read_text())
        result["wall_s"] = wall
        return result
    finally:
        result_path.unlink(missing_ok=True)


def _brief(result: dict[str, Any]) -> str:
    if "stderr" in result:
        return f"{result['stopped']}:\n{result['stderr'][-1500:]}"
    return json.dumps({k: v for k, v in result.items() if k != "stage_peak_rss"})


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


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def format_report(sizes: Sequence[int], ours: dict, lexrank: dict, analysis: dict) -> str:
    stages = analysis["stages"]
    head = ["n", "system", *stages, "total s", "non-embed/embed", "peak RSS GB", "model load s"]
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---:", "---"] + ["---:"] * (len(head) - 2)) + "|",
    ]
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
            lines.append(_row([f"{n:,}", "ours", *cells, total, ratio, _fmt_gb(r.get("peak_rss")), load]))
        r = lexrank.get(n)
        if r is not None:
            total = _fmt_s(r["total_s"]) if "stages_s" in r else r.get("stopped", "–")
            seg = _fmt_s(r.get("stages_s", {}).get("segment"))
            cells = [seg if s == "segment" else "–" for s in stages]
            peak = _fmt_gb(r.get("peak_rss"))
            lines.append(_row([f"{n:,}", "sumy LexRank", *cells, total, "–", peak, "–"]))
    pairs = sorted({p for g in analysis["growth"].values() for p in g}, key=lambda p: int(p.split("->")[0]))
    if pairs:
        lines += ["", "Growth exponent k in t ∝ n^k between sizes:", ""]
        lines.append("| stage | " + " | ".join(pairs) + " |")
        lines.append("|---|" + "|".join("---:" for _ in pairs) + "|")
        for stage, g in analysis["growth"].items():
            values = ["–" if g.get(p) is None else f"{g[p]:.2f}" for p in pairs]
            lines.append(f"| {stage} | " + " | ".join(values) + " |")
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
    from run import git_state, machine, versions

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


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="sentence counts (default: %(default)s)")
    parser.add_argument("--data", type=Path, nargs="+", default=list(DEFAULT_DATA), help="bench JSONL files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--lexrank-timeout", type=float, default=600.0, help="seconds (default: %(default)s)")
    parser.add_argument("--ours-timeout", type=float, default=3 * 3600.0, help="seconds (default: %(default)s)")
    parser.add_argument("--memory-limit-gb", type=float, default=12.0, help="kill a run above this RSS")
    parser.add_argument("--skip-lexrank", action="store_true", help="only measure ours")
    parser.add_argument("--merge", type=Path, help="a previous scale.json whose sizes and systems not run now are kept")
    parser.add_argument("--model", default=None, help="embedding model for ours (default: library's)")
    parser.add_argument("--child", choices=("ours", "lexrank"), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(args.child, args.input, args.result, args.model)

    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    missing = [str(p) for p in args.data if not p.exists()]
    if missing:
        print(f"No such data file: {', '.join(missing)}", file=sys.stderr)
        return 2
    limit = int(args.memory_limit_gb * GB)
    ours: dict[int, dict] = {}
    lexrank: dict[int, dict] = {}
    lexrank_stopped = args.skip_lexrank
    command = "python benchmarks/scale.py " + " ".join(sys.argv[1:] if argv is None else argv)
    previous = json.loads(args.merge.read_text()) if args.merge else {}

    def save() -> str:  # after every measurement, so that a killed run leaves its results
        return write_outputs(args.out, command, sizes, ours, lexrank, previous, args.merge)

    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            docs = build_input(args.data, n)
            path = Path(tmp) / f"{n}.json"
            path.write_text(json.dumps(docs))
            print(f"n={n:,}: {len(docs)} documents; ours …", file=sys.stderr, flush=True)
            ours[n] = run_child("ours", path, args.ours_timeout, limit, args.model)
            print(f"  ours: {_brief(ours[n])}", file=sys.stderr, flush=True)
            save()
            if lexrank_stopped:
                if not args.skip_lexrank:
                    lexrank[n] = {"stopped": "not run (a smaller size passed the time limit)"}
                continue
            print(f"n={n:,}: sumy LexRank …", file=sys.stderr, flush=True)
            lexrank[n] = run_child("lexrank", path, args.lexrank_timeout, limit, None)
            print(f"  LexRank: {_brief(lexrank[n])}", file=sys.stderr, flush=True)
            lexrank_stopped = "stopped" in lexrank[n]
            save()
    report = save()
    print(report)
    print(f"Wrote {args.out / 'scale.md'} and scale.json")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
