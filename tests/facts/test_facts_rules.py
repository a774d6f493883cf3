"""summarizer.facts, rule by rule: reading, dates, names and the details a rewrite may not add."""

from __future__ import annotations

import pytest

from summarizer.facts.dates import date_text, is_day_of_month, is_weekday, month_at
from summarizer.facts.reading import is_negation, negated, normalise, numbers, tokenise
from summarizer.facts.unsupported import (
    UNSUPPORTED_DETAIL_RULES,
    unsupported_date_or_quantity,
    unsupported_detail,
    unsupported_name,
    unsupported_number,
)

SOURCES = ["Mexico extradited 29 alleged members, including Rafael Caro Quintero, to the U.S. on Thursday."]


def test_negation_cues_include_contractions():
    assert [is_negation(w) for w in ("not", "Never", "didn't", "don’t", "note", "nothing")] == [
        True,
        True,
        True,
        True,
        False,
        True,
    ]
    assert negated(["He", "did", "not", "go", "and", "won't"]) == ["not", "won't"]


def test_numbers_in_digits_and_words_agree():
    assert numbers("twenty-nine members") == numbers("29 members") == {"29"}
    assert numbers("1,500 and 7.1") == {"1500", "7.1"}


def test_tokenise_keeps_raw_tokens_and_drops_possessives():
    words, spans = tokenise(normalise("The U.S.'s 25% share"))
    assert spans == ["The", "US's", "25%", "share"]
    assert words == ["The", "US", "25%", "share"]


@pytest.mark.parametrize(
    ("words", "i", "month", "text"),
    [
        (["on", "March", "4"], 1, "march", "March 4"),
        (["on", "4", "March"], 2, "march", "March 4"),
        (["on", "Sept", ".", "11"], 1, "september", "September 11"),
        (["in", "May"], 1, "may", "May"),
    ],
)
def test_months_and_their_days(words, i, month, text):
    assert month_at(words, i) == month
    assert date_text(words, i) == text


def test_may_the_verb_and_lower_case_months_are_no_dates():
    assert month_at(["They", "May", "go"], 1) is None
    assert month_at(["in", "march"], 1) is None
    assert is_weekday("Thursday") and not is_weekday("thursday")


def test_the_day_of_a_date_is_not_a_count():
    assert is_day_of_month(["March", "4"], 1, 4.0)
    assert not is_day_of_month(["March", "40"], 1, 40.0)
    assert not is_day_of_month(["sent", "4"], 1, 4.0)


@pytest.mark.parametrize(
    ("rule", "candidate", "reason"),
    [
        (unsupported_number, "Mexico extradited 30 alleged members.", "states the number '30'"),
        (unsupported_number, "Mexico extradited twenty-eight members.", "states the number '28'"),
        (unsupported_date_or_quantity, "Mexico extradited 29 members on Friday.", "states the date 'Friday'"),
        (unsupported_date_or_quantity, "Mexico extradited millions of members.", "states the quantity 'millions'"),
        (unsupported_name, "Colombia extradited 29 alleged members.", "names 'Colombia'"),
        (unsupported_name, "Mexico extradited Rafael Quintero Caro.", "names 'Quintero Caro'"),
    ],
)
def test_each_rule_names_the_detail_no_source_has(rule, candidate, reason):
    found = rule(candidate, SOURCES)
    assert found is not None and found.startswith(reason)
    assert unsupported_detail(candidate, SOURCES) == found


@pytest.mark.parametrize("rule", UNSUPPORTED_DETAIL_RULES)
def test_a_faithful_paraphrase_passes_every_rule(rule):
    assert (
        rule("Mexican officials sent twenty-nine members, including Caro Quintero, to the US on Thursday.", SOURCES)
        is None
    )


def test_the_rules_apply_in_order():
    # a changed number and an invented name: the number is reported first
    assert (
        unsupported_detail("Colombia extradited 30 members.", SOURCES) == "states the number '30', which no source has"
    )
