"""ROUGE scoring under each dataset's convention, and the budget helpers every system shares.

>>> cut_words("One two. Three four five.", 3)
'One two. Three'
>>> fit_budget(["a b c", "d e f g", "a b c", "h"], 5)
[0, 3]
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from benchmarks.data import one_per_line
from summarizer import Document, split_sentences
from summarizer.text import word_count


@dataclass(frozen=True)
class Convention:
    """How a dataset is scored."""

    name: str
    budget: int
    measure: str  # "recall" or "fmeasure" (attribute of rouge_score's Score)
    rouge_types: tuple[str, ...]
    cut: bool  # cut every summary and reference to ``budget`` whitespace words
    description: str


CONVENTIONS = {
    "duc2004": Convention(
        name="duc2004",
        budget=100,
        measure="recall",
        rouge_types=("rouge1", "rouge2"),
        cut=True,
        description="DUC 2004 Task 2: summaries and references cut to 100 words, ROUGE-1/2 recall, "
        "Porter stemming, mean over the references then over clusters",
    ),
    "multinews": Convention(
        name="multinews",
        budget=260,
        measure="fmeasure",
        rouge_types=("rouge1", "rouge2", "rougeLsum"),
        cut=False,
        description="Multi-News: ROUGE-1/2/Lsum F1 with Porter stemming, one sentence per line for "
        "Lsum, mean over clusters (one reference each)",
    ),
}

SHORT = {"rouge1": "R-1", "rouge2": "R-2", "rougeL": "R-L", "rougeLsum": "R-Lsum"}


def cut_words(text: str, limit: int) -> str:
    """The first ``limit`` whitespace-separated words of ``text``, keeping its line breaks.

    >>> cut_words("One two.\\nThree four five.", 3)
    'One two.\\nThree'
    >>> cut_words("  a   b ", 5)
    'a b'
    """
    lines: list[str] = []
    left = limit
    for line in text.splitlines():
        if left <= 0:
            break
        words = line.split()[:left]
        if words:
            lines.append(" ".join(words))
            left -= len(words)
    return "\n".join(lines)


def make_scorer(convention: Convention) -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(convention.rouge_types), use_stemmer=True)


def scored_references(references: Sequence[str], convention: Convention) -> list[str]:
    """The references as the scorer reads them: one sentence per line where ROUGE-Lsum counts.

    >>> scored_references(["One thing. Another thing."], CONVENTIONS["multinews"])
    ['One thing.\\nAnother thing.']
    """
    if "rougeLsum" not in convention.rouge_types:
        return list(references)
    return [one_per_line(s.text for s in split_sentences(Document(text=r, id="ref"))) for r in references]


def score_summary(scorer: Any, summary: str, references: Sequence[str], convention: Convention) -> dict[str, float]:
    """Scores (0-100) of one summary: ``convention.measure`` averaged over the references.

    ``summary`` and the references hold one sentence per line (used by ROUGE-Lsum). Under a
    cutting convention both are cut to the budget first.
    """
    if convention.cut:
        summary = cut_words(summary, convention.budget)
        references = [cut_words(r, convention.budget) for r in references]
    totals = dict.fromkeys(convention.rouge_types, 0.0)
    for reference in references:
        result = scorer.score(reference, summary)
        for kind in convention.rouge_types:
            totals[kind] += getattr(result[kind], convention.measure)
    return {kind: 100.0 * total / len(references) for kind, total in totals.items()}


def mean_scores(per_cluster: Sequence[dict[str, float]]) -> dict[str, float]:
    """Mean of each score over clusters."""
    if not per_cluster:
        return {}
    return {kind: statistics.fmean(s[kind] for s in per_cluster) for kind in per_cluster[0]}


def fit_budget(texts: Iterable[str], budget: int) -> list[int]:
    """Indices of ``texts`` taken in the given order while the total stays within ``budget`` words.

    A text that would pass the budget is skipped (a later, shorter one may still fit); an
    exact repeat of a taken text is skipped too.

    >>> fit_budget(["a b c", "d e f g", "a b c", "h"], 5)
    [0, 3]
    """
    taken: list[int] = []
    seen: set[str] = set()
    used = 0
    for index, text in enumerate(texts):
        n = word_count(text)
        if n == 0 or text in seen or used + n > budget:
            continue
        taken.append(index)
        seen.add(text)
        used += n
        if used >= budget:
            break
    return taken


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def oracle_select(
    sentences: Sequence[str], references: Sequence[str], convention: Convention, budget: int
) -> list[int]:
    """Greedy extractive oracle: indices of ``sentences`` maximising ROUGE-2 (then ROUGE-1).

    Each step adds the sentence that fits within ``budget`` words and most raises the mean
    ROUGE-2 (``convention.measure``) over the references, ties broken by ROUGE-1; it stops
    when nothing fits or nothing improves. Uses rouge-score's own stemming tokenizer.
    """
    from rouge_score import tokenizers

    tokenizer = tokenizers.DefaultTokenizer(use_stemmer=True)
    if convention.cut:
        references = [cut_words(r, convention.budget) for r in references]
    ref_tokens = [tokenizer.tokenize(r) for r in references]
    refs = {n: [_ngrams(t, n) for t in ref_tokens] for n in (1, 2)}
    ref_totals = {n: [max(sum(c.values()), 0) for c in refs[n]] for n in (1, 2)}
    sent_grams = []
    for text in sentences:
        tokens = tokenizer.tokenize(text)
        sent_grams.append({n: _ngrams(tokens, n) for n in (1, 2)})
    sizes = [word_count(t) for t in sentences]

    chosen: list[int] = []
    summary = {1: Counter(), 2: Counter()}
    overlap = {n: [0] * len(references) for n in (1, 2)}
    used = 0
    seen_text: set[str] = set()

    def value(n: int, new_overlap: list[int], cand_total: int) -> float:
        out = 0.0
        for o, ref_total in zip(new_overlap, ref_totals[n], strict=True):
            recall = o / ref_total if ref_total else 0.0
            if convention.measure == "recall":
                out += recall
            else:
                precision = o / cand_total if cand_total else 0.0
                out += 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return out / max(len(new_overlap), 1)

    current = (value(2, overlap[2], 0), value(1, overlap[1], 0))
    while True:
        best: tuple[float, float] | None = None
        best_index = -1
        best_overlap: dict[int, list[int]] = {}
        for i, grams in enumerate(sent_grams):
            if i in chosen or sizes[i] == 0 or used + sizes[i] > budget or sentences[i] in seen_text:
                continue
            new_overlap = {}
            for n in (1, 2):
                gained = []
                for ref, o in zip(refs[n], overlap[n], strict=True):
                    delta = 0
                    for gram, count in grams[n].items():
                        have = summary[n][gram]
                        limit = ref.get(gram, 0)
                        delta += min(have + count, limit) - min(have, limit)
                    gained.append(o + delta)
                new_overlap[n] = gained
            totals = {n: sum(summary[n].values()) + sum(grams[n].values()) for n in (1, 2)}
            candidate = (value(2, new_overlap[2], totals[2]), value(1, new_overlap[1], totals[1]))
            if best is None or candidate > best:
                best, best_index, best_overlap = candidate, i, new_overlap
        if best is None or best <= current:
            break
        chosen.append(best_index)
        seen_text.add(sentences[best_index])
        for n in (1, 2):
            summary[n].update(sent_grams[best_index][n])
        overlap = best_overlap
        used += sizes[best_index]
        current = best
    return chosen
