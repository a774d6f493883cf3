"""Comparison: whether a source sentence's facts support a claim, lack some of its details, or conflict.

>>> from summarizer.facts.extract import extract_facts
>>> claim = extract_facts("The quake killed at least 12 people in Kobe on Thursday.")
>>> compare_facts(claim, extract_facts("The quake killed 40 people in Kobe on Thursday.")).note
'says 40 people; the sentence says at least 12 people'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.facts.extract import Facts
from summarizer.facts.names import shares_name, stems
from summarizer.facts.quantities import Quantity
from summarizer.facts.vocabulary import MEASURE_UNITS

#: How much of their wording two sentences must share before two values in them count as
#: two values for the same thing (see :func:`overlap`): counts, days and dates, bare numbers.
SAME_STATEMENT = {"count": 0.25, "year": 0.3, "day": 0.5, "date": 0.5, "time": 0.5, "bare": 0.6}
#: Wording two sentences must share before one's negation contradicts the other.
SAME_POLARITY = 0.5
#: Outside a cluster (no embedding says the two sentences state one fact), this much more
#: must be shared.
STRICT_MARGIN = 0.25


@dataclass(frozen=True)
class Comparison:
    """How a source sentence's facts relate to a claim's.

    ``conflicts`` are short notes on values the source states differently ("says 40 people;
    the sentence says 12 people"); ``missing`` are the claim's details the source does not
    state; ``disputes`` pairs each conflict with ``(about, claim value, source value)`` so
    that disagreements between documents can be grouped.
    """

    conflicts: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    hedged: tuple[str, ...] = ()
    disputes: tuple[tuple[str, str, str], ...] = ()

    @property
    def relation(self) -> str:
        """``"conflicts"``, ``"partial"`` or ``"supports"``."""
        if self.conflicts:
            return "conflicts"
        if self.missing or self.hedged:
            return "partial"
        return "supports"

    @property
    def note(self) -> str | None:
        """One short sentence for a reader: why the source only partly supports or conflicts."""
        if self.conflicts:
            return "; ".join(self.conflicts)
        parts = []
        if self.missing:
            parts.append("does not mention " + ", ".join(self.missing[:4]))
        if self.hedged:
            parts.append("hedges it (" + ", ".join(f"'{h}'" for h in self.hedged) + ")")
        return "; ".join(parts) or None


def overlap(a: Facts, b: Facts) -> float:
    """The share of the shorter sentence's content words (stemmed) that the other one has too.

    >>> from summarizer.facts.extract import extract_facts
    >>> overlap(extract_facts("The quake killed 12 people."), extract_facts("A quake killed 40 people in Kobe."))
    1.0
    """
    if not a.stems or not b.stems:
        return 0.0
    return len(a.stems & b.stems) / min(len(a.stems), len(b.stems))


def _same_unit(a: str, b: str) -> bool:
    """Units match when equal, when both measure in one unit ("11 years" and "an 11-year sentence"),
    or when both are compounds on the same unit ("25,000-pound Unity", "37500-pound module");
    "a 115-yacht fleet" is not "37 yachts"."""
    if a == b:
        return True
    if not a or not b or a.split()[0] != b.split()[0]:
        return False
    return a.split()[0] in MEASURE_UNITS or (" " in a and " " in b)


def _same_thing(
    a: Quantity,
    b: Quantity,
    claim: Facts,
    source: Facts,
    claim_left: Sequence[Quantity],
    source_left: Sequence[Quantity],
    strict: bool,
) -> bool:
    """Whether two different values are about the same thing.

    Same kind and unit, no different names around them ("231 in Honduras" is not "194 in
    Guatemala") unless the same word follows both in one cluster ("150 million years ago"),
    shared words near both, and sentences that share enough wording to be one statement
    (:data:`SAME_STATEMENT`).
    """
    if a.kind != b.kind or not _same_unit(a.unit, b.unit):
        return False
    if a.unit == "age" and (a.names or b.names) and not shares_name(a.names, b.names):
        return False  # the ages of two people
    kind = "bare" if a.kind == "count" and not a.unit else a.kind
    shared_wording = overlap(claim, source)
    if shared_wording < SAME_STATEMENT[kind] + (STRICT_MARGIN if strict else 0.0):
        return False
    if (
        (strict or not a.follow or a.follow != b.follow)
        and a.names
        and b.names
        and not shares_name(a.names, source.name_stems)
        and not shares_name(b.names, claim.name_stems)
    ):
        return False  # each is about names the other sentence never mentions
    shared = (a.context & b.context) - set(a.unit.split())
    if strict:
        return len(shared) >= 2
    return bool(shared) or (  # or the only value of its kind that each side leaves unmatched
        sum(q.kind == a.kind and _same_unit(q.unit, a.unit) for q in claim_left) == 1
        and sum(q.kind == b.kind and _same_unit(q.unit, b.unit) for q in source_left) == 1
    )


def _about(q: Quantity) -> str:
    return q.noun or "number"


def _unmatched(claim: Sequence[Quantity], source: Sequence[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The quantities of each side that the other does not state, paired one to one.

    Same value and unit pair first, then same value with any unit, so that "Channel 11" is
    not taken as stated by "the 11-year-old girl" when "11-year" has its own match.
    """
    left, right = list(claim), list(source)
    for same_unit in (True, False):
        for q in list(left):
            match = next(
                (r for r in right if r.kind == q.kind and r.key == q.key and (not same_unit or r.unit == q.unit)), None
            )
            if match is not None:
                left.remove(q)
                right.remove(match)
    return left, right


def compare_facts(claim: Facts, source: Facts, *, strict: bool = False) -> Comparison:
    """Compare a source sentence's facts with a claim's (both from :func:`extract_facts`).

    A source **conflicts** when it states another value for one of the claim's quantities
    (same kind, unit and context: "40 people" against "12 people", "Friday" against
    "Thursday"), names another person in one of the claim's roles, or negates what the
    claim states (or the reverse). It is **partial** when it lacks some of the claim's
    numbers, dates or names, or hedges what the claim states flatly. ``strict`` asks for
    more shared context before two values count as the same thing (for sentences outside
    the claim's cluster).

    >>> from summarizer.facts.extract import extract_facts
    >>> claim = extract_facts("Caro Quintero was not among those sent.")
    >>> compare_facts(claim, extract_facts("Caro Quintero was among those sent.")).relation
    'conflicts'
    """
    same_statement = overlap(claim, source) >= SAME_POLARITY + (STRICT_MARGIN if strict else 0.0)
    values, missing = _value_conflicts(claim, source, strict)
    found = [
        *values,
        *_role_conflicts(claim, source, same_statement),
        *_polarity_conflicts(claim, source, same_statement),
    ]
    missing += _missing_names(claim, source)
    hedged = [h for h in source.hedges if h not in claim.hedges]
    return Comparison(
        tuple(note for note, _ in found), tuple(dict.fromkeys(missing)), tuple(hedged), tuple(d for _, d in found)
    )


#: A conflict: its note for a reader, and ``(about, claim value, source value)``.
Conflict = tuple[str, tuple[str, str, str]]


#: Qualifiers that make a value a bound: the source's "more than nine hours" allows the claim's 10.
_LOWER_BOUNDS = frozenset({"more than", "over", "at least"})
_UPPER_BOUNDS = frozenset({"less than", "fewer than", "at most", "up to"})


def _within_bound(claim: Quantity, source: Quantity) -> bool:
    """Whether the source states only a bound (an unqualified claim value inside it).

    >>> from summarizer.facts.extract import extract_facts
    >>> [ten] = extract_facts("The hearing lasted 10 hours.").quantities
    >>> [nine] = extract_facts("The hearing lasted more than nine hours.").quantities
    >>> _within_bound(ten, nine), _within_bound(nine, ten)
    (True, False)
    """
    if claim.qualifier or claim.value is None or source.value is None:
        return False
    if source.qualifier in _LOWER_BOUNDS:
        return claim.value > source.value
    if source.qualifier in _UPPER_BOUNDS:
        return claim.value < source.value
    return False


def _value_conflicts(claim: Facts, source: Facts, strict: bool) -> tuple[list[Conflict], list[str]]:
    """The claim's quantities the source states another value for, and those it does not state."""
    unmatched_claim, unmatched_source = _unmatched(claim.quantities, source.quantities)
    conflicts: list[Conflict] = []
    missing: list[str] = []
    for q in unmatched_claim:
        other = next(
            (
                s
                for s in unmatched_source
                if _same_thing(q, s, claim, source, unmatched_claim, unmatched_source, strict)
            ),
            None,
        )
        if other is None:
            missing.append(q.label)
            continue
        unmatched_source.remove(other)
        if _within_bound(q, other):
            missing.append(q.label)  # "more than nine hours" does not say 10, nor deny it
            continue
        conflicts.append((f"says {other.label}; the sentence says {q.label}", (_about(q), q.label, other.label)))
    return conflicts, missing


def _role_conflicts(claim: Facts, source: Facts, same_statement: bool) -> list[Conflict]:
    """Another person named in one of the claim's roles, when the two sentences are one statement."""
    conflicts: list[Conflict] = []
    source_roles = dict(source.roles)
    for role, person in claim.roles:
        other_person = source_roles.get(role)
        if other_person is None or not same_statement:
            continue
        person_stems = {s for w in person.split() for s in stems(w)}
        other_stems = {s for w in other_person.split() for s in stems(w)}
        if person_stems & source.name_stems or other_stems & claim.name_stems:
            continue  # both people are named: two people in two such roles ("Pope Francis met Pope Benedict")
        if not person_stems & other_stems:
            conflicts.append(
                (f"names {other_person} as {role}; the sentence names {person}", (role, person, other_person))
            )
    return conflicts


def _polarity_conflicts(claim: Facts, source: Facts, same_statement: bool) -> list[Conflict]:
    """One sentence negates what the other states flatly (at most one conflict each way)."""
    conflicts: list[Conflict] = []
    for mine, theirs, says in ((claim, source, "negates"), (source, claim, "does not negate")):
        if theirs.negations or theirs.hedges:
            continue  # both negate something, or the other only says it may be so
        for negation in mine.negations:
            if not same_statement or negation.head not in theirs.stems:
                continue  # a negation of something the other sentence does not state
            what = " ".join(sorted(negation.scope & theirs.stems))
            if says == "negates":  # the claim negates, the source does not
                conflicts.append(
                    (f"states it without the claim's '{negation.cue}'", ("whether " + what, negation.cue, "affirmed"))
                )
            else:
                conflicts.append((f"negates it ('{negation.cue}')", ("whether " + what, "affirmed", negation.cue)))
            break
    return conflicts


def _missing_names(claim: Facts, source: Facts) -> list[str]:
    """The claim's names that the source does not state (as a name or as a word)."""
    source_words = {s for w in source.stems for s in stems(w)}
    missing = []
    for name in claim.names:
        name_stems = {s for w in name.split() for s in stems(w)}
        if not name_stems & source.name_stems and not name_stems & source_words:
            missing.append(name)
    return missing
