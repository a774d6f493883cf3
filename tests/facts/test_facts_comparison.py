"""summarizer.facts: the checkable facts of a sentence and how two sentences' facts compare (issue 7)."""

from __future__ import annotations

import pytest

from summarizer.facts import compare_facts, extract_facts


def relation(claim: str, source: str) -> tuple[str, str | None]:
    comparison = compare_facts(extract_facts(claim), extract_facts(source))
    return comparison.relation, comparison.note


@pytest.mark.parametrize(
    ("claim", "source", "note"),
    [
        (
            "The quake killed 12 people in the city.",
            "The quake killed 40 people in the city.",
            "says 40 people; the sentence says 12 people",
        ),
        (
            "The magnitude 7.1 quake struck the coast.",
            "The magnitude 6.4 quake struck the coast.",
            "says magnitude 6.4; the sentence says magnitude 7.1",
        ),
        (
            "He was held for at least 15 years.",
            "He was held for up to 20 years.",
            "says up to 20 years; the sentence says at least 15 years",
        ),
        (
            "About 65 percent are stunted.",
            "About 67% are stunted.",
            "says about 67%; the sentence says about 65 percent",
        ),
        (
            "The reward was $20 million.",
            "The reward was $25 million.",
            "says $25 million; the sentence says $20 million",
        ),
        (
            "Twenty-nine people were sent.",
            "Thirty people were sent.",
            "says Thirty people; the sentence says Twenty-nine people",
        ),
    ],
)
def test_another_value_for_the_same_quantity_conflicts(claim, source, note):
    assert relation(claim, source) == ("conflicts", note)


def test_the_same_value_in_other_words_supports():
    assert relation("Twenty-nine members were sent to the US.", "29 members were sent to the U.S.")[0] == "supports"
    assert relation("Exports are 80% of the total.", "Exports are 80 percent of the total.")[0] == "supports"
    assert relation("The reward was $20 million.", "The reward was 20 million dollars.")[0] == "supports"


def test_dates_and_years():
    assert relation("Mexico sent them on Thursday.", "Mexico sent them on Friday.") == (
        "conflicts",
        "says Friday; the sentence says Thursday",
    )
    assert relation("He was released in 2013.", "He was released in 2012.")[0] == "conflicts"
    assert relation("The deadline is March 4.", "The deadline is 4 March.")[0] == "supports"
    assert relation("The deadline is March 4.", "The deadline is March 5.")[0] == "conflicts"
    assert relation("He may be sent to the US.", "He is to be sent to the US in May.")[0] == "supports"  # a verb


@pytest.mark.parametrize(
    ("claim", "source", "expected"),
    [
        ("The hearing lasted 10 hours.", "The hearing lasted more than nine hours.", "partial"),
        ("Rescuers found 30 survivors.", "Rescuers found fewer than 40 survivors.", "partial"),
        ("The hearing lasted 8 hours.", "The hearing lasted more than nine hours.", "conflicts"),
        ("At least 32 people died in the fire.", "41 people died in the fire.", "conflicts"),
    ],
)
def test_a_source_that_states_only_a_bound_does_not_contradict_a_value_inside_it(claim, source, expected):
    """The source's bound allows the claim's value (partial: it does not state it); a value
    outside the bound, or a claim that hedges where the source counts, still conflicts."""
    assert relation(claim, source)[0] == expected


def test_a_missing_detail_is_partial_and_named():
    assert relation("He was convicted of the 1985 murder of Camarena.", "He was convicted of murder.") == (
        "partial",
        "does not mention 1985, Camarena",
    )


def test_a_hedging_source_only_partly_supports_a_flat_claim():
    assert relation("Mexico sent 29 cartel members.", "Mexico sent 29 alleged cartel members.") == (
        "partial",
        "hedges it ('alleged')",
    )


def test_opposite_polarity_conflicts_either_way():
    assert relation("Caro Quintero was not among those sent.", "Caro Quintero was among those sent.")[0] == "conflicts"
    assert relation("Caro Quintero was among those sent.", "Caro Quintero was not among those sent.")[0] == "conflicts"
    assert relation("He was not among those sent.", "He was not among those sent, officials said.")[0] == "supports"
    # a negation about something else is no conflict
    assert relation("Officials confirmed the transfer.", "Officials confirmed the transfer; there was no comment.")[
        0
    ] != ("conflicts")


def test_another_person_in_the_same_role_conflicts():
    assert relation(
        "Attorney General Pam Bondi said the cartels would be prosecuted.",
        "Attorney General Merrick Garland said the cartels would be prosecuted.",
    ) == ("conflicts", "names Merrick Garland as attorney general; the sentence names Pam Bondi")
    # two presidents named in one source: no claim that the role changed hands
    assert relation("President Trump linked tariffs to drugs.", "President Sheinbaum met President Trump.")[0] != (
        "conflicts"
    )


def test_different_counted_things_do_not_conflict():
    assert relation("Mexico extradited 29 cartel members.", "Quintero and 28 other cartel members were sent.")[0] != (
        "conflicts"
    )
    assert relation("12 people died and 40 people were hurt.", "12 people died.") == (
        "partial",
        "does not mention 40 people",
    )


def test_ages_times_and_abbreviated_dates():
    assert relation("Kevin Johnson, 25, was arrested last week.", "Kevin Johnson, 37, was arrested last week.") == (
        "conflicts",
        "says 37; the sentence says 25",
    )
    assert relation(
        "Police charged Ann Stinson, 21, with murder.", "Police charged 31-year-old Ann Stinson with murder."
    )[0] == ("conflicts")
    assert [q.label for q in extract_facts("He died at 5:35 p.m. on Wednesday.").quantities] == ["5:35", "Wednesday"]
    # "Nov. 20" is a date; a spelling variant of a name does not make it another event
    assert relation("It was launched from Kazakstan on Nov. 20.", "It was launched from Kazakhstan on Nov. 30.") == (
        "conflicts",
        "says November 30; the sentence says November 20",
    )


def test_values_about_different_names_or_people_do_not_conflict():
    assert (
        relation(
            "At least 231 people have been confirmed dead in Honduras, officials said.",
            "Guatemala said 194 of its people had been confirmed dead, officials said.",
        )[0]
        != "conflicts"
    )
    assert relation("Pope Francis had lunch with Pope Emeritus Benedict.", "Pope Francis travelled to lunch.")[0] != (
        "conflicts"
    )


def test_a_hedged_source_does_not_contradict_a_negation():
    assert relation("Cosby has never been criminally charged.", "Cosby could face criminal charges.")[0] != "conflicts"
