"""Tests for summarizer.rewrite: prompt and output cleaning, the checks, the fallback, the backends.

Issue 4: a rewrite that changes or invents a number, changes a name or a date, or drops or
adds a negation must fall back to the extractive sentence, which keeps its citations.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from summarizer import models, rewrite
from summarizer.errors import InputError, MissingDependencyError, ModelLoadError
from summarizer.rewrite import (
    LlamaCppRewriter,
    Rewriter,
    TransformersRewriter,
    build_messages,
    check_rewrite,
    clean_output,
    load_rewriter,
    rewrite_sentences,
)
from summarizer.summary import Citation, SummarySentence


class BagOfWordsEmbedder:
    """Deterministic stand-in for a sentence embedder: hashed, normalised word counts."""

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


class ScriptedRewriter:
    """Returns (or raises) the scripted outputs in order, recording the sources it was given."""

    def __init__(self, *outputs):
        self.outputs = list(outputs)
        self.seen: list[list[str]] = []

    def rewrite(self, sources):
        self.seen.append(list(sources))
        output = self.outputs.pop(0)
        if isinstance(output, BaseException):
            raise output
        return output


SOURCES = [
    "Mexico extradited 29 alleged cartel members, including drug lord Rafael Caro Quintero, "
    "to the United States on Thursday.",
    "On Thursday Mexico sent 29 suspected traffickers to the U.S., among them Rafael Caro Quintero.",
]
FAITHFUL = "On Thursday Mexico extradited 29 alleged cartel members, including Rafael Caro Quintero, to the US."
NEGATED = [
    "Caro Quintero was not released by the court, officials said on Friday.",
    "Officials said the court did not free Caro Quintero.",
]


@pytest.fixture
def embedder():
    return BagOfWordsEmbedder()


# ------------------------------------------------------------------------------------- checks


def test_a_faithful_paraphrase_passes(embedder):
    assert check_rewrite(FAITHFUL, SOURCES, embedder) is None


def test_number_words_match_digits(embedder):
    candidate = FAITHFUL.replace("29", "twenty-nine")
    assert check_rewrite(candidate, SOURCES, embedder) is None


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (FAITHFUL.replace("29", "30"), "'30'"),  # a changed number
        (FAITHFUL.replace("29", "twenty-eight"), "'28'"),  # a changed number in words
        (FAITHFUL.replace("to the US", "to the US in 2024"), "'2024'"),  # an invented number
        (FAITHFUL.replace("29 alleged", "29 of 1,500 alleged"), "'1500'"),
        (FAITHFUL.replace("29 alleged", "millions of dollars and 29 alleged"), "'millions'"),
    ],
)
def test_changed_or_invented_numbers_are_caught(candidate, expected, embedder):
    reason = check_rewrite(candidate, SOURCES, embedder)
    assert reason is not None and ("number" in reason or "quantity" in reason)
    assert expected in reason


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        (FAITHFUL.replace("Quintero", "Guzman"), "'Guzman'"),  # a changed name
        (FAITHFUL.replace("Rafael Caro Quintero", "Rafael Quintero Caro"), "'Quintero Caro'"),
        (FAITHFUL.replace("Mexico", "Colombia"), "'Colombia'"),
        (FAITHFUL.replace("the US", "Canada"), "'Canada'"),
    ],
)
def test_changed_names_are_caught(candidate, expected, embedder):
    reason = check_rewrite(candidate, SOURCES, embedder)
    assert reason is not None and reason.startswith("names") and expected in reason


def test_demonyms_match_their_country_but_similar_names_do_not(embedder):
    sources = ["Iran sent 29 Mexican officials to the United States on Thursday."]
    passing = "Iranian officials sent 29 Mexicans to the United States on Thursday."
    assert check_rewrite(passing, sources, embedder, min_similarity=0.5) is None
    reason = check_rewrite("Iraq sent 29 Mexican officials to the United States on Thursday.", sources, embedder)
    assert reason is not None and "'Iraq'" in reason


def test_a_shortened_name_passes():
    sources = ["Philippine President Joseph Estrada said he was considering not going to the forum."]
    candidate = "Philippine President Estrada said he was considering not going to the forum."
    assert check_rewrite(candidate, sources, BagOfWordsEmbedder()) is None


def test_an_invented_name_at_the_start_is_caught(embedder):
    reason = check_rewrite("Guzman" + FAITHFUL[len("On Thursday") :], SOURCES, embedder)
    assert reason is not None and "'Guzman'" in reason


def test_a_changed_date_is_caught(embedder):
    reason = check_rewrite(FAITHFUL.replace("Thursday", "Friday"), SOURCES, embedder)
    assert reason is not None and "date 'Friday'" in reason


def test_a_dropped_negation_is_caught(embedder):
    reason = check_rewrite("Caro Quintero was released by the court, officials said.", NEGATED, embedder)
    assert reason is not None and "drops the negation ('not')" in reason


def test_an_added_negation_is_caught(embedder):
    reason = check_rewrite(FAITHFUL.replace("Mexico extradited", "Mexico has not extradited"), SOURCES, embedder)
    assert reason is not None and "adds a negation ('not')" in reason
    reason = check_rewrite(FAITHFUL.replace("extradited", "didn't extradite"), SOURCES, embedder)
    assert reason is not None and "didn't" in reason


def test_a_kept_negation_passes(embedder):
    candidate = "Officials said the court did not release Caro Quintero."
    assert check_rewrite(candidate, NEGATED, embedder) is None


def test_a_dropped_attribution_is_caught(embedder):
    sources = ['"Cartels are terrorist groups," Bondi stated on Monday.']
    reason = check_rewrite("Cartels are terrorist groups, it was stated on Monday.", sources, embedder)
    assert reason is not None and "attribution to 'Bondi'" in reason
    assert check_rewrite("Bondi stated on Monday that cartels are terrorist groups.", sources, embedder) is None


def test_an_attribution_needs_the_speaker_and_a_verb(embedder):
    sources = ["At the White House, Clinton called the election results a vindication of his policies."]
    reason = check_rewrite("Clinton's election results were a vindication of his policies.", sources, embedder)
    assert reason is not None and "attribution to 'Clinton'" in reason
    assert (
        check_rewrite("Clinton called the election results a vindication of his policies.", sources, embedder) is None
    )


def test_a_dropped_qualifier_of_a_number_is_caught(embedder):
    sources = ["At least 32 people were killed and more than 150,000 fled the floods."]
    reason = check_rewrite("32 people were killed and more than 150,000 fled the floods.", sources, embedder)
    assert reason == "drops the qualifier 'at least' of 32"
    assert check_rewrite("At least 32 people were killed and over 150,000 fled the floods.", sources, embedder) is None


def test_a_sentence_that_drifts_from_its_sources_is_caught(embedder):
    reason = check_rewrite("the weather was mild and pleasant all week.", SOURCES, embedder)
    assert reason is not None and reason.startswith("drifts from its sources")


def test_the_similarity_threshold_is_a_parameter(embedder):
    assert check_rewrite(FAITHFUL, SOURCES, embedder, min_similarity=1.01) is not None


def test_a_rewrite_longer_than_the_extractive_sentence_is_caught(embedder):
    reason = check_rewrite(FAITHFUL, SOURCES, embedder, max_words=5)
    assert reason is not None and reason.startswith("longer than the extractive sentence")


def test_an_empty_rewrite_is_caught(embedder):
    assert check_rewrite("   ", SOURCES, embedder) == "the model returned no sentence"


# ------------------------------------------------------------------------------ rewrite_sentences


def _sentence(text: str = SOURCES[0]) -> SummarySentence:
    citations = (
        Citation("ap", 10, 10 + len(SOURCES[0]), SOURCES[0]),
        Citation("bbc", 0, len(SOURCES[1]), SOURCES[1]),
    )
    return SummarySentence(text=text, citations=citations, score=0.75)


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


def test_the_scripted_rewriter_satisfies_the_protocol():
    assert isinstance(ScriptedRewriter(), Rewriter)


# ------------------------------------------------------------------------- prompt and cleaning


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
    ],
)
def test_clean_output(raw, expected):
    assert clean_output(raw) == expected


# ---------------------------------------------------------------------------------- load_rewriter


def test_load_rewriter_routes_by_name(tmp_path, monkeypatch):
    assert isinstance(load_rewriter(str(tmp_path)), TransformersRewriter)
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: object())
    assert isinstance(load_rewriter(str(gguf)), LlamaCppRewriter)
    assert isinstance(load_rewriter(str(gguf), backend="transformers"), TransformersRewriter)


def test_load_rewriter_default_needs_an_installed_model(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    with pytest.raises(ModelLoadError, match=re.escape("python -m summarizer.models install qwen2.5-coder-1.5b")):
        load_rewriter(None)


def test_load_rewriter_rejects_bad_names_and_backends(tmp_path):
    with pytest.raises(InputError, match="embedding model"):
        load_rewriter("all-minilm-l6-v2")
    with pytest.raises(InputError, match="'backend' parameter"):
        load_rewriter("qwen2.5-coder-1.5b", backend="vllm")
    with pytest.raises(ModelLoadError, match="read as a local path"):
        load_rewriter(str(tmp_path / "missing.gguf"))


def test_missing_llama_cpp_names_the_extra(tmp_path, monkeypatch):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import llama_cpp now fails
    with pytest.raises(MissingDependencyError, match=r"summarizer\[rewrite\]"):
        LlamaCppRewriter(gguf).rewrite(["A sentence."])
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    with pytest.raises(MissingDependencyError, match="llama-cpp-python"):
        load_rewriter(str(gguf))


def test_a_gguf_file_through_transformers_needs_gguf_and_accelerate(tmp_path, monkeypatch):
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    real_find_spec = importlib.util.find_spec
    present = real_find_spec("json")  # stands in for an installed package

    def find_spec(name, *args):
        return {"gguf": present, "accelerate": None}.get(name, real_find_spec(name, *args))

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(MissingDependencyError, match=r"'accelerate'.*summarizer\[gguf\]"):
        TransformersRewriter(gguf).rewrite(SOURCES)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "gguf" else find_spec(name, *a))
    with pytest.raises(MissingDependencyError, match=r"'gguf'.*summarizer\[gguf\]"):
        TransformersRewriter(gguf).rewrite(SOURCES)


# ---------------------------------------------------------- a tiny random transformers model


SENTENCE = "mexico extradited 29 cartel members to the us on thursday rafael caro quintero . , write one"
WORDS = SENTENCE.split()


def _tokenizer():
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers.models import WordLevel
    from transformers import PreTrainedTokenizerFast

    specials = ["<unk>", "<pad>", "<|im_start|>", "<|im_end|>", "system", "user", "assistant"]
    vocab = {token: i for i, token in enumerate(specials + sorted(set(WORDS)))}
    backend = Tokenizer(WordLevel(vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend, unk_token="<unk>", pad_token="<pad>", eos_token="<|im_end|>"
    )
    tokenizer.chat_template = (
        "{% for m in messages %}<|im_start|> {{ m['role'] }} {{ m['content'] }} <|im_end|> {% endfor %}"
        "{% if add_generation_prompt %}<|im_start|> assistant {% endif %}"
    )
    return tokenizer, len(vocab)


@pytest.fixture(scope="module")
def tiny_causal_lm(tmp_path_factory) -> Path:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    folder = tmp_path_factory.mktemp("tiny-llama")
    tokenizer, vocab_size = _tokenizer()
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=16,
        intermediate_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=512,
        pad_token_id=1,
        eos_token_id=3,
    )
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_seq2seq(tmp_path_factory) -> Path:
    import torch
    from transformers import T5Config, T5ForConditionalGeneration

    folder = tmp_path_factory.mktemp("tiny-t5")
    tokenizer, vocab_size = _tokenizer()
    torch.manual_seed(0)
    config = T5Config(
        vocab_size=vocab_size,
        d_model=16,
        d_kv=8,
        d_ff=32,
        num_layers=1,
        num_heads=2,
        pad_token_id=1,
        eos_token_id=3,
        decoder_start_token_id=1,
    )
    T5ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _count_loads(monkeypatch, cls_name: str) -> list[str]:
    import transformers

    cls = getattr(transformers, cls_name)
    original = cls.from_pretrained.__func__
    calls: list[str] = []

    def counting(klass, *args, **kwargs):
        calls.append(str(args[0]))
        return original(klass, *args, **kwargs)

    monkeypatch.setattr(cls, "from_pretrained", classmethod(counting))
    return calls


def test_a_causal_lm_loads_by_path_once_and_decodes_greedily(tiny_causal_lm, monkeypatch):
    loads = _count_loads(monkeypatch, "AutoModelForCausalLM")
    rewriter = load_rewriter(str(tiny_causal_lm))
    assert isinstance(rewriter, TransformersRewriter)
    assert loads == []  # lazy: nothing loads before the first rewrite
    first = rewriter.rewrite(SOURCES)
    second = rewriter.rewrite(SOURCES)
    assert isinstance(first, str)
    assert first == second
    assert loads == [str(tiny_causal_lm)]
    assert "<|im_end|>" not in first


def test_a_seq2seq_model_loads_by_path(tiny_seq2seq, monkeypatch):
    loads = _count_loads(monkeypatch, "AutoModelForSeq2SeqLM")
    rewriter = TransformersRewriter(tiny_seq2seq)
    first = rewriter.rewrite(SOURCES)
    assert isinstance(first, str) and first == rewriter.rewrite(SOURCES)
    assert loads == [str(tiny_seq2seq)]


def test_a_tiny_model_drives_rewrite_sentences(tiny_causal_lm, embedder):
    [out] = rewrite_sentences([_sentence()], [SOURCES], load_rewriter(str(tiny_causal_lm)), embedder)
    assert out.citations == _sentence().citations
    assert out.rewritten or out.fallback_reason  # random weights: almost surely a fallback


def test_load_errors_say_how_the_name_was_read(tmp_path):
    with pytest.raises(ModelLoadError, match="read as a local path"):
        TransformersRewriter(tmp_path).rewrite(SOURCES)  # an empty folder
    with pytest.raises(ModelLoadError, match="read as a Hugging Face hub id"):
        TransformersRewriter("not a valid/hub id!!").rewrite(SOURCES)


def test_a_causal_lm_without_chat_template_is_refused(tiny_causal_lm, tmp_path):
    import shutil

    folder = tmp_path / "no-template"
    shutil.copytree(tiny_causal_lm, folder)
    for name in ("chat_template.jinja", "tokenizer_config.json"):
        path = folder / name
        if name == "chat_template.jinja":
            path.unlink(missing_ok=True)
        else:
            text = re.sub(r'"chat_template":\s*"(?:[^"\\]|\\.)*",?', "", path.read_text())
            path.write_text(text)
    with pytest.raises(ModelLoadError, match="chat template"):
        TransformersRewriter(folder).rewrite(SOURCES)


# ------------------------------------------------------------------- the real GGUF model (slow)


def _gguf_ready() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None and models.is_installed(rewrite.DEFAULT_REWRITE_MODEL)


SEED_CLUSTERS = [
    [
        "Mexico has extradited 29 high-ranking organized crime operatives to the United States, "
        "responding to increasing pressure from the U.S. government under the Trump administration "
        "to address fentanyl trafficking.",
        "Mexico extradited 29 alleged cartel members, including notorious drug lord Rafael Caro "
        "Quintero, marking a significant moment in US-Mexico relations.",
        "Amid growing pressure from the Trump administration to crack down on fentanyl smuggling or "
        "face tariffs, Mexico has extradited 29 suspected drug traffickers to the United States.",
    ],
    [
        "Caro Quintero, previously a leader of the now-defunct Guadalajara cartel, was imprisoned for "
        "28 years for his role in the kidnapping and murder of DEA agent Enrique 'Kiki' Camarena.",
        "Caro Quintero, a pivotal figure in the Guadalajara Cartel's formation, spent 28 years in "
        "prison before being released in 2013, provoking outrage in the United States.",
    ],
]


@pytest.mark.gguf
@pytest.mark.skipif(not _gguf_ready(), reason="needs llama-cpp-python and the installed default model")
def test_the_default_gguf_model_rewrites_the_seeds():
    from summarizer.embed import SentenceTransformerEmbedder

    seeds = " ".join(p.read_text() for p in sorted((Path(__file__).parents[1] / "seeds").glob("*.txt")))
    for cluster in SEED_CLUSTERS:
        for sentence in cluster:
            assert " ".join(sentence.split()) in " ".join(seeds.split())
    sentences = [
        SummarySentence(c[0], tuple(Citation(f"d{i}", 0, len(s), s) for i, s in enumerate(c)), 1.0)
        for c in SEED_CLUSTERS
    ]
    rewriter = load_rewriter(None)
    outputs = rewrite_sentences(sentences, SEED_CLUSTERS, rewriter, SentenceTransformerEmbedder())
    assert sum(o.rewritten for o in outputs) >= 1
    for original, out in zip(sentences, outputs, strict=True):
        assert out.citations == original.citations
        assert "[" not in out.text and "```" not in out.text
        assert len(out.text.split()) <= len(original.text.split())
        assert out.rewritten != (out.fallback_reason is not None)
    assert rewriter.rewrite(SEED_CLUSTERS[0]) == outputs[0].text or not outputs[0].rewritten
