"""The seeds demo with the real model: what issue #2 asks of the summary of seeds/."""

from __future__ import annotations

import re

import numpy as np
import pytest

from summarizer.rank import sentence_quality

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def summary(real_summarizer, seed_documents):
    return real_summarizer.summarize(seed_documents, max_words=120)


def test_reports_the_extradition_and_caro_quintero(summary):
    assert re.search(r"extradit\w* 29 .*(United States|US|U\.S\.)", summary.text)
    assert "Caro Quintero" in summary.text


def test_budget_citations_and_support(summary, seed_documents):
    assert sum(len(s.text.split()) for s in summary.sentences) <= 120
    texts = {d.id: d.text for d in seed_documents}
    for sentence in summary.sentences:
        assert sentence.citations
        for c in sentence.citations:
            assert texts[c.doc_id][c.start : c.end] == c.text
    lead = next(s for s in summary.sentences if "extradit" in s.text and "29" in s.text)
    assert lead.support == len(seed_documents)  # all five outlets report it


def test_nothing_is_said_twice(summary, real_summarizer):
    vectors = real_summarizer.embedder.encode([s.text for s in summary.sentences])
    similarity = vectors @ vectors.T
    assert (similarity[~np.eye(len(vectors), dtype=bool)] < 0.75).all()


def test_no_single_outlet_opinion_or_boilerplate(summary):
    assert "impunity" not in summary.text  # the opinion paragraph only one outlet has
    assert "MORE STORIES" not in summary.text and "**" not in summary.text
    assert all(sentence_quality(s.text) == 1.0 for s in summary.sentences)  # no opinion, quote or fragment


def test_neutral_voice_and_checked_citations(summary, seed_documents):  # issue 7
    for phrase in ("notorious", "pivotal moment", "much to the dismay", "brutal reign", "heinous", "plagued"):
        assert phrase not in summary.text
    assert all(c.relation in ("supports", "partial", "conflicts") for s in summary.sentences for c in s.citations)
    for sentence in summary.sentences:
        assert sentence.support == len({c.doc_id for c in sentence.citations if c.relation != "conflicts"})
    # the five outlets agree on the 29 extradited: nobody is cited as contradicting it
    lead = next(s for s in summary.sentences if "29" in s.text)
    assert not lead.conflicting
