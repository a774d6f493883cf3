"""Measuring summarizer at one input size, in a fresh process under a time and memory watchdog.

Inputs are built from the bench data: the clusters' documents are concatenated (the corpus
repeats, with fresh ids, when it runs out) until ``n`` sentences of our splitter are reached.
The child process reports its peak RSS (``getrusage`` ``ru_maxrss``, which sees torch's and
numpy's C allocations) and, from an RSS sampler thread aligned with ``summary.timings``, the
peak RSS during each stage.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.environment import git_state
from summarizer.text import word_count

#: The entry point a measurement runs in (as ``scale.py --child``).
SCALE_SCRIPT = Path(__file__).resolve().with_name("scale.py")
GB = 1024**3


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


def _rss() -> int:
    """This process's resident memory, in bytes."""
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
        "summary_words": word_count(summary.text),
    }


def child_lexrank(docs: list[dict[str, str]]) -> dict[str, Any]:
    from benchmarks.systems import make_sumy
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
        "summary_words": sum(word_count(s) for s in picked),
    }


def child_main(system: str, input_path: Path, result_path: Path, model: str | None) -> int:
    docs = json.loads(input_path.read_text())
    git = git_state()  # the code this process imports, which may change between sizes
    result = child_ours(docs, model) if system == "ours" else child_lexrank(docs)
    result["git"] = git
    result["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    result_path.write_text(json.dumps(result))
    return 0


def run_child(system: str, input_path: Path, timeout: float, memory_limit: int, model: str | None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter under a time and RSS watchdog."""
    import psutil

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = Path(handle.name)
    command = [sys.executable, str(SCALE_SCRIPT), "--child", system, "--input", str(input_path)]
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


def brief(result: dict[str, Any]) -> str:
    """One measurement in one line (the tail of stderr for a failed one)."""
    if "stderr" in result:
        return f"{result['stopped']}:\n{result['stderr'][-1500:]}"
    return json.dumps({k: v for k, v in result.items() if k != "stage_peak_rss"})
