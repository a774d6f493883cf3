"""Issue 8, item 6: arguments and inputs the library mishandled fail with a clear InputError, early."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import summarizer.pipeline
from summarizer import InputError, Summarizer, SummarizerError, summarize
from summarizer.embed import SentenceTransformerEmbedder
from summarizer.embed_onnx import OnnxEmbedder
from summarizer.testing import HashingEmbedder

TEXTS = [
    "Mexico extradited 29 cartel members to the United States on Thursday.",
    "On Thursday Mexico extradited 29 cartel members to the United States.",
]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_sources": None}, r"'min_sources' parameter of Summarizer must be a positive int\. Got None"),
        ({"min_sources": 2.0}, r"'min_sources' .* Got 2\.0"),
        ({"min_sources": True}, r"'min_sources' .* Got True"),
        ({"cluster_threshold": "x"}, r"'cluster_threshold' parameter of Summarizer must be a number between -1 and 1"),
        ({"cluster_threshold": 1.5}, r"'cluster_threshold' .* Got 1\.5"),
        ({"redundancy": None}, r"'redundancy' parameter of Summarizer must be a number .* Got None"),
        ({"model": 123}, r"'model' parameter of Summarizer must be .* Got int \(123\)"),
        ({"rewrite_model": 123}, r"'rewrite_model' parameter of Summarizer must be .* Got int"),
    ],
)
def test_bad_constructor_arguments_fail_at_construction(kwargs, message):
    kwargs.setdefault("model", HashingEmbedder())
    with pytest.raises(InputError, match=message):
        Summarizer(**kwargs)


def test_a_path_object_is_read_as_a_model_path(tmp_path):
    summarizer = Summarizer(model=tmp_path, rewrite_model=tmp_path / "model.gguf")
    assert isinstance(summarizer.embedder, OnnxEmbedder)
    assert summarizer.embedder.name == str(tmp_path)
    torch_backed = Summarizer(model=tmp_path, backend="torch")
    assert isinstance(torch_backed.embedder, SentenceTransformerEmbedder)
    assert torch_backed.embedder.name == str(tmp_path)
    assert summarizer.rewrite_model == str(tmp_path / "model.gguf")


class ListEmbedder:
    def encode(self, texts):
        return [[1.0, 0.0] for _ in texts]


class ShortEmbedder:
    def encode(self, texts):
        return HashingEmbedder().encode(texts)[:-1]


class NanEmbedder:
    def encode(self, texts):
        return np.full((len(texts), 4), np.nan, dtype=np.float32)


@pytest.mark.parametrize(
    ("embedder", "message"),
    [
        (ListEmbedder(), r"embedder ListEmbedder returned a list from encode\(\); it must return a numpy array"),
        (ShortEmbedder(), r"returned an array of shape \(1, 256\) for 2 texts"),
        (NanEmbedder(), "NaN or infinite"),
    ],
)
def test_an_embedder_with_the_wrong_output_is_named(embedder, message):
    with pytest.raises(InputError, match=message):
        Summarizer(embedder).summarize(TEXTS)


def test_an_embedder_returning_float64_is_accepted():
    class Float64Embedder:
        def encode(self, texts):
            return HashingEmbedder().encode(texts).astype(np.float64)

    summary = Summarizer(Float64Embedder(), cluster_threshold=0.6).summarize(TEXTS, max_words=20)
    assert summary.sentences[0].sources == ("d1", "d2")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"min_sources": None}, r"'min_sources' parameter of summarize\(\)"), ({"rewrite": "yes"}, "'rewrite'")],
)
def test_summarize_function_checks_its_arguments(kwargs, message):
    with pytest.raises(InputError, match=message):
        summarize(TEXTS, **kwargs)


def test_summarize_none_is_an_input_error(monkeypatch):
    monkeypatch.setattr(summarizer.pipeline, "_default", Summarizer(HashingEmbedder()))
    with pytest.raises(InputError, match=r"takes a list of documents\. Got None"):
        summarize(None)  # type: ignore[arg-type]


def test_lone_surrogate_is_an_input_error_not_a_unicode_error(fake_summarizer):
    with pytest.raises(InputError, match="lone surrogate") as info:
        fake_summarizer.summarize([TEXTS[0], "Mexico sent \udcff 29 people north."])
    assert not isinstance(info.value, UnicodeError)


def test_chinese_text_says_the_language_is_not_supported_instead_of_an_empty_summary(fake_summarizer):
    docs = [
        "墨西哥周四将29名贩毒集团成员移交给美国。其中包括拉斐尔·卡罗·金特罗。美国司法部长表示欢迎。",
        "墨西哥周四向美国移交了29名贩毒集团成员。这是一次罕见的大规模移交。美国司法部长表示欢迎。",
    ]
    with pytest.raises(SummarizerError, match="Chinese or Japanese, which summarizer does not support"):
        fake_summarizer.summarize(docs)


def test_model_path_that_does_not_exist_is_not_loaded_at_construction():
    for backend in ("onnx", "torch"):  # nothing loads until the first encode
        summarizer = Summarizer(model=Path("/nonexistent/model"), backend=backend)
        assert summarizer.embedder.name == "/nonexistent/model"  # type: ignore[attr-defined]


def test_install_hints_name_the_distribution_not_the_unrelated_pypi_summarizer():
    from summarizer.errors import MissingDependencyError

    extra = MissingDependencyError("llama-cpp-python", "rewrite", "Rewriting")
    assert str(extra).endswith("Install it with: pip install 'cited-summarizer[rewrite]'")
    plain = MissingDependencyError("trafilatura", "default", "Reading web pages")
    assert str(plain).endswith("Install it with: pip install trafilatura")
    assert "summarizer[" not in str(plain)


def test_the_distribution_name_in_pyproject_matches_the_hints():
    from summarizer.errors import DISTRIBUTION

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["name"] == DISTRIBUTION != "summarizer"
    assert {"trafilatura", "pyyaml"} <= {
        d.split(">")[0].split("=")[0].lower() for d in pyproject["project"]["dependencies"]
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"backend": "tensorflow"}, r"The 'backend' parameter of Summarizer must be one of \('onnx', 'torch'\)\. Got"),
        ({"progress": "yes"}, r"The 'progress' parameter of Summarizer must be True or False\. Got 'yes' instead\."),
        ({"min_sources": 0}, r"The 'min_sources' parameter of Summarizer must be a positive int\. Got 0 instead\."),
    ],
)
def test_every_constructor_parameter_error_has_the_same_shape(kwargs, message):
    with pytest.raises(InputError, match=message):
        Summarizer(HashingEmbedder(), **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_words": 0}, r"The 'max_words' parameter of Summarizer.summarize must be a positive int or None\."),
        ({"max_sentences": 2.5}, r"The 'max_sentences' parameter of Summarizer.summarize must be"),
    ],
)
def test_budget_errors_name_the_method(fake_summarizer, kwargs, message):
    with pytest.raises(InputError, match=message):
        fake_summarizer.summarize(TEXTS, **kwargs)
