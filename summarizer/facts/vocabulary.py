"""The word lists the fact rules read English news with.

Unless a list says otherwise it is hand-written for news English and grew from the cases in
the seeds and in the DUC 2004 and Multi-News dev sets (``benchmarks/NOTES.md`` logs them);
``tests/facts/`` holds a test for each case. Stemmed lists hold Porter stems
(:func:`summarizer.text.stem`).
"""

from __future__ import annotations

from summarizer.text import word_list

# ------------------------------------------------------------------------------ dates

#: Month names, lower case.
MONTH_NAMES = word_list("january february march april may june july august september october november december")
#: Abbreviations of the months ("jan", "sept"), to their names.
MONTH_ABBREVIATIONS = {name[:3]: name for name in MONTH_NAMES} | {"sept": "september"}
#: Weekday names, lower case.
WEEKDAYS = word_list("monday tuesday wednesday thursday friday saturday sunday")
#: Days named relative to the report.
RELATIVE_DAYS = word_list("today yesterday tomorrow")
#: Words that name a date ("may" and "mar" are left out: mostly verbs).
DATE_WORDS = frozenset(MONTH_NAMES + WEEKDAYS + RELATIVE_DAYS + list(MONTH_ABBREVIATIONS)) - {"may", "mar"}
#: Words before "May" that make it the month ("in May", "since May", "early May").
BEFORE_MAY = frozenset(word_list("in of since until by early late mid last"))

# ---------------------------------------------------------------------------- numbers

#: Spelled-out numbers below twenty.
SMALL_NUMBERS = word_list(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
)
#: Spelled-out tens.
TENS = word_list("twenty thirty forty fifty sixty seventy eighty ninety")
#: The value of each spelled-out number word ("one" is left out: mostly a pronoun, "one of the largest").
NUMBER_WORDS = {w: i for i, w in enumerate(SMALL_NUMBERS)} | {w: 10 * (i + 2) for i, w in enumerate(TENS)}
del NUMBER_WORDS["one"]
#: Words that multiply the number before them ("20 million").
MULTIPLIERS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Quantity words a rewrite must not introduce.
SCALE_WORDS = frozenset(
    word_list(
        "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens "
        "half quarter double twice triple"
    )
)
#: Words before a number that qualify it.
QUALIFIERS = (
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
#: Units of time (stemmed).
TIME_UNITS = frozenset(word_list("year month week day hour minut second decad centuri"))
#: Units of measure (stemmed): "a 27-inch screen" and "40 inches" measure the same thing.
MEASURE_UNITS = TIME_UNITS | frozenset(
    word_list(
        "inch foot feet mile yard meter metr kilomet centimet millimet pound ounc ton tonn gram kilogram "
        "kilo gallon liter litr acr hectar degre percent dollar euro megapixel"
    )
)
#: Plural nouns that do not end in "s".
PLURALS = frozenset(word_list("people children men women police personnel staff troops"))
#: Words after a number that make it count something else ("28 other members", "5 more people").
OTHER = frozenset(word_list("other others more additional further new extra"))
#: Words before a number that name what it measures ("magnitude 7.1", "aged 65").
MEASURES = frozenset(word_list("magnitude aged age ages toll total number score rate temperature"))
#: Currency signs and the unit a sum in them counts.
CURRENCIES = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}

# ------------------------------------------------------------------- statements and names

#: Negation cues (plus any n't contraction).
NEGATIONS = frozenset(word_list("not no never none nobody nothing neither nor without cannot unable failed"))
#: Words that make a statement uncertain; a source that hedges does not fully support a flat claim.
HEDGES = frozenset(
    word_list(
        "alleged allegedly reportedly suspected could might may possibly possible probably likely "
        "unconfirmed apparently purportedly rumored rumoured believed"
    )
)
#: Titles that name a role; two sources naming different people in one role disagree.
ROLE_WORDS = frozenset(
    word_list(
        "president prime minister secretary attorney general governor senator sen rep "
        "representative spokesman spokeswoman spokesperson chief director administrator "
        "ambassador mayor king queen pope judge commander chairman chairwoman ceo premier "
        "chancellor leader"
    )
)
#: Endings stripped to match "Mexican" to "Mexico", "Israeli" to "Israel", "Hondurans" to "Honduras".
NAME_SUFFIXES = ("ians", "ans", "ns", "ian", "ean", "ese", "an", "n", "i", "s", "o", "a")
#: Words that may start a sentence capitalised without being a name.
FUNCTION_WORDS = frozenset(
    word_list(
        "the a an in on at after before during since as while when with for by from to of this that "
        "these those there it its he she they his her their both all some many most"
    )
)
#: Words that say nothing about what a sentence is about: function words and vague quantity words.
#: Narrower than :data:`summarizer.text.ENGLISH_STOP_WORDS`, which drops words such as "fire",
#: "found" and "twenty" that a fact check must read.
STOP_WORDS = frozenset(
    word_list(
        "a an the of in on at to for by from with and or but as is are was were be been being has have "
        "had it its this that these those who whom which what than then there their his her he she they "
        "we i you our us them him over about into after before during since up out down off per some "
        "more most less least than nearly almost around roughly approximately estimated an"
    )
)
#: Capitalised at the start of a sentence, these words are no names.
NOT_NAMES = FUNCTION_WORDS | STOP_WORDS | HEDGES | frozenset(w for q in QUALIFIERS for w in q.split()) | NEGATIONS
#: Words after a number that do not say what it counts (the number is read without a noun).
UNIT_STOP = (
    STOP_WORDS
    | NEGATIONS
    | DATE_WORDS
    | frozenset(word_list("said says percent ago old will would can could may might shall should must did does do"))
)
