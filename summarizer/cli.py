"""Command line: ``summarize PATH... | DIR | -``.

The summary goes to stdout; diagnostics to stderr. A bad input prints one line and exits 2.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from summarizer.documents import Document, read_documents
from summarizer.errors import InputError, SummarizerError
from summarizer.pipeline import DEFAULT_MAX_WORDS, Summarizer

FORMATS = ("text", "markdown", "json")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description="Summarize several news articles about one event into cited sentences.",
        epilog="Example: summarize seeds/ --words 100 --format markdown",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text files, directories (their .txt and .md files), or - for one document on stdin",
    )
    parser.add_argument("--words", type=int, help=f"word budget (default {DEFAULT_MAX_WORDS})")
    parser.add_argument("--sentences", type=int, help="sentence budget")
    parser.add_argument("--format", choices=FORMATS, default="markdown", help="output format (default markdown)")
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
    return parser


def _read(paths: Sequence[str]) -> list[Document]:
    docs: list[Document] = []
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            try:
                docs.append(Document(text=data.decode("utf-8-sig"), id="stdin"))
            except UnicodeDecodeError:
                raise InputError("Standard input is not valid UTF-8 text.") from None
        else:
            docs.extend(read_documents([path]))
    return docs


def _quiet_model_loading() -> None:
    """Keep stderr for our own diagnostics: no weight-loading progress bars from transformers."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    args = _parser().parse_args(argv)
    _quiet_model_loading()
    max_words = args.words if args.words is not None or args.sentences is not None else DEFAULT_MAX_WORDS
    try:
        docs = _read(args.paths)
        summarizer = Summarizer(
            args.model, min_sources=args.min_sources, rewrite_model=args.rewrite_model, progress=args.rewrite
        )
        summary = summarizer.summarize(docs, max_words=max_words, max_sentences=args.sentences, rewrite=args.rewrite)
    except SummarizerError as err:
        print(f"summarize: error: {err}", file=sys.stderr)
        return 2
    if not summary.sentences:
        print(
            f"summarize: no sentence is supported by {args.min_sources} or more documents and fits the budget.",
            file=sys.stderr,
        )
    if args.format == "json":
        print(summary.to_json())
    elif args.format == "text":
        print(summary.to_text())
    else:
        print(summary.to_markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
