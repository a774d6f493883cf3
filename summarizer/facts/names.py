"""Names in a sentence: capitalised runs, demonym stems, speakers, roles and the names near a value.

>>> sorted(stems("Mexican")), shares_name(frozenset({"kazakstan"}), frozenset({"kazakhstan"}))
(['mexic', 'mexica', 'mexican'], True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from summarizer.facts.reading import POSSESSIVE, PUNCTUATED, QUOTED, word_value
from summarizer.facts.vocabulary import DATE_WORDS, NAME_SUFFIXES, NOT_NAMES, ROLE_WORDS
from summarizer.text import QUOTATION_ATTRIBUTIONS, is_attribution


def stems(token: str) -> set[str]:
    """``token`` lower-cased, with and without a demonym or plural ending ("Mexican" ~ "Mexico").

    >>> sorted(stems("Hondurans")), sorted(stems("Iran"))
    (['hondur', 'hondura', 'honduran', 'hondurans'], ['iran'])
    """
    word = token.lower()
    found = {word}
    for suffix in NAME_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            found.add(word[: -len(suffix)])
    return found


def name_runs(text: str, *, skip_first: bool = False) -> list[list[str]]:
    """Runs of capitalised words, split at punctuation: the names a sentence states.

    >>> name_runs("Angola, Zimbabwe and Namibia back President Laurent Kabila.")
    [['Angola'], ['Zimbabwe'], ['Namibia'], ['President', 'Laurent', 'Kabila']]
    """
    words = [POSSESSIVE.sub("", t) for t in PUNCTUATED.findall(text)]
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


def _unquoted_words(sentence: str) -> list[str]:
    """The words and punctuation marks of ``sentence`` outside its quotations (each a comma), possessives cut."""
    return [POSSESSIVE.sub("", t) for t in PUNCTUATED.findall(QUOTED.sub(" , ", sentence))]


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
    >>> speakers("Yeltsin burned his hand, his office said Thursday."), speakers("As I said, it is bolder.")
    ([], [])
    >>> speakers("Lunch is not free, President Fernando Cardoso is telling workers.")
    ['President', 'Fernando', 'Cardoso']
    """
    words = _unquoted_words(sentence)
    for i, token in enumerate(words):
        if not is_attribution(token):
            continue
        after = i + 2 if token.lower() == "according" else i + 1  # "according to X"
        if after < len(words) and words[after].lower() == "the":  # "said the Foreign Ministry"
            after += 1
        before = []
        start = i - 1 if i > 0 and words[i - 1].lower() in _AUXILIARIES else i  # "Cardoso is telling"
        for previous in reversed(words[:start]):
            if not previous[:1].isupper() or _is_i(previous):  # "As I said" names nobody
                break
            before.insert(0, previous)
        following = []
        for nxt in words[after:]:
            if not nxt[:1].isupper() or nxt.lower() in DATE_WORDS or _is_i(nxt):  # "the ministry said Thursday"
                break
            following.append(nxt)
        if before or following:
            return before or following
    return []


def reporting_verb(sentence: str) -> str | None:
    """The verb outside quotations that reports the sentence as someone's statement, or None.

    Only the plain reporting forms (:data:`~summarizer.text.QUOTATION_ATTRIBUTIONS`), so that
    "confirmed dead" is not read as a report.

    >>> reporting_verb("It serves as a bullet of mercy for peace, an official newspaper said Saturday.")
    'said'
    >>> reporting_verb('"We said no," the mayor recalled.'), reporting_verb("231 were confirmed dead.")
    (None, None)
    """
    return next((t for t in _unquoted_words(sentence) if t.lower() in QUOTATION_ATTRIBUTIONS), None)


#: Auxiliaries between a speaker and the verb ("Cardoso is telling", "Bondi has said").
_AUXILIARIES = frozenset({"is", "was", "are", "were", "has", "have", "had", "will", "would"})
_APOSTROPHE = re.compile("['’]")
#: Words in which a writer speaks of themself; outside quotations, the sentence is its writer's voice.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})


