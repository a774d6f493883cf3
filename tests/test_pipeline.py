from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import Document, InputError, Summarizer
from summarizer.testing import HashingEmbedder
from tests.cases import FACTS

NOISE = ["**", "&amp; ", "\n\n", "MORE STORIES\n", "  ", "<b>", "</b>", "\u201c", "\u00a0"]


def check_citations(summary, docs):
    texts = {d.id: d.text for d in docs}
    for sentence in summary.sentences:
        assert sentence.citations, sentence
        for c in sentence.citations:
            assert texts[c.doc_id][c.start : c.end] == c.text
            assert 0 <= c.start < c.end <= len(texts[c.doc_id])
        assert sentence.support == len({c.doc_id for c in sentence.citations})


@st.composite
def documents(draw):
    n = draw(st.integers(1, 5))
    docs = []
    for i in range(n):
        parts = draw(st.lists(st.one_of(st.sampled_from(FACTS), st.sampled_from(NOISE)), min_size=1, max_size=12))
        docs.append(Document(" ".join(parts), id=f"doc{i}"))
    return docs


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=documents(), max_words=st.integers(1, 80))
def test_citations_are_exact_spans_and_budget_holds(fake_summarizer, docs, max_words):
    before = copy.deepcopy(docs)
    try:
        summary = fake_summarizer.summarize(docs, max_words=max_words)
    except InputError as err:  # documents made only of markup and boilerplate
        assert "has any text" in str(err)
        return
    assert docs == before
    check_citations(summary, docs)
    assert sum(len(s.text.split()) for s in summary.sentences) <= max_words
    assert len({s.text for s in summary.sentences}) == len(summary.sentences)


def test_shared_fact_is_cited_to_every_source_and_outranks_a_lone_opinion(fake_summarizer):
    docs = [
        "Mexico extradited 29 cartel members to the United States on Thursday. It rained in the capital.",
        "On Thursday Mexico extradited 29 cartel members to the United States. Markets were calm.",
        "Mexico extradited 29 cartel members to the United States on Thursday, officials said.",
        "Without decisive action, the cartels will continue to operate with impunity everywhere.",
    ]
    summary = fake_summarizer.summarize(docs, max_sentences=1)
    (sentence,) = summary.sentences
    assert "29 cartel members" in sentence.text
    assert sentence.sources == ("d1", "d2", "d3")
    check_citations(summary, [Document(t, id=f"d{i}") for i, t in enumerate(docs, 1)])


def test_min_sources_keeps_only_shared_facts(fake_summarizer):
    docs = [
        "Mexico extradited 29 cartel members to the United States on Thursday. A lone fact appears only here today.",
        "Mexico extradited 29 cartel members to the United States on Thursday. Another lone fact, about the weather.",
    ]
    summary = Summarizer(HashingEmbedder(), min_sources=2, cluster_threshold=0.6).summarize(docs)
    assert [s.support for s in summary.sentences] == [2]


def test_inputs_are_not_mutated(fake_summarizer):
    items = [
        {"id": "a", "text": "Mexico sent 29 cartel members north on Thursday night.", "source": "AP"},
        Document("Mexico sent 29 cartel members north on Thursday.", id="b"),
    ]
    before = copy.deepcopy(items)
    fake_summarizer.summarize(items)
    assert items == before


@pytest.mark.parametrize(
    ("docs", "kwargs", "message"),
    [
        ([], {}, "No documents"),
        (["", "   \n\t "], {}, "has any text"),
        (["MORE STORIES\nAdvertisement"], {}, "has any text"),
        (["Some text here."], {"max_words": 0}, "max_words"),
        (["Some text here."], {"max_words": -5}, "max_words"),
        (["Some text here."], {"max_sentences": 0}, "max_sentences"),
        (["Some text here."], {"max_words": 2.5}, "max_words"),
        (["Some text here."], {"max_words": None}, "Give a budget"),
        ([b"bytes are not text"], {}, "must be a str"),
    ],
)
def test_bad_input_raises_input_error(fake_summarizer, docs, kwargs, message):
    with pytest.raises(InputError, match=message):
        fake_summarizer.summarize(docs, **kwargs)


def test_bad_min_sources():
    with pytest.raises(InputError, match="min_sources"):
        Summarizer(HashingEmbedder(), min_sources=0)


def test_single_document_is_summarized(fake_summarizer):
    text = " ".join(FACTS)
    summary = fake_summarizer.summarize([text], max_words=40)
    assert summary.sentences
    assert all(s.sources == ("d1",) for s in summary.sentences)
    check_citations(summary, [Document(text, id="d1")])


def test_identical_documents_cite_both(fake_summarizer):
    text = " ".join(FACTS[:4])
    summary = fake_summarizer.summarize([text, text], max_words=40)
    assert summary.sentences
    assert all(s.sources == ("d1", "d2") for s in summary.sentences)


def test_text_without_sentence_punctuation_still_gets_a_summary(fake_summarizer):
    text = " ".join(f"word{i} and more words about cartels" for i in range(60))
    summary = fake_summarizer.summarize([text], max_words=50)
    assert summary.sentences
    check_citations(summary, [Document(text, id="d1")])


def test_non_english_text(fake_summarizer):
    docs = [
        "Le Mexique a extradé 29 membres de cartels vers les États-Unis jeudi. Il pleuvait à Mexico.",
        "Jeudi, le Mexique a extradé 29 membres de cartels vers les États-Unis. Les marchés étaient calmes.",
    ]
    summary = fake_summarizer.summarize(docs, max_sentences=1)
    assert summary.sentences[0].sources == ("d1", "d2")
    check_citations(summary, [Document(t, id=f"d{i}") for i, t in enumerate(docs, 1)])


