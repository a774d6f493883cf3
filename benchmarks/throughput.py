"""Throughput of summarizer (issue 9), every number measured in this one run on this machine.

1. Embedding: sentences per second of PyTorch fp32 (sentence-transformers), ONNX fp32 and
   ONNX int8 on the same DUC 2004 dev sentences, alternating backends each repeat, with
   the cosine agreement of each with PyTorch's vectors.
2. Batch API: clusters per second of ``summarize`` in a loop and of ``summarize_many`` on
   Multi-News dev clusters and on two-document clusters (each cluster's first two
   articles), interleaved in blocks so load from other jobs hits both alike, and how many
   results were identical.
3. Cold start: seconds of a fresh ``summarize seeds/`` (the ONNX graph already exported)
   against a fresh ``python -c "import sentence_transformers"``, alternating.
4. Ray: clusters per second of :func:`summarizer.distributed.summarize_jsonl` with 1 and 2
   actors on a local Ray (actor start and model load included).

Writes ``results/throughput.json`` and ``.md``. Only the public API is used::

    python benchmarks/throughput.py                       # ~15 min on 2 busy cores
    python benchmarks/throughput.py --clusters 10 --pairs 20 --ray-clusters 6 --repeats 1   # smoke test
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
DEFAULT_OUT = ROOT / "benchmarks" / "results"


def read_clusters(path: Path, limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` clusters as ``{"id", "documents": [text, ...]}`` (ids by position)."""
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(rows) == limit:
                break
            row = json.loads(line)
            rows.append({"id": row["id"], "documents": [d["text"] for d in row["documents"]]})
    return rows


def embedding_speed(texts: list[str], repeats: int) -> dict[str, Any]:
    """Sentences per second and cosine agreement with PyTorch for each backend, same texts."""
    import numpy as np

    from summarizer import OnnxEmbedder, SentenceTransformerEmbedder

    embedders = {
        "pytorch fp32": SentenceTransformerEmbedder(),
        "onnx fp32": OnnxEmbedder(quantization="fp32", fallback=False),
        "onnx int8 (dynamic, per channel)": OnnxEmbedder(quantization="int8", fallback=False),
    }
    for embedder in embedders.values():
        embedder.encode(["Load and export before timing."])
    rates: dict[str, list[float]] = {name: [] for name in embedders}
    vectors: dict[str, Any] = {}
    for repeat in range(repeats):
        names = list(embedders) if repeat % 2 == 0 else list(reversed(embedders))
        for name in names:
            start = time.perf_counter()
            vectors[name] = embedders[name].encode(texts)
            rates[name].append(len(texts) / (time.perf_counter() - start))
    reference = vectors["pytorch fp32"]
    out = {}
    for name, runs in rates.items():
        cosine = (vectors[name] * reference).sum(axis=1)
        out[name] = {
            "sentences_per_second": round(statistics.median(runs), 1),
            "runs": [round(r, 1) for r in runs],
            "speedup_vs_pytorch": round(statistics.median(runs) / statistics.median(rates["pytorch fp32"]), 2),
            "cosine_mean": round(float(cosine.mean()), 4),
            "cosine_min": round(float(cosine.min()), 4),
            "max_abs_diff": float(np.abs(vectors[name] - reference).max()),
        }
    return {"sentences": len(texts), "repeats": repeats, "backends": out}


def batch_speed(clusters: list[dict[str, Any]], max_words: int, block: int) -> dict[str, Any]:
    """``summarize`` in a loop against ``summarize_many``, interleaved in blocks of ``block`` clusters."""
    from summarizer import Summarizer

    summarizer = Summarizer()
    summarizer.embedder.encode(["Load the model before timing."])
    loop_seconds = many_seconds = 0.0
    identical = 0
    for number, start in enumerate(range(0, len(clusters), block)):
        part = clusters[start : start + block]
        results: dict[str, list[Any]] = {}
        order = ("loop", "many") if number % 2 == 0 else ("many", "loop")
        for kind in order:
            began = time.perf_counter()
            if kind == "loop":
                results[kind] = [summarizer.summarize(c["documents"], max_words=max_words) for c in part]
                loop_seconds += time.perf_counter() - began
            else:
                results[kind] = list(summarizer.summarize_many(part, max_words=max_words))
                many_seconds += time.perf_counter() - began
        identical += sum(a.to_dict() == b.to_dict() for a, b in zip(results["loop"], results["many"], strict=True))
    documents = sum(len(c["documents"]) for c in clusters)
    return {
        "clusters": len(clusters),
        "documents": documents,
        "max_words": max_words,
        "loop_clusters_per_second": round(len(clusters) / loop_seconds, 3),
        "many_clusters_per_second": round(len(clusters) / many_seconds, 3),
        "many_vs_loop": round(loop_seconds / many_seconds, 3),
        "identical_results": identical,
    }


def cold_start(repeats: int) -> dict[str, Any]:
    """Fresh-process seconds of ``summarize seeds/`` and of importing sentence-transformers."""
    summarize = [sys.executable, "-m", "summarizer", str(ROOT / "seeds"), "--format", "text"]
    importing = [sys.executable, "-c", "import sentence_transformers"]
    subprocess.run(summarize, check=True, capture_output=True)  # the ONNX graph is exported by now
    times: dict[str, list[float]] = {"summarize seeds/": [], "import sentence_transformers": []}
    for _ in range(repeats):
        for name, command in (("summarize seeds/", summarize), ("import sentence_transformers", importing)):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    medians = {name: round(statistics.median(t), 2) for name, t in times.items()}
    return {
        "seconds": medians,
        "runs": {name: [round(x, 2) for x in t] for name, t in times.items()},
        "cli_vs_import": round(medians["summarize seeds/"] / medians["import sentence_transformers"], 3),
    }


