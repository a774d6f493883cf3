"""summarizer.rewrite.backends: load_rewriter, the transformers backend on tiny random models, the real GGUF."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from summarizer import Summarizer, models, rewrite
from summarizer.errors import InputError, MissingDependencyError, ModelLoadError
from summarizer.rewrite import (
    LlamaCppRewriter,
    Rewriter,
    TransformersRewriter,
    check_rewrite,
    clean_output,
    load_rewriter,
    rewrite_sentences,
)
from summarizer.summary import Citation, SummarySentence
from summarizer.testing import HashingEmbedder
from tests.rewrite.rewrite_cases import SOURCES
from tests.rewrite.rewrite_cases import summary_sentence as _sentence


@pytest.fixture
def embedder():
    return HashingEmbedder()


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


def _save_tiny(folder: Path, model_class_name: str, config_class_name: str, **config: int) -> Path:
    """A random model of ``model_class_name`` with the word-level tokenizer, saved in ``folder``."""
    import torch
    import transformers

    tokenizer, vocab_size = _tokenizer()
    torch.manual_seed(0)
    settings = getattr(transformers, config_class_name)(vocab_size=vocab_size, pad_token_id=1, eos_token_id=3, **config)
    getattr(transformers, model_class_name)(settings).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def tiny_causal_lm(tmp_path_factory) -> Path:
    return _save_tiny(
        tmp_path_factory.mktemp("tiny-llama"),
        "LlamaForCausalLM",
        "LlamaConfig",
        hidden_size=16,
        intermediate_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=512,
    )


@pytest.fixture(scope="module")
def tiny_seq2seq(tmp_path_factory) -> Path:
    return _save_tiny(
        tmp_path_factory.mktemp("tiny-t5"),
        "T5ForConditionalGeneration",
        "T5Config",
        d_model=16,
        d_kv=8,
        d_ff=32,
        num_layers=1,
        num_heads=2,
        decoder_start_token_id=1,
    )


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
    rewriter = load_rewriter(str(tiny_causal_lm))
    written = rewriter.rewrite(SOURCES)  # greedy: rewrite_sentences gets this same output
    verdict = check_rewrite(clean_output(written), SOURCES, embedder, max_words=len(SOURCES[0].split()))
    [out] = rewrite_sentences([_sentence()], [SOURCES], rewriter, embedder)
    assert out.citations == _sentence().citations and out.score == _sentence().score
    assert out.fallback_reason == verdict
    assert out.rewritten == (verdict is None)
    assert out.text == (clean_output(written) if verdict is None else SOURCES[0])


def test_the_backends_are_rewriters_and_a_summarizer_uses_a_given_one(tmp_path):
    assert isinstance(LlamaCppRewriter(tmp_path / "m.gguf"), Rewriter)
    assert isinstance(TransformersRewriter("org/model"), Rewriter)
    assert not isinstance(HashingEmbedder(), Rewriter)

    class Fixed:
        def rewrite(self, sources):
            return sources[0]

    given = Fixed()
    summarizer = Summarizer(HashingEmbedder(), rewrite_model=given)
    assert summarizer.rewriter is given  # used as it is: nothing is loaded
    summary = summarizer.summarize([SOURCES[0], SOURCES[0]], max_words=40, rewrite=True)
    assert [s.rewritten for s in summary.sentences] == [True]
    assert summary.sentences[0].text == " ".join(SOURCES[0].split())


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

    seeds = " ".join(p.read_text() for p in sorted((Path(__file__).parents[2] / "seeds").glob("*.txt")))
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
