from __future__ import annotations

import json

from summarizer import Citation, Document, Summary, SummarySentence

DOCS = (
    Document("Rain fell. Wind blew hard.", id="ap", source="AP", title="Storm", url="http://ap.example/1"),
    Document("Rain fell on Monday.", id="rt"),
    Document("Unused text.", id="zz"),
)


def make_summary() -> Summary:
    first = SummarySentence(
        "Rain fell.",
        (Citation("ap", 0, 10, "Rain fell."), Citation("rt", 0, 20, "Rain fell on Monday.")),
        score=2.0,
    )
    second = SummarySentence("Wind blew hard.", (Citation("ap", 11, 26, "Wind blew hard."),), score=1.0)
    return Summary((first, second), DOCS, timings={"embed": 0.1})


def test_text_and_sources():
    summary = make_summary()
    assert summary.text == "Rain fell. Wind blew hard."
    assert str(summary) == summary.text
    assert summary.sentences[0].sources == ("ap", "rt")
    assert summary.sentences[0].support == 2


def test_markdown_numbers_only_cited_sources_in_input_order():
    assert make_summary().to_markdown() == (
        "Rain fell. [1][2]\nWind blew hard. [1]\n\nSources:\n[1] AP — Storm <http://ap.example/1>\n[2] rt"
    )


def test_json_round_trip_has_the_documented_fields():
    data = json.loads(make_summary().to_json())
    assert data["summary"] == "Rain fell. Wind blew hard."
    assert data["sentences"][0]["sources"] == ["ap", "rt"]
    assert data["sentences"][0]["citations"][1] == {
        "doc_id": "rt",
        "start": 0,
        "end": 20,
        "text": "Rain fell on Monday.",
    }
    assert data["sentences"][0]["rewritten"] is False
    assert "fallback_reason" not in data["sentences"][0]
    assert [d["id"] for d in data["documents"]] == ["ap", "rt", "zz"]
    assert data["documents"][0] == {
        "id": "ap",
        "title": "Storm",
        "source": "AP",
        "url": "http://ap.example/1",
    }


def test_empty_summary_renders():
    empty = Summary((), DOCS)
    assert empty.text == ""
    assert json.loads(empty.to_json())["sentences"] == []
