"""Command line: ``summarize PATH... | DIR | URL | -`` and ``summarize --batch CLUSTERS.jsonl``.

The summary goes to stdout (or ``-o FILE``, written atomically); progress bars and
diagnostics go to stderr. A bad input prints one line that names the flag at fault and
exits 2; Ctrl-C prints one line and exits 130; a closed stdout pipe (``| head``) ends
quietly. With ``--batch``, a cluster that fails gets ``{"id", "error"}`` on its output
line, the others are still summarized, and the exit status is 1.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from summarizer import __version__
from summarizer.documents import Document, as_documents, read_documents
from summarizer.embed import DEFAULT_MODEL
from summarizer.errors import DISTRIBUTION, InputError, ModelLoadError, SummarizerError
from summarizer.pipeline import DEFAULT_MAX_WORDS, Summarizer
from summarizer.summary import Summary

FORMATS = ("text", "markdown", "json")
#: Seconds the Hugging Face hub gets to answer before ``--model HUB_ID`` fails.
HUB_TIMEOUT = 10.0

logger = logging.getLogger(__name__)


class UsageError(SummarizerError):
    """A flag value the command line cannot use; the message names the flag."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line, as every other error: no usage block."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
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


def _check_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
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


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())


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

            tqdm.write(f"summarize: {_one_line(Exception(self.format(record)))}", file=sys.stderr)
        except Exception:  # never let a log line end the run
            self.handleError(record)


def _configure_logging(quiet: bool) -> None:
    package = logging.getLogger("summarizer")
    if not any(isinstance(h, _StderrHandler) for h in package.handlers):
        package.addHandler(_StderrHandler())
    package.setLevel(logging.ERROR if quiet else logging.WARNING)
    for name in ("trafilatura", "htmldate", "courlan"):  # a page without an article is our one-line error
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _bound_hub_timeouts() -> None:
    """huggingface_hub's per-request timeouts (read when it is first imported), unless the user set them."""
    os.environ.setdefault("HF_HUB_ETAG_TIMEOUT", str(int(HUB_TIMEOUT)))
    os.environ.setdefault("HF_HUB_DOWNLOAD_TIMEOUT", str(int(HUB_TIMEOUT)))