def ray_speed(clusters: list[dict[str, Any]], max_words: int, actors: Sequence[int]) -> dict[str, Any]:
    import ray

    from summarizer.distributed import summarize_jsonl

    ray.init(num_cpus=max(actors), include_dashboard=False, log_to_driver=False)
    out = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "clusters.jsonl"
            source.write_text("".join(json.dumps(c) + "\n" for c in clusters), encoding="utf-8")
            warmup = Path(tmp) / "warmup.jsonl"  # Ray Data's first run pays set-up costs that are not ours
            warmup.write_text(json.dumps(clusters[0]) + "\n", encoding="utf-8")
            summarize_jsonl(warmup, Path(tmp) / "warmup-out.jsonl", concurrency=1, max_words=max_words)
            for count in actors:
                start = time.perf_counter()
                failures = summarize_jsonl(
                    source, Path(tmp) / f"out{count}.jsonl", concurrency=count, batch_size=4, max_words=max_words
                )
                seconds = time.perf_counter() - start
                out[f"{count} actor{'s' if count > 1 else ''}"] = {
                    "clusters_per_second": round(len(clusters) / seconds, 3),
                    "seconds": round(seconds, 1),
                    "failures": failures,
                }
    finally:
        ray.shutdown()
    return {"clusters": len(clusters), "results": out}


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Throughput (benchmarks/throughput.py)",
        "",
        f"Command: `{report['command']}`. Machine: {report['machine']['cpus']} CPUs, load average "
        f"{report['machine']['load_at_start']} at the start (shared with other jobs). Every ratio "
        "compares numbers from this one run.",
        "",
        f"## Embedding ({report['embedding']['sentences']} DUC 2004 dev sentences, "
        f"median of {report['embedding']['repeats']} alternating runs)",
        "",
        "| Backend | sentences/s | × PyTorch | mean cosine | min cosine |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, row in report["embedding"]["backends"].items():
        lines.append(
            f"| {name} | {row['sentences_per_second']} | {row['speedup_vs_pytorch']} | "
            f"{row['cosine_mean']:.4f} | {row['cosine_min']:.4f} |"
        )
    lines += ["", "## Batch API (default backend)", ""]
    lines += ["| Input | loop clusters/s | summarize_many clusters/s | × | identical |", "|---|---:|---:|---:|---:|"]
    for name, row in report["batch"].items():
        lines.append(
            f"| {name} ({row['clusters']} clusters) | {row['loop_clusters_per_second']} | "
            f"{row['many_clusters_per_second']} | {row['many_vs_loop']} | "
            f"{row['identical_results']}/{row['clusters']} |"
        )
    if "cold_start" in report:
        cold = report["cold_start"]
        lines += [
            "",
            "## Cold start (fresh processes, median)",
            "",
            f"`summarize seeds/`: {cold['seconds']['summarize seeds/']} s; "
            f'`python -c "import sentence_transformers"`: {cold["seconds"]["import sentence_transformers"]} s '
            f"(ratio {cold['cli_vs_import']}).",
        ]
    if "ray" in report:
        lines += ["", f"## Ray ({report['ray']['clusters']} Multi-News dev clusters, local Ray)", ""]
        lines += ["| Actors | clusters/s | seconds |", "|---|---:|---:|"]
        for name, row in report["ray"]["results"].items():
            lines.append(f"| {name} | {row['clusters_per_second']} | {row['seconds']} |")
    return "\n".join(lines) + "\n"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duc", type=Path, default=BENCH / "duc2004-dev.jsonl")
    parser.add_argument("--multinews", type=Path, default=BENCH / "multinews-dev.jsonl")
    parser.add_argument("--sentences", type=int, default=726, help="DUC sentences for the embedding comparison")
    parser.add_argument("--repeats", type=int, default=3, help="alternating runs per embedding / cold-start measure")
    parser.add_argument("--clusters", type=int, default=100, help="Multi-News clusters for the batch API")
    parser.add_argument("--pairs", type=int, default=200, help="two-document clusters for the batch API")
    parser.add_argument("--ray-clusters", type=int, default=24, help="Multi-News clusters for Ray (0: skip)")
    parser.add_argument("--max-words", type=int, default=260)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    from summarizer import Document, split_sentences

    report: dict[str, Any] = {
        "command": "python benchmarks/throughput.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {
            "cpus": os.cpu_count(),
            "load_at_start": round(os.getloadavg()[0], 2),
            "python": platform.python_version(),
        },
    }
    texts: list[str] = []
    for cluster in read_clusters(args.duc, 1000):
        texts += [s.text for text in cluster["documents"] for s in split_sentences(Document(text))]
        if len(texts) >= args.sentences:
            break
    print("embedding ...", file=sys.stderr)
    report["embedding"] = embedding_speed(texts[: args.sentences], args.repeats)
    multinews = read_clusters(args.multinews, max(args.clusters, args.pairs, args.ray_clusters))
    pairs = [{"id": c["id"], "documents": c["documents"][:2]} for c in multinews if len(c["documents"]) >= 2]
    print("batch API ...", file=sys.stderr)
    report["batch"] = {
        "Multi-News dev": batch_speed(multinews[: args.clusters], args.max_words, block=25),
        "two-document clusters": batch_speed(pairs[: args.pairs], 60, block=50),
    }
    print("cold start ...", file=sys.stderr)
    report["cold_start"] = cold_start(args.repeats)
    if args.ray_clusters:
        print("ray ...", file=sys.stderr)
        report["ray"] = ray_speed(multinews[: args.ray_clusters], args.max_words, actors=(1, 2))
    report["load_at_end"] = round(os.getloadavg()[0], 2)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "throughput.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    markdown = to_markdown(report)
    (args.out / "throughput.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
