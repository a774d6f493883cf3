"""Benchmark summarizer against published systems, peer libraries, Lead and an oracle.

Usage (from the repository root)::

    python benchmarks/run.py --data ../shared/bench/duc2004-dev.jsonl
    python benchmarks/run.py --data ../shared/bench/multinews-dev.jsonl --limit 100

Each cluster is summarized by every system under the same word budget and scored with
``rouge-score`` under the dataset's convention (printed at the start of a run):

* DUC 2004: every summary and reference cut to 100 whitespace words; ROUGE-1/2 recall with
  Porter stemming; mean over the four references, then over clusters.
* Multi-News: about 260 words; F1 of ROUGE-1, ROUGE-2 and ROUGE-Lsum (one sentence per line)
  with stemming.

Systems run here take whole sentences (our :func:`summarizer.split_sentences`) without
passing the budget; the published DUC systems were cut mid-sentence at 100 words. Writes
``<out>/<dataset>.md``, ``.json`` and ``.png`` (R-2 against seconds per cluster).
Only the public API of ``summarizer`` is used.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "duc2004-dev.jsonl"
DEFAULT_OUT = Path(__file__).resolve().parent / "results"
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

#: Systems run in this process, in table order; ``peers`` are the stored published outputs.
SUMY_SYSTEMS = ("lexrank", "textrank", "lsa", "luhn", "kl")
SUMY_LABELS = {"lexrank": "LexRank", "textrank": "TextRank", "lsa": "LSA", "luhn": "Luhn", "kl": "KL"}
ALL_SYSTEMS = ("ours", "oracle", "lead", *SUMY_SYSTEMS, "peers")
DEFAULT_SYSTEMS = ("ours", "oracle", "lead", "lexrank", "textrank", "lsa", "luhn", "peers")

#: Packages whose versions go into the results.
PACKAGES = (
    "summarizer",
    "torch",
    "sentence-transformers",
    "transformers",
    "numpy",
    "rouge-score",
    "sumy",
    "nltk",
    "datasets",
    "blingfire",
)


@dataclass(frozen=True)
class Convention:
    """How a dataset is scored."""

    name: str
    budget: int
    measure: str  # "recall" or "fmeasure" (attribute of rouge_score's Score)
    rouge_types: tuple[str, ...]
    cut: bool  # cut every summary and reference to ``budget`` whitespace words
    description: str


CONVENTIONS = {
    "duc2004": Convention(
        name="duc2004",
        budget=100,
        measure="recall",
        rouge_types=("rouge1", "rouge2"),
        cut=True,
        description="DUC 2004 Task 2: summaries and references cut to 100 words, ROUGE-1/2 recall, "
        "Porter stemming, mean over the references then over clusters",
    ),
    "multinews": Convention(
        name="multinews",
        budget=260,
        measure="fmeasure",
        rouge_types=("rouge1", "rouge2", "rougeLsum"),
        cut=False,
        description="Multi-News: ROUGE-1/2/Lsum F1 with Porter stemming, one sentence per line for "
        "Lsum, mean over clusters (one reference each)",
    ),
}

SHORT = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum"}


# --------------------------------------------------------------------------- scoring


def cut_words(text: str, limit: int) -> str:
    """The first ``limit`` whitespace-separated words of ``text``, keeping its line breaks.

    >>> cut_words("One two.\\nThree four five.", 3)
    'One two.\\nThree'
    >>> cut_words("  a   b ", 5)
    'a b'
    """
    lines: list[str] = []
    left = limit
    for line in text.splitlines():
        if left <= 0:
            break
        words = line.split()[:left]
        if words:
            lines.append(" ".join(words))
            left -= len(words)
    return "\n".join(lines)


def word_count(text: str) -> int:
    """Whitespace-separated words, the unit of every budget here."""
    return len(text.split())


def make_scorer(convention: Convention) -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(convention.rouge_types), use_stemmer=True)


def score_summary(scorer: Any, summary: str, references: Sequence[str], convention: Convention) -> dict[str, float]:
    """Scores (0-100) of one summary: ``convention.measure`` averaged over the references.

    ``summary`` and the references hold one sentence per line (used by ROUGE-Lsum). Under a
    cutting convention both are cut to the budget first.
    """
    if convention.cut:
        summary = cut_words(summary, convention.budget)
        references = [cut_words(r, convention.budget) for r in references]
    totals = dict.fromkeys(convention.rouge_types, 0.0)
    for reference in references:
        result = scorer.score(reference, summary)
        for kind in convention.rouge_types:
            totals[kind] += getattr(result[kind], convention.measure)
    return {kind: 100.0 * total / len(references) for kind, total in totals.items()}


def mean_scores(per_cluster: Sequence[dict[str, float]]) -> dict[str, float]:
    """Mean of each score over clusters."""
    if not per_cluster:
        return {}
    return {kind: statistics.fmean(s[kind] for s in per_cluster) for kind in per_cluster[0]}


# --------------------------------------------------------------------------- selection helpers


def fit_budget(texts: Iterable[str], budget: int) -> list[int]:
    """Indices of ``texts`` taken in the given order while the total stays within ``budget`` words.

    A text that would pass the budget is skipped (a later, shorter one may still fit); an
    exact repeat of a taken text is skipped too.

    >>> fit_budget(["a b c", "d e f g", "a b c", "h"], 5)
    [0, 3]
    """
    taken: list[int] = []
    seen: set[str] = set()
    used = 0
    for index, text in enumerate(texts):
        n = word_count(text)
        if n == 0 or text in seen or used + n > budget:
            continue
        taken.append(index)
        seen.add(text)
        used += n
        if used >= budget:
            break
    return taken


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def oracle_select(
    sentences: Sequence[str], references: Sequence[str], convention: Convention, budget: int
) -> list[int]:
    """Greedy extractive oracle: indices of ``sentences`` maximising ROUGE-2 (then ROUGE-1).

    Each step adds the sentence that fits within ``budget`` words and most raises the mean
    ROUGE-2 (``convention.measure``) over the references, ties broken by ROUGE-1; it stops
    when nothing fits or nothing improves. Uses rouge-score's own stemming tokenizer.
    """
    from rouge_score import tokenizers

    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    if convention.cut:
        references = [cut_words(r, convention.budget) for r in references]
    ref_tokens = [tokenizer.tokenize(r) for r in references]
    refs = {n: [_ngrams(t, n) for t in ref_tokens] for n in (1, 2)}
    ref_totals = {n: [max(sum(c.values()), 0) for c in refs[n]] for n in (1, 2)}
    sent_grams = []
    for text in sentences:
        tokens = tokenizer.tokenize(text)
        sent_grams.append({n: _ngrams(tokens, n) for n in (1, 2)})
    sizes = [word_count(t) for t in sentences]

    chosen: list[int] = []
    summary = {1: Counter(), 2: Counter()}
    overlap = {n: [0] * len(references) for n in (1, 2)}
    used = 0
    seen_text: set[str] = set()

    def value(n: int, new_overlap: list[int], cand_total: int) -> float:
        out = 0.0
        for o, ref_total in zip(new_overlap, ref_totals[n], strict=True):
            recall = o / ref_total if ref_total else 0.0
            if convention.measure == "recall":
                out += recall
            else:
                precision = o / cand_total if cand_total else 0.0
                out += 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return out / max(len(new_overlap), 1)

    current = (value(2, overlap[2], 0), value(1, overlap[1], 0))
    while True:
        best: tuple[float, float] | None = None
        best_index = -1
        best_overlap: dict[int, list[int]] = {}
        for i, grams in enumerate(sent_grams):
            if i in chosen or sizes[i] == 0 or used + sizes[i] > budget or sentences[i] in seen_text:
                continue
            new_overlap = {}
            for n in (1, 2):
                gained = []
                for ref, o in zip(refs[n], overlap[n], strict=True):
                    delta = 0
                    for gram, count in grams[n].items():
                        have = summary[n][gram]
                        limit = ref.get(gram, 0)
                        delta += min(have + count, limit) - min(have, limit)
                    gained.append(o + delta)
                new_overlap[n] = gained
            totals = {n: sum(summary[n].values()) + sum(grams[n].values()) for n in (1, 2)}
            candidate = (value(2, new_overlap[2], totals[2]), value(1, new_overlap[1], totals[1]))
            if best is None or candidate > best:
                best, best_index, best_overlap = candidate, i, new_overlap
        if best is None or best <= current:
            break
        chosen.append(best_index)
        seen_text.add(sentences[best_index])
        for n in (1, 2):
            summary[n].update(sent_grams[best_index][n])
        overlap = best_overlap
        used += sizes[best_index]
        current = best
    return chosen


# --------------------------------------------------------------------------- sumy


class _WordTokenizer:
    """sumy's word tokenizer without punkt data: nltk's Treebank-style words, sumy's word filter."""

    language = "english"

    def __init__(self) -> None:
        from sumy.nlp.tokenizers import Tokenizer

        self._is_word = Tokenizer._is_word

    def to_words(self, sentence: str) -> tuple[str, ...]:
        import nltk

        return tuple(w for w in nltk.word_tokenize(sentence, preserve_line=True) if self._is_word(w))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - never called
        raise NotImplementedError("sentences come from summarizer.split_sentences")


