"""summarizer.rewrite.driver: rewrite_sentences keeps citations and falls back with a reason."""

from __future__ import annotations

import pytest

from summarizer.errors import InputError, ModelLoadError
from summarizer.rewrite import rewrite_sentences
from summarizer.testing import HashingEmbedder
from tests.rewrite.rewrite_cases import FAITHFUL, SOURCES, ScriptedRewriter
from tests.rewrite.rewrite_cases import summary_sentence as _sentence


@pytest.fixture
def embedder():
    return HashingEmbedder()


def test_rewrite_sentences_keeps_citations_and_score(embedder):
    original = _sentence()
    fake = ScriptedRewriter(FAITHFUL + " [1][2]", FAITHFUL.replace("29", "30"))
    passed, failed = rewrite_sentences([original, original], [SOURCES, SOURCES], fake, embedder)
    assert passed.text == FAITHFUL and "[" not in passed.text
    assert passed.rewritten and passed.fallback_reason is None
    assert failed.text == original.text and not failed.rewritten
    assert "'30'" in failed.fallback_reason
    for out in (passed, failed):
        assert out.citations == original.citations
        assert out.score == original.score
    assert fake.seen == [SOURCES, SOURCES]
    assert original.text == SOURCES[0] and not original.rewritten  # not mutated


def test_a_model_exception_falls_back_with_a_reason(embedder):
    fake = ScriptedRewriter(RuntimeError("out of memory"), FAITHFUL)
    failed, passed = rewrite_sentences([_sentence(), _sentence()], [SOURCES, SOURCES], fake, embedder)
    assert not failed.rewritten and failed.text == SOURCES[0]
    assert "RuntimeError" in failed.fallback_reason and "out of memory" in failed.fallback_reason
    assert passed.rewritten  # one bad cluster does not stop the others


def test_an_empty_model_output_falls_back(embedder):
    [out] = rewrite_sentences([_sentence()], [SOURCES], ScriptedRewriter("```\n```"), embedder)
    assert not out.rewritten and out.fallback_reason == "the model returned no sentence"


def test_a_rewrite_longer_than_the_sentence_falls_back(embedder):
    long = FAITHFUL[:-1] + ", on Thursday, as Mexico extradited 29 alleged cartel members to the US."
    [out] = rewrite_sentences([_sentence()], [SOURCES], ScriptedRewriter(long), embedder)
    assert not out.rewritten and out.fallback_reason.startswith("longer than")


def test_a_broken_model_setup_is_raised_not_hidden(embedder):
    fake = ScriptedRewriter(ModelLoadError("no such model"))
    with pytest.raises(ModelLoadError):
        rewrite_sentences([_sentence()], [SOURCES], fake, embedder)


def test_sources_default_to_the_sentence_and_its_citations(embedder):
    fake = ScriptedRewriter(FAITHFUL)
    rewrite_sentences([_sentence()], None, fake, embedder)
    assert fake.seen == [[SOURCES[0], SOURCES[0], SOURCES[1]]]


def test_one_list_of_sources_per_sentence(embedder):
    with pytest.raises(InputError, match="one list of sources per sentence"):
        rewrite_sentences([_sentence()], [SOURCES, SOURCES], ScriptedRewriter(), embedder)


def test_progress_goes_to_stderr_only_when_asked(embedder, capsys):
    rewrite_sentences([_sentence()], [SOURCES], ScriptedRewriter(FAITHFUL), embedder)
    assert capsys.readouterr() == ("", "")
    rewrite_sentences([_sentence()], [SOURCES], ScriptedRewriter(FAITHFUL), embedder, progress=True)
    out, err = capsys.readouterr()
    assert out == "" and "rewrite" in err
