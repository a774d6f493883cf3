from __future__ import annotations

import json

from summarizer import Citation, Claim, Disagreement, Document, Summary, SummarySentence

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
        "relation": "supports",
    }
    assert data["disagreements"] == []
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


def make_disputed_summary() -> Summary:
    docs = (
        Document("At least 12 people died.", id="a", source="AP"),
        Document("Twelve people died in the quake.", id="b"),
        Document("The quake killed 40 people.", id="c", source="Reuters"),
    )
    cite_a = Citation("a", 0, 24, docs[0].text)
    cite_b = Citation("b", 0, 32, docs[1].text, relation="partial", note="does not mention at least")
    cite_c = Citation("c", 0, 27, docs[2].text, relation="conflicts", note="says 40 people")
    sentence = SummarySentence(docs[0].text, (cite_a, cite_b, cite_c), score=1.0)
    disagreement = Disagreement(
        "people", (Claim("at least 12 people", ("a", "b"), (cite_a, cite_b)), Claim("40 people", ("c",), (cite_c,)))
    )
    return Summary((sentence,), docs, disagreements=(disagreement,))


def test_conflicting_citations_do_not_count_as_support():
    (sentence,) = make_disputed_summary().sentences
    assert sentence.sources == ("a", "b")
    assert sentence.support == 2
    assert sentence.conflicting == ("c",)


def test_markers_show_supporting_sources_and_disagreements_get_a_section():
    markdown = make_disputed_summary().to_markdown()
    body, sources = markdown.split("\n\nSources:\n")
    assert body == (
        "At least 12 people died. [1][2]\n\n"
        "Where the sources differ:\n- people: at least 12 people [1][2]; 40 people [3]"
    )
    assert sources.splitlines()[2].startswith("[3]")  # the conflicting document is listed too
    text = make_disputed_summary().to_text()
    assert text.endswith("- people: at least 12 people (AP, b); 40 people (Reuters)")


def test_json_has_relations_notes_and_disagreements():
    data = json.loads(make_disputed_summary().to_json())
    relations = [(c["relation"], c.get("note")) for c in data["sentences"][0]["citations"]]
    assert relations == [("supports", None), ("partial", "does not mention at least"), ("conflicts", "says 40 people")]
    assert data["sentences"][0]["support"] == 2
    assert data["disagreements"] == [
        {
            "about": "people",
            "claims": [
                {
                    "value": "at least 12 people",
                    "doc_ids": ["a", "b"],
                    "citations": [
                        {"doc_id": "a", "start": 0, "end": 24, "text": "At least 12 people died."},
                        {"doc_id": "b", "start": 0, "end": 32, "text": "Twelve people died in the quake."},
                    ],
                },
                {
                    "value": "40 people",
                    "doc_ids": ["c"],
                    "citations": [{"doc_id": "c", "start": 0, "end": 27, "text": "The quake killed 40 people."}],
                },
            ],
        }
    ]
