"""One ROUGE comparison run: every system summarizes every cluster under the same budget and is scored.

:class:`Comparison` collects the scores, seconds and lengths per system; :func:`run_clusters`
drives the systems over the clusters and :func:`write_report` writes ``<dataset>.md``,
``.json`` and ``.png``. ``benchmarks/run.py`` is the command line.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.data import Cluster, one_per_line
from benchmarks.environment import machine, versions
from benchmarks.plotting import plot
from benchmarks.scoring import (
    SHORT,
    Convention,
    fit_budget,
    make_scorer,
    mean_scores,
    oracle_select,
    score_summary,
    scored_references,
)
from benchmarks.systems import SUMY_LABELS, SUMY_SYSTEMS, make_sumy
from benchmarks.tables import markdown_table
from summarizer import Document, Summarizer, SummarizerError, split_sentences
from summarizer.text import word_count
from summarizer.timing import StageTimer

#: Systems run in this process, in table order; ``peers`` are the stored published outputs.
ALL_SYSTEMS = ("ours", "oracle", "lead", *SUMY_SYSTEMS, "peers")
DEFAULT_SYSTEMS = ("ours", "oracle", "lead", "lexrank", "textrank", "lsa", "luhn", "peers")


@dataclass
class SystemResult:
    """The per-cluster scores, seconds and summary lengths of one system."""

    name: str
    kind: str  # ours, oracle, baseline, library, published
    scores: list[dict[str, float]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    failures: int = 0

    def row(self) -> dict[str, Any]:
        """The system's line of the report: mean scores, seconds and words, and the per-cluster scores."""
        return {
            "system": self.name,
            "kind": self.kind,
            "scores": {k: round(v, 2) for k, v in mean_scores(self.scores).items()},
            "seconds_per_cluster": round(statistics.fmean(self.seconds), 4) if self.seconds else None,
            "words": round(statistics.fmean(self.words), 1) if self.words else None,
            "failures": self.failures,
            "per_cluster": [{k: round(v, 3) for k, v in s.items()} for s in self.scores],
        }


class Comparison:
    """The results of one run, system by system, scored under ``convention``."""

    def __init__(self, convention: Convention) -> None:
        self.convention = convention
        self.scorer = make_scorer(convention)
        self.results: dict[str, SystemResult] = {}
        self.stage_seconds: dict[str, list[float]] = {}
        self.rewrite_counts = {"sentences": 0, "rewritten": 0}

    def add(self, name: str, kind: str, summary: str, seconds: float | None, references: list[str]) -> None:
        """Score one system's summary of one cluster."""
        result = self.results.setdefault(name, SystemResult(name, kind))
        result.scores.append(score_summary(self.scorer, summary, references, self.convention))
        result.words.append(word_count(summary))
        if seconds is not None:
            result.seconds.append(seconds)

    def rows(self) -> list[dict[str, Any]]:
        """Every system's row, best R-2 first."""
        return sorted((r.row() for r in self.results.values()), key=lambda r: -r["scores"].get("rouge2", 0.0))


def run_settings(data: Path, dataset: str, clusters: int, budget: int, convention: Convention) -> dict[str, Any]:
    """The settings a run pins, printed at its start and stored with its results."""
    return {
        "data": str(data),
        "dataset": dataset,
        "clusters": clusters,
        "budget_words": budget,
        "convention": convention.description,
        "rouge_types": list(convention.rouge_types),
        "measure": convention.measure,
        "stemmer": "Porter (rouge-score use_stemmer=True)",
        "cut_to_budget": convention.cut,
        "systems_run_here": "whole sentences from summarizer.split_sentences, greedily within the budget",
        "sumy": "our sentences via ObjectDocumentModel, nltk.word_tokenize(preserve_line=True), "
        "English Snowball stemmer and stop words; sumy's rank order, fit_budget",
        "oracle": "greedy over our sentences: max mean ROUGE-2 (tie: ROUGE-1) within the budget",
        "lead": "first sentences of the first document within the budget",
        "duplicate_doc_ids": "a document repeated with the same id and text is read once; "
        "another text under a repeated id gets a #2, #3 suffix",
    }


def format_table(rows: list[dict[str, Any]], convention: Convention) -> str:
    """A Markdown table, in the order of ``rows``."""
    head = ["System", "Kind", *(SHORT.get(k, k) for k in convention.rouge_types), "s/cluster", "words"]
    cells = [
        [
            row["system"],
            row["kind"],
            *(f"{row['scores'].get(k, float('nan')):.2f}" for k in convention.rouge_types),
            "–" if row["seconds_per_cluster"] is None else f"{row['seconds_per_cluster']:.3f}",
            "–" if row["words"] is None else f"{row['words']:.0f}",
        ]
        for row in rows
    ]
    return "\n".join(markdown_table(head, cells, align="ll" + "r" * (len(head) - 2)))


def _ours(comparison: Comparison, summarizer: Summarizer, cluster: Cluster, docs: list[Document], budget: int) -> str:
    """Our summary of one cluster, one sentence per line; a documented refusal scores as an empty summary."""
    try:
        summary = summarizer.summarize(docs, max_words=budget)
    except SummarizerError as err:
        print(f"ours failed on {cluster.id}: {err}", file=sys.stderr)
        comparison.results.setdefault("ours", SystemResult("ours", "ours")).failures += 1
        return ""
    for stage, seconds in summary.timings.items():
        comparison.stage_seconds.setdefault(stage, []).append(seconds)
    return one_per_line(s.text for s in summary.sentences)


