from __future__ import annotations

import pytest

from summarizer import Document, split_sentences
from summarizer.segment import MAX_SENTENCE_WORDS


def split(text: str) -> list[str]:
    return [s.text for s in split_sentences(Document(text, id="t"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. agent was killed in 1985. He was 37.",
            ["The U.S. agent was killed in 1985.", "He was 37."],
        ),
        (
            "Dr. Smith met Mr. J. R. Jones at 5 p.m. on Friday. They talked.",
            ["Dr. Smith met Mr. J. R. Jones at 5 p.m. on Friday.", "They talked."],
        ),
        (
            '"We will win," she said. "Cartels are terrorist groups." Bondi added.',
            ['"We will win," she said.', '"Cartels are terrorist groups."', "Bondi added."],
        ),
        (
            "He moved to Washington, D.C. in 1990. It rained.",
            ["He moved to Washington, D.C. in 1990.", "It rained."],
        ),
        ("It said so. Sen. John Smith agreed.", ["It said so.", "Sen. John Smith agreed."]),
        (
            "Mexico Extradites 29 Cartel Leaders\nThe move came Thursday.",
            ["Mexico Extradites 29 Cartel Leaders", "The move came Thursday."],
        ),
        (
            "``Mitch is closing in,'' said the mayor. ``And God help us.''",
            ['"Mitch is closing in," said the mayor.', '"And God help us."'],
        ),
    ],
)
def test_news_sentences(text, expected):
    assert split(text) == expected


def test_spans_index_the_original_text():
    doc = Document("**Headline here**\n\nFirst  sentence. Second &amp; last one.", id="x")
    sentences = split_sentences(doc)
    assert [doc.text[s.start : s.end] for s in sentences] == [
        "Headline here",
        "First  sentence.",
        "Second &amp; last one.",
    ]
    assert [(s.index, s.paragraph) for s in sentences] == [(0, 0), (1, 1), (2, 1)]


def test_text_without_punctuation_is_cut_into_pieces():
    words = [f"word{i}" for i in range(200)]
    sentences = split_sentences(Document(" ".join(words), id="x"))
    assert len(sentences) > 1
    assert all(len(s.text.split()) <= MAX_SENTENCE_WORDS for s in sentences)
    assert " ".join(s.text for s in sentences) == " ".join(words)


def test_non_english_and_symbols_only():
    assert split("Le Mexique a extradé 29 membres. Ils sont aux États-Unis.") == [
        "Le Mexique a extradé 29 membres.",
        "Ils sont aux États-Unis.",
    ]
    assert split("... --- !!! \n\n") == []
