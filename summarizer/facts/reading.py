"""Reading a sentence's words: normal spellings, tokens, numbers, negation cues, qualified numbers.

>>> normalise("The U.S. and the United States")
'The US and US'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.facts.vocabulary import NEGATIONS, NUMBER_WORDS, QUALIFIERS, TENS
from summarizer.text import LETTER_WORD

#: The tokens of a sentence: numbers (with a currency sign and a suffix: "$20", "25%", "1980s",
#: "40-year"), words (hyphenated ones whole) and single punctuation marks.
TOKEN_PATTERN = re.compile(
    r"(?P<money>[$€£¥])?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>%|s\b|-[A-Za-z]+)?"
    r"|(?P<word>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)"
    r"|(?P<punct>[^\sA-Za-z0-9])"
)
#: A quotation in straight or curly double quotes.
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
#: A dotted acronym of two or three letters ("U.S.", "U.N.").
ACRONYM = re.compile(r"\b([A-Z])\.([A-Z])\.(?:([A-Z])\.)?")
#: A possessive ending ("Mexico's").
POSSESSIVE = re.compile(r"['’]s$")
#: Words and single punctuation marks.
PUNCTUATED = re.compile(r"[A-Za-z][A-Za-z'’]*|[^\sA-Za-z]")
#: A number written in digits, with separators ("1,500", "7.1").
DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
#: A qualifier (:data:`~summarizer.facts.vocabulary.QUALIFIERS`) and the number it qualifies.
HEDGED = re.compile(
    r"\b(" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS) + r")\s+(\d+(?:[.,]\d+)*)",
    re.IGNORECASE,
)
_CONTRACTED_NOT = re.compile(r"n['’]t$")


def normalise(text: str) -> str:
    """Spell acronyms and the United States one way: "U.S." and "United States" become "US".

    >>> normalise("The U.S. and the United States")
    'The US and US'
    """
    text = ACRONYM.sub(lambda m: "".join(g for g in m.groups() if g), text).replace("’", "'")
    return re.sub(r"\b(?:the )?United States\b", "US", text, flags=re.IGNORECASE)


def tokenise(text: str) -> tuple[list[str], list[str]]:
    """The words of a :func:`normalise`-d ``text`` (possessive endings dropped) and its tokens (:data:`TOKEN_PATTERN`).

    >>> tokenise("Mexico's 29 members")
    (['Mexico', '29', 'members'], ["Mexico's", '29', 'members'])
    """
    spans = [m.group() for m in TOKEN_PATTERN.finditer(text)]
    return [POSSESSIVE.sub("", s) for s in spans], spans


def tokens(text: str) -> list[str]:
    """The words of ``text`` without possessive endings ("Mexico's" -> "Mexico")."""
    return [POSSESSIVE.sub("", w).strip("'’") for w in LETTER_WORD.findall(text)]


def numbers(text: str) -> set[str]:
    """Numbers stated in ``text``, as digit strings ("twenty-nine" and "29" are both "29").

    >>> sorted(numbers("Twenty-nine of the 1,500 members, for 40 years, in 1985."))
    ['1500', '1985', '29', '40']
    """
    found = {m.group().replace(",", "") for m in DIGITS.finditer(text)}
    words = re.findall(r"[a-z]+", text.lower())
    skip = False
    for word, following in zip(words, [*words[1:], ""], strict=True):
        if skip:
            skip = False
            continue
        if word in NUMBER_WORDS:
            value = NUMBER_WORDS[word]
            if word in TENS and following in NUMBER_WORDS and NUMBER_WORDS[following] < 10:
                value += NUMBER_WORDS[following]
                skip = True
            found.add(str(value))
    return found


def is_negation(word: str) -> bool:
    """Whether ``word`` is a negation cue (:data:`~summarizer.facts.vocabulary.NEGATIONS` or an n't contraction)."""
    low = word.lower()
    return low in NEGATIONS or _CONTRACTED_NOT.search(low) is not None


def negated(words: Sequence[str]) -> list[str]:
    """The negation cues among ``words`` (including any n't contraction)."""
    return [t for t in words if is_negation(t)]


def word_value(word: str) -> float | None:
    """The value of a spelled-out number ("twelve", "twenty-nine"), else None."""
    low = word.lower()
    if low in NUMBER_WORDS:
        return float(NUMBER_WORDS[low])
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in TENS and parts[1] in NUMBER_WORDS and NUMBER_WORDS[parts[1]] < 10:
        return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


def hedged_numbers(sentence: str) -> list[tuple[str, str]]:
    """(number, qualifier) pairs such as ("32", "at least") for the qualified numbers of ``sentence``.

    >>> hedged_numbers("At least 32 people died and more than 150,000 fled; 9 were hurt.")
    [('32', 'at least'), ('150000', 'more than')]
    """
    return [(m.group(2).replace(",", ""), " ".join(m.group(1).lower().split())) for m in HEDGED.finditer(sentence)]
