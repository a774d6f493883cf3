"""Quantities: the numbers, years, dates and times a sentence states, and what each one counts.

>>> from summarizer.facts.reading import tokenise
>>> words, spans = tokenise("At least 12 people died in 1985 on Thursday.")
>>> [(q.kind, q.label, q.unit) for q in read_quantities(words, spans)]
[('count', 'at least 12 people', 'peopl'), ('year', '1985', 'year'), ('day', 'Thursday', 'day')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.facts.dates import date_text, is_day_of_month, is_weekday, month_at
from summarizer.facts.names import near_names, person_stems
from summarizer.facts.reading import TOKEN_PATTERN, word_value
from summarizer.facts.vocabulary import (
    CURRENCIES,
    DATE_WORDS,
    MEASURES,
    MULTIPLIERS,
    NOT_NAMES,
    OTHER,
    PLURALS,
    QUALIFIERS,
    STOP_WORDS,
    UNIT_STOP,
)
from summarizer.text import is_attribution, stem


@dataclass(frozen=True)
class Quantity:
    """A number or date a sentence states, with what it counts and the words around it.

    ``kind`` is ``"count"`` (a number and the noun it counts: ``unit`` "people", "percent",
    "dollars", "magnitude", "age"), ``"year"``, ``"day"`` (a weekday), ``"date"`` (a month,
    with its day when given) or ``"time"`` (a clock time). ``value`` is the number (``None``
    for days, dates and times, whose ``text`` is compared instead), ``qualifier`` a hedge such as "at least",
    ``context`` the stems of the content words near it, which tell what it is about.
    """

    kind: str
    value: float | None
    unit: str  # stemmed, for comparison
    noun: str  # as written, for notes
    text: str
    qualifier: str | None
    context: frozenset[str]
    names: frozenset[str] = frozenset()  # stems of the names near it ("Honduras")
    follow: str = ""  # the content word right after it, stemmed ("ago" in "150 million years ago")

    @property
    def key(self) -> str:
        """What two quantities must share to be the same value."""
        if self.value is None:
            return self.text.lower()
        return f"{self.value:g}"

    @property
    def label(self) -> str:
        """How a note names it: "at least 12 people", "Thursday", "1985"."""
        return f"{self.qualifier} {self.text}" if self.qualifier else self.text


def is_age(words: Sequence[str], i: int, value: float) -> bool:
    """Whether ``words[i]`` is an age in apposition to a name: "Kevin Johnson, 25, was ..."."""
    return (
        value == int(value)
        and 0 < value < 120
        and i >= 2
        and words[i - 1] == ","
        and words[i - 2][:1].isupper()
        and (i + 1 == len(words) or words[i + 1] in (",", ".", ";"))
    )


def is_plural(word: str) -> bool:
    low = word.lower()
    return low in PLURALS or (low.endswith("s") and not low.endswith("ss"))


def unit_after(words: Sequence[str], i: int) -> str:
    """The noun a number counts: the last word of the noun phrase after position ``i``.

    "29 alleged cartel members were" -> "members"; "29 of the prisoners" -> "prisoners".
    """
    j = i + 1
    if j < len(words) and words[j].lower() == "of":  # "29 of the prisoners"
        j += 1
        if j < len(words) and words[j].lower() in ("the", "these", "those", "its", "their"):
            j += 1
    phrase: list[str] = []
    while j < len(words) and len(phrase) < 4:
        word = words[j]
        low = word.lower()
        if not word[:1].isalpha() or low in UNIT_STOP or is_attribution(low) or word_value(low) is not None:
            break
        if low.endswith(("ed", "ing")) and phrase and is_plural(phrase[-1]):
            break  # "12 people killed": the noun came first
        phrase.append(word)
        j += 1
    if not phrase:
        return ""
    return phrase[-1].lower()


def context_stems(words: Sequence[str], i: int, width: int = 6) -> frozenset[str]:
    """Stems of the content words among the ``width`` words (punctuation aside) on each side of ``i``."""
    before = [w for w in words[:i] if w[:1].isalnum()][-width:]
    after = [w for w in words[i + 1 :] if w[:1].isalnum()][:width]
    return frozenset(
        stem(w.lower())
        for w in (*before, *after)
        if w[:1].isalpha() and w.lower() not in STOP_WORDS and word_value(w) is None
    )


def around(words: Sequence[str], i: int) -> tuple[frozenset[str], frozenset[str]]:
    """The context words and the names near position ``i``."""
    return context_stems(words, i), near_names(words, i)


#: Each qualifier's place in :data:`~summarizer.facts.vocabulary.QUALIFIERS` (the first that matches wins).
_QUALIFIER_RANK = {q: rank for rank, q in enumerate(QUALIFIERS)}
#: The lengths, in words, of the qualifiers.
_QUALIFIER_SIZES = sorted({len(q.split()) for q in QUALIFIERS})


def _qualifier(lower: Sequence[str], i: int) -> str | None:
    """The qualifier (:data:`~summarizer.facts.vocabulary.QUALIFIERS`) right before ``lower[i]``, if any.

    One set look-up per qualifier length, since this runs for every word of every sentence.

    >>> _qualifier(["at", "least", "12", "people"], 2), _qualifier(["12", "people"], 1)
    ('at least', None)
    """
    before = (" ".join(lower[i - size : i]) for size in _QUALIFIER_SIZES if i >= size)
    found = [q for q in before if q in _QUALIFIER_RANK]
    return min(found, key=_QUALIFIER_RANK.__getitem__) if found else None


def read_quantities(words: Sequence[str], spans: Sequence[str]) -> list[Quantity]:
    """Numbers, years, days and dates of a tokenised sentence (``spans`` are the raw tokens)."""
    found: list[Quantity] = []
    lower = [w.lower() for w in words]
    for i, word in enumerate(words):
        low = lower[i]
        qualifier = _qualifier(lower, i)
        if month_at(words, i):
            found.append(Quantity("date", None, "date", "date", date_text(words, i), None, *around(words, i)))
            continue
        if is_weekday(word):
            found.append(Quantity("day", None, "day", "day", word.title(), None, *around(words, i)))
            continue
        match = TOKEN_PATTERN.fullmatch(spans[i])
        value: float | None = None
        unit = ""
        if match and match.group("number"):
            if i >= 1 and spans[i - 1] == ":":
                continue  # the minutes of a clock time, read with its hour
            if i + 2 < len(spans) and spans[i + 1] == ":" and spans[i + 2].isdigit():  # "5:35", a score, a ratio
                clock = f"{spans[i]}:{spans[i + 2]}"
                found.append(Quantity("time", None, "time", "time", clock, None, *around(words, i)))
                continue
            digits = match.group("number").replace(",", "")
            value = float(digits)
            suffix = match.group("suffix") or ""
            if suffix == "s" and len(digits) == 4:  # "the 1980s"
                found.append(
                    Quantity(
                        "year",
                        value,
                        "decade",
                        "decade",
                        spans[i],
                        qualifier,
                        context_stems(words, i),
                        near_names(words, i),
                    )
                )
                continue
            if is_day_of_month(words, i, value):
                continue  # the day of a date ("March 4", "4 March"), read with its month
            is_year = (
                len(digits) == 4
                and "," not in match.group("number")
                and 1800 <= value <= 2100
                and not match.group("money")
                and suffix != "%"
            )
            if is_year and (i + 1 >= len(words) or not lower[i + 1].endswith("s") or lower[i + 1] in ("was", "is")):
                found.append(Quantity("year", value, "year", "year", digits, None, *around(words, i)))
                continue
            if match.group("money"):
                unit = CURRENCIES[match.group("money")]
            elif suffix == "%":
                unit = "percent"
            elif suffix == "-year" and i + 2 < len(words) and words[i + 1] == "-" and lower[i + 2] == "old":
                unit = "age"  # "a 31-year-old woman"
            elif suffix.startswith("-"):  # "40-year", "a 115-yacht fleet": what the compound names
                unit = " ".join(filter(None, (suffix[1:].lower().rstrip("s"), unit_after(words, i))))
        else:
            value = word_value(low)
            if value is None:
                continue
            if i >= 1 and lower[i - 1] in ("one", "each"):  # "one of"
                continue
        text_end = i
        if i + 1 < len(words) and lower[i + 1] in MULTIPLIERS:  # "20 million", "three thousand"
            value *= MULTIPLIERS[lower[i + 1]]
            text_end = i + 1
        if not unit and text_end + 1 < len(words) and lower[text_end + 1] in ("percent", "per"):
            unit = "percent"
            text_end += 1 if lower[text_end + 1] == "percent" else 2
        first = i
        if not unit and is_age(words, i, value):  # "Kevin Johnson, 25, was arrested"
            unit = "age"
        if not unit and i >= 1 and lower[i - 1] in MEASURES:  # "magnitude 7.1"
            unit, first = ("age" if lower[i - 1] in ("ages", "aged") else lower[i - 1]), i - 1
        if (
            not unit
            and i + 2 < len(words)
            and lower[i + 1] in ("and", "or", "to")
            and TOKEN_PATTERN.fullmatch(spans[i + 2])
        ):
            following = TOKEN_PATTERN.fullmatch(spans[i + 2])
            if following and following.group("number") and not following.group("suffix"):  # "13 and 11 years"
                unit = unit_after(words, i + 2)
        if not unit:
            unit = unit_after(words, text_end)
            if unit:
                text_end = next(j for j in range(text_end + 1, len(words)) if lower[j] == unit)
                if lower[i + 1] in OTHER:  # "28 other members" count something else than "29 members"
                    unit = f"{lower[i + 1]} {unit}"
        if (
            not unit
            and i >= 2
            and any(ch.isupper() for ch in words[i - 1])
            and lower[i - 1] not in NOT_NAMES
            and lower[i - 1].rstrip(".") not in DATE_WORDS
        ):
            unit = lower[i - 1]  # a model or a name with a number: "iPhone 5", "Channel 11", "Route 66"
            first = i - 1
        if not unit and i + 1 < len(words) and lower[i + 1] in MEASURES:
            unit = lower[i + 1]
        text = " ".join(spans[first : text_end + 1])
        if unit == "age" and text.endswith("-year"):
            text += "-old"
        found.append(
            Quantity(
                "count",
                value,
                " ".join(map(stem, unit.split())),
                unit,
                text,
                qualifier,
                context_stems(words, i),
                person_stems(words, i) if unit == "age" else near_names(words, i),
                stem(lower[text_end + 1])
                if text_end + 1 < len(words) and lower[text_end + 1] not in STOP_WORDS
                else "",
            )
        )
    return found
