"""Checked citations through the pipeline: relations, checked support, disagreements (issue 7)."""

from __future__ import annotations

import html
import re
import unicodedata

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Document, InputError, Summarizer
from summarizer.documents import Sentence
from summarizer.rank import RankedCluster
from summarizer.summary import SummarySentence
from summarizer.testing import HashingEmbedder
from summarizer.verify import verify_sentences

QUAKE = [
    "The earthquake in Kobe killed 12 people on Thursday, officials said. Rescue teams searched the rubble.",
    "Officials said the earthquake in Kobe killed 12 people on Thursday. Schools were closed across the region.",
    "The earthquake in Kobe killed 40 people on Thursday, officials said. Trains stopped for hours.",
]


def summarizer(**kwargs) -> Summarizer:
    return Summarizer(HashingEmbedder(), cluster_threshold=0.6, **kwargs)


def test_three_documents_disagree_on_a_number_and_the_output_says_so():
    summary = summarizer().summarize(QUAKE, max_sentences=1)
    (sentence,) = summary.sentences
    assert "12 people" in sentence.text  # what most outlets say
    assert sentence.sources == ("d1", "d2") and sentence.support == 2
    assert sentence.conflicting == ("d3",)
    relations = {c.doc_id: (c.relation, c.note) for c in sentence.citations}
    assert relations["d3"] == ("conflicts", "says 40 people; the sentence says 12 people")
    (disagreement,) = summary.disagreements
    assert disagreement.about == "people"
    assert [(c.value, c.doc_ids) for c in disagreement.claims] == [("12 people", ("d1", "d2")), ("40 people", ("d3",))]
    assert QUAKE[2][disagreement.claims[1].citations[0].start :].startswith("The earthquake in Kobe killed 40")
    markdown = summary.to_markdown()
    assert markdown.startswith(sentence.text + " [1][2]\n")
    assert "Where the sources differ:\n- people: 12 people [1][2]; 40 people [3]" in markdown
    data = summary.to_dict()
    assert all("relation" in c for s in data["sentences"] for c in s["citations"])
    assert data["disagreements"][0]["claims"][1]["doc_ids"] == ["d3"]


def test_the_voice_states_what_most_outlets_say_even_when_the_minority_wording_is_central():
    docs = [
        "The earthquake in Kobe killed 40 people on Thursday, officials said.",
        "The earthquake in Kobe killed 12 people on Thursday, officials said today.",
        "Officials said the earthquake in Kobe killed 12 people on Thursday.",
    ]
    (sentence,) = summarizer().summarize(docs, max_sentences=1).sentences
    assert "12 people" in sentence.text and sentence.support == 2


def test_a_fact_only_the_conflicting_outlet_states_is_not_consensus():
    docs = [
        "The earthquake in Kobe killed 12 people on Thursday, officials said.",
        "The earthquake in Kobe killed 40 people on Thursday, officials said.",
    ]
    (sentence,) = summarizer(min_sources=1).summarize(docs, max_sentences=1).sentences
    assert sentence.support == 1 and len(sentence.conflicting) == 1
    assert summarizer(min_sources=2).summarize(docs, max_sentences=1).sentences == ()


def test_agreeing_documents_have_no_disagreements():
    docs = [
        "Mexico extradited 29 cartel members to the United States on Thursday.",
        "On Thursday Mexico extradited 29 cartel members to the United States.",
    ]
    summary = summarizer().summarize(docs, max_sentences=1)
    assert summary.disagreements == ()
    assert [c.relation for c in summary.sentences[0].citations] == ["supports", "supports"]


