"""summarizer.rewrite.prompt: the prompt and the cleaning of model output."""

from __future__ import annotations

import pytest

from summarizer import rewrite
from summarizer.errors import InputError
from summarizer.rewrite import build_messages, clean_output


def test_build_messages_numbers_deduplicates_and_caps_the_sources():
    sources = ["A  **b** c.", "A b c.", *[f"Source {n} d." for n in range(10)]]
    system, user = build_messages(sources)
    assert system["role"] == "system" and "neutral" in system["content"]
    lines = user["content"].splitlines()
    assert lines[0] == "1. A b c."
    assert sum(line[:1].isdigit() for line in lines) == rewrite.MAX_SOURCES
    assert lines[-1] == "One neutral sentence of at most 5 words:"


def test_build_messages_needs_a_source():
    with pytest.raises(InputError):
        build_messages(["  ", ""])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mexico sent 29 members to the U.S. on Thursday.", "Mexico sent 29 members to the U.S. on Thursday."),
        ("```text\nMexico sent 29 members.\n```", "Mexico sent 29 members."),
        ("Sure! Here is the sentence:\n\nMexico sent 29 members.", "Mexico sent 29 members."),
        ("Sure, here you go.\nMexico sent 29 members.", "Mexico sent 29 members."),
        ('"Mexico sent 29 members [1, 2]."', "Mexico sent 29 members."),
        ("Mexico sent 29 members [Source 3]. Officials cheered.", "Mexico sent 29 members."),
        ("1. Mexico sent 29 members (2)", "Mexico sent 29 members."),
        ("Mexico sent 29 members in (1985).", "Mexico sent 29 members in (1985)."),
        ("<|im_start|>Mexico sent 29 members.<|im_end|>", "Mexico sent 29 members."),
        ("   \n ", ""),
        ('The backs read "Tulowizki."', 'The backs read "Tulowizki."'),
        ('"Fey coined the term "lizzing.""', 'Fey coined the term "lizzing."'),
        ('"Rain fell on Monday.', "Rain fell on Monday."),
        ('"Go," he said, "now."', '"Go," he said, "now."'),
    ],
)
def test_clean_output(raw, expected):
    assert clean_output(raw) == expected