def make_sumy(name: str) -> Callable[[list[list[str]], int], list[str]]:
    """A function ``(sentences per document, budget) -> chosen sentences`` for a sumy algorithm.

    sumy ranks sentences; we take them in its rank order with :func:`fit_budget` and return
    them in document order, as sumy does.
    """
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "lexrank": LexRankSummarizer,
        "textrank": TextRankSummarizer,
        "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer,
        "kl": KLSummarizer,
    }
    algorithm = classes[name](Stemmer("english"))
    algorithm.stop_words = get_stop_words("english")
    tokenizer = _WordTokenizer()

    def run(documents: list[list[str]], budget: int) -> list[str]:
        paragraphs = [Paragraph([Sentence(s, tokenizer) for s in doc]) for doc in documents if doc]
        model = ObjectDocumentModel(paragraphs)

        def within_budget(ranked: list) -> list:  # sumy passes infos sorted by rating
            keep = fit_budget([str(info.sentence) for info in ranked], budget)
            return [ranked[i] for i in keep]

        return [str(s) for s in algorithm(model, within_budget)]

    return run


# --------------------------------------------------------------------------- data


@dataclass
class Cluster:
    id: str
    dataset: str
    documents: list[dict[str, str]]
    references: list[str]
    peers: dict[str, str] = field(default_factory=dict)


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """Read a bench JSONL file with ``datasets``.

    A document listed twice in a cluster (same id, same text; DUC 2004 dev has eight) is read
    once: it is one article, not two sources. Another document under a repeated id gets
    ``#2``, ``#3``, …
    """
    from datasets import load_dataset

    rows = load_dataset("json", data_files=str(path), split="train")
    if limit is not None:
        rows = rows.select(range(min(limit, len(rows))))
    clusters = []
    for row in rows:
        seen: Counter = Counter()
        read: set[tuple[str, str]] = set()
        documents = []
        for doc in row["documents"]:
            if (doc["id"], doc["text"]) in read:
                continue
            read.add((doc["id"], doc["text"]))
            seen[doc["id"]] += 1
            doc_id = doc["id"] if seen[doc["id"]] == 1 else f"{doc['id']}#{seen[doc['id']]}"
            documents.append({"id": doc_id, "text": doc["text"]})
        peers = {k: v for k, v in (row.get("peers") or {}).items() if v is not None}
        clusters.append(Cluster(row["id"], row["dataset"], documents, list(row["references"]), peers))
    return clusters