def test_a_conflict_outside_the_cluster_is_cited_and_listed():
    texts = [
        "The quake killed 12 people in Kobe on Thursday.",
        "Rescuers in Kobe said the quake had killed 40 people by Thursday night.",
        "Trains stopped in Osaka.",
    ]
    docs = [Document(t, id=f"d{i}") for i, t in enumerate(texts, 1)]
    sentences = [Sentence(f"d{i}", 0, len(t), t, 0, 0) for i, t in enumerate(texts, 1)]
    vectors = np.array([[1, 0, 0], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float32)  # cosine 0.6: another cluster
    cluster = RankedCluster((0,), 0, 1, 0.0, 1.0)
    (checked,), disagreements = verify_sentences(
        [SummarySentence(texts[0], (), 1.0)], [cluster], sentences, docs, vectors
    )
    assert [(c.doc_id, c.relation) for c in checked.citations] == [("d1", "supports"), ("d2", "conflicts")]
    assert [c.doc_ids for c in disagreements[0].claims] == [("d1",), ("d2",)]
    # the same sentence, less similar than OUTSIDE_SIMILARITY, is about something else
    vectors[1] = [0.3, 0.954, 0]
    (checked,), disagreements = verify_sentences(
        [SummarySentence(texts[0], (), 1.0)], [cluster], sentences, docs, vectors
    )
    assert [c.doc_id for c in checked.citations] == ["d1"] and disagreements == []


class RecordingRewriter:
    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def rewrite(self, sources):
        self.calls.append(list(sources))
        return sources[0].replace("The earthquake in Kobe", "Kobe's earthquake")


def test_the_rewrite_sees_only_supporting_sources_and_is_checked_again():
    rewriter = RecordingRewriter()
    summary = summarizer(rewrite_model=rewriter).summarize(QUAKE, max_sentences=1, rewrite=True)
    (sources,) = rewriter.calls
    assert not any("40 people" in s for s in sources) and len(sources) == 2
    (sentence,) = summary.sentences
    assert sentence.rewritten
    assert sentence.conflicting == ("d3",) and summary.disagreements


# ---------------------------------------------------------------- property: words come from the voice

FACTS = [
    "Children aged <5 and adults aged >65 were most at risk in the heat wave.",
    "Mexico extradited 29 cartel members to the United States on Thursday.",
    "Rafael Caro Quintero was among those sent to the United States.",
    "Tom &amp; Jerry met the 2 officials in Washington, D.C. on Monday.",
    "The [ministry](http://example.org) said tariffs of 25% were due in March.",
    "The Treviño brothers led the Zetas cartel for several years.",
]
NOISE = ["**", "&amp; ", "\n\n", "MORE STORIES\n", "  ", "<b>", "</b>", "\u201c", "\u00a0", "_"]
_MARKUP_WORDS = {"b", "http", "example", "org"}


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", html.unescape(text)).lower())


@st.composite
def documents(draw):
    n = draw(st.integers(1, 4))
    return [
        Document(
            " ".join(draw(st.lists(st.one_of(st.sampled_from(FACTS), st.sampled_from(NOISE)), min_size=1, max_size=8))),
            id=f"doc{i}",
        )
        for i in range(n)
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=documents())
def test_every_word_of_a_sentence_comes_in_order_from_its_voice_span(docs):
    try:
        summary = summarizer().summarize(docs, max_words=80)
    except InputError:
        return
    texts = {d.id: d.text for d in docs}
    for sentence in summary.sentences:
        said = words(sentence.text)
        spans = [words(texts[c.doc_id][c.start : c.end]) for c in sentence.citations]
        # the voice: a cited span whose words, markup aside, are the sentence's words in order
        assert any([w for w in span if w not in _MARKUP_WORDS or w in said] == said for span in spans), sentence.text


def test_a_document_that_supports_the_sentence_is_not_also_cited_against_it():
    texts = [
        "He spent 28 years in prison for the murder of agent Camarena. He was on the wanted list for over "
        "40 years, linked to the murder of agent Camarena in 1985.",
        "He spent 28 years in prison for the murder of agent Camarena.",
    ]
    docs = [Document(t, id=f"d{i}") for i, t in enumerate(texts, 1)]
    first = texts[0].index("He was")
    sentences = [
        Sentence("d1", 0, first - 1, texts[0][: first - 1], 0, 0),
        Sentence("d1", first, len(texts[0]), texts[0][first:], 1, 0),
        Sentence("d2", 0, len(texts[1]), texts[1], 0, 0),
    ]
    vectors = np.array([[1, 0], [0.8, 0.6], [1, 0]], dtype=np.float32)  # the "40 years" sentence: near, outside
    cluster = RankedCluster((2, 0), 2, 2, 0.0, 1.0)
    (checked,), disagreements = verify_sentences(
        [SummarySentence(texts[1], (), 1.0)], [cluster], sentences, docs, vectors
    )
    assert [(c.doc_id, c.relation) for c in checked.citations] == [("d1", "supports"), ("d2", "supports")]
    assert disagreements == []