def test_one_megabyte_document(fake_summarizer):
    paragraph = " ".join(f"{fact[:-1]} in report {i}." for i, fact in enumerate(FACTS))
    text = "\n".join(f"{paragraph} Section {n} ends here." for n in range(1_000_000 // len(paragraph) + 1))
    assert len(text) >= 1_000_000
    summary = fake_summarizer.summarize([text, FACTS[0]], max_words=60)
    assert 0 < sum(len(s.text.split()) for s in summary.sentences) <= 60
    check_citations(summary, [Document(text, id="d1"), Document(FACTS[0], id="d2")])


class ScriptedRewriter:
    """Rewrites by a fixed rule and records what it was given."""

    def __init__(self, rule):
        self.rule = rule
        self.calls: list[list[str]] = []

    def rewrite(self, sources):
        self.calls.append(list(sources))
        return self.rule(sources[0])


def test_rewrite_keeps_citations_and_falls_back_on_an_invented_number():
    docs = [
        "Mexico extradited 29 cartel members to the United States on Thursday. Markets were calm in the capital.",
        "On Thursday Mexico extradited 29 cartel members to the United States. It rained in the north of Mexico.",
    ]
    faithful = ScriptedRewriter(lambda s: s.replace("extradited", "sent"))
    summarizer = Summarizer(HashingEmbedder(), cluster_threshold=0.6, rewrite_model=faithful)
    extractive = summarizer.summarize(docs, max_sentences=1)
    rewritten = summarizer.summarize(docs, max_sentences=1, rewrite=True)
    (before,), (after,) = extractive.sentences, rewritten.sentences
    assert after.rewritten and after.fallback_reason is None
    assert after.text == before.text.replace("extradited", "sent")
    assert after.citations == before.citations  # citations come from the cluster, not the model
    assert faithful.calls[0][0] == before.text and len(faithful.calls[0]) == 2  # representative first
    assert "rewrite" in rewritten.timings

    inventing = ScriptedRewriter(lambda s: s.replace("29", "31"))
    summary = Summarizer(HashingEmbedder(), cluster_threshold=0.6, rewrite_model=inventing).summarize(
        docs, max_sentences=1, rewrite=True
    )
    (kept,) = summary.sentences
    assert kept.text == before.text and not kept.rewritten
    assert "31" in kept.fallback_reason
    assert summary.to_dict()["sentences"][0]["fallback_reason"] == kept.fallback_reason


def test_timings_name_the_stages_the_summary_documents(fake_summarizer):
    summary = fake_summarizer.summarize(["Rain fell on Leeds on Monday.", "On Monday rain fell on Leeds."])
    assert list(summary.timings) == ["segment", "embed", "cluster", "rank", "select", "verify"]
    assert all(seconds >= 0 for seconds in summary.timings.values())


def test_words_a_rewrite_frees_go_to_the_next_cluster():
    asides = [  # 9 words each, which the rewrite drops
        " after months of quiet talks between both governments",
        " according to court papers filed late last year",
        " while rivals fought over the lucrative smuggling routes",
        " behind closed doors at a hotel near Washington",
    ]
    facts = [
        "Mexico extradited 29 cartel members{}.",
        "Rafael Caro Quintero was among those sent north{}.",
        "The Treviño brothers led the Zetas cartel{}.",
        "Officials met to discuss the transfer{}.",
    ]
    facts = [f.format(a) for f, a in zip(facts, asides, strict=True)]
    docs = [" ".join(facts), " ".join(reversed(facts)), " ".join(facts[1:] + facts[:1])]

    def drop_asides(text: str) -> str:  # keeps the attribution, as the checks demand
        for aside in asides:
            text = text.replace(aside, ", court papers said" if aside.startswith(" according") else "")
        return text

    summarizer = Summarizer(HashingEmbedder(), cluster_threshold=0.6, rewrite_model=ScriptedRewriter(drop_asides))
    budget = 34
    extractive = summarizer.summarize(docs, max_words=budget)
    rewritten = summarizer.summarize(docs, max_words=budget, rewrite=True)
    assert len(extractive.sentences) == 2  # 14 to 17 words each: a third does not fit
    first = {s.citations[0].text for s in extractive.sentences}
    assert all(s.rewritten for s in rewritten.sentences if s.citations[0].text in first)
    assert len(rewritten.sentences) == 3  # the words the rewrites freed take the next cluster
    assert first < {s.citations[0].text for s in rewritten.sentences}
    assert sum(len(s.text.split()) for s in rewritten.sentences) <= budget
    check_citations(rewritten, [Document(t, id=f"d{i}") for i, t in enumerate(docs, 1)])


def test_a_story_told_over_several_days_is_told_in_order():
    monday = "Heavy rain flooded the river valley towns and closed the main roads on Monday night."
    wednesday = "Rescue teams reached the last cut-off villages by boat and helicopter on Wednesday."
    docs = [  # the later article is given first, and the earlier fact comes late in each article
        Document(f"{wednesday} Officials counted the damage to farms. {monday}", "b", published="2024-05-08"),
        Document(f"Schools stayed shut across the region. {monday}", "a", published="2024-05-06T09:30:00"),
    ]
    summarizer = Summarizer(HashingEmbedder(), cluster_threshold=0.6)
    summary = summarizer.summarize(docs, max_words=40)
    texts = [s.text for s in summary.sentences]
    assert texts.index(monday) < texts.index(wednesday)
    undated = summarizer.summarize([Document(d.text, d.id) for d in docs], max_words=40)
    texts = [s.text for s in undated.sentences]
    assert texts.index(wednesday) < texts.index(monday)  # without dates: where the facts stand in the articles
