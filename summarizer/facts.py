"""The checkable facts of a sentence, and how two sentences' facts compare.

A summary sentence and a source sentence that "say the same thing" must agree on what a
reader can check: the numbers and what they count, dates, names, negation, hedges and who
is quoted. :func:`extract_facts` reads these from one sentence with rules (no model), and
:func:`compare_facts` says whether a source sentence supports a claim, lacks some of its
details, or states another value for the same thing. Both the citation check
(:mod:`summarizer.verify`) and the rewrite check (:mod:`summarizer.rewrite`) use them, so a
citation and a rewrite are judged by the same rules.

>>> claim = extract_facts("The quake killed at least 12 people in Kobe on Thursday.")
>>> [(q.kind, q.label) for q in claim.quantities]
[('count', 'at least 12 people'), ('day', 'Thursday')]
>>> compare_facts(claim, extract_facts("The quake killed 40 people in Kobe on Thursday.")).conflicts
('says 40 people; the sentence says at least 12 people',)
>>> compare_facts(claim, extract_facts("A quake hit Kobe on Thursday.")).missing
('at least 12 people',)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from nltk.stem.porter import PorterStemmer

_stem = lru_cache(maxsize=200_000)(PorterStemmer().stem)


def _words(text: str) -> list[str]:
    return text.split()


# ------------------------------------------------------------------------------ vocabularies

_MONTH_NAMES = _words("january february march april may june july august september october november december")
_MONTH_ABBREVIATIONS = {name[:3]: name for name in _MONTH_NAMES} | {"sept": "september"}
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_RELATIVE_DAYS = _words("today yesterday tomorrow")
#: Words that name a date ("may" and "mar" are left out: mostly verbs).
DATE_WORDS = frozenset(_MONTH_NAMES + _WEEKDAYS + _RELATIVE_DAYS + list(_MONTH_ABBREVIATIONS)) - {"may", "mar"}

_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
del NUMBER_WORDS["one"]  # mostly a pronoun ("one of the largest")
_MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Quantity words a rewrite must not introduce.
SCALE_WORDS = frozenset(
    _words(
        "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens "
        "half quarter double twice triple"
    )
)
#: Negation cues (plus any n't contraction).
NEGATIONS = frozenset(_words("not no never none nobody nothing neither nor without cannot unable failed"))
#: Words that make a statement uncertain; a source that hedges does not fully support a flat claim.
HEDGES = frozenset(
    _words(
        "alleged allegedly reportedly suspected could might may possibly possible probably likely "
        "unconfirmed apparently purportedly rumored rumoured believed"
    )
)
#: Verbs that attribute a statement to a speaker (stems; see :func:`is_attribution`).
_ATTRIBUTION = frozenset(
    _words(
        "say said tell told add accord announce emphasize emphasise note claim argue warn insist "
        "declare write wrote underscore stress report explain confirm acknowledge assert call "
        "describe vow accuse deny denied admit predict urge stated"
    )
)
#: Titles that name a role; two sources naming different people in one role disagree.
ROLE_WORDS = frozenset(
    _words(
        "president prime minister secretary attorney general governor senator sen rep "
        "representative spokesman spokeswoman spokesperson chief director administrator "
        "ambassador mayor king queen pope judge commander chairman chairwoman ceo premier "
        "chancellor leader"
    )
)
#: Endings stripped to match "Mexican" to "Mexico", "Israeli" to "Israel", "Hondurans" to "Honduras".
_NAME_SUFFIXES = ("ians", "ans", "ns", "ian", "ean", "ese", "an", "n", "i", "s", "o", "a")
#: Words that may start a sentence capitalised without being a name.
FUNCTION_WORDS = frozenset(
    _words(
        "the a an in on at after before during since as while when with for by from to of this that "
        "these those there it its he she they his her their both all some many most"
    )
)
_STOP = frozenset(
    _words(
        "a an the of in on at to for by from with and or but as is are was were be been being has have "
        "had it its this that these those who whom which what than then there their his her he she they "
        "we i you our us them him over about into after before during since up out down off per some "
        "more most less least than nearly almost around roughly approximately estimated an"
    )
)
#: Words before a number that qualify it.
_QUALIFIERS = (
    "at least",
    "at most",
    "more than",
    "less than",
    "fewer than",
    "up to",
    "nearly",
    "almost",
    "about",
    "around",
    "some",
    "over",
    "under",
    "roughly",
    "approximately",
    "an estimated",
    "estimated",
)
_TIME_UNITS = frozenset(_words("year month week day hour minut second decad centuri"))
#: Units of measure (stemmed): "a 27-inch screen" and "40 inches" measure the same thing.
_MEASURE_UNITS = _TIME_UNITS | frozenset(
    _words(
        "inch foot feet mile yard meter metr kilomet centimet millimet pound ounc ton tonn gram kilogram "
        "kilo gallon liter litr acr hectar degre percent dollar euro megapixel"
    )
)
_PLURALS = frozenset(_words("people children men women police personnel staff troops"))
#: Words after a number that make it count something else ("28 other members", "5 more people").
_OTHER = frozenset(_words("other others more additional further new extra"))
#: Capitalised at the start of a sentence, these words are no names.
_NOT_NAMES = FUNCTION_WORDS | _STOP | HEDGES | frozenset(w for q in _QUALIFIERS for w in q.split()) | NEGATIONS

#: Words before a number that name what it measures ("magnitude 7.1", "aged 65").
_MEASURES = frozenset(_words("magnitude aged age ages toll total number score rate temperature"))
_CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
#: Nouns a counted number is read with when the words after it name nothing (kept as written).
_UNIT_STOP = (
    _STOP
    | NEGATIONS
    | DATE_WORDS
    | frozenset(_words("said says percent ago old will would can could may might shall should must did does do"))
)

_TOKEN = re.compile(
    r"(?P<money>[$€£¥])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>%|s\b|-[A-Za-z]+)?"
    r"|(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)"
    r"|(?P<punct>[^\sA-Za-z0-9])"
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_ACRONYM = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")
_POSSESSIVE = re.compile(r"['’]s$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_PUNCTUATED = re.compile(r"[A-Za-z][A-Za-z'’]*|[^\sA-Za-z]")  # words and punctuation marks
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_HEDGED = re.compile(
    r"\b(" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+(\d+(?:[.,]\d+)*)",
    re.IGNORECASE,
)


# ------------------------------------------------------------------------- small helpers


def normalise(text: str) -> str:
    """Spell acronyms and the United States one way: "U.S." and "United States" become "US".

    >>> normalise("The U.S. and the United States")
    'The US and US'
    """
    text = _ACRONYM.sub(lambda m: "".join(g for g in m.groups() if g), text).replace("’", "'")
    return re.sub(r"\b(?:the )?United States\b", "US", text, flags=re.IGNORECASE)


def tokens(text: str) -> list[str]:
    """The words of ``text`` without possessive endings ("Mexico's" -> "Mexico")."""
    return [_POSSESSIVE.sub("", w).strip("'’") for w in _WORD.findall(text)]


def numbers(text: str) -> set[str]:
    """Numbers stated in ``text``, as digit strings ("twenty-nine" and "29" are both "29").

    >>> sorted(numbers("Twenty-nine of the 1,500 members, for 40 years, in 1985."))
    ['1500', '1985', '29', '40']
    """
    found = {m.group().replace(",", "") for m in _DIGITS.finditer(text)}
    words = re.findall(r"[a-z]+", text.lower())
    skip = False
    for word, following in zip(words, [*words[1:], ""], strict=True):
        if skip:
            skip = False
            continue
        if word in NUMBER_WORDS:
            value = NUMBER_WORDS[word]
            if word in _TENS and following in NUMBER_WORDS and NUMBER_WORDS[following] < 10:
                value += NUMBER_WORDS[following]
                skip = True
            found.add(str(value))
    return found


def negated(words: Sequence[str]) -> list[str]:
    """The negation cues among ``words`` (including any n't contraction)."""
    return [t for t in words if t.lower() in NEGATIONS or re.search(r"n['’]t$", t.lower())]


def stems(token: str) -> set[str]:
    """``token`` lower-cased, with and without a demonym or plural ending ("Mexican" ~ "Mexico").

    >>> sorted(stems("Hondurans")), sorted(stems("Iran"))
    (['hondur', 'hondura', 'honduran', 'hondurans'], ['iran'])
    """
    word = token.lower()
    found = {word}
    for suffix in _NAME_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            found.add(word[: -len(suffix)])
    return found


def name_runs(text: str, *, skip_first: bool = False) -> list[list[str]]:
    """Runs of capitalised words, split at punctuation: the names a sentence states.

    >>> name_runs("Angola, Zimbabwe and Namibia back President Laurent Kabila.")
    [['Angola'], ['Zimbabwe'], ['Namibia'], ['President', 'Laurent', 'Kabila']]
    """
    words = [_POSSESSIVE.sub("", t) for t in _PUNCTUATED.findall(text)]
    runs: list[list[str]] = []
    current: list[str] = []
    for position, token in enumerate(words):
        if token[:1].isupper() and not (skip_first and position == 0):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def is_attribution(token: str) -> bool:
    """Whether ``token`` is a form of an attribution verb ("says", "emphasized", "according").

    >>> [is_attribution(w) for w in ("says", "emphasizes", "underscored", "calling", "cartels")]
    [True, True, True, True, False]
    """
    word = token.lower()
    if word in _ATTRIBUTION:
        return True
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if stem in _ATTRIBUTION or stem + "e" in _ATTRIBUTION:
                return True
    return False


def hedged_numbers(sentence: str) -> list[tuple[str, str]]:
    """(number, qualifier) pairs such as ("32", "at least") for the qualified numbers of ``sentence``.

    >>> hedged_numbers("At least 32 people died and more than 150,000 fled; 9 were hurt.")
    [('32', 'at least'), ('150000', 'more than')]
    """
    return [(m.group(2).replace(",", ""), " ".join(m.group(1).lower().split())) for m in _HEDGED.finditer(sentence)]


def speakers(sentence: str) -> list[str]:
    """The capitalised words next to an attribution verb outside quotes ("Bondi said").

    >>> speakers('"Cartels are terrorist groups," said US Attorney General Pam Bondi on Monday.')
    ['US', 'Attorney', 'General', 'Pam', 'Bondi']
    >>> speakers("Officials said 29 people were sent.")
    ['Officials']
    >>> speakers("Mexico sent 29 people, the ministry said.")
    []
    >>> speakers("200 signed a letter, said the Information Center for Human Rights.")
    ['Information', 'Center']
    """
    unquoted = _QUOTED.sub(" , ", sentence)
    words = [_POSSESSIVE.sub("", t) for t in _PUNCTUATED.findall(unquoted)]
    for i, token in enumerate(words):
        if not is_attribution(token):
            continue
        after = i + 2 if token.lower() == "according" else i + 1  # "according to X"
        if after < len(words) and words[after].lower() == "the":  # "said the Foreign Ministry"
            after += 1
        before = []
        for previous in reversed(words[:i]):
            if not previous[:1].isupper():
                break
            before.insert(0, previous)
        following = []
        for nxt in words[after:]:
            if not nxt[:1].isupper():
                break
            following.append(nxt)
        if before or following:
            return before or following
    return []


# ------------------------------------------------------------------------------ the facts


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


def _word_value(word: str) -> float | None:
    """The value of a spelled-out number ("twelve", "twenty-nine"), else None."""
    low = word.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in NUMBER_WORDS and NUMBER_WORDS[parts[1]] < 10:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


def _person(words: Sequence[str], i: int) -> frozenset[str]:
    """Stems of the name an age belongs to: "Kevin Johnson, 25" or "31-year-old Ann Stinson"."""
    if i >= 2 and words[i - 1] == ",":
        j, run = i - 2, []
        while j >= 0 and words[j][:1].isupper():
            run.append(words[j])
            j -= 1
    else:
        j, run = i + 3, []  # past "-" "old"
        while j < len(words) and words[j][:1].isupper():
            run.append(words[j])
            j += 1
        j = i - 1
        while not run and j >= 0 and words[j].lower() in (",", "a", "an", "the"):
            j -= 1  # "Shepard, a 21-year-old freshman"
        while j >= 0 and not run and words[j][:1].isupper():
            run.append(words[j])
            j -= 1
    return frozenset(s for w in run for s in stems(w))


def _is_age(words: Sequence[str], i: int, value: float) -> bool:
    """Whether ``words[i]`` is an age in apposition to a name: "Kevin Johnson, 25, was ..."."""
    return (
        value == int(value)
        and 0 < value < 120
        and i >= 2
        and words[i - 1] == ","
        and words[i - 2][:1].isupper()
        and (i + 1 == len(words) or words[i + 1] in (",", ".", ";"))
    )


def _plural(word: str) -> bool:
    low = word.lower()
    return low in _PLURALS or (low.endswith("s") and not low.endswith("ss"))


def _unit_after(words: Sequence[str], i: int) -> str:
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
        if not word[:1].isalpha() or low in _UNIT_STOP or is_attribution(low) or _word_value(low) is not None:
            break
        if low.endswith(("ed", "ing")) and phrase and _plural(phrase[-1]):
            break  # "12 people killed": the noun came first
        phrase.append(word)
        j += 1
    if not phrase:
        return ""
    return phrase[-1].lower()


def _context(words: Sequence[str], i: int, width: int = 6) -> frozenset[str]:
    """Stems of the content words among the ``width`` words (punctuation aside) on each side of ``i``."""
    before = [w for w in words[:i] if w[:1].isalnum()][-width:]
    after = [w for w in words[i + 1 :] if w[:1].isalnum()][:width]
    return frozenset(
        _stem(w.lower())
        for w in (*before, *after)
        if w[:1].isalpha() and w.lower() not in _STOP and _word_value(w) is None
    )


def _around(words: Sequence[str], i: int) -> tuple[frozenset[str], frozenset[str]]:
    """The context words and the names near position ``i``."""
    return _context(words, i), _near_names(words, i)


def _near_names(words: Sequence[str], i: int, width: int = 8) -> frozenset[str]:
    """Stems of the capitalised words near position ``i`` (function words that start the sentence aside)."""
    return frozenset(
        s
        for j in range(max(0, i - width), min(len(words), i + 1 + width))
        if j != i
        and words[j][:1].isupper()
        and words[j].lower() not in _NOT_NAMES
        and words[j].lower().rstrip(".") not in DATE_WORDS
        and words[j].lower().rstrip(".") not in ROLE_WORDS
        and _word_value(words[j]) is None
        for s in stems(words[j])
    )


_BEFORE_MAY = frozenset(_words("in of since until by early late mid last"))


def _month(words: Sequence[str], i: int) -> str | None:
    """The month that ``words[i]`` names ("Jan." and "January"; "May" only next to a day or after "in")."""
    word = words[i]
    if not word[:1].isupper():
        return None
    name = word.lower().rstrip(".")
    dotted = word.endswith(".") or (i + 1 < len(words) and words[i + 1] == ".")
    name = _MONTH_ABBREVIATIONS.get(name, name) if (dotted or len(name) > 3) else name
    if name not in _MONTH_NAMES:
        return None
    if name == "may":
        near = [w.lower() for w in words[max(0, i - 1) : i]] + [w for w in words[i + 1 : i + 2]]
        if not any(w.isdigit() or w in _BEFORE_MAY for w in near):
            return None
    return name


def _quantities(words: Sequence[str], spans: Sequence[str]) -> list[Quantity]:
    """Numbers, years, days and dates of a tokenised sentence (``spans`` are the raw tokens)."""
    found: list[Quantity] = []
    lower = [w.lower() for w in words]
    for i, word in enumerate(words):
        low = lower[i]
        qualifier = None
        for q in _QUALIFIERS:
            size = len(q.split())
            if i >= size and " ".join(lower[i - size : i]) == q:
                qualifier = q
                break
        month = _month(words, i)
        if month:
            day = ""
            for j in (i + 2, i - 1) if i + 1 < len(words) and words[i + 1] == "." else (i + 1, i - 1):
                if 0 <= j < len(words) and words[j].isdigit() and 1 <= int(words[j]) <= 31:
                    day = f" {int(words[j])}"
                    break
            found.append(
                Quantity(
                    "date", None, "date", "date", month.title() + day, None, _context(words, i), _near_names(words, i)
                )
            )
            continue
        if low in _WEEKDAYS and word[:1].isupper():
            found.append(Quantity("day", None, "day", "day", word.title(), None, *_around(words, i)))
            continue
        match = _TOKEN.fullmatch(spans[i])
        value: float | None = None
        unit = ""
        if match and match.group("number"):
            if i >= 1 and spans[i - 1] == ":":
                continue  # the minutes of a clock time, read with its hour
            if i + 2 < len(spans) and spans[i + 1] == ":" and spans[i + 2].isdigit():  # "5:35", a score, a ratio
                clock = f"{spans[i]}:{spans[i + 2]}"
                found.append(Quantity("time", None, "time", "time", clock, None, *_around(words, i)))
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
                        _context(words, i),
                        _near_names(words, i),
                    )
                )
                continue
            before = i - 2 if i >= 2 and words[i - 1] == "." else i - 1
            beside_month = (before >= 0 and _month(words, before)) or (i + 1 < len(words) and _month(words, i + 1))
            if 1 <= value <= 31 and beside_month:
                continue  # the day of a date ("March 4", "4 March"), read with its month
            is_year = (
                len(digits) == 4
                and "," not in match.group("number")
                and 1800 <= value <= 2100
                and not match.group("money")
                and suffix != "%"
            )
            if is_year and (i + 1 >= len(words) or not lower[i + 1].endswith("s") or lower[i + 1] in ("was", "is")):
                found.append(Quantity("year", value, "year", "year", digits, None, *_around(words, i)))
                continue
            if match.group("money"):
                unit = _CURRENCIES[match.group("money")]
            elif suffix == "%":
                unit = "percent"
            elif suffix == "-year" and i + 2 < len(words) and words[i + 1] == "-" and lower[i + 2] == "old":
                unit = "age"  # "a 31-year-old woman"
            elif suffix.startswith("-"):  # "40-year", "a 115-yacht fleet": what the compound names
                unit = " ".join(filter(None, (suffix[1:].lower().rstrip("s"), _unit_after(words, i))))
        else:
            value = _word_value(low)
            if value is None:
                continue
            if i >= 1 and lower[i - 1] in ("one", "each"):  # "one of"
                continue
        text_end = i
        if i + 1 < len(words) and lower[i + 1] in _MULTIPLIERS:  # "20 million", "three thousand"
            value *= _MULTIPLIERS[lower[i + 1]]
            text_end = i + 1
        if not unit and text_end + 1 < len(words) and lower[text_end + 1] in ("percent", "per"):
            unit = "percent"
            text_end += 1 if lower[text_end + 1] == "percent" else 2
        first = i
        if not unit and _is_age(words, i, value):  # "Kevin Johnson, 25, was arrested"
            unit = "age"
        if not unit and i >= 1 and lower[i - 1] in _MEASURES:  # "magnitude 7.1"
            unit, first = ("age" if lower[i - 1] in ("ages", "aged") else lower[i - 1]), i - 1
        if not unit and i + 2 < len(words) and lower[i + 1] in ("and", "or", "to") and _TOKEN.fullmatch(spans[i + 2]):
            following = _TOKEN.fullmatch(spans[i + 2])
            if following and following.group("number") and not following.group("suffix"):  # "13 and 11 years"
                unit = _unit_after(words, i + 2)
        if not unit:
            unit = _unit_after(words, text_end)
            if unit:
                text_end = next(j for j in range(text_end + 1, len(words)) if lower[j] == unit)
                if lower[i + 1] in _OTHER:  # "28 other members" count something else than "29 members"
                    unit = f"{lower[i + 1]} {unit}"
        if (
            not unit
            and i >= 2
            and any(ch.isupper() for ch in words[i - 1])
            and lower[i - 1] not in _NOT_NAMES
            and lower[i - 1].rstrip(".") not in DATE_WORDS
        ):
            unit = lower[i - 1]  # a model or a name with a number: "iPhone 5", "Channel 11", "Route 66"
            first = i - 1
        if not unit and i + 1 < len(words) and lower[i + 1] in _MEASURES:
            unit = lower[i + 1]
        text = " ".join(spans[first : text_end + 1])
        if unit == "age" and text.endswith("-year"):
            text += "-old"
        found.append(
            Quantity(
                "count",
                value,
                " ".join(map(_stem, unit.split())),
                unit,
                text,
                qualifier,
                _context(words, i),
                _person(words, i) if unit == "age" else _near_names(words, i),
                _stem(lower[text_end + 1]) if text_end + 1 < len(words) and lower[text_end + 1] not in _STOP else "",
            )
        )
    return found