def _quiet_model_loading() -> None:
    """Keep stderr for our own diagnostics: no weight-loading progress bars from transformers."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()


def check_hub(model_id: str, *, timeout: float | None = None) -> None:
    """Fail within about ``timeout`` seconds when ``model_id`` cannot be reached on the Hugging Face hub.

    Skipped when ``HF_HUB_OFFLINE`` is set. The probe runs in a daemon thread, so even a
    server that accepts the connection and never answers cannot hold the command longer.
    """
    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        return
    timeout = HUB_TIMEOUT if timeout is None else timeout
    outcome: dict[str, BaseException] = {}

    def probe() -> None:
        try:
            from huggingface_hub import HfApi

            HfApi().model_info(model_id, timeout=timeout)
        except BaseException as err:  # reported to the caller's thread below
            outcome["error"] = err

    thread = threading.Thread(target=probe, name="hub-probe", daemon=True)
    thread.start()
    thread.join(timeout + 2)
    offline = "set HF_HUB_OFFLINE=1 to use a model already in the local cache, or give a local model folder"
    if thread.is_alive():
        raise ModelLoadError(
            f"--model {model_id!r} was read as a Hugging Face hub id (no such local path), and the hub did not "
            f"answer within {timeout:g} s; check the network, or {offline}."
        )
    err = outcome.get("error")
    if err is None:
        return
    kind = type(err).__name__
    if kind in ("RepositoryNotFoundError", "HFValidationError"):
        raise ModelLoadError(
            f"--model {model_id!r} is neither a local path nor a model on the Hugging Face hub; "
            "check the spelling or give a local model folder."
        )
    if kind == "GatedRepoError":
        raise ModelLoadError(f"--model {model_id!r} is a gated hub model; log in with `hf auth login` first.")
    raise ModelLoadError(
        f"--model {model_id!r} was read as a Hugging Face hub id (no such local path), and the hub could not be "
        f"reached ({kind}: {_one_line(err)[:200]}); check the network, or {offline}."
    )


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
        raise ModelLoadError(f"--model: {_one_line(err)}") from err
    if args.rewrite:
        try:
            summarizer.rewriter  # noqa: B018 (loads the rewrite model)
        except SummarizerError as err:
            flag = "--rewrite-model" if args.rewrite_model else "--rewrite"
            raise ModelLoadError(f"{flag}: {_one_line(err)}") from err
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


def _check_min_sources(min_sources: int, n_documents: int, where: str) -> None:
    if min_sources > n_documents:
        raise UsageError(
            f"--min-sources {min_sources} is more than the {n_documents} documents {where}; "
            f"no fact can be stated by {min_sources} of them. Use --min-sources {n_documents} or less."
        )


def _check_output(path: str | None) -> None:
    """Raise before any work when ``-o`` cannot be written."""
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"-o/--output '{path}' is a directory; give a file name.")
    if not target.parent.is_dir():
        raise UsageError(f"-o/--output '{path}': the folder '{target.parent}' does not exist.")
    if not os.access(target.parent, os.W_OK):
        raise UsageError(f"-o/--output '{path}': the folder '{target.parent}' is not writable.")


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside ``path`` renamed onto it only when the block succeeds."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()  # a closed pipe raises here, inside the caller's handler
        return
    target = Path(path)
    _check_output(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            yield stream
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a summary is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def summary_json(summary: Summary) -> dict[str, Any]:
    """:meth:`Summary.to_dict` plus each document's ``text``, which the citation offsets index.

    On the command line that text is otherwise out of reach: for a web page it is the
    extracted article, for a file with front matter the body after it.
    """
    data = summary.to_dict()
    for entry, doc in zip(data["documents"], summary.documents, strict=True):
        entry["text"] = doc.text
    return data


def _run_one(args: argparse.Namespace, progress: bool) -> int:
    docs = _read(args.paths)
    as_documents(docs)  # unusable documents fail before a model loads
    _check_min_sources(args.min_sources, len(docs), "given")
    summarizer = _build(args, progress)
    max_words = args.words if args.words is not None or args.sentences is not None else DEFAULT_MAX_WORDS
    summary = summarizer.summarize(docs, max_words=max_words, max_sentences=args.sentences, rewrite=args.rewrite)
    if not summary.sentences:
        logger.warning("no sentence is supported by %d or more documents and fits the budget.", args.min_sources)
    if args.format == "json":
        text = json.dumps(summary_json(summary), indent=2, ensure_ascii=False)
    elif args.format == "text":
        text = summary.to_text()
    else:
        text = summary.to_markdown()
    with _output(args.output) as out:
        out.write(text + "\n")
    return 0


def rename_duplicate_ids(items: Sequence[object]) -> list[object]:
    """Documents whose id repeats get ``#2``, ``#3``, … as ``benchmarks/run.py`` does (inputs are not mutated).

    >>> rename_duplicate_ids([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}, "z"])
    [{'id': 'a', 'text': 'x'}, {'id': 'a#2', 'text': 'y'}, 'z']
    """
    seen: Counter[str] = Counter()
    out: list[object] = []
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            seen[item["id"]] += 1
            if seen[item["id"]] > 1:
                item = {**item, "id": f"{item['id']}#{seen[item['id']]}"}
        out.append(item)
    return out


def _summarize_cluster(summarizer: Summarizer, number: int, line: str, args: argparse.Namespace) -> dict[str, Any]:
    record = _parse_cluster(number, line, args)
    if "error" in record:
        return record
    cluster_id, documents = record["id"], record["documents"]
    try:
        docs = as_documents(documents)  # type: ignore[arg-type]
        _check_min_sources(args.min_sources, len(docs), "in this cluster")
        max_words = args.words if args.words is not None or args.sentences is not None else DEFAULT_MAX_WORDS
        summary = summarizer.summarize(docs, max_words=max_words, max_sentences=args.sentences, rewrite=args.rewrite)
    except SummarizerError as err:
        return {"id": cluster_id, "error": _one_line(err)}
    return {"id": cluster_id, **summary_json(summary)}


def _run_batch(args: argparse.Namespace, progress: bool) -> int:
    from tqdm import tqdm

    path = Path(args.batch)
    if not path.is_file():
        raise UsageError(f"--batch '{path}': no such file.")
    try:
        lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    except UnicodeDecodeError as err:
        raise UsageError(f"--batch '{path}' is not valid UTF-8 (byte {err.start}).") from None
    if not lines:
        raise UsageError(f"--batch '{path}' has no clusters (no non-blank lines).")
    if args.engine == "ray":
        return _run_batch_on_ray(args, lines)
    summarizer = _build(args, progress=False)
    failed = 0
    with (
        _output(args.output) as out,
        tqdm(total=len(lines), desc="summarize", unit="cluster", file=sys.stderr, disable=not progress) as bar,
    ):
        for number, line in lines:
            record = _summarize_cluster(summarizer, number, line, args)
            if "error" in record:
                failed += 1
                name = f"cluster {record['id']!r}" if isinstance(record["id"], str) else f"line {number}"
                logger.error("%s failed: %s", name, record["error"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if args.output is None:
                out.flush()
            bar.update()
    if failed:
        logger.error("%d of %d clusters failed; their output lines have an 'error' key.", failed, len(lines))
        return 1
    return 0


def _parse_cluster(number: int, line: str, args: argparse.Namespace) -> dict[str, Any]:
    """One --batch line as ``{"id", "documents"}`` (duplicate ids handled), or an error record."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as err:
        return {"id": None, "line": number, "error": f"not valid JSON: {err.msg} (column {err.colno})."}
    shape = 'each line of --batch must be a JSON object {"id": str, "documents": [...]}'
    if not isinstance(item, dict):
        return {"id": None, "line": number, "error": f"{shape}. Got {type(item).__name__}."}
    cluster_id = item.get("id")
    if not isinstance(cluster_id, str) or not isinstance(item.get("documents"), list):
        return {"id": cluster_id, "line": number, "error": f"{shape}. Got keys {sorted(item)}."}
    documents = item["documents"]
    if args.duplicate_ids == "rename":
        documents = rename_duplicate_ids(documents)
    return {"id": cluster_id, "documents": documents}


