"""Verification: check every citation against the sentence it is cited for.

After selection, each summary sentence is compared with every source sentence of its
cluster by the rules of :mod:`summarizer.facts`. A citation **supports** the sentence
(it states the sentence's checkable facts), **partly** supports it (same fact, fewer
details), or **conflicts** with it (another count for the same thing, another date, the
opposite polarity, another person in the same role). Sentences of other documents outside
the cluster that state another value for the same fact are cited as conflicts too, so a
disagreement is surfaced even when the embedding put the two wordings in different
clusters. The conflicts of a summary are grouped into :class:`Disagreement` entries.

>>> import numpy as np
>>> docs = [Document("At least 12 people died.", id="a"), Document("40 people died.", id="b")]
>>> sents = [Sentence("a", 0, 24, "At least 12 people died.", 0, 0), Sentence("b", 0, 15, "40 people died.", 0, 0)]
>>> cluster = RankedCluster(members=(0, 1), representative=0, support=1, position=0.0, score=1.0)
>>> [checked], disagreements = verify_sentences(
...     [SummarySentence(sents[0].text, (), 1.0)], [cluster], sents, docs, np.eye(2, dtype=np.float32))
>>> [(c.doc_id, c.relation, c.note) for c in checked.citations]
[('a', 'supports', None), ('b', 'conflicts', 'says 40 people; the sentence says at least 12 people')]
>>> [(claim.value, claim.doc_ids) for claim in disagreements[0].claims]
[('at least 12 people', ('a',)), ('40 people', ('b',))]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from summarizer.documents import Document, Sentence
from summarizer.facts import Comparison, compare_facts, extract_facts, overlap
from summarizer.rank import RankedCluster
from summarizer.summary import Citation, Claim, Disagreement, SummarySentence

#: A sentence outside a cluster is checked for a conflicting value only when it is at least
#: this similar (cosine) to the summary sentence: it must be about the same fact.
OUTSIDE_SIMILARITY = 0.55
#: An outside sentence at least this similar is compared as leniently as a cluster member
#: (one changed number can move a sentence just out of its cluster).
NEAR_SIMILARITY = 0.7
#: A document that supports the sentence is cited against it from another of its sentences
#: only when that one restates the sentence (this share of wording) with another value.
RESTATED = 0.8


@dataclass(frozen=True)
class _Checked:
    citation: Citation
    comparison: Comparison


def _citation(sentence: Sentence, texts: dict[str, str], comparison: Comparison) -> Citation:
    original = texts[sentence.doc_id][sentence.start : sentence.end]
    return Citation(
        sentence.doc_id, sentence.start, sentence.end, original, relation=comparison.relation, note=comparison.note
    )


def _check(
    text: str,
    members: Sequence[int],
    sentences: Sequence[Sentence],
    docs: Sequence[Document],
    *,
    outside: Sequence[tuple[int, float]] = (),
) -> list[_Checked]:
    """Each member of the cluster with its comparison to ``text``, in document order.

    ``outside`` are (sentence index, cosine to ``text``) beyond the cluster to look at for
    conflicting values; only those that conflict are kept, and those less similar than
    :data:`NEAR_SIMILARITY` must share more wording to conflict.
    """
    texts = {doc.id: doc.text for doc in docs}
    claim = extract_facts(text)
    checked = []
    for i in members:
        same = sentences[i].text == text
        comparison = Comparison() if same else compare_facts(claim, extract_facts(sentences[i].text))
        checked.append(_Checked(_citation(sentences[i], texts, comparison), comparison))
    supporting = {c.citation.doc_id for c in checked if c.comparison.relation != "conflicts"}
    for i, similarity in outside:
        facts = extract_facts(sentences[i].text)
        if sentences[i].doc_id in supporting and overlap(claim, facts) < RESTATED:
            continue  # a document that states the claim: its other values are about other things
        strict = similarity < NEAR_SIMILARITY
        comparison = compare_facts(claim, facts, strict=strict)
        if comparison.conflicts:  # outside the cluster, only a conflict is worth citing
            checked.append(_Checked(_citation(sentences[i], texts, comparison), comparison))
    order = {doc.id: n for n, doc in enumerate(docs)}
    checked.sort(key=lambda c: (order[c.citation.doc_id], c.citation.start))
    return checked


def _outside_candidates(
    vector: np.ndarray, cluster: RankedCluster, sentences: Sequence[Sentence], embeddings: np.ndarray
) -> list[tuple[int, float]]:
    """(index, cosine) of the sentences outside the cluster and the voice's document that are
    about the same fact (cosine ≥ :data:`OUTSIDE_SIMILARITY`)."""
    members = set(cluster.members)
    voice_doc = sentences[cluster.representative].doc_id
    cosines = embeddings @ vector
    similar = np.flatnonzero(cosines >= OUTSIDE_SIMILARITY)
    return [(int(i), float(cosines[i])) for i in similar if int(i) not in members and sentences[i].doc_id != voice_doc]


def _disagreements(sentence_checks: Sequence[list[_Checked]]) -> list[Disagreement]:
    """One entry per (sentence, disputed fact): the sentence's value and each other value, with their documents."""
    out = []
    for checked in sentence_checks:
        disputes: dict[str, dict[str, list[Citation]]] = {}
        for item in checked:
            for about, mine, theirs in item.comparison.disputes:
                values = disputes.setdefault(about, {mine: []})
                values.setdefault(theirs, []).append(item.citation)
        for about, values in disputes.items():
            mine = next(iter(values))
            values[mine] = [
                item.citation
                for item in checked
                if item.comparison.relation != "conflicts" and mine not in item.comparison.missing
            ]
            claims = tuple(
                Claim(value, tuple(dict.fromkeys(c.doc_id for c in cites)), tuple(cites))
                for value, cites in values.items()
                if cites
            )
            if len(claims) > 1:
                out.append(Disagreement(about, claims))
    return out


def verify_sentences(
    summary_sentences: Sequence[SummarySentence],
    clusters: Sequence[RankedCluster],
    sentences: Sequence[Sentence],
    docs: Sequence[Document],
    embeddings: np.ndarray,
    text_vectors: np.ndarray | None = None,
) -> tuple[list[SummarySentence], list[Disagreement]]:
    """Check each summary sentence against its cluster (and conflicting sentences beyond it).

    ``clusters[i]`` is the cluster ``summary_sentences[i]`` voices. ``text_vectors`` are
    the embeddings of the summary sentences' texts (default: those of the clusters' voices,
    right for extractive sentences). Returns the sentences with checked citations, and the
    disagreements between documents on their facts.
    """
    checked_sentences = []
    out = []
    for n, (sentence, cluster) in enumerate(zip(summary_sentences, clusters, strict=True)):
        vector = text_vectors[n] if text_vectors is not None else embeddings[cluster.representative]
        outside = _outside_candidates(vector, cluster, sentences, embeddings)
        checked = _check(sentence.text, cluster.members, sentences, docs, outside=outside)
        checked_sentences.append(checked)
        out.append(dataclasses.replace(sentence, citations=tuple(c.citation for c in checked)))
    return out, _disagreements(checked_sentences)
