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
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a file (python benchmarks/scale.py): import the package from the checkout
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from benchmarks.data import BENCH, RESULTS
from benchmarks.growth import write_outputs
from benchmarks.scaling import GB, brief, build_input, child_main, run_child

DEFAULT_DATA = (BENCH / "duc2004-dev.jsonl", BENCH / "multinews-dev.jsonl")
DEFAULT_OUT = RESULTS


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The options (``--child`` and its inputs are for the measuring process)."""
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
    """Measure each size (each in a fresh process), writing the report after every measurement."""
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
            print(f"  ours: {brief(ours[n])}", file=sys.stderr, flush=True)
            save()
            if lexrank_stopped:
                if not args.skip_lexrank:
                    lexrank[n] = {"stopped": "not run (a smaller size passed the time limit)"}
                continue
            print(f"n={n:,}: sumy LexRank …", file=sys.stderr, flush=True)
            lexrank[n] = run_child("lexrank", path, args.lexrank_timeout, limit, None)
            print(f"  LexRank: {brief(lexrank[n])}", file=sys.stderr, flush=True)
            lexrank_stopped = "stopped" in lexrank[n]
            save()
    report = save()
    print(report)
    print(f"Wrote {args.out / 'scale.md'} and scale.json")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
