"""Ray Data integration, for many clusters a day: spread :meth:`Summarizer.summarize_many` over actors.

Needs the ``ray`` extra (``pip install 'cited-summarizer[ray]'``). :class:`SummarizeBatch` is a
callable class for ``ray.data.Dataset.map_batches``: each actor loads the model once in its
constructor and turns a batch of clusters (columns ``documents``, as lists or as JSON
strings, and optional ``id``; other columns are ignored) into a batch of JSON-serialisable
columns ``id``, ``summary`` (the text), ``result`` (``Summary.to_json()``) and ``error``
(``None`` when it worked)::

    import ray

    clusters = ray.data.read_json("clusters.jsonl")
    summaries = clusters.map_batches(
        SummarizeBatch, fn_constructor_kwargs={"max_words": 100}, batch_size=32, concurrency=2
    )
    summaries.write_json("summaries/")

(Leave a CPU free for ``read_json``'s tasks: actors that hold every CPU wait for it forever.)

:func:`summarize_jsonl` does the same for one JSONL file and writes one JSONL file in the
input's order. Ray starts locally, or joins the cluster that ``RAY_ADDRESS`` names. Each
actor's embedder uses all the cores it sees (all of the machine's by default), so on one
machine 1 actor is usually best; across machines throughput grows with actors × cores.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from summarizer.batching import BatchError
from summarizer.errors import MissingDependencyError
from summarizer.pipeline import DEFAULT_MAX_WORDS, Summarizer

logger = logging.getLogger(__name__)

#: Output columns of :class:`SummarizeBatch`.
COLUMNS = ("id", "summary", "result", "error")


def _plain(value: Any) -> Any:
    """Numpy arrays and Arrow-filled ``None`` fields, as Ray hands them over, back to plain Python."""
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        value = value.tolist()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class SummarizeBatch:
    """Summarize a batch of clusters; for ``Dataset.map_batches`` (one model load per actor).

    Keyword arguments are those of :class:`Summarizer` (``model``, ``backend``,
    ``min_sources``, …) plus ``max_words``, ``max_sentences`` and ``batch_size`` of
    :meth:`Summarizer.summarize_many`. It also works without Ray, on a dict of columns:

    >>> from summarizer.testing import HashingEmbedder
    >>> fact = "Mexico sent 29 cartel members to the United States on Thursday."
    >>> summarize_batch = SummarizeBatch(model=HashingEmbedder(), max_words=20)
    >>> out = summarize_batch({"id": ["a", "b"], "documents": [[fact, fact], []]})
    >>> out["summary"]
    ['Mexico sent 29 cartel members to the United States on Thursday.', None]
    >>> out["error"]
    [None, 'InputError: No documents were given; pass a non-empty list of texts.']
    """

    def __init__(
        self,
        model: Any = None,
        *,
        max_words: int | None = DEFAULT_MAX_WORDS,
        max_sentences: int | None = None,
        batch_size: int = 32,
        **summarizer_kwargs: Any,
    ) -> None:
        self.summarizer = Summarizer(model, **summarizer_kwargs)
        self.max_words = max_words
        self.max_sentences = max_sentences
        self.batch_size = batch_size
        self.summarizer.embedder.encode(["Load the model once per actor."])

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[Any]]:
        documents = [json.loads(d) if isinstance(d, str) else _plain(d) for d in batch["documents"]]
        ids = [_plain(i) for i in batch["id"]] if "id" in batch else list(range(len(documents)))
        clusters = [{"id": i, "documents": docs} for i, docs in zip(ids, documents, strict=True)]
        out: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        results = self.summarizer.summarize_many(
            clusters, max_words=self.max_words, max_sentences=self.max_sentences, batch_size=self.batch_size
        )
        for cluster_id, result in zip(ids, results, strict=True):
            out["id"].append(cluster_id)
            if isinstance(result, BatchError):
                out["summary"].append(None)
                out["result"].append(None)
                out["error"].append(f"{result.error_type}: {result.error}")
            else:
                out["summary"].append(result.text)
                out["result"].append(result.to_json(indent=None))
                out["error"].append(None)
        return out


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise MissingDependencyError("ray", "ray", "Summarizing with Ray") from None
    return ray


def summarize_jsonl(
    source: str | Path,
    target: str | Path,
    *,
    concurrency: int = 1,
    batch_size: int = 32,
    num_cpus: int | None = None,
    **kwargs: Any,
) -> int:
    """Summarize every cluster of the JSONL file ``source`` with Ray; write JSONL to ``target``.

    Each input line is ``{"id": ..., "documents": [...]}`` (other keys are ignored). Each
    output line, in input order, is ``{"id": ..., **Summary.to_dict()}`` or ``{"id": ...,
    "error": "InputError: ..."}``. ``concurrency`` is the number of actors, each loading
    the model once; ``kwargs`` go to :class:`SummarizeBatch`. Ray is started locally
    (with ``num_cpus`` when given) unless it is running already or ``RAY_ADDRESS`` names a
    cluster. Returns the number of clusters that failed.

    >>> summarize_jsonl("clusters.jsonl", "summaries.jsonl", concurrency=2, max_words=100)  # doctest: +SKIP
    0
    """
    ray = _ray()
    if not ray.is_initialized():
        ray.init(address=os.environ.get("RAY_ADDRESS"), num_cpus=num_cpus, include_dashboard=False)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    with Path(source).open(encoding="utf-8") as lines:  # read here: a read task would wait for a CPU the actors hold
        rows = [_cluster_row(json.loads(line)) for line in lines if line.strip()]
    dataset = ray.data.from_items(rows)
    summaries = dataset.map_batches(
        SummarizeBatch,
        fn_constructor_kwargs={"batch_size": batch_size, **kwargs},
        batch_size=batch_size,
        batch_format="numpy",
        concurrency=concurrency,
    )
    failures = 0
    with Path(target).open("w", encoding="utf-8") as out:
        for row in _rows(summaries.iter_rows()):
            if row["error"] is not None:
                failures += 1
                line = {"id": row["id"], "error": row["error"]}
            else:
                line = {"id": row["id"], **json.loads(row["result"])}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    logger.info("Summarized %s into %s (%d failed)", source, target, failures)
    return failures


def _cluster_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """The columns SummarizeBatch reads; documents as a JSON string, so Arrow never reshapes them."""
    return {"id": row.get("id"), "documents": json.dumps(row.get("documents"), ensure_ascii=False)}


def _rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[dict[str, Any]]:
    for row in rows:
        yield {name: _plain(row[name]) for name in COLUMNS}