def _run_batch_on_ray(args: argparse.Namespace, lines: list[tuple[int, str]]) -> int:
    """--batch --engine ray: the well-formed clusters go through Ray Data; output lines keep the input order."""
    from summarizer.distributed import summarize_jsonl

    parsed = [_parse_cluster(number, line, args) for number, line in lines]
    max_words = args.words if args.words is not None or args.sentences is not None else DEFAULT_MAX_WORDS
    with tempfile.TemporaryDirectory(prefix="summarize-ray-") as folder:
        source, target = Path(folder) / "clusters.jsonl", Path(folder) / "summaries.jsonl"
        with source.open("w", encoding="utf-8") as fh:
            for record in parsed:
                if "error" not in record:
                    fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        if source.stat().st_size:
            summarize_jsonl(
                source,
                target,
                concurrency=args.actors,
                model=args.model,
                max_words=max_words,
                max_sentences=args.sentences,
                min_sources=args.min_sources,
            )
            summaries = iter(target.read_text(encoding="utf-8").splitlines())
        else:
            summaries = iter(())
        failed = 0
        with _output(args.output) as out:
            for number, record in zip((n for n, _ in lines), parsed, strict=True):
                result = record if "error" in record else json.loads(next(summaries))
                if "error" in result:
                    failed += 1
                    logger.error("line %d failed: %s", number, result["error"])
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        logger.error("%d of %d clusters failed; their output lines have an 'error' key.", failed, len(lines))
        return 1
    return 0


def _quiet_broken_pipe() -> None:
    """After stdout's reader went away: point stdout at /dev/null so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        _check_flags(parser, args)
        _check_output(args.output)
        _configure_logging(args.quiet)
        _bound_hub_timeouts()
        _quiet_model_loading()
        progress = not args.quiet and _stderr_is_terminal()
        return _run_batch(args, progress) if args.batch is not None else _run_one(args, progress)
    except SummarizerError as err:
        print(f"summarize: error: {_one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("summarize: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_broken_pipe()
        return 141  # as if killed by SIGPIPE, what `cmd | head` expects


if __name__ == "__main__":
    sys.exit(main())
