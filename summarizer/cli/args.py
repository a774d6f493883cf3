"""The flags of ``summarize`` and their checks: a bad value is one line naming the flag."""

from __future__ import annotations

import argparse

from summarizer import __version__
from summarizer.errors import DISTRIBUTION, SummarizerError
from summarizer.pipeline import DEFAULT_MAX_WORDS

FORMATS = ("text", "markdown", "json")


class UsageError(SummarizerError):
    """A flag value the command line cannot use; the message names the flag."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line, as every other error: no usage block."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``summarize``."""
    parser = _Parser(
        prog="summarize",
        description="Summarize several news articles about one event into cited sentences.",
        epilog="Examples: summarize seeds/ --words 100 | summarize page1.html https://example.com/story "
        "| summarize --batch clusters.jsonl -o summaries.jsonl",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="text, Markdown, HTML or JSON Lines files, directories (their .txt, .md, .html and .htm files), "
        "http(s):// URLs, or - for one document on stdin",
    )
    parser.add_argument(
        "--batch",
        metavar="CLUSTERS.jsonl",
        help='summarize many clusters: one {"id", "documents": [...]} per line in, one summary per line out',
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    parser.add_argument("--words", type=int, help=f"word budget (default {DEFAULT_MAX_WORDS})")
    parser.add_argument("--sentences", type=int, help="sentence budget")
    parser.add_argument("--format", choices=FORMATS, help="output format (default markdown; --batch writes JSON)")
    parser.add_argument(
        "--model", help="sentence-transformers model name or path (default: the offline all-MiniLM-L6-v2)"
    )
    parser.add_argument(
        "--min-sources", type=int, default=1, help="only facts that this many documents state (default 1)"
    )
    parser.add_argument(
        "--rewrite",
        action="store_true",
        help="rewrite each sentence into neutral prose with an instruction model (checked against its sources)",
    )
    parser.add_argument(
        "--rewrite-model",
        metavar="NAME_OR_PATH",
        help="rewrite model: an installed name (python -m summarizer.models list), a .gguf file, "
        "or a transformers model (default qwen2.5-coder-1.5b)",
    )
    parser.add_argument(
        "--duplicate-ids",
        choices=("rename", "error"),
        default="rename",
        help="--batch: a document id repeated within a cluster gets #2, #3, … as in benchmarks/run.py "
        "(rename, the default) or fails that cluster (error)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="--batch: summarize in this process (local, the default) or on Ray Data actors (ray; a local "
        "Ray instance, or the cluster RAY_ADDRESS names; needs the 'ray' extra)",
    )
    parser.add_argument(
        "--actors", type=int, default=1, help="--engine ray: actors, each loading the model once (default 1)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars or notices on stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__} ({DISTRIBUTION})")
    return parser


def check_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse flag combinations and values that cannot work, before anything is read or loaded."""
    if args.batch is not None and args.paths:
        parser.error("give PATH arguments or --batch CLUSTERS.jsonl, not both")
    if args.batch is None and not args.paths:
        parser.error("give PATH arguments (files, directories, URLs or - for stdin) or --batch CLUSTERS.jsonl")
    if args.batch is not None and args.format not in (None, "json"):
        parser.error(f"--format {args.format} does not apply to --batch, whose output is JSON Lines")
    if args.engine == "ray" and args.batch is None:
        parser.error("--engine ray needs --batch CLUSTERS.jsonl")
    if args.engine == "ray" and args.rewrite:
        parser.error("--rewrite does not run on --engine ray; use the local engine")
    if args.actors < 1:
        raise UsageError(f"--actors must be a positive integer. Got {args.actors}.")
    for flag, value in (("--words", args.words), ("--sentences", args.sentences), ("--min-sources", args.min_sources)):
        if value is not None and value < 1:
            raise UsageError(f"{flag} must be a positive integer. Got {value}.")


def word_budget(args: argparse.Namespace) -> int | None:
    """``--words``; the default budget only when neither ``--words`` nor ``--sentences`` is given."""
    return args.words if args.words is not None or args.sentences is not None else DEFAULT_MAX_WORDS


def check_min_sources(min_sources: int, n_documents: int, where: str) -> None:
    """Refuse a ``--min-sources`` that no fact could meet."""
    if min_sources > n_documents:
        raise UsageError(
            f"--min-sources {min_sources} is more than the {n_documents} documents {where}; "
            f"no fact can be stated by {min_sources} of them. Use --min-sources {n_documents} or less."
        )
