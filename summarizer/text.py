"""Text helpers every stage shares: the word that budgets count, token patterns and word lists.

A *word* is a run of non-space characters, the unit of ``max_words``, of the sentence
length rules and of the benchmarks' budgets; :func:`word_count` is the one place it is
counted. Each word list says where it comes from.

>>> word_count("Mexico sent 29 members to the U.S. on Thursday.")
9
>>> first_words("One two three four.", 2)
'One two'
>>> [is_attribution(w) for w in ("says", "emphasizes", "underscored", "calling", "cartels")]
[True, True, True, True, False]
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem.porter import PorterStemmer

#: A word as budgets count it: a run of non-space characters ("U.S.", "29", "well-known").
WORD = re.compile(r"\S+")
#: A word made of letters, with apostrophes inside ("Mexico's", "don't"), as the fact rules read it.
LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
#: A run of word characters (letters, digits, underscore in any script).
TOKEN = re.compile(r"\w+")
#: The double quotation marks, straight and curly.
QUOTE_MARKS = '"“”'
#: The end of a sentence: a full stop, question or exclamation mark, then any closing marks.
ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]*$")

#: Porter stem of a lower-cased word (nltk's implementation), cached: the stages stem the same words often.
stem = lru_cache(maxsize=200_000)(PorterStemmer().stem)


def word_count(text: str) -> int:
    """How many words ``text`` has: the unit of every budget (see :data:`WORD`)."""
    return len(text.split())


def first_words(text: str, limit: int) -> str:
    """The first ``limit`` words of ``text``, joined by single spaces."""
    return " ".join(text.split()[:limit])


def word_list(text: str) -> list[str]:
    """A space-separated word list written as one string (how the lists below are spelled)."""
    return text.split()


#: scikit-learn's English stop words (``sklearn.feature_extraction.text.ENGLISH_STOP_WORDS``, 318
#: words, from the Glasgow Information Retrieval Group's list), copied so that selection need not
#: import scikit-learn; ``tests/test_text.py`` checks the copy against scikit-learn when it is installed.
ENGLISH_STOP_WORDS = frozenset(
    word_list(
        "a about above across after afterwards again against all almost alone along already also although "
        "always am among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere "
        "are around as at back be became because become becomes becoming been before beforehand behind being "
        "below beside besides between beyond bill both bottom but by call can cannot cant co con could "
        "couldnt cry de describe detail do done down due during each eg eight either eleven else elsewhere "
        "empty enough etc even ever every everyone everything everywhere except few fifteen fifty fill find "
        "fire first five for former formerly forty found four from front full further get give go had has "
        "hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how "
        "however hundred i ie if in inc indeed interest into is it its itself keep last latter latterly least "
        "less ltd made many may me meanwhile might mill mine more moreover most mostly move much must my "
        "myself name namely neither never nevertheless next nine no nobody none noone nor not nothing now "
        "nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own "
        "part per perhaps please put rather re same see seem seemed seeming seems serious several she should "
        "show side since sincere six sixty so some somehow someone something sometime sometimes somewhere "
        "still such system take ten than that the their them themselves then thence there thereafter thereby "
        "therefore therein thereupon these they thick thin third this those though three through throughout "
        "thru thus to together too top toward towards twelve twenty two un under until up upon us very via "
        "was we well were what whatever when whence whenever where whereafter whereas whereby wherein "
        "whereupon wherever whether which while whither who whoever whole whom whose why will with within "
        "without would yet you your yours yourself yourselves"
    )
)

#: Verbs that attribute a statement to a speaker, as base forms or irregular past forms
#: ("accord" for "according to"). Hand-collected from the attributions in the seeds and the DUC
#: 2004 and Multi-News dev sets; :func:`is_attribution` also accepts their -s, -ed, -es, -ing forms.
ATTRIBUTION_VERBS = frozenset(
    word_list(
        "say said tell told add accord announce emphasize emphasise note claim argue warn insist "
        "declare write wrote underscore stress report explain confirm acknowledge assert call "
        "describe vow accuse deny denied admit predict urge stated"
    )
)
#: The attribution forms that name the speaker of a quotation in wire copy ("…," she said), which
#: ranking looks for: a subset of :data:`ATTRIBUTION_VERBS`, kept narrow on purpose. Accepting every
#: attribution verb changed the reading quality of 138 of the 2,715 quoted dev-set sentences.
QUOTATION_ATTRIBUTIONS = ("said", "says", "stated", "told", "added", "according", "announced", "wrote", "asserted")


def is_attribution(token: str) -> bool:
    """Whether ``token`` is a form of an attribution verb (:data:`ATTRIBUTION_VERBS`)."""
    word = token.lower()
    if word in ATTRIBUTION_VERBS:
        return True
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if base in ATTRIBUTION_VERBS or base + "e" in ATTRIBUTION_VERBS:
                return True
    return False
