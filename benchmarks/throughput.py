"""Throughput of summarizer (issue 9), every number measured in this one run on this machine.

1. Embedding: sentences per second of PyTorch fp32 (sentence-transformers, default threads and
   1 thread), ONNX Runtime fp32 and int8, OpenVINO fp32 and the default (OpenVINO, bf16 where
   the CPU has it) and, unless ``--no-graph-variants``, ONNX Runtime graphs rewritten by its
   transformer optimizer and quantizer (fused fp32, fused int8, fused int8 with three FFN
   MatMuls in fp32), on the same DUC 2004 dev sentences, alternating each repeat, with the
   cosine agreement of each with PyTorch's vectors and whether a vector depends on its batch.
   With ``--agreement N``: sentence clusters and summaries of PyTorch against the default
   embedder on DUC dev and N Multi-News dev clusters.
2. Batch API: clusters per second of ``summarize`` in a loop and of ``summarize_many`` on
   Multi-News dev clusters and on two-document clusters (each cluster's first two
   articles), interleaved in blocks so load from other jobs hits both alike, and how many
   results were identical.
3. Cold start: seconds of a fresh ``summarize seeds/`` (the ONNX graph already exported)
   against a fresh ``python -c "import sentence_transformers"``, alternating.
4. Ray: clusters per second of :func:`summarizer.distributed.summarize_jsonl` with 1 and 2
   actors on a local Ray (actor start and model load included).

Writes ``results/throughput.json`` and ``.md``. The public API is used, and the pipeline's
graph and clustering functions for ``--agreement``::

    python benchmarks/throughput.py --agreement 250        # ~40 min on 2 busy cores
    python benchmarks/throughput.py --clusters 10 --pairs 20 --ray-clusters 6 --repeats 1 --cold-repeats 1 \
        --no-graph-variants   # smoke test
"""

from __future__ import annotations

import argparse
import json
import logging
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
logger = logging.getLogger("throughput")


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


class TorchThreads:
    """The PyTorch embedder with torch limited to ``threads`` threads while it encodes."""

    def __init__(self, embedder: Any, threads: int) -> None:
        self.embedder, self.threads = embedder, threads

    def encode(self, texts: list[str]) -> Any:
        import torch

        before = torch.get_num_threads()
        torch.set_num_threads(self.threads)
        try:
            return self.embedder.encode(texts)
        finally:
            torch.set_num_threads(before)


