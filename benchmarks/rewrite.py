"""The rewrite path against the extractive summary, in one run on the same clusters.

Three summaries per cluster: extractive; rewritten without spending the words the rewrites
free (the selection is not resumed); rewritten with them (the library's behaviour). Prints
ROUGE as ``benchmarks/run.py`` scores it, the mean words, how many rewrites passed their
checks, the most common fallback reasons and the seconds per cluster.

Usage (needs ``pip install -e '.[rewrite]'`` and an installed rewrite model)::

    python benchmarks/rewrite.py --data ../shared/bench/duc2004-dev.jsonl [--limit N] [--out FILE.json]

``--out`` keeps every summary sentence (text, whether it was rewritten, why not, its citations)
per cluster and mode, for reading what the model wrote.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``benchmarks`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import summarizer.pipeline as pipeline
from benchmarks.data import load_clusters, one_per_line
from benchmarks.scoring import CONVENTIONS, make_scorer, mean_scores, score_summary, scored_references
from summarizer import Document, Summarizer, SummarySentence

#: name → fill rounds (0: extractive, no rewrite).
MODES = {"extractive": 0, "rewrite, freed words unused": 1, "rewrite + fill (library)": pipeline.MAX_FILL_ROUNDS}


def _reason(fallback: str) -> str:
    """A fallback reason without its particulars: "states the number '30', …" → "states the number"."""
    return fallback.split("(")[0].split("'")[0].strip()


def _sentence_record(sentence: SummarySentence) -> dict[str, object]:
    return {
        "text": sentence.text,
        "rewritten": sentence.rewritten,
        "fallback": sentence.fallback_reason,
        "citations": [f"{c.doc_id}:{c.relation}" for c in sentence.citations],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="bench JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--rewrite-model", default=None, help="rewrite model (default: library's)")
    parser.add_argument("--out", type=Path, default=None, help="write every summary's sentences here (JSON)")
    args = parser.parse_args(argv)

    clusters = load_clusters(args.data, args.limit)
    convention = CONVENTIONS[clusters[0].dataset]
    scorer = make_scorer(convention)
    summarizer = Summarizer(rewrite_model=args.rewrite_model)
    print(f"{len(clusters)} clusters of {args.data.name}, {convention.budget} words\n")
    print("| summary | " + " | ".join(convention.rouge_types) + " | words | rewritten | s/cluster |")
    print("|---|" + "---:|" * (len(convention.rouge_types) + 3))
    default_rounds = pipeline.MAX_FILL_ROUNDS
    written: dict[str, dict[str, list[dict[str, object]]]] = {}
    for name, rounds in MODES.items():
        pipeline.MAX_FILL_ROUNDS = max(rounds, 1)
        scores, words, reasons = [], [], collections.Counter()
        rewritten = total = 0
        start = time.perf_counter()
        for cluster in clusters:
            docs = [Document(text=d["text"], id=d["id"]) for d in cluster.documents]
            summary = summarizer.summarize(docs, max_words=convention.budget, rewrite=rounds > 0)
            text = one_per_line(s.text for s in summary.sentences)
            scores.append(score_summary(scorer, text, scored_references(cluster.references, convention), convention))
            written.setdefault(name, {})[cluster.id] = [_sentence_record(s) for s in summary.sentences]
            words.append(len(text.split()))
            total += len(summary.sentences)
            rewritten += sum(s.rewritten for s in summary.sentences)
            reasons.update(_reason(s.fallback_reason) for s in summary.sentences if s.fallback_reason)
        seconds = (time.perf_counter() - start) / len(clusters)
        means = mean_scores(scores)
        cells = " | ".join(f"{means[k]:.2f}" for k in convention.rouge_types)
        print(f"| {name} | {cells} | {statistics.fmean(words):.1f} | {rewritten}/{total} | {seconds:.1f} |", flush=True)
        if reasons:
            print(f"<!-- fallback reasons: {reasons.most_common(6)} -->", flush=True)
    pipeline.MAX_FILL_ROUNDS = default_rounds
    if args.out is not None:
        partial = args.out.with_name(args.out.name + ".partial")
        partial.write_text(json.dumps(written, indent=1, ensure_ascii=False), encoding="utf-8")
        partial.replace(args.out)  # never a half-written file
        print(f"\nsentences: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
