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
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a file (python benchmarks/run.py): import the package from the checkout
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from benchmarks.comparison import (
    ALL_SYSTEMS,
    DEFAULT_SYSTEMS,
    Comparison,
    load_average,
    run_clusters,
    run_settings,
    write_report,
)
from benchmarks.data import BENCH, RESULTS, load_clusters
from benchmarks.environment import git_state
from benchmarks.scoring import CONVENTIONS, Convention

DEFAULT_DATA = BENCH / "duc2004-dev.jsonl"
DEFAULT_OUT = RESULTS


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options; an unknown system or a budget below 1 is a usage error."""
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
    """Run the comparison; returns the exit status."""
    args = parse_args(argv)
    if not args.data.exists():
        print(f"No such data file: {args.data}", file=sys.stderr)
        return 2
    git = git_state()  # before the library is imported: the code this run uses
    from summarizer import Document, Summarizer

    clusters = load_clusters(args.data, args.limit)
    dataset = clusters[0].dataset
    if dataset not in CONVENTIONS:
        print(f"Unknown dataset {dataset!r}; known: {sorted(CONVENTIONS)}", file=sys.stderr)
        return 2
    convention = CONVENTIONS[dataset]
    budget = args.budget or convention.budget
    if args.budget:
        convention = Convention(**{**convention.__dict__, "budget": budget})
    settings = run_settings(args.data, dataset, len(clusters), budget, convention)
    print("Pinned settings:", file=sys.stderr)
    for key, value in settings.items():
        print(f"  {key}: {value}", file=sys.stderr)
    comparison = Comparison(convention)
    load_at_start = load_average()

    ours = load_seconds = None
    if "ours" in args.systems:
        ours = Summarizer(model=args.model) if args.model else Summarizer()
        start = time.perf_counter()
        ours.summarize(
            [Document(text="The model loads on first use. This call warms it up.", id="warmup")], max_words=budget
        )
        load_seconds = time.perf_counter() - start
        print(f"Model load (first call on a tiny input): {load_seconds:.2f} s", file=sys.stderr)
    rewriting = None
    if args.rewrite:
        rewriting = Summarizer(model=args.model, rewrite_model=args.rewrite_model)
        rewriting.embedder = ours.embedder if ours is not None else rewriting.embedder  # share the loaded model

    run_clusters(comparison, clusters, args.systems, budget, ours, rewriting)
    command = "python benchmarks/run.py " + " ".join(sys.argv[1:] if argv is None else argv)
    printed = write_report(
        comparison,
        args.out,
        dataset=dataset,
        clusters=len(clusters),
        budget=budget,
        command=command,
        git=git,
        settings=settings,
        load_at_start=load_at_start,
        load_seconds=load_seconds,
        rewriting=rewriting is not None,
    )
    print(printed)
    print(f"Wrote {args.out / dataset}.md, .json, .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
