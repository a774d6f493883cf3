from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from summarizer.clean import clean_text


def texts(raw: str) -> list[str]:
    return [p.text for p in clean_text(raw)]


def test_markdown_html_and_entities_are_removed():
    raw = "**Bold** and _emphasis_ here\n<p>Tom &amp; Jerry&nbsp;met.</p>\n# Heading\n[a link](http://x.y) ok"
    assert texts(raw) == ["Bold and emphasis here", "Tom & Jerry met.", "Heading", "a link ok"]


def test_words_with_underscores_keep_them():
    assert texts("the snake_case_name stays") == ["the snake_case_name stays"]


def test_boilerplate_lines_are_dropped_but_sentences_mentioning_them_are_kept():
    raw = "Real news here.\nMORE STORIES\nAdvertisement\nShare this article\nRead more: http://x\nWe read more books."
    assert texts(raw) == ["Real news here.", "We read more books."]


def test_repeated_paragraphs_are_dropped_even_with_different_markup():
    raw = "A fact was stated.\n\n**A fact was stated.**\nAnother fact."
    assert texts(raw) == ["A fact was stated.", "Another fact."]


def test_whitespace_unicode_and_wire_quotes_are_normalised():
    assert texts("  ``Help,''  he\u00a0said.\u200b ") == ['"Help," he said.']


def test_offsets_point_back_to_the_original_characters():
    raw = "Intro line.\n**Mexico** extradited &amp; sent 29."
    second = clean_text(raw)[1]
    start, end = second.original_span(0, len(second.text))
    assert raw[start:end] == "Mexico** extradited &amp; sent 29."
    word = second.text.index("extradited")
    s, e = second.original_span(word, word + len("extradited"))
    assert raw[s:e] == "extradited"


PIECES = st.one_of(
    st.characters(min_codepoint=9, max_codepoint=0x2FF),
    st.sampled_from(["**", "&amp;", "\n", "<b>", "``", "\u00a0", "\ufb01", "MORE STORIES"]),
)


@given(st.lists(PIECES, max_size=60).map("".join))
def test_every_kept_character_maps_into_the_original_in_order(raw):
    for paragraph in clean_text(raw):
        assert len(paragraph.offsets) == len(paragraph.text)
        assert all(0 <= o < len(raw) for o in paragraph.offsets)
        assert list(paragraph.offsets) == sorted(paragraph.offsets)
        start, end = paragraph.original_span(0, len(paragraph.text))
        assert 0 <= start < end <= len(raw)


def test_prose_between_angle_brackets_is_kept():  # issue 7: "<5 … >65" was cut as an HTML tag
    raw = "Children aged <5 and adults aged >65 were most at risk; x <b and c> y.\n<p class=lead>Tagged</p>"
    assert texts(raw) == ["Children aged <5 and adults aged >65 were most at risk; x <b and c> y.", "Tagged"]
