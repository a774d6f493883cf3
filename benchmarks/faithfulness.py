"""Faithfulness: are disagreements between outlets caught? A disagreement-injection test.

Usage (from the repository root)::

    python benchmarks/faithfulness.py --data ../shared/bench/duc2004-dev.jsonl
    python benchmarks/faithfulness.py --data ../shared/bench/multinews-dev.jsonl

For each cluster the summary is made once as it is. Then one number is changed in one
document: a number that a summary sentence states and that a citation of that sentence
(from another document than the sentence's own, where there is one) also states. The
cluster is summarized again and the changed sentence is looked up:

* **caught**: it is cited as ``conflicts``, or listed in ``summary.disagreements``;
* **cited as support**: it is cited as ``supports``/``partial`` for a sentence that still
  states the original number, and no disagreement lists it;
* **dropped**: it is not cited at all while the original number is still in the summary;
* **fact left the summary**: the summary no longer states the original number and does not
  cite the changed sentence (not counted in the catch rate).

On the unchanged clusters it counts citations by relation, and lists every ``conflicts``
citation with its note, so the false alarms can be read. Embeddings are cached by text:
the second run embeds only the changed sentence. Writes ``<out>/faithfulness-<dataset>.md``
and ``.json``. Only the public API of ``summarizer`` is used.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):  # run as a file (python benchmarks/faithfulness.py): import the package from the checkout
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from benchmarks.data import RESULTS, load_clusters
from benchmarks.environment import git_state
from benchmarks.scoring import CONVENTIONS
from benchmarks.tables import markdown_table

DEFAULT_OUT = RESULTS
#: Injections per cluster at most (each changes one number, in a fresh copy of the cluster).
PER_CLUSTER = 3
NO_TARGET = "no number that two cited documents state"
_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w|[.,]\d)")  # not "5.0.1"


class CachingEmbedder:
    """Wraps an embedder and remembers each text's vector, so unchanged sentences are embedded once."""

    def __init__(self, embedder: Any) -> None:
        self.embedder = embedder
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            for text, vector in zip(missing, self.embedder.encode(missing), strict=True):
                self.cache[text] = vector
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts]).astype(np.float32)