class GraphVariant:
    """An ONNX Runtime session on a rewritten graph (see :func:`graph_variants`); mean pooling.

    ``batch_size`` 1 runs one sentence per call, which keeps dynamic int8's per-call
    activation scales to that sentence, so its vector does not depend on the others; larger
    batches are sorted by length and padded to their longest, as the library's fp32 path.
    """

    def __init__(self, graph: Path, precision: str, batch_size: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from summarizer.embed import default_model_path

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(Path(default_model_path()) / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=256)
        self.tokenizer.no_padding()
        self.engine, self.precision, self.batch_size = "onnxruntime", precision, batch_size

    def encode(self, texts: list[str]) -> Any:
        import numpy as np

        encodings = self.tokenizer.encode_batch(texts)
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.empty((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            ids = np.zeros((len(rows), max(len(encodings[i].ids) for i in rows)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(rows):
                ids[row, : len(encodings[i].ids)] = encodings[i].ids
                mask[row, : len(encodings[i].ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            (tokens,) = self.session.run(None, feeds)
            weights = mask[:, :, None].astype(np.float32)
            out[rows] = (tokens * weights).sum(axis=1) / weights.sum(axis=1)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def graph_variants(folder: Path) -> dict[str, tuple[Path, str, int]]:
    """Graphs tried for issue 9 on ONNX Runtime, built from the default model into ``folder``.

    The export uses eager attention so that ONNX Runtime's transformer optimizer can fuse it
    (with the default SDPA export it fuses only SkipLayerNorm and BiasGelu): fused fp32
    (Attention, EmbedLayerNorm, SkipLayerNorm, BiasGelu); that graph with every MatMul and
    Attention dynamically quantized to int8 per channel; and the same with the FFN output
    MatMuls of layers 0-2 kept in fp32 (the three most sensitive ones measured). Each comes
    with its precision and batch size (int8 runs one sentence per call, see :class:`GraphVariant`).
    """
    import warnings

    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model
    from transformers import AutoModel

    from summarizer.embed import default_model_path

    model = AutoModel.from_pretrained(default_model_path(), attn_implementation="eager").eval()
    names = ["input_ids", "attention_mask", "token_type_ids"]

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(names, inputs, strict=True))).last_hidden_state

    eager = folder / "eager.onnx"
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            TokenEmbeddings().eval(),
            tuple(torch.ones((2, 8), dtype=torch.long) for _ in names),
            str(eager),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "token_embeddings"]},
            opset_version=17,
            dynamo=False,
        )
    config = model.config
    fused = optimize_model(
        str(eager), model_type="bert", num_heads=config.num_attention_heads, hidden_size=config.hidden_size
    )
    fused.save_model_to_file(str(folder / "fused.onnx"))
    quantize = {
        "weight_type": QuantType.QInt8,
        "per_channel": True,
        "op_types_to_quantize": ["MatMul", "Attention"],
        "extra_options": {"DefaultTensorType": onnx.TensorProto.FLOAT},  # types behind the fused contrib ops
    }
    quantize_dynamic(str(folder / "fused.onnx"), str(folder / "fused-int8.onnx"), **quantize)
    keep = [f"/model/encoder/layer.{i}/output/dense/MatMul" for i in range(3)]
    mixed = folder / "fused-int8-mixed.onnx"
    quantize_dynamic(str(folder / "fused.onnx"), str(mixed), nodes_to_exclude=keep, **quantize)
    return {
        "onnxruntime fp32, fused graph": (folder / "fused.onnx", "fp32", 64),
        "onnxruntime int8, fused, one sentence per call": (folder / "fused-int8.onnx", "int8", 1),
        "onnxruntime int8 but FFN-out of layers 0-2, fused, one sentence per call": (mixed, "int8", 1),
    }


def embedding_speed(texts: list[str], repeats: int, variants: bool, alone: int = 60) -> dict[str, Any]:
    """Sentences per second and cosine agreement with PyTorch for each embedder, same texts, one run.

    Embedders alternate order each repeat. ``batch_independence`` is the largest difference
    between a vector computed alone and the same sentence's vector from the whole run, over
    the first ``alone`` sentences (0 means a vector depends only on its sentence).
    """
    import numpy as np

    from summarizer import OnnxEmbedder, SentenceTransformerEmbedder

    pytorch = SentenceTransformerEmbedder()
    embedders: dict[str, Any] = {
        "pytorch fp32": pytorch,
        "pytorch fp32, 1 thread": TorchThreads(pytorch, 1),
        "onnxruntime fp32": OnnxEmbedder(runtime="onnxruntime", fallback=False),
        "onnxruntime int8 (dynamic, per channel)": OnnxEmbedder(quantization="int8", fallback=False),
        "openvino fp32": OnnxEmbedder(runtime="openvino", bf16=False, fallback=False),
        "openvino, default (bf16 where native)": OnnxEmbedder(runtime="openvino", fallback=False),
    }
    with tempfile.TemporaryDirectory() as tmp:
        if variants:
            logger.info("building the ONNX Runtime graph variants ...")
            for name, (path, precision, batch_size) in graph_variants(Path(tmp)).items():
                embedders[name] = GraphVariant(path, precision, batch_size)
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
        single = {name: np.concatenate([e.encode([t]) for t in texts[:alone]]) for name, e in embedders.items()}
    reference = vectors["pytorch fp32"]
    base = statistics.median(rates["pytorch fp32"])
    best_pytorch = max(base, statistics.median(rates["pytorch fp32, 1 thread"]))
    out = {}
    for name, runs in rates.items():
        cosine = (vectors[name] * reference).sum(axis=1)
        embedder = embedders[name]
        out[name] = {
            "sentences_per_second": round(statistics.median(runs), 1),
            "runs": [round(r, 1) for r in runs],
            "speedup_vs_pytorch": round(statistics.median(runs) / base, 2),
            "speedup_vs_faster_pytorch": round(statistics.median(runs) / best_pytorch, 2),
            "cosine_mean": round(float(cosine.mean()), 5),
            "cosine_min": round(float(cosine.min()), 5),
            "max_abs_diff": float(np.abs(vectors[name] - reference).max()),
            "batch_independence": float(np.abs(single[name] - vectors[name][:alone]).max()),
            "engine": getattr(embedder, "engine", None) or "torch",
            "precision": getattr(embedder, "precision", None),
        }
    return {"sentences": len(texts), "distinct": len(set(texts)), "repeats": repeats, "backends": out}


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


def agreement(datasets: dict[str, tuple[list[dict[str, Any]], int]]) -> dict[str, Any]:
    """How far the default embedder moves the pipeline from PyTorch's vectors, per dataset.

    For every cluster: the sentence clusters with two or more members (the 0.78 threshold),
    and the summary's sentences, with PyTorch fp32 and with the default embedder.
    """
    from summarizer import Document, Summarizer, split_sentences
    from summarizer.cluster import cluster_sentences
    from summarizer.graph import similarity_graph

    systems = {"pytorch fp32": Summarizer(backend="torch"), "default": Summarizer()}
    out: dict[str, Any] = {}
    for dataset, (clusters, budget) in datasets.items():
        logger.info("agreement on %s ...", dataset)
        seen: dict[str, list[tuple[set[frozenset[int]], list[str]]]] = {}
        for name, summarizer in systems.items():
            rows = []
            for cluster in clusters:
                texts = [s.text for d in cluster["documents"] for s in split_sentences(Document(d))]
                distinct = list(dict.fromkeys(texts))  # each distinct sentence once, as the pipeline does
                rows_of = {text: row for row, text in enumerate(distinct)}
                vectors = summarizer.embedder.encode(distinct)[[rows_of[t] for t in texts]]
                threshold = summarizer.cluster_threshold
                graph = similarity_graph(vectors, min_similarity=threshold)
                groups = {frozenset(c.members) for c in cluster_sentences(graph, threshold) if len(c.members) > 1}
                summary = summarizer.summarize(cluster["documents"], max_words=budget)
                rows.append((groups, [s.text for s in summary.sentences]))
            seen[name] = rows
        reference, default = seen["pytorch fp32"], seen["default"]
        out[dataset] = {
            "clusters": len(clusters),
            "budget_words": budget,
            "sentence_groups": sum(len(a) for a, _ in reference),
            "sentence_groups_identical": sum(len(a & b) for (a, _), (b, _) in zip(reference, default, strict=True)),
            "summaries_identical": sum(a == b for (_, a), (_, b) in zip(reference, default, strict=True)),
        }
    return out


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
        "× PyTorch divides by PyTorch fp32 with its default threads (the issue's baseline); × best "
        "PyTorch by the faster of that and PyTorch on 1 thread (on a busy 2-core machine 1 thread can "
        "win). Batch dependence: the largest difference between a sentence's vector computed alone "
        "and in this run's batches (0: a vector depends only on its sentence).",
        "",
        "| Embedder | precision | sentences/s | × PyTorch | × best PyTorch | mean cosine | min cosine | "
        "batch dependence |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in report["embedding"]["backends"].items():
        lines.append(
            f"| {name} | {row['precision'] or 'fp32'} | {row['sentences_per_second']} | "
            f"{row['speedup_vs_pytorch']} | {row['speedup_vs_faster_pytorch']} | {row['cosine_mean']:.5f} | "
            f"{row['cosine_min']:.5f} | {row['batch_independence']:.1e} |"
        )
    if "agreement" in report:
        lines += ["", "## Default embedder against PyTorch fp32 in the pipeline", ""]
        lines += [
            "| Dataset | clusters | sentence groups (≥ 2 members) identical | summaries identical |",
            "|---|---:|---:|---:|",
        ]
        for name, row in report["agreement"].items():
            lines.append(
                f"| {name} | {row['clusters']} | {row['sentence_groups_identical']}/{row['sentence_groups']} | "
                f"{row['summaries_identical']}/{row['clusters']} |"
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
    parser.add_argument("--repeats", type=int, default=5, help="alternating runs per embedder")
    parser.add_argument("--cold-repeats", type=int, default=3, help="alternating runs per cold-start measure")
    parser.add_argument(
        "--no-graph-variants", action="store_true", help="skip the rewritten ONNX Runtime graphs (fused, int8)"
    )
    parser.add_argument(
        "--agreement",
        type=int,
        default=0,
        metavar="N",
        help="also compare clusters and summaries of PyTorch and the default embedder on DUC dev and the "
        "first N Multi-News dev clusters (0: skip; 250: all)",
    )
    parser.add_argument("--clusters", type=int, default=100, help="Multi-News clusters for the batch API")
    parser.add_argument("--pairs", type=int, default=200, help="two-document clusters for the batch API")
    parser.add_argument("--ray-clusters", type=int, default=24, help="Multi-News clusters for Ray (0: skip)")
    parser.add_argument("--max-words", type=int, default=260)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    logger.setLevel(logging.INFO)  # progress; the ONNX quantizer logs chatter at INFO on the root logger
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
    logger.info("embedding ...")
    report["embedding"] = embedding_speed(texts[: args.sentences], args.repeats, not args.no_graph_variants)
    multinews = read_clusters(args.multinews, max(args.clusters, args.pairs, args.ray_clusters, args.agreement))
    if args.agreement:
        report["agreement"] = agreement(
            {
                "DUC 2004 dev": (read_clusters(args.duc, 1000), 100),
                "Multi-News dev": (multinews[: args.agreement], 260),
            }
        )
    pairs = [{"id": c["id"], "documents": c["documents"][:2]} for c in multinews if len(c["documents"]) >= 2]
    logger.info("batch API ...")
    report["batch"] = {
        "Multi-News dev": batch_speed(multinews[: args.clusters], args.max_words, block=25),
        "two-document clusters": batch_speed(pairs[: args.pairs], 60, block=50),
    }
    logger.info("cold start ...")
    report["cold_start"] = cold_start(args.cold_repeats)
    if args.ray_clusters:
        logger.info("ray ...")
        report["ray"] = ray_speed(multinews[: args.ray_clusters], args.max_words, actors=(1, 2))
    report["load_at_end"] = round(os.getloadavg()[0], 2)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "throughput.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    markdown = to_markdown(report)
    (args.out / "throughput.md").write_text(markdown, encoding="utf-8")
    sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