def one_per_line(sentences: Iterable[str]) -> str:
    """Sentences joined one per line, each with its whitespace collapsed."""
    return "\n".join(" ".join(s.split()) for s in sentences if s.strip())


# --------------------------------------------------------------------------- results


@dataclass
class SystemResult:
    name: str
    kind: str  # ours, oracle, baseline, library, published
    scores: list[dict[str, float]] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
    failures: int = 0

    def row(self) -> dict[str, Any]:
        return {
            "system": self.name,
            "kind": self.kind,
            "scores": {k: round(v, 2) for k, v in mean_scores(self.scores).items()},
            "seconds_per_cluster": round(statistics.fmean(self.seconds), 4) if self.seconds else None,
            "words": round(statistics.fmean(self.words), 1) if self.words else None,
            "failures": self.failures,
            "per_cluster": [{k: round(v, 3) for k, v in s.items()} for s in self.scores],
        }


def versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_state() -> dict[str, Any]:
    """The commit the library was run from and whether summarizer/ had uncommitted changes."""
    import subprocess

    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "summarizer_dirty": bool(git("status", "--porcelain", "summarizer"))}


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": sys.version.split()[0],
    }


def format_table(rows: list[dict[str, Any]], convention: Convention) -> str:
    """A Markdown table, best R-2 first."""
    kinds = [SHORT.get(k, k) for k in convention.rouge_types]
    head = ["System", "Kind", *kinds, "s/cluster", "words"]
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---", "---"] + ["---:"] * (len(head) - 2)) + "|",
    ]
    for row in rows:
        seconds = row["seconds_per_cluster"]
        cells = [
            row["system"],
            row["kind"],
            *(f"{row['scores'].get(k, float('nan')):.2f}" for k in convention.rouge_types),
            "–" if seconds is None else f"{seconds:.3f}",
            "–" if row["words"] is None else f"{row['words']:.0f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(rows: list[dict[str, Any]], path: Path, title: str) -> None:
    """R-2 against seconds per cluster (log scale); published systems as labelled lines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter

    fig, ax = plt.subplots(figsize=(9, 5.5), dpi=120)
    colours = {"ours": "tab:red", "oracle": "tab:green", "baseline": "tab:grey", "library": "tab:blue"}
    untimed = sorted((r for r in rows if not r["seconds_per_cluster"]), key=lambda r: r["scores"]["rouge2"])
    timed = [r for r in rows if r["seconds_per_cluster"]]
    values = [r["scores"]["rouge2"] for r in rows]
    gap = (max(values) - min(values)) * 0.03 if values else 0.0
    label_y: list[float] = []
    for row in untimed:  # push labels apart upwards, then centre the group on the lines
        label_y.append(max(row["scores"]["rouge2"], label_y[-1] + gap if label_y else -math.inf))
    if label_y:
        shift = statistics.fmean(y - r["scores"]["rouge2"] for y, r in zip(label_y, untimed, strict=True))
        label_y = [y - shift for y in label_y]
    for row, y in zip(untimed, label_y, strict=True):  # published systems: no time, drawn as lines
        r2 = row["scores"]["rouge2"]
        ax.axhline(r2, color="0.8", lw=0.8, ls="--", zorder=0)
        ax.annotate(
            row["system"], xy=(1.0, r2), xycoords=("axes fraction", "data"), xytext=(1.04, y),
            textcoords=("axes fraction", "data"), fontsize=6.5, color="0.35", va="center",
            arrowprops={"arrowstyle": "-", "color": "0.7", "lw": 0.5}, annotation_clip=False,
        )  # fmt: skip
    placed: list[tuple[float, float]] = []
    for row in sorted(timed, key=lambda r: r["scores"]["rouge2"]):
        x, y = row["seconds_per_cluster"], row["scores"]["rouge2"]
        ax.scatter([x], [y], color=colours.get(row["kind"], "k"), s=40, zorder=3)
        dy = 3 + 9 * sum(1 for px, py in placed if abs(math.log10(px / x)) < 0.25 and abs(py - y) < gap)
        placed.append((x, y))
        ax.annotate(row["system"], (x, y), xytext=(5, dy), textcoords="offset points", fontsize=8)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("seconds per cluster (log scale; model load excluded)")
    ax.set_ylabel("ROUGE-2")
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


# --------------------------------------------------------------------------- main


def summarizer_error() -> type[Exception]:
    """The library's base exception: a documented refusal, scored as an empty summary."""
    import summarizer

    if hasattr(summarizer, "SummarizerError"):
        return summarizer.SummarizerError
    from summarizer.errors import SummarizerError

    return SummarizerError


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="bench JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--budget", type=int, default=None, help="words per summary (default: dataset's)")
    parser.add_argument(
        "--systems",
        default=",".join(DEFAULT_SYSTEMS),
        help=f"comma-separated, from {', '.join(ALL_SYSTEMS)} (default: %(default)s)",
    )
    parser.add_argument("--model", default=None, help="embedding model for ours (default: library's)")
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="also run ours with the abstractive rewrite (needs an installed rewrite model)",
    )
    parser.add_argument("--rewrite-model", default=None, help="rewrite model for --rewrite (default: library's)")
    args = parser.parse_args(argv)
    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = sorted(set(args.systems) - set(ALL_SYSTEMS))
    if unknown:
        parser.error(f"unknown systems {unknown}; valid ones are {list(ALL_SYSTEMS)}")
    if args.limit is not None and args.limit < 1:
        parser.error(f"--limit must be a positive integer. Got {args.limit} instead.")
    if args.budget is not None and args.budget < 1:
        parser.error(f"--budget must be a positive integer. Got {args.budget} instead.")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.exists():
        print(f"No such data file: {args.data}", file=sys.stderr)
        return 2
    git = git_state()  # before the library is imported: the code this run uses
    from tqdm import tqdm

    from summarizer import Document, Summarizer, split_sentences

    clusters = load_clusters(args.data, args.limit)
    dataset = clusters[0].dataset
    if dataset not in CONVENTIONS:
        print(f"Unknown dataset {dataset!r}; known: {sorted(CONVENTIONS)}", file=sys.stderr)
        return 2
    convention = CONVENTIONS[dataset]
    budget = args.budget or convention.budget
    if args.budget:
        convention = Convention(**{**convention.__dict__, "budget": budget})
    scorer = make_scorer(convention)
    settings = {
        "data": str(args.data),
        "dataset": dataset,
        "clusters": len(clusters),
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
    print("Pinned settings:", file=sys.stderr)
    for key, value in settings.items():
        print(f"  {key}: {value}", file=sys.stderr)

    results: dict[str, SystemResult] = {}
    load_at_start = round(os.getloadavg()[0], 2)

    def add(name: str, kind: str, summary: str, seconds: float | None, references: list[str]) -> None:
        result = results.setdefault(name, SystemResult(name, kind))
        result.scores.append(score_summary(scorer, summary, references, convention))
        result.words.append(word_count(summary))
        if seconds is not None:
            result.seconds.append(seconds)

    ours = None
    load_seconds = None
    stage_seconds: dict[str, list[float]] = {}
    if "ours" in args.systems:
        ours = Summarizer(model=args.model) if args.model else Summarizer()
        start = time.perf_counter()
        ours.summarize(
            [Document(text="The model loads on first use. This call warms it up.", id="warmup")],
            max_words=budget,
        )
        load_seconds = time.perf_counter() - start
        print(f"Model load (first call on a tiny input): {load_seconds:.2f} s", file=sys.stderr)
    rewriting = None
    rewrite_counts = {"sentences": 0, "rewritten": 0}
    if args.rewrite:
        rewriting = Summarizer(model=args.model, rewrite_model=args.rewrite_model)
        rewriting.embedder = ours.embedder if ours is not None else rewriting.embedder  # share the loaded model
    sumy_runs = {name: make_sumy(name) for name in SUMY_SYSTEMS if name in args.systems}
    refusal = summarizer_error()

    for cluster in tqdm(clusters, desc=f"{dataset} clusters", unit="cluster", file=sys.stderr):
        docs = [Document(text=d["text"], id=d["id"]) for d in cluster.documents]
        if convention.rouge_types and "rougeLsum" in convention.rouge_types:
            references = [
                one_per_line(s.text for s in split_sentences(Document(text=r, id="ref"))) for r in cluster.references
            ]
        else:
            references = list(cluster.references)

        if ours is not None:
            start = time.perf_counter()
            try:
                summary = ours.summarize(docs, max_words=budget)
                text = one_per_line(s.text for s in summary.sentences)
                for stage, sec in summary.timings.items():
                    stage_seconds.setdefault(stage, []).append(sec)
            except refusal as err:  # a documented refusal scores as an empty summary
                print(f"ours failed on {cluster.id}: {err}", file=sys.stderr)
                text = ""
                results.setdefault("ours", SystemResult("ours", "ours")).failures += 1
            add("ours", "ours", text, time.perf_counter() - start, references)

        if rewriting is not None:
            start = time.perf_counter()
            summary = rewriting.summarize(docs, max_words=budget, rewrite=True)
            rewrite_counts["sentences"] += len(summary.sentences)
            rewrite_counts["rewritten"] += sum(s.rewritten for s in summary.sentences)
            text = one_per_line(s.text for s in summary.sentences)
            add("ours + rewrite", "ours", text, time.perf_counter() - start, references)

        start = time.perf_counter()
        per_doc = [[s.text for s in split_sentences(doc)] for doc in docs]
        split_time = time.perf_counter() - start

        if "lead" in args.systems:
            start = time.perf_counter()
            first = per_doc[0] if per_doc else []
            picked = [first[i] for i in fit_budget(first, budget)]
            add("Lead", "baseline", one_per_line(picked), split_time + time.perf_counter() - start, references)

        if "oracle" in args.systems:
            start = time.perf_counter()
            flat = [" ".join(s.split()) for doc in per_doc for s in doc]
            picked = [flat[i] for i in sorted(oracle_select(flat, cluster.references, convention, budget))]
            add("Oracle", "oracle", one_per_line(picked), split_time + time.perf_counter() - start, references)

        for name, run in sumy_runs.items():
            start = time.perf_counter()
            picked = run(per_doc, budget)
            seconds = split_time + time.perf_counter() - start
            add(f"sumy {SUMY_LABELS[name]}", "library", one_per_line(picked), seconds, references)

        if "peers" in args.systems:
            for name, text in sorted(cluster.peers.items()):
                add(f"{name} (DUC 2004)", "published", text, None, references)

    rows = sorted((r.row() for r in results.values()), key=lambda r: -r["scores"].get("rouge2", 0.0))
    stages = {k: round(statistics.fmean(v), 4) for k, v in stage_seconds.items()}
    table = format_table(rows, convention)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    report = {
        "command": command,
        "git": git,
        "load_average_1m_at_start": load_at_start,
        "settings": settings,
        "model_load_seconds": None if load_seconds is None else round(load_seconds, 3),
        "ours_stage_seconds_mean": stages,
        "rewrite": rewrite_counts if rewriting is not None else None,
        "table": rows,
        "versions": versions(),
        "machine": machine(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{dataset}.json").write_text(json.dumps(report, indent=2) + "\n")
    stage_line = ", ".join(f"{k} {v:.3f}" for k, v in stages.items())
    md = [
        f"# {dataset}: {len(clusters)} clusters, {budget} words",
        "",
        f"`{command}`",
        "",
        f"{convention.description}. Systems run here: {settings['systems_run_here']}; published "
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
        f"Rewrite: {rewrite_counts['rewritten']} of {rewrite_counts['sentences']} sentences passed the checks "
        "and were rewritten; the rest kept their extractive sentence."
        if rewriting is not None
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
    (args.out / f"{dataset}.md").write_text("\n".join(md))
    plot(rows, args.out / f"{dataset}.png", f"{dataset} ({len(clusters)} clusters, {budget} words)")
    print(table)
    if load_seconds is not None:
        print(f"\nModel load: {load_seconds:.2f} s. Ours, mean s per stage: {stage_line}")
    print(f"Wrote {args.out / dataset}.md, .json, .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
