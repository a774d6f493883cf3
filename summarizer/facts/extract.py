"""Extraction: the checkable facts of one sentence as a :class:`Facts` record.

>>> facts = extract_facts("Officials said the court did not free Caro Quintero.")
>>> facts.names, [(n.cue, n.head) for n in facts.negations], facts.speakers
(('Officials', 'Caro Quintero'), [('not', 'free')], ('Officials',))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarizer.facts.names import name_runs, read_roles, speakers, stems
from summarizer.facts.quantities import Quantity, read_quantities
from summarizer.facts.reading import is_negation, normalise, tokenise, word_value
from summarizer.facts.vocabulary import DATE_WORDS, HEDGES, NEGATIONS, NOT_NAMES, STOP_WORDS
from summarizer.text import stem


@dataclass(frozen=True)
class Negation:
    """A negation cue ("not", "denied", "n't") and the stems of the words it negates."""

    cue: str
    head: str  # the first content word it negates, stemmed ("sent" in "was not sent to")
    scope: frozenset[str]


@dataclass(frozen=True)
class Facts:
    """What a sentence states that a reader can check (see :func:`extract_facts`)."""

    quantities: tuple[Quantity, ...]
    names: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]  # (role, person): ("attorney general", "Pam Bondi")
    negations: tuple[Negation, ...]
    hedges: tuple[str, ...]
    speakers: tuple[str, ...]
    stems: frozenset[str]  # every content word, stemmed
    name_stems: frozenset[str]  # every capitalised word, with and without demonym endings


def _negations(words: Sequence[str]) -> list[Negation]:
    """Each negation cue among ``words`` with the content words it negates (the next four)."""
    found = []
    for i, word in enumerate(words):
        low = word.lower()
        if is_negation(word):
            scope = [
                stem(w.lower())
                for w in words[i + 1 : i + 5]
                if w[:1].isalpha() and w.lower() not in STOP_WORDS and w.lower() not in NEGATIONS
            ]
            if scope:
                found.append(Negation(low, scope[0], frozenset(scope)))
    return found


@lru_cache(maxsize=100_000)
def extract_facts(sentence: str) -> Facts:
    """The checkable facts of one sentence.

    >>> facts = extract_facts('Attorney General Pam Bondi said Mexico did not send 29 alleged members in 2013.')
    >>> [q.label for q in facts.quantities]
    ['29 alleged members', '2013']
    >>> facts.roles, [n.cue for n in facts.negations], facts.hedges, facts.speakers
    ((('attorney general', 'Pam Bondi'),), ['not'], ('alleged',), ('Attorney', 'General', 'Pam', 'Bondi'))
    """
    text = normalise(sentence)
    words, spans = tokenise(text)
    quantities = tuple(read_quantities(words, spans))
    content = [w for w in words if w[:1].isalpha()]
    names = []
    for position, run in enumerate(name_runs(text)):
        run = [w.strip("'’") for w in run]
        kept = [w for w in run if w.lower().rstrip(".") not in DATE_WORDS and word_value(w) is None]
        if position == 0 and kept and content and kept[0] == content[0] and kept[0].lower() in NOT_NAMES:
            kept = kept[1:]  # "The ...", "About 65 ...": a capital that only starts the sentence
        if kept:
            names.append(" ".join(kept))
    return Facts(
        quantities=quantities,
        names=tuple(names),
        roles=tuple(read_roles(words)),
        negations=tuple(_negations(words)),
        hedges=tuple(dict.fromkeys(w.lower() for w in content if w.lower() in HEDGES)),
        speakers=tuple(speakers(text)),
        stems=frozenset(stem(w.lower()) for w in content if w.lower() not in STOP_WORDS),
        name_stems=frozenset(s for n in names for w in n.split() for s in stems(w)),
    )
