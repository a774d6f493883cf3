"""Ranking: LexRank centrality of sentences and the score of each cluster.

A cluster's score grows with the centrality of its sentences and with its support (the
number of distinct documents that state it), so a fact four outlets report outranks one
that a single outlet reports. Each cluster is voiced by its most representative sentence:
central, self-contained, not a quote fragment, not opinion.

>>> from scipy import sparse
>>> star = sparse.csr_matrix([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]], dtype=float)
>>> lexrank(star).round(2)
array([1.92, 0.69, 0.69, 0.69])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from summarizer.cluster import Cluster
from summarizer.documents import Sentence
from summarizer.facts import compare_facts, extract_facts, first_person, speakers
from summarizer.text import ENDS_SENTENCE, QUOTATION_ATTRIBUTIONS, QUOTE_MARKS, word_count

#: Edges weaker than this do not vote in LexRank (the "continuous LexRank" cut-off).
EDGE_THRESHOLD = 0.1
DAMPING = 0.85
#: Exponent of support in a cluster's score: score ∝ support ** SUPPORT_WEIGHT.
SUPPORT_WEIGHT = 0.5
#: What a document that reports the fact with another value (a conflicting member) adds to
#: a cluster's rank, against 1 for a supporting one: the event matters to it, but it does not
#: support what the summary says, so ``support`` never counts it.
DISPUTED_WEIGHT = 0.5
#: How much later positions in the articles lower a cluster's score (news puts the key facts first).
POSITION_WEIGHT = 0.6

#: Sentences shorter than this many words lose quality in proportion (too little content).
SHORT_WORDS = 15
#: A line with fewer words than this is a fragment, never a summary sentence.
FRAGMENT_WORDS = 5
#: Sentences longer than this many words (often run-ons or lists) get quality factor :data:`LONG`.
LONG_WORDS = 50
LONG = 0.5
#: Quality factor of a fragment of a quotation (an odd number of quotation marks) that names its speaker.
QUOTE_FRAGMENT = 0.3
#: Quality factor of a sentence that opens with a quotation and never names its speaker.
UNATTRIBUTED_QUOTE = 0.25
#: Quality factor of a sentence that carries a quotation (summaries report, they rarely quote).
QUOTED = 0.5
#: Quality factor of a question.
QUESTION = 0.5
#: Quality factor of a sentence with an opinion marker ("should", "clearly", "heinous").
OPINION = 0.5
#: Members tried as the voice of a cluster whose members disagree on a fact.
MAX_VOICES = 30
#: A line this short without a full stop is read as a headline, not a sentence.
HEADLINE_WORDS = 15
#: A line in which more than this share of the words are numbers is a table row, not a sentence.
TABLE_SHARE = 0.5

_DANGLING_START = re.compile(
    r"^(?:he|she|they|it|his|her|their|its|however|but|and|also|meanwhile|"
    r"still|yet|so|then|instead|moreover|furthermore|in addition|besides)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(r"\b(?:" + "|".join(QUOTATION_ATTRIBUTIONS) + r")\b", re.I)
_OPINION = re.compile(
    r"\b(?:should|must|ought to|we believe|i believe|in my view|clearly|obviously|shameful|disgrace\w*|"
    r"outrageous|impunity|will continue to|it is time|without decisive action|unacceptable|"
    r"heinous|gruesome|appalling|horrific|despicable|vile|evil)\b",
    re.IGNORECASE,
)
#: Loaded or editorial wording: a plainer member voices the fact when there is one.
_LOADED = re.compile(
    r"\b(?:notorious(?:ly)?|infamous|pivotal (?:moment|figure|step)|much to the (?:dismay|delight) of|"
    r"brutal reign|reign of terror|ruthless|scourge|plagued|tumultuous|shocking(?:ly)?|stunning|"
    r"historic (?:move|moment|step)|significant moment|vital development|critical juncture|"
    r"slammed|blasted|so-called|draconian|egregious|bombshell|crackdown on dissent)\b",
    re.IGNORECASE,
)
#: Quality factor of a sentence with loaded wording.
LOADED = 0.6
_NUMERIC_WORD = re.compile(r"(?<!\S)\S*\d\S*")
#: A sentence cut off by its source ("… two minutes after the call came in, flam...").
_CUT_OFF = re.compile(r"\w(?:\.\.\.|…)[\"”’')\]]*$")
#: A sentence that is one quotation and nothing else ('"I'm just happy to be here."').
_WHOLE_QUOTE = re.compile(r"^[\"“][^\"“”]*[\"”]$")


def lexrank(graph: sparse.csr_matrix, damping: float = DAMPING, tol: float = 1e-8) -> np.ndarray:
    """Stationary distribution of a random walk on the similarity graph, scaled to mean 1.

    Rows are normalised to transition probabilities; edges below :data:`EDGE_THRESHOLD`
    are ignored; a sentence with no edge teleports uniformly.
    """
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    weights = graph.multiply(graph >= EDGE_THRESHOLD).tocsr()
    out_weight = np.asarray(weights.sum(axis=1)).ravel()
    dangling = out_weight == 0
    transition = sparse.diags(np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)) @ weights
    transposed = transition.T.tocsr()
    scores = np.full(n, 1.0 / n)
    for _ in range(1000):
        walked = transposed @ scores + scores[dangling].sum() / n
        updated = (1 - damping) / n + damping * walked
        if np.abs(updated - scores).sum() < tol:
            scores = updated
            break
        scores = updated
    return scores * n


def sentence_quality(text: str, *, min_words: int = FRAGMENT_WORDS) -> float:
    """How well ``text`` serves as a summary sentence on its own, from 0 (never) to 1.

    Headlines, fragments, pieces of a quotation without their speaker and sentences that
    open with a pronoun or connective score 0;
    quotations, questions, opinion markers, loaded wording ("notorious", "a pivotal moment")
    and short sentences (less content per word of budget) score lower. A line of fewer than
    ``min_words`` words is a fragment.

    >>> sentence_quality("Mexico Extradites 29 Cartel Leaders")  # a headline
    0.0
    >>> sentence_quality("He was released in 2013 after a court overturned his conviction.")
    0.0
    >>> sentence_quality("Caro Quintero was released in 2013 after a court overturned his conviction.")
    0.8
    >>> sentence_quality('Only his own vote-counters know, and they are not telling."')
    0.0
    >>> sentence_quality("The fire chief says crews arrived two minutes after the call came in, flam...")
    0.0
    >>> sentence_quality("Our hearts are with our friends and colleagues all over Nepal.")
    0.0
    >>> sentence_quality("Household Size 100% 133% 150% 200% 1 $13,860 $18,434 $20,790 $27,720 2 18,670 24,831.")
    0.0
    >>> sentence_quality('"We are happy to be here," said the winner.'), sentence_quality('"We are happy to be here."')
    (0.3, 0.0)
    """
    n_words = word_count(text)
    if n_words < min_words or (n_words <= HEADLINE_WORDS and not ENDS_SENTENCE.search(text)):
        return 0.0  # a fragment or a headline
    if _CUT_OFF.search(text):
        return 0.0  # a teaser cut off mid-word or mid-sentence
    if _DANGLING_START.match(text):
        return 0.0  # "His handover …", "However, …": needs the sentence before it
    if len(_NUMERIC_WORD.findall(text)) > TABLE_SHARE * n_words:
        return 0.0  # a table row flattened into text ("Household Size 100% 133% 150% … $13,860 …")
    if first_person(text) and not speakers(text):
        return 0.0  # its writer's own voice ("We sincerely apologize …"), and the summary cannot name them
    quality = min(1.0, n_words / SHORT_WORDS)
    if n_words > LONG_WORDS:
        quality *= LONG
    if sum(text.count(q) for q in QUOTE_MARKS) % 2 == 1:
        if not _ATTRIBUTION.search(text):
            return 0.0  # a piece of a quotation with no speaker: the summary would voice it as its own
        quality *= QUOTE_FRAGMENT
    elif _WHOLE_QUOTE.match(text.strip()):
        return 0.0  # a quotation of someone the summary cannot name
    elif text[0] in QUOTE_MARKS and not _ATTRIBUTION.search(text):
        quality *= UNATTRIBUTED_QUOTE
    elif any(q in text for q in QUOTE_MARKS):
        quality *= QUOTED  # summaries report, they rarely quote
    if text.rstrip("\"”’')").endswith("?"):
        quality *= QUESTION
    if _OPINION.search(text):
        quality *= OPINION
    if _LOADED.search(text):
        quality *= LOADED
    return round(quality, 4)


def opinion_words(text: str) -> list[str]:
    """The opinion markers and loaded words of ``text`` that :func:`sentence_quality` demotes.

    >>> opinion_words("The notorious drug lord should face trial.")
    ['should', 'notorious']
    """
    return [m.group(0) for pattern in (_OPINION, _LOADED) for m in pattern.finditer(text)]


def _typicality(vectors: np.ndarray) -> np.ndarray:
    """Each member's mean cosine to the other members, rounded so that float noise never decides.

    The self-similarity is left out: with it, the two members of a pair differ only by
    rounding error, and the voice would depend on the embedding backend's last bits.
    """
    n = len(vectors)
    if n == 1:
        return np.ones(1)
    similarity = vectors @ vectors.T
    return np.round((similarity.sum(axis=1) - np.diag(similarity)) / (n - 1), 4)


def supporting_documents(voice: int, members: Sequence[int], sentences: Sequence[Sentence]) -> set[str]:
    """The documents with a member that does not conflict with the voice's facts (the voice's own included).

    >>> from summarizer.documents import Sentence
    >>> sents = [Sentence(d, 0, 1, t, 0, 0) for d, t in
    ...          [("a", "12 people died in the quake."), ("b", "40 people died in the quake."),
    ...           ("c", "Twelve people died in the quake.")]]
    >>> sorted(supporting_documents(0, [0, 1, 2], sents))
    ['a', 'c']
    """
    claim = extract_facts(sentences[voice].text)
    found = {sentences[voice].doc_id}
    agrees: dict[str, bool] = {}  # by text: a sentence that several documents repeat is compared once
    for i in members:
        doc_id, text = sentences[i].doc_id, sentences[i].text
        if doc_id in found:
            continue
        if text not in agrees:
            agrees[text] = not compare_facts(claim, extract_facts(text)).conflicts
        if agrees[text]:
            found.add(doc_id)
    return found


def _choose_voice(
    members: np.ndarray, merit: np.ndarray, sentences: Sequence[Sentence], documents: set[str]
) -> tuple[int | None, set[str]]:
    """The member that voices the cluster, and the documents that support what it says.

    The most typical member that reads well (highest ``merit``) unless some members conflict
    with its facts; then the one that the most documents support, so that where outlets
    disagree, the summary states what most of them say. ``documents`` are the members' documents.
    """
    order = np.argsort(-merit, kind="stable")
    if merit[order[0]] <= 0:
        return None, set()
    best = int(members[order[0]])
    supporters = supporting_documents(best, members, sentences)
    if supporters == documents:
        return best, supporters
    for k in order[1:MAX_VOICES]:
        if merit[k] <= 0:
            break
        found = supporting_documents(int(members[k]), members, sentences)
        if len(found) > len(supporters):
            best, supporters = int(members[k]), found
    return best, supporters


@dataclass(frozen=True)
class RankedCluster:
    """A cluster with its voice (``representative``), support, reading position and score."""

    members: tuple[int, ...]
    representative: int
    support: int
    position: float
    score: float


def rank_clusters(
    clusters: Sequence[Cluster],
    sentences: Sequence[Sentence],
    embeddings: np.ndarray,
    centrality: np.ndarray,
    min_sources: int = 1,
) -> list[RankedCluster]:
    """Score the clusters that at least ``min_sources`` documents support, best first.

    A cluster's voice is the member closest to the others (mean cosine similarity) weighted
    by :func:`sentence_quality`, unless members disagree with its facts (see
    :func:`supporting_documents`); its support counts only the documents that do not
    contradict it, and its score counts the others at :data:`DISPUTED_WEIGHT`. Clusters with
    no member that reads well on its own are left out.
    """
    doc_sizes: dict[str, int] = {}
    for s in sentences:
        doc_sizes[s.doc_id] = max(doc_sizes.get(s.doc_id, 0), s.index + 1)
    by_text = {text: sentence_quality(text) for text in dict.fromkeys(s.text for s in sentences)}
    quality = np.array([by_text[s.text] for s in sentences])
    relative = np.array([s.index / doc_sizes[s.doc_id] for s in sentences])
    ranked = []
    for cluster in clusters:
        members = np.array(cluster.members)
        documents = {sentences[i].doc_id for i in members}
        if len(documents) < min_sources:
            continue
        typical = _typicality(embeddings[members])
        voice, supporters = _choose_voice(members, np.maximum(typical, 0.01) * quality[members], sentences, documents)
        if voice is None:
            continue
        support = len(supporters)
        if support < min_sources:
            continue
        disputing = len(documents - supporters)
        position = float(relative[members].mean())
        score = (
            float(centrality[members].mean())
            * (support + DISPUTED_WEIGHT * disputing) ** SUPPORT_WEIGHT
            * quality[voice]
            * (1 - POSITION_WEIGHT * position)
        )
        ranked.append(RankedCluster(tuple(int(i) for i in members), int(voice), support, position, score))
    ranked.sort(key=lambda c: (-c.score, c.representative))
    return ranked
