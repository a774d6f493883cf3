"""``summarize --batch CLUSTERS.jsonl``: one cluster per line in, one JSON line per cluster out, in order.

A line that is not a cluster, or a cluster that cannot be summarized, gets ``{"id", "error"}``
(and ``"line"``) on its output line; the others are still summarized.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from summarizer.cli.args import UsageError, check_min_sources, word_budget
from summarizer.cli.output import one_line, output, summary_json
from summarizer.documents import as_documents, rename_duplicate_ids
from summarizer.errors import SummarizerError
from summarizer.pipeline import Summarizer

logger = logging.getLogger(__name__)

#: A non-blank input line: its 1-based number and its text.
Line = tuple[int, str]


def read_lines(path_name: str) -> list[Line]:
    """The non-blank lines of the ``--batch`` file; a missing, undecodable or empty file is a UsageError."""
    path = Path(path_name)
    if not path.is_file():
        raise UsageError(f"--batch '{path}': no such file.")
    try:
        lines = [(n, line) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    except UnicodeDecodeError as err:
        raise UsageError(f"--batch '{path}' is not valid UTF-8 (byte {err.start}).") from None
    if not lines:
        raise UsageError(f"--batch '{path}' has no clusters (no non-blank lines).")
    return lines


def parse_cluster(number: int, line: str, args: argparse.Namespace) -> dict[str, Any]:
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


def _summarize_cluster(summarizer: Summarizer, number: int, line: str, args: argparse.Namespace) -> dict[str, Any]:
    record = parse_cluster(number, line, args)
    if "error" in record:
        return record
    cluster_id, documents = record["id"], record["documents"]
    try:
        docs = as_documents(documents)
        check_min_sources(args.min_sources, len(docs), "in this cluster")
        summary = summarizer.summarize(
            docs, max_words=word_budget(args), max_sentences=args.sentences, rewrite=args.rewrite
        )
    except SummarizerError as err:
        return {"id": cluster_id, "error": one_line(err)}
    return {"id": cluster_id, **summary_json(summary)}


def _report(failed: int, total: int) -> int:
    if failed:
        logger.error("%d of %d clusters failed; their output lines have an 'error' key.", failed, total)
        return 1
    return 0


def run_local(summarizer: Summarizer, args: argparse.Namespace, lines: list[Line], progress: bool) -> int:
    """Summarize each line in this process, writing each result line as soon as it is done."""
    from tqdm import tqdm

    failed = 0
    with (
        output(args.output) as out,
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
    return _report(failed, len(lines))


def run_on_ray(args: argparse.Namespace, lines: list[Line]) -> int:
    """--engine ray: the well-formed clusters go through Ray Data; output lines keep the input order."""
    from summarizer.distributed import summarize_jsonl

    parsed = [parse_cluster(number, line, args) for number, line in lines]
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
                max_words=word_budget(args),
                max_sentences=args.sentences,
                min_sources=args.min_sources,
            )
            summaries = iter(target.read_text(encoding="utf-8").splitlines())
        else:
            summaries = iter(())
        failed = 0
        with output(args.output) as out:
            for number, record in zip((n for n, _ in lines), parsed, strict=True):
                result = record if "error" in record else json.loads(next(summaries))
                if "error" in result:
                    failed += 1
                    logger.error("line %d failed: %s", number, result["error"])
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return _report(failed, len(lines))