def first_person(sentence: str) -> str | None:
    """The first word outside quotations in which the writer speaks of themself ("We", "my"), or None.

    A summary that repeats such a sentence speaks as that writer ("We sincerely apologize …",
    "I cannot imagine …"). "I" is the pronoun only when no hyphen follows ("Sanders (I-Vt.)"),
    and a capitalised form counts only where it opens the sentence ("US", "Portland, Me.").

    >>> first_person("We sincerely apologize for the error."), first_person("It will ensure our ability.")
    ('We', 'our')
    >>> first_person('"I was scared," she said.'), first_person("Sen. Bernie Sanders (I-Vt.) met the US team.")
    (None, None)
    """
    words = _unquoted_words(sentence)
    for i, word in enumerate(words):
        base = _APOSTROPHE.split(word)[0]
        if _is_i(word):
            if i + 1 == len(words) or words[i + 1] != "-":
                return base
        elif base.lower() in FIRST_PERSON and (base.islower() or (i == 0 and base.istitle())):
            return base
    return None


def _is_i(word: str) -> bool:
    """The pronoun "I", also in "I'm", "I've"."""
    return _APOSTROPHE.split(word)[0] == "I"


#: Letters of a word that stand for it when two sentences' verbs are compared ("accused" ~ "accuses").
VERB_STEM = 5


def who_did_what(sentence: str) -> set[tuple[str, str, str]]:
    """(name, word, name) triples: each content word between the nearest names before and after
    it in the same clause, lower-cased, the word cut to :data:`VERB_STEM` letters.

    Two sentences that hold the same triple reversed say who did what to whom the other way
    round ("Syria accused Turkey" / "Turkey accused Syria").

    >>> sorted(who_did_what("Syria has accused Turkey of forming an alliance with Israel."))
    [('syria', 'accus', 'turkey'), ('turkey', 'allia', 'israel'), ('turkey', 'formi', 'israel')]
    """
    triples = set()
    for clause in _clauses(_unquoted_words(sentence)):
        names = [i for i, w in enumerate(clause) if _is_name(w)]
        for i, word in enumerate(clause):
            lower = word.lower()
            if i in names or lower in NOT_NAMES:  # NOT_NAMES holds the stop words
                continue
            before = [n for n in names if n < i]
            after = [n for n in names if n > i]
            if before and after:
                triples.add((clause[before[-1]].lower(), lower[:VERB_STEM], clause[after[0]].lower()))
    return triples


def _clauses(words: Sequence[str]) -> list[list[str]]:
    """``words`` split at punctuation marks."""
    clauses: list[list[str]] = [[]]
    for word in words:
        if word[:1].isalpha():
            clauses[-1].append(word)
        elif clauses[-1]:
            clauses.append([])
    return [c for c in clauses if c]


def _is_name(word: str) -> bool:
    lower = word.lower()
    return word[:1].isupper() and lower not in NOT_NAMES and lower not in DATE_WORDS


def read_roles(words: Sequence[str]) -> list[tuple[str, str]]:
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


def near_names(words: Sequence[str], i: int, width: int = 8) -> frozenset[str]:
    """Stems of the capitalised words near position ``i`` (function words that start the sentence aside)."""
    return frozenset(
        s
        for j in range(max(0, i - width), min(len(words), i + 1 + width))
        if j != i
        and words[j][:1].isupper()
        and words[j].lower() not in NOT_NAMES
        and words[j].lower().rstrip(".") not in DATE_WORDS
        and words[j].lower().rstrip(".") not in ROLE_WORDS
        and word_value(words[j]) is None
        for s in stems(words[j])
    )


def person_stems(words: Sequence[str], i: int) -> frozenset[str]:
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


def shares_name(names: frozenset[str], others: frozenset[str]) -> bool:
    """Whether a name stem is among ``others``, allowing for spelling ("Kazakstan", "Kazakhstan")."""
    if names & others:
        return True
    return any(
        len(a) >= 6 and abs(len(a) - len(b)) <= 2 and SequenceMatcher(None, a, b).ratio() >= 0.85
        for a in names
        for b in others
    )