def _roles(words: Sequence[str]) -> list[tuple[str, str]]:
    """(role, person) pairs such as ("attorney general", "Pam Bondi") from a tokenised sentence."""
    found = []
    i = 0
    while i < len(words):
        if words[i][:1].isupper() and words[i].lower().rstrip(".") in ROLE_WORDS:
            j = i
            while j < len(words) and words[j][:1].isupper() and words[j].lower().rstrip(".") in ROLE_WORDS:
                j += 1
            person = []
            while j < len(words) and words[j][:1].isupper() and words[j].lower() not in ROLE_WORDS:
                person.append(words[j])
                j += 1
            if person:
                role = " ".join(w.lower().rstrip(".") for w in words[i : i + (j - i - len(person))])
                found.append((role, " ".join(person)))
            i = max(j, i + 1)
        else:
            i += 1
    return found


def _negations(words: Sequence[str]) -> list[Negation]:
    found = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in NEGATIONS or re.search(r"n['’]t$", low):
            scope = [
                _stem(w.lower())
                for w in words[i + 1 : i + 5]
                if w[:1].isalpha() and w.lower() not in _STOP and w.lower() not in NEGATIONS
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
    spans = [m.group() for m in _TOKEN.finditer(text)]
    words = [_POSSESSIVE.sub("", s) for s in spans]
    quantities = tuple(_quantities(words, spans))
    content = [w for w in words if w[:1].isalpha()]
    names = []
    for position, run in enumerate(name_runs(text)):
        run = [w.strip("'’") for w in run]
        kept = [w for w in run if w.lower().rstrip(".") not in DATE_WORDS and _word_value(w) is None]
        if position == 0 and kept and content and kept[0] == content[0] and kept[0].lower() in _NOT_NAMES:
            kept = kept[1:]  # "The ...", "About 65 ...": a capital that only starts the sentence
        if kept:
            names.append(" ".join(kept))
    return Facts(
        quantities=quantities,
        names=tuple(names),
        roles=tuple(_roles(words)),
        negations=tuple(_negations(words)),
        hedges=tuple(dict.fromkeys(w.lower() for w in content if w.lower() in HEDGES)),
        speakers=tuple(speakers(text)),
        stems=frozenset(_stem(w.lower()) for w in content if w.lower() not in _STOP),
        name_stems=frozenset(s for n in names for w in n.split() for s in stems(w)),
    )


# --------------------------------------------------------------------------- comparison


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

    >>> overlap(extract_facts("The quake killed 12 people."), extract_facts("A quake killed 40 people in Kobe."))
    1.0
    """
    if not a.stems or not b.stems:
        return 0.0
    return len(a.stems & b.stems) / min(len(a.stems), len(b.stems))


#: How much of their wording two sentences must share before two values in them count as
#: two values for the same thing (see :func:`overlap`): counts, days and dates, bare numbers.
SAME_STATEMENT = {"count": 0.25, "year": 0.3, "day": 0.5, "date": 0.5, "time": 0.5, "bare": 0.6}
#: Wording two sentences must share before one's negation contradicts the other.
SAME_POLARITY = 0.5
#: Outside a cluster (no embedding says the two sentences state one fact), this much more
#: must be shared.
STRICT_MARGIN = 0.25


def _shares_name(names: frozenset[str], others: frozenset[str]) -> bool:
    """Whether a name stem is among ``others``, allowing for spelling ("Kazakstan", "Kazakhstan")."""
    if names & others:
        return True
    return any(
        len(a) >= 6 and abs(len(a) - len(b)) <= 2 and SequenceMatcher(None, a, b).ratio() >= 0.85
        for a in names
        for b in others
    )


def _same_unit(a: str, b: str) -> bool:
    """Units match when equal, when both measure in one unit ("11 years" and "an 11-year sentence"),
    or when both are compounds on the same unit ("25,000-pound Unity", "37500-pound module");
    "a 115-yacht fleet" is not "37 yachts"."""
    if a == b:
        return True
    if not a or not b or a.split()[0] != b.split()[0]:
        return False
    return a.split()[0] in _MEASURE_UNITS or (" " in a and " " in b)


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
    if a.unit == "age" and (a.names or b.names) and not _shares_name(a.names, b.names):
        return False  # the ages of two people
    kind = "bare" if a.kind == "count" and not a.unit else a.kind
    shared_wording = overlap(claim, source)
    if shared_wording < SAME_STATEMENT[kind] + (STRICT_MARGIN if strict else 0.0):
        return False
    if (
        (strict or not a.follow or a.follow != b.follow)
        and a.names
        and b.names
        and not _shares_name(a.names, source.name_stems)
        and not _shares_name(b.names, claim.name_stems)
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

    >>> claim = extract_facts("Caro Quintero was not among those sent.")
    >>> compare_facts(claim, extract_facts("Caro Quintero was among those sent.")).relation
    'conflicts'
    """
    unmatched_claim, unmatched_source = _unmatched(claim.quantities, source.quantities)
    conflicts: list[str] = []
    disputes: list[tuple[str, str, str]] = []
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
        conflicts.append(f"says {other.label}; the sentence says {q.label}")
        disputes.append((_about(q), q.label, other.label))

    same_statement = overlap(claim, source) >= SAME_POLARITY + (STRICT_MARGIN if strict else 0.0)
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
            conflicts.append(f"names {other_person} as {role}; the sentence names {person}")
            disputes.append((role, person, other_person))

    for mine, theirs, says in ((claim, source, "negates"), (source, claim, "does not negate")):
        if theirs.negations or theirs.hedges:
            continue  # both negate something, or the other only says it may be so
        for negation in mine.negations:
            if not same_statement or negation.head not in theirs.stems:
                continue  # a negation of something the other sentence does not state
            what = " ".join(sorted(negation.scope & theirs.stems))
            if says == "negates":  # the claim negates, the source does not
                conflicts.append(f"states it without the claim's '{negation.cue}'")
                disputes.append(("whether " + what, negation.cue, "affirmed"))
            else:
                conflicts.append(f"negates it ('{negation.cue}')")
                disputes.append(("whether " + what, "affirmed", negation.cue))
            break

    for name in claim.names:
        name_stems = {s for w in name.split() for s in stems(w)}
        if not name_stems & source.name_stems and not name_stems & {s for w in source.stems for s in stems(w)}:
            missing.append(name)
    hedged = [h for h in source.hedges if h not in claim.hedges]
    return Comparison(tuple(conflicts), tuple(dict.fromkeys(missing)), tuple(hedged), tuple(disputes))


def _pairs(runs: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    return {
        pair
        for run in runs
        for a, b in itertools.combinations(run, 2)
        for pair in itertools.product(stems(a), stems(b))
    }


def unsupported_detail(candidate: str, sources: Sequence[str]) -> str | None:
    """The first number, date, quantity word or name ``candidate`` states that no source has.

    Returns a short reason, or None when every such detail is in some source.

    >>> unsupported_detail("Mexico sent 30 members.", ["Mexico sent 29 members."])
    "states the number '30', which no source has"
    """
    cand = normalise(candidate)
    srcs = [normalise(s) for s in sources]
    joined = " ".join(srcs)
    source_numbers = numbers(joined)
    for number in sorted(numbers(cand)):
        if number not in source_numbers:
            return f"states the number {number!r}, which no source has"
    source_tokens = tokens(joined)
    source_lower = {t.lower() for t in source_tokens}
    cand_tokens = tokens(cand)
    for token in cand_tokens:
        low = token.lower()
        if (low in DATE_WORDS or low in SCALE_WORDS) and low not in source_lower:
            kind = "date" if low in DATE_WORDS else "quantity"
            return f"states the {kind} {token!r}, which no source has"
    source_stems = {stem for t in source_tokens for stem in stems(t)}
    # adjacent words, or words in order within one name ("President [Joseph] Estrada")
    source_pairs = _pairs(
        run for text in srcs for run in [*name_runs(text), *map(list, itertools.pairwise(tokens(text)))]
    )
    for position, token in enumerate(cand_tokens):
        if position == 0 and token.lower() in FUNCTION_WORDS:
            continue  # "The bombing ..." when the source said "Friday's bombing ..."
        if token[:1].isupper() and not stems(token) & source_stems:
            return f"names {token!r}, which no source has"
    for run in name_runs(cand, skip_first=True):  # the first word may just start the sentence
        for a, b in itertools.pairwise(run):
            if not any(pair in source_pairs for pair in itertools.product(stems(a), stems(b))):
                return f"names {a + ' ' + b!r}, which no source has"
    return None
