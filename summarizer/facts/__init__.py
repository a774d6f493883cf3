"""The checkable facts of a sentence, and how two sentences' facts compare.

A summary sentence and a source sentence that "say the same thing" must agree on what a
reader can check: the numbers and what they count, dates, names, negation, hedges and who
is quoted. :func:`extract_facts` reads these from one sentence with rules (no model), and
:func:`compare_facts` says whether a source sentence supports a claim, lacks some of its
details, or states another value for the same thing. Both the citation check
(:mod:`summarizer.verify`) and the rewrite check (:mod:`summarizer.rewrite.checks`) use
these rules, so a citation and a rewrite are judged alike.

The package, by job: ``vocabulary`` (the word lists), ``reading`` (tokens, numbers,
negation cues), ``names``, ``dates``, ``quantities``, ``extract`` (:class:`Facts`),
``comparison`` (:func:`compare_facts`) and ``unsupported`` (details a rewrite adds).

>>> claim = extract_facts("The quake killed at least 12 people in Kobe on Thursday.")
>>> [(q.kind, q.label) for q in claim.quantities]
[('count', 'at least 12 people'), ('day', 'Thursday')]
>>> compare_facts(claim, extract_facts("The quake killed 40 people in Kobe on Thursday.")).conflicts
('says 40 people; the sentence says at least 12 people',)
>>> compare_facts(claim, extract_facts("A quake hit Kobe on Thursday.")).missing
('at least 12 people',)
"""

from summarizer.facts.comparison import SAME_POLARITY, SAME_STATEMENT, STRICT_MARGIN, Comparison, compare_facts, overlap
from summarizer.facts.extract import Facts, Negation, extract_facts
from summarizer.facts.names import first_person, name_runs, reporting_verb, speakers, stems, who_did_what
from summarizer.facts.quantities import Quantity
from summarizer.facts.reading import hedged_numbers, negated, normalise, numbers, tokens
from summarizer.facts.unsupported import (
    unsupported_date_or_quantity,
    unsupported_detail,
    unsupported_name,
    unsupported_number,
)
from summarizer.facts.vocabulary import DATE_WORDS, FUNCTION_WORDS, HEDGES, NEGATIONS, NUMBER_WORDS, ROLE_WORDS
from summarizer.text import is_attribution

__all__ = [
    "DATE_WORDS",
    "FUNCTION_WORDS",
    "HEDGES",
    "NEGATIONS",
    "NUMBER_WORDS",
    "ROLE_WORDS",
    "SAME_POLARITY",
    "SAME_STATEMENT",
    "STRICT_MARGIN",
    "Comparison",
    "Facts",
    "Negation",
    "Quantity",
    "compare_facts",
    "extract_facts",
    "first_person",
    "hedged_numbers",
    "is_attribution",
    "name_runs",
    "negated",
    "normalise",
    "numbers",
    "overlap",
    "reporting_verb",
    "speakers",
    "stems",
    "tokens",
    "unsupported_date_or_quantity",
    "unsupported_detail",
    "unsupported_name",
    "unsupported_number",
    "who_did_what",
]
