"""Dates in a tokenised sentence: months (with their day) and weekdays.

>>> words = ["on", "Jan", ".", "4", "and", "in", "May"]
>>> month_at(words, 1), date_text(words, 1), month_at(words, 6)
('january', 'January 4', 'may')
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.facts.vocabulary import BEFORE_MAY, MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAYS


def month_at(words: Sequence[str], i: int) -> str | None:
    """The month that ``words[i]`` names ("Jan." and "January"; "May" only next to a day or after "in")."""
    word = words[i]
    if not word[:1].isupper():
        return None
    name = word.lower().rstrip(".")
    dotted = word.endswith(".") or (i + 1 < len(words) and words[i + 1] == ".")
    name = MONTH_ABBREVIATIONS.get(name, name) if (dotted or len(name) > 3) else name
    if name not in MONTH_NAMES:
        return None
    if name == "may":
        near = [w.lower() for w in words[max(0, i - 1) : i]] + [w for w in words[i + 1 : i + 2]]
        if not any(w.isdigit() or w in BEFORE_MAY for w in near):
            return None
    return name


def date_text(words: Sequence[str], i: int) -> str:
    """The date that the month at ``words[i]`` starts: "March 4" for "March 4" or "4 March", else "March"."""
    month = month_at(words, i)
    assert month is not None, "date_text needs the position of a month"
    day = ""
    for j in (i + 2, i - 1) if i + 1 < len(words) and words[i + 1] == "." else (i + 1, i - 1):
        if 0 <= j < len(words) and words[j].isdigit() and 1 <= int(words[j]) <= 31:
            day = f" {int(words[j])}"
            break
    return month.title() + day


def is_weekday(word: str) -> bool:
    """Whether ``word`` is a capitalised weekday ("Thursday"; "thursday" is not read as one)."""
    return word.lower() in WEEKDAYS and word[:1].isupper()


def is_day_of_month(words: Sequence[str], i: int, value: float) -> bool:
    """Whether the number ``value`` at ``words[i]`` is the day of a date ("March 4", "4 March", "Jan. 4")."""
    before = i - 2 if i >= 2 and words[i - 1] == "." else i - 1
    beside_month = (before >= 0 and month_at(words, before)) or (i + 1 < len(words) and month_at(words, i + 1))
    return 1 <= value <= 31 and bool(beside_month)
