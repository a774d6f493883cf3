from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from summarizer import ModelLoadError, SentenceTransformerEmbedder, Summarizer
from summarizer.embed import Embedder, default_model_path
from summarizer.testing import HashingEmbedder


def test_the_model_loads_on_the_first_encode_and_once(monkeypatch):
    import sentence_transformers

    loads = []

    class Loaded:
        def encode(self, texts, **kwargs):
            return np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", lambda *a, **k: loads.append(a) or Loaded())
    embedder = SentenceTransformerEmbedder("/no/such/model")  # a missing path is no error yet
    assert loads == []
    assert embedder.encode(["a", "b"]).shape == (2, 3)
    embedder.encode(["c"])
    assert loads == [("/no/such/model",)]


def test_unreachable_hub_id_says_it_was_read_as_a_hub_id():
    # In a fresh interpreter, so that huggingface_hub reads HF_HUB_OFFLINE and fails fast.
    code = (
        "from summarizer import SentenceTransformerEmbedder, ModelLoadError\n"
        "try:\n    SentenceTransformerEmbedder('no-such-user/no-such-model').encode(['x'])\n"
        "except ModelLoadError as err:\n    print(type(err).__name__, err)\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout.startswith("ModelLoadError Could not load")
    assert "read as a Hugging Face hub id" in result.stdout


def test_broken_local_path_says_it_was_read_as_a_path(tmp_path):
    broken = tmp_path / "broken-model"
    broken.mkdir()
    with pytest.raises(ModelLoadError, match="local path"):
        SentenceTransformerEmbedder(str(broken)).encode(["x"])


def test_custom_embedders_satisfy_the_protocol():
    assert isinstance(HashingEmbedder(), Embedder)
    assert isinstance(SentenceTransformerEmbedder(), Embedder)


@pytest.mark.model
def test_default_model_and_the_same_model_by_path_agree():
    texts = ["Mexico extradited 29 cartel members.", "The storm hit Honduras."]
    default = SentenceTransformerEmbedder().encode(texts)
    by_path = Summarizer(model=default_model_path(), backend="torch").embedder.encode(texts)
    assert default.shape == (2, 384) and default.dtype == np.float32
    assert np.allclose(np.linalg.norm(default, axis=1), 1, atol=1e-5)
    assert np.allclose(default, by_path, atol=1e-6)
    onnx_default = Summarizer().embedder.encode(texts)
    assert np.allclose(Summarizer(model=default_model_path()).embedder.encode(texts), onnx_default, atol=1e-6)
    assert SentenceTransformerEmbedder().encode([]).shape == (0, 384)