def _rewritten(comparison: Comparison, summarizer: Summarizer, docs: list[Document], budget: int) -> str:
    summary = summarizer.summarize(docs, max_words=budget, rewrite=True)
    comparison.rewrite_counts["sentences"] += len(summary.sentences)
    comparison.rewrite_counts["rewritten"] += sum(s.rewritten for s in summary.sentences)
    return one_per_line(s.text for s in summary.sentences)


def run_clusters(
    comparison: Comparison,
    clusters: Sequence[Cluster],
    systems: Sequence[str],
    budget: int,
    ours: Summarizer | None,
    rewriting: Summarizer | None,
) -> None:
    """Summarize every cluster with every system and score it into ``comparison``."""
    from tqdm import tqdm

    convention = comparison.convention
    sumy_runs = {name: make_sumy(name) for name in SUMY_SYSTEMS if name in systems}
    dataset = clusters[0].dataset
    for cluster in tqdm(clusters, desc=f"{dataset} clusters", unit="cluster", file=sys.stderr):
        docs = [Document(text=d["text"], id=d["id"]) for d in cluster.documents]
        references = scored_references(cluster.references, convention)
        timer = StageTimer()  # a fresh one per cluster
        seconds = timer.seconds
        if ours is not None:
            with timer("ours"):
                text = _ours(comparison, ours, cluster, docs, budget)
            comparison.add("ours", "ours", text, seconds["ours"], references)
        if rewriting is not None:
            with timer("rewrite"):
                text = _rewritten(comparison, rewriting, docs, budget)
            comparison.add("ours + rewrite", "ours", text, seconds["rewrite"], references)

        with timer("split"):
            per_doc = [[s.text for s in split_sentences(doc)] for doc in docs]
        if "lead" in systems:
            with timer("lead"):
                first = per_doc[0] if per_doc else []
                text = one_per_line(first[i] for i in fit_budget(first, budget))
            comparison.add("Lead", "baseline", text, seconds["split"] + seconds["lead"], references)
        if "oracle" in systems:
            with timer("oracle"):
                flat = [" ".join(s.split()) for doc in per_doc for s in doc]
                text = one_per_line(
                    flat[i] for i in sorted(oracle_select(flat, cluster.references, convention, budget))
                )
            comparison.add("Oracle", "oracle", text, seconds["split"] + seconds["oracle"], references)
        for name, run in sumy_runs.items():
            with timer(name):
                text = one_per_line(run(per_doc, budget))
            comparison.add(f"sumy {SUMY_LABELS[name]}", "library", text, seconds["split"] + seconds[name], references)
        if "peers" in systems:
            for name, text in sorted(cluster.peers.items()):
                comparison.add(f"{name} (DUC 2004)", "published", text, None, references)


def write_report(
    comparison: Comparison,
    out: Path,
    *,
    dataset: str,
    clusters: int,
    budget: int,
    command: str,
    git: dict[str, Any],
    settings: dict[str, Any],
    load_at_start: float,
    load_seconds: float | None,
    rewriting: bool,
) -> str:
    """Write ``<out>/<dataset>.json``, ``.md`` and ``.png``; return the table and the per-stage line."""
    rows = comparison.rows()
    stages = {k: round(statistics.fmean(v), 4) for k, v in comparison.stage_seconds.items()}
    table = format_table(rows, comparison.convention)
    report = {
        "command": command,
        "git": git,
        "load_average_1m_at_start": load_at_start,
        "settings": settings,
        "model_load_seconds": None if load_seconds is None else round(load_seconds, 3),
        "ours_stage_seconds_mean": stages,
        "rewrite": comparison.rewrite_counts if rewriting else None,
        "table": rows,
        "versions": versions(),
        "machine": machine(),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{dataset}.json").write_text(json.dumps(report, indent=2) + "\n")
    stage_line = ", ".join(f"{k} {v:.3f}" for k, v in stages.items())
    counts = comparison.rewrite_counts
    md = [
        f"# {dataset}: {clusters} clusters, {budget} words",
        "",
        f"`{command}`",
        "",
        f"{comparison.convention.description}. Systems run here: {settings['systems_run_here']}; published "
        "systems as stored (cut mid-sentence at the budget).",
        "",
        table,
        "",
        f"Model load (first call, excluded from s/cluster): {load_seconds:.2f} s"
        if load_seconds is not None
        else "Model load: not run",
        "",
        f"Ours, mean seconds per stage: {stage_line}" if stages else "",
        "",
        f"Rewrite: {counts['rewritten']} of {counts['sentences']} sentences passed the checks "
        "and were rewritten; the rest kept their extractive sentence."
        if rewriting
        else "",
        "",
        f"Machine: {report['machine']['cpu_count']} CPUs, {report['machine']['platform']}, "
        f"Python {report['machine']['python']}; 1-min load average {load_at_start} at the start, "
        f"{report['machine']['load_average_1m']} at the end (other jobs inflate the times).",
        f"Library: commit {report['git']['commit'][:10]}"
        + (" with uncommitted changes in summarizer/." if report["git"]["summarizer_dirty"] else "."),
        "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items() if v),
        "",
    ]
    (out / f"{dataset}.md").write_text("\n".join(md))
    plot(rows, out / f"{dataset}.png", f"{dataset} ({clusters} clusters, {budget} words)")
    lines = [table]
    if load_seconds is not None:
        lines.append(f"\nModel load: {load_seconds:.2f} s. Ours, mean s per stage: {stage_line}")
    return "\n".join(lines)


def load_average() -> float:
    """The 1-minute load average, rounded as the reports give it."""
    return round(os.getloadavg()[0], 2)