def changed_value(digits: str) -> str:
    """Another plausible value for a number: years move by 3, others grow by half (at least 1).

    >>> changed_value("12"), changed_value("1985"), changed_value("7.1"), changed_value("150,000")
    ('18', '1988', '8.1', '225000')
    """
    plain = digits.replace(",", "")
    if "." in plain:
        return f"{float(plain) + 1:.{len(plain.split('.')[1])}f}"
    value = int(plain)
    if 1800 <= value <= 2100 and len(plain) == 4:
        return str(value + 3)
    return str(value + max(1, value // 2))


def _numbers(text: str) -> set[str]:
    return {m.group().replace(",", "") for m in _NUMBER.finditer(text)}


@dataclass(frozen=True)
class Injection:
    """A number to change: in document ``doc_id`` at ``offset``, stated by summary sentence ``claim``."""

    doc_id: str
    offset: int
    number: str
    claim: str
    claim_spans: frozenset[tuple[str, int]]  # (doc id, start) of the claim's other supporting citations


def pick_injections(summary: Any, most: int = PER_CLUSTER) -> list[Injection]:
    """Up to ``most`` numbers to change, one per summary sentence.

    The number must be stated by a summary sentence and by citations of that sentence from
    at least two documents, so that changing it in one document (another than the
    sentence's own where possible) makes the documents disagree.
    """
    picked = []
    for sentence in summary.sentences:
        for number in sorted(_numbers(sentence.text)):
            stating = [
                (citation, match)
                for citation in sentence.citations
                if citation.relation != "conflicts"
                for match in _NUMBER.finditer(citation.text)
                if match.group().replace(",", "") == number
            ]
            if len({c.doc_id for c, _ in stating}) < 2:
                continue
            voice_docs = {c.doc_id for c, _ in stating if c.text.strip() == sentence.text.strip()}
            citation, match = sorted(stating, key=lambda cm: cm[0].doc_id in voice_docs)[0]
            spans = frozenset((c.doc_id, c.start) for c, _ in stating if c.doc_id != citation.doc_id)
            picked.append(
                Injection(citation.doc_id, citation.start + match.start(), match.group(), sentence.text, spans)
            )
            break
    return picked[:most]


def _covers(citation: Any, doc_id: str, offset: int) -> bool:
    return citation.doc_id == doc_id and citation.start <= offset < citation.end


def outcome(summary: Any, injection: Injection) -> str:
    """What the summary of the changed cluster did with the changed sentence (see the module doc).

    The fact is still in the summary when a sentence has the claim's text, or states the
    original number and cites one of the claim's other supporting spans.
    """
    doc_id, offset, plain = injection.doc_id, injection.offset, injection.number.replace(",", "")
    listed = any(
        _covers(c, doc_id, offset) for d in summary.disagreements for claim in d.claims for c in claim.citations
    )
    cited = [(s, c) for s in summary.sentences for c in s.citations if _covers(c, doc_id, offset)]
    if listed or any(c.relation == "conflicts" for _, c in cited):
        return "caught"
    if any(plain in _numbers(s.text) for s, _ in cited):
        return "cited as support"
    still_stated = any(
        s.text == injection.claim
        or (plain in _numbers(s.text) and any((c.doc_id, c.start) in injection.claim_spans for c in s.citations))
        for s in summary.sentences
    )
    return "dropped" if still_stated else "fact left the summary"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="bench JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--embedding-cache",
        type=Path,
        default=None,
        help="pickle of {text: vector} read at the start and written at the end (same model only), "
        "so reruns embed nothing",
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"No such data file: {args.data}", file=sys.stderr)
        return 2
    from tqdm import tqdm

    from summarizer import Document, Summarizer, SummarizerError

    clusters = load_clusters(args.data, args.limit)
    dataset = clusters[0].dataset
    budget = CONVENTIONS[dataset].budget
    git = git_state()
    summarizer = Summarizer()
    summarizer.embedder = CachingEmbedder(summarizer.embedder)
    if args.embedding_cache is not None and args.embedding_cache.exists():
        with args.embedding_cache.open("rb") as fh:
            summarizer.embedder.cache.update(pickle.load(fh))
    cached = len(summarizer.embedder.cache)

    relations: Counter = Counter()
    outcomes: Counter = Counter()
    alarms: list[dict[str, Any]] = []
    cases: list[dict[str, Any]] = []
    start = time.perf_counter()
    for cluster in tqdm(clusters, desc=f"{dataset} clusters", unit="cluster", file=sys.stderr):
        docs = [Document(text=d["text"], id=d["id"]) for d in cluster.documents]
        try:
            summary = summarizer.summarize(docs, max_words=budget)
        except SummarizerError as err:
            print(f"{cluster.id}: {err}", file=sys.stderr)
            continue
        for sentence in summary.sentences:
            for citation in sentence.citations:
                relations[citation.relation] += 1
                if citation.relation == "conflicts":
                    alarms.append(
                        {
                            "cluster": cluster.id,
                            "sentence": sentence.text,
                            "cited": citation.text,
                            "note": citation.note,
                        }
                    )
        targets = pick_injections(summary)
        if not targets:
            outcomes[NO_TARGET] += 1
        for injection in targets:
            doc_id, offset, original = injection.doc_id, injection.offset, injection.number
            new = changed_value(original)
            changed = [
                Document(text=d.text[:offset] + new + d.text[offset + len(original) :], id=d.id)
                if d.id == doc_id
                else d
                for d in docs
            ]
            result = outcome(summarizer.summarize(changed, max_words=budget), injection)
            outcomes[result] += 1
            cases.append({"cluster": cluster.id, "doc_id": doc_id, "from": original, "to": new, "outcome": result})
    seconds = time.perf_counter() - start
    if args.embedding_cache is not None and len(summarizer.embedder.cache) > cached:
        partial = args.embedding_cache.with_suffix(".tmp")
        with partial.open("wb") as fh:
            pickle.dump(summarizer.embedder.cache, fh)
        partial.replace(args.embedding_cache)  # never a half-written cache

    injected = sum(outcomes[k] for k in ("caught", "cited as support", "dropped"))
    total_citations = sum(relations.values())
    report = {
        "data": str(args.data),
        "dataset": dataset,
        "clusters": len(clusters),
        "budget_words": budget,
        "injections": dict(outcomes),
        "caught_rate": outcomes["caught"] / injected if injected else None,
        "relations": dict(relations),
        "conflict_share": relations["conflicts"] / total_citations if total_citations else None,
        "conflicts_on_unchanged": alarms,
        "cases": cases,
        "seconds": round(seconds, 1),
        "git": git,
    }
    lines = [
        f"# Faithfulness on {dataset}",
        "",
        f"`python benchmarks/faithfulness.py --data {args.data}`",
        "",
        f"{len(clusters)} clusters, {budget}-word summaries. Up to {PER_CLUSTER} injections per cluster "
        "(one per summary sentence), each one number changed in one cited document.",
        "",
        *markdown_table(
            ["injected disagreements", "count", "share"],
            [
                *(
                    [key, str(outcomes[key]), f"{outcomes[key] / injected:.1%}"] if injected else [key, "0", "–"]
                    for key in ("caught", "cited as support", "dropped")
                ),
                ["fact left the summary (not counted)", str(outcomes["fact left the summary"]), ""],
                [f"clusters with {NO_TARGET}", str(outcomes[NO_TARGET]), ""],
            ],
            align="lrr",
        ),
        "",
        *markdown_table(
            ["citations on unchanged clusters", "count", "share"],
            [
                [key, str(relations[key]), f"{relations[key] / total_citations if total_citations else 0:.1%}"]
                for key in ("supports", "partial", "conflicts")
            ],
            align="lrr",
        ),
    ]
    lines += ["", "Every `conflicts` citation on the unchanged clusters, to read:", ""]
    for alarm in alarms:
        lines.append(
            f"- {alarm['cluster']}: *{alarm['note']}* — sentence: “{alarm['sentence']}” — cited: “{alarm['cited']}”"
        )
    commit = git.get("commit", "?")[:10] + (" with uncommitted changes" if git.get("summarizer_dirty") else "")
    lines += ["", f"Library: commit {commit}. {seconds:.0f} s in all."]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"faithfulness-{dataset}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    (args.out / f"faithfulness-{dataset}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:18]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
