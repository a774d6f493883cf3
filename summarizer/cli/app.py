"""The ``summarize`` command: read the inputs, load the models once, write one summary (or a batch).

Errors the library raises on purpose (:class:`~summarizer.errors.SummarizerError`) become one
line on stderr and exit status 2; real bugs keep their traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.cli import batch
from summarizer.cli.args import build_parser, check_flags, check_min_sources, word_budget
from summarizer.cli.output import check_output, one_line, output, summary_json
from summarizer.documents import Document, as_documents, read_documents
from summarizer.embed import DEFAULT_MODEL
from summarizer.errors import InputError, ModelLoadError, SummarizerError
from summarizer.loading import bound_hub_timeouts, check_hub
from summarizer.pipeline import Summarizer

logger = logging.getLogger(__name__)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class _StderrHandler(logging.Handler):
    """Log records as ``summarize: message`` lines on the current ``sys.stderr``."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            from tqdm import tqdm

            tqdm.write(f"summarize: {one_line(self.format(record))}", file=sys.stderr)
        except Exception:  # never let a log line end the run
            self.handleError(record)


def _configure_logging(quiet: bool) -> None:
    package = logging.getLogger("summarizer")
    if not any(isinstance(h, _StderrHandler) for h in package.handlers):
        package.addHandler(_StderrHandler())
    package.setLevel(logging.ERROR if quiet else logging.WARNING)
    for name in ("trafilatura", "htmldate", "courlan"):  # a page without an article is our one-line error
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _quiet_model_loading() -> None:
    """Keep stderr for our own diagnostics: no weight-loading progress bars from transformers."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()


class _ProgressEmbedder:
    """Wraps an embedder to show a progress bar over its sentences on stderr."""

    def __init__(self, inner: Any, chunk: int = 256) -> None:
        self.inner = inner
        self.chunk = chunk

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        from tqdm import tqdm

        parts = []
        with tqdm(total=len(texts), desc="embedding", unit="sentence", file=sys.stderr, leave=False) as bar:
            for start in range(0, len(texts), self.chunk):
                part = texts[start : start + self.chunk]
                parts.append(np.asarray(self.inner.encode(part)))
                bar.update(len(part))
        return np.concatenate(parts) if parts else self.inner.encode(texts)


def _build(args: argparse.Namespace, progress: bool) -> Summarizer:
    """The summarizer with its models loaded, so a model error names its flag before any work."""
    if args.model and args.model != DEFAULT_MODEL and not Path(args.model).expanduser().exists():
        check_hub(args.model)
    summarizer = Summarizer(
        args.model, min_sources=args.min_sources, rewrite_model=args.rewrite_model, progress=progress and args.rewrite
    )
    try:
        summarizer.embedder.encode(["The model loads once, on this call."])
    except SummarizerError as err:
        if args.model is None:
            raise
        raise ModelLoadError(f"--model: {one_line(err)}") from err
    if args.rewrite:
        try:
            summarizer.rewriter  # noqa: B018 (loads the rewrite model)
        except SummarizerError as err:
            flag = "--rewrite-model" if args.rewrite_model else "--rewrite"
            raise ModelLoadError(f"{flag}: {one_line(err)}") from err
    if progress:
        summarizer.embedder = _ProgressEmbedder(summarizer.embedder)
    return summarizer


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


def _run_one(args: argparse.Namespace, progress: bool) -> int:
    docs = _read(args.paths)
    as_documents(docs)  # unusable documents fail before a model loads
    check_min_sources(args.min_sources, len(docs), "given")
    summarizer = _build(args, progress)
    summary = summarizer.summarize(
        docs, max_words=word_budget(args), max_sentences=args.sentences, rewrite=args.rewrite
    )
    if not summary.sentences:
        logger.warning("no sentence is supported by %d or more documents and fits the budget.", args.min_sources)
    if args.format == "json":
        text = json.dumps(summary_json(summary), indent=2, ensure_ascii=False)
    elif args.format == "text":
        text = summary.to_text()
    else:
        text = summary.to_markdown()
    with output(args.output) as out:
        out.write(text + "\n")
    return 0


def _run_batch(args: argparse.Namespace, progress: bool) -> int:
    lines = batch.read_lines(args.batch)
    if args.engine == "ray":
        return batch.run_on_ray(args, lines)
    return batch.run_local(_build(args, progress=False), args, lines, progress)


def _quiet_broken_pipe() -> None:
    """After stdout's reader went away: point stdout at /dev/null so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        check_flags(parser, args)
        check_output(args.output)
        _configure_logging(args.quiet)
        bound_hub_timeouts()
        _quiet_model_loading()
        progress = not args.quiet and _stderr_is_terminal()
        return _run_batch(args, progress) if args.batch is not None else _run_one(args, progress)
    except SummarizerError as err:
        print(f"summarize: error: {one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summarize: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 141  # as if killed by SIGPIPE, what `cmd | head` expects
