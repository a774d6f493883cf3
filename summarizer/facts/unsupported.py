"""Details a new sentence states that none of its sources does: the rules the rewrite check applies.

Each rule takes the candidate sentence and its sources and returns a short reason, or None
when every such detail is in some source.

>>> unsupported_number("Mexico sent 30 members.", ["Mexico sent 29 members."])
"states the number '30', which no source has"
>>> unsupported_date_or_quantity("Mexico sent 29 members on Friday.", ["Mexico sent 29 members."])
"states the date 'Friday', which no source has"
>>> unsupported_name("Colombia sent 29 members.", ["Mexico sent 29 members."])
"names 'Colombia', which no source has"
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from summarizer.facts.names import name_runs, stems
from summarizer.facts.reading import normalise, numbers, tokens
from summarizer.facts.vocabulary import DATE_WORDS, FUNCTION_WORDS, SCALE_WORDS


def unsupported_number(candidate: str, sources: Sequence[str]) -> str | None:
    """The first number (in digits or words) of ``candidate`` that no source states."""
    source_numbers = numbers(" ".join(normalise(s) for s in sources))
    for number in sorted(numbers(normalise(candidate))):
        if number not in source_numbers:
            return f"states the number {number!r}, which no source has"
    return None


def unsupported_date_or_quantity(candidate: str, sources: Sequence[str]) -> str | None:
    """The first date word ("Friday", "March") or quantity word ("million") of ``candidate`` that no source has."""
    source_lower = {t.lower() for t in tokens(" ".join(normalise(s) for s in sources))}
    for token in tokens(normalise(candidate)):
        low = token.lower()
        if (low in DATE_WORDS or low in SCALE_WORDS) and low not in source_lower:
            kind = "date" if low in DATE_WORDS else "quantity"
            return f"states the {kind} {token!r}, which no source has"
    return None


def _pairs(runs: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    return {
        pair
        for run in runs
        for a, b in itertools.combinations(run, 2)
        for pair in itertools.product(stems(a), stems(b))
    }


def unsupported_name(candidate: str, sources: Sequence[str]) -> str | None:
    """The first name of ``candidate`` that no source has.

    A capitalised word must be in a source (up to a demonym ending: "Mexican" is "Mexico"), and
    each adjacent pair of capitalised words must stand in that order in one name of a source
    or next to each other ("President [Joseph] Estrada" is in "President Joseph Estrada").
    """
    cand = normalise(candidate)
    srcs = [normalise(s) for s in sources]
    source_stems = {s for t in tokens(" ".join(srcs)) for s in stems(t)}
    source_pairs = _pairs(
        run for text in srcs for run in [*name_runs(text), *map(list, itertools.pairwise(tokens(text)))]
    )
    for position, token in enumerate(tokens(cand)):
        if position == 0 and token.lower() in FUNCTION_WORDS:
            continue  # "The bombing ..." when the source said "Friday's bombing ..."
        if token[:1].isupper() and not stems(token) & source_stems:
            return f"names {token!r}, which no source has"
    for run in name_runs(cand, skip_first=True):  # the first word may just start the sentence
        for a, b in itertools.pairwise(run):
            if not any(pair in source_pairs for pair in itertools.product(stems(a), stems(b))):
                return f"names {a + ' ' + b!r}, which no source has"
    return None


#: The rules of this module, in the order the rewrite check applies them.
UNSUPPORTED_DETAIL_RULES = (unsupported_number, unsupported_date_or_quantity, unsupported_name)


def unsupported_detail(candidate: str, sources: Sequence[str]) -> str | None:
    """The first reason of :data:`UNSUPPORTED_DETAIL_RULES` that ``candidate`` fails, or None."""
    for rule in UNSUPPORTED_DETAIL_RULES:
        reason = rule(candidate, sources)
        if reason is not None:
            return reason
    return None
