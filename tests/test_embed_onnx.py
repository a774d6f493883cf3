"""The ONNX embedder (issue 9): OpenVINO bf16 by default, ONNX Runtime fp32 equal to PyTorch, a
sentence's vector independent of its batch, checked cache, fallback, no torch at run time."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from summarizer import (
    ChecksumError,
    InputError,
    MissingDependencyError,
    ModelLoadError,
    OnnxEmbedder,
    SentenceTransformerEmbedder,
    Summarizer,
)
from summarizer.embed import default_model_path
from summarizer.embed_onnx import (
    ModelLayout,
    OnnxUnsupportedError,
    cache_key,
    equal_length_batches,
    onnx_cache_dir,
    verified_graph,
)

ROOT = Path(__file__).resolve().parents[1]
#: Checked without importing openvino: a plain import here would send its telemetry (see import_openvino).
needs_openvino = pytest.mark.skipif(importlib.util.find_spec("openvino") is None, reason="openvino is not installed")
TEXTS = [
    "Mexico extradited 29 cartel members to the United States on Thursday.",
    "Mexican authorities sent 29 people linked to drug cartels to the U.S.",
    "The storm hit Honduras.",
    "Rafael Caro Quintero was among them.",
]
#: Sentences of many lengths, several sharing one (so equal-length batches hold more than one).
MIXED = [
    *TEXTS,
    "The storm hit Belize.",
    "The storm hit Mexico.",
    "Officials said the death toll could rise as rescuers reach remote villages in the mountains.",
    "A second wave of extraditions is expected next year, according to two officials familiar with the talks.",
    "Prices rose.",
    "Prices fell.",
    "The court in Brooklyn set a hearing for next month; the defendants have not yet entered pleas.",
    "He denied the charges.",
]


def test_backend_picks_the_embedder_and_bad_values_are_refused():
    assert isinstance(Summarizer().embedder, OnnxEmbedder)
    assert isinstance(Summarizer(backend="torch").embedder, SentenceTransformerEmbedder)
    with pytest.raises(InputError, match=r"'backend' parameter of Summarizer must be one of \('onnx', 'torch'\)"):
        Summarizer(backend="tensorflow")
    with pytest.raises(InputError, match=r"'runtime' parameter of OnnxEmbedder must be one of"):
        OnnxEmbedder(runtime="tensorrt")
    with pytest.raises(InputError, match="int8' runs on ONNX Runtime"):
        OnnxEmbedder(runtime="openvino", quantization="int8")


def test_equal_length_batches_cover_every_row_once_in_groups_of_one_length():
    lengths = [7, 3, 7, 7, 12, 3, 7, 7, 1]
    batches = equal_length_batches(lengths, 3)
    rows = [int(i) for b in batches for i in b]
    assert sorted(rows) == list(range(len(lengths)))
    assert all(len({lengths[i] for i in b}) == 1 and 1 <= len(b) <= 3 for b in batches)
    assert [lengths[b[0]] for b in batches] == [1, 3, 7, 7, 12]  # shortest first; five 7s split 3 + 2
    assert equal_length_batches([], 4) == []


def test_the_default_layout_is_read_from_the_model_folder():
    layout = ModelLayout.read(Path(default_model_path()))
    assert (layout.max_seq_length, layout.pooling) == (256, "mean")
    assert cache_key(layout, "fp32") != cache_key(layout, "int8")


def copy_config(tmp_path: Path) -> Path:
    """The default model's small config files, without weights."""
    source = Path(default_model_path())
    folder = tmp_path / "model"
    (folder / "1_Pooling").mkdir(parents=True)
    for name in ("modules.json", "sentence_bert_config.json", "tokenizer.json", "1_Pooling/config.json"):
        (folder / name).write_bytes((source / name).read_bytes())
    return folder


def test_models_with_other_modules_or_pooling_are_not_served(tmp_path):
    folder = copy_config(tmp_path)
    modules = json.loads((folder / "modules.json").read_text())
    modules.insert(2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"})
    (folder / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(OnnxUnsupportedError, match="Dense"):
        ModelLayout.read(folder)
    folder = copy_config(tmp_path / "b")
    pooling = folder / "1_Pooling" / "config.json"
    pooling.write_text(json.dumps({**json.loads(pooling.read_text()), "pooling_mode_max_tokens": True}))
    with pytest.raises(OnnxUnsupportedError, match="pools with"):
        ModelLayout.read(folder)


def test_a_model_the_onnx_path_cannot_serve_falls_back_to_pytorch_or_raises(tmp_path):
    embedder = OnnxEmbedder("some-user/some-hub-model")
    embedder._load()  # a hub id is not exported: PyTorch serves it (loaded lazily, so nothing is fetched here)
    assert embedder.backend == "torch" and embedder._torch.name == "some-user/some-hub-model"
    strict = OnnxEmbedder(str(tmp_path / "missing"), fallback=False)
    with pytest.raises(ModelLoadError, match="not a local folder"):
        strict.encode(["x"])


def test_the_cached_graph_is_verified_by_its_checksum(tmp_path):
    assert verified_graph(tmp_path) is None
    (tmp_path / "model.onnx").write_bytes(b"graph bytes")
    digest = "4e0a1ebf4c15ec2b3a9b4b0a8b8bb0e8c0d1ab4b5b94d18f7ddc1a6ea1d76e4a"
    (tmp_path / "meta.json").write_text(json.dumps({"sha256": digest}))
    with pytest.raises(ChecksumError, match="Delete the folder"):
        verified_graph(tmp_path)
    import hashlib

    (tmp_path / "meta.json").write_text(json.dumps({"sha256": hashlib.sha256(b"graph bytes").hexdigest()}))
    assert verified_graph(tmp_path) == tmp_path / "model.onnx"


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    return SentenceTransformerEmbedder().encode(MIXED)


@pytest.mark.model
def test_onnx_runtime_vectors_match_pytorch_and_int8_stays_close(torch_vectors):
    onnx = OnnxEmbedder(runtime="onnxruntime", fallback=False)
    vectors = onnx.encode(MIXED)
    assert (onnx.backend, onnx.engine, onnx.precision) == ("onnx", "onnxruntime", "fp32")
    assert vectors.dtype == np.float32 and vectors.shape == (len(MIXED), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert np.allclose(vectors, torch_vectors, atol=1e-5)
    assert np.allclose(onnx.encode(MIXED[::-1])[::-1], vectors, atol=1e-6)  # order and batching do not matter
    assert onnx.encode([]).shape == (0, 384)
    int8 = OnnxEmbedder(quantization="int8", fallback=False)
    cosines = (int8.encode(MIXED) * torch_vectors).sum(axis=1)
    assert int8.engine == "onnxruntime" and cosines.mean() >= 0.99 and cosines.min() > 0.97


@pytest.mark.model
@needs_openvino
def test_the_default_embedder_is_within_cosine_0_9999_of_pytorch_and_independent_of_its_batch(torch_vectors):
    embedder = OnnxEmbedder(fallback=False)
    vectors = embedder.encode(MIXED)
    assert (embedder.backend, embedder.engine) == ("onnx", "openvino")
    assert embedder.precision in ("bf16", "fp32")  # bf16 where the CPU has it natively
    assert vectors.dtype == np.float32 and vectors.shape == (len(MIXED), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    cosines = (vectors * torch_vectors).sum(axis=1)
    assert cosines.mean() >= 0.9999 and cosines.min() >= 0.9995, cosines
    # a sentence's vector is the same alone, in any batch, in any order, and with any batch size
    alone = np.concatenate([embedder.encode([text]) for text in MIXED])
    assert np.abs(alone - vectors).max() <= 1e-6
    assert np.abs(embedder.encode(MIXED[::-1])[::-1] - vectors).max() <= 1e-6
    assert np.abs(embedder.encode(MIXED[3:] + MIXED)[-len(MIXED) :] - vectors).max() <= 1e-6
    small = OnnxEmbedder(batch_size=1, threads=1, fallback=False)
    assert np.abs(small.encode(MIXED) - vectors).max() <= 1e-6
    assert embedder.encode([]).shape == (0, 384)
    fp32 = OnnxEmbedder(bf16=False, fallback=False)
    assert np.allclose(fp32.encode(MIXED), torch_vectors, atol=1e-5)
    assert (fp32.engine, fp32.precision) == ("openvino", "fp32")


@pytest.mark.model
def test_runtime_choice_without_openvino(monkeypatch):
    monkeypatch.setitem(sys.modules, "openvino", None)  # import openvino now raises ImportError
    with pytest.raises(MissingDependencyError, match="pip install openvino"):
        OnnxEmbedder(runtime="openvino", fallback=False).encode(["x"])
    auto = OnnxEmbedder(fallback=False)
    assert auto.encode(TEXTS).shape == (4, 384)
    assert (auto.engine, auto.precision) == ("onnxruntime", "fp32")


@pytest.mark.model
@needs_openvino
def test_openvino_is_imported_without_its_usage_telemetry(tmp_path):
    OnnxEmbedder().encode(["export the graph now if this cache has none"])
    code = (
        "import sys\nfrom summarizer import OnnxEmbedder\n"
        "embedder = OnnxEmbedder(fallback=False)\nembedder.encode(['The storm hit Honduras.'])\n"
        "print(embedder.engine, 'openvino_telemetry' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TF_BUILD", "JENKINS_URL")}  # telemetry's opt-outs
    env.update(HOME=str(tmp_path), SUMMARIZER_CACHE=str(onnx_cache_dir().parent))
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert result.stdout.split("\n")[0] == "openvino False", result.stderr
    assert not (tmp_path / "intel").exists()  # where openvino_telemetry keeps its client id and usage count


@pytest.mark.model
def test_a_changed_exported_graph_is_refused_on_load(tmp_path, monkeypatch):
    OnnxEmbedder(runtime="onnxruntime").encode(["export the graph now if this cache has none"])
    layout = ModelLayout.read(Path(default_model_path()))
    source = onnx_cache_dir() / cache_key(layout, "fp32")
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    target = onnx_cache_dir() / cache_key(layout, "fp32")
    assert target != source
    target.mkdir(parents=True)
    (target / "meta.json").write_bytes((source / "meta.json").read_bytes())
    graph = bytearray((source / "model.onnx").read_bytes())
    graph[len(graph) // 2] ^= 1  # one bit of one weight
    (target / "model.onnx").write_bytes(bytes(graph))
    with pytest.raises(ChecksumError, match="Delete the folder"):
        OnnxEmbedder(fallback=True).encode(["x"])  # never falls back to PyTorch over a checksum


@pytest.mark.model
def test_the_default_path_does_not_import_torch_once_exported(seed_documents):
    Summarizer().embedder.encode(["export the graph now if this cache has none"])
    code = (
        "import sys\nfrom summarizer import Summarizer, read_documents\n"
        "summary = Summarizer().summarize(read_documents(['seeds']), max_sentences=2)\n"
        "print(len(summary.sentences), sorted(m for m in ('torch', 'transformers', 'sentence_transformers') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=dict(os.environ), timeout=300
    )
    assert result.stdout.split("\n")[0] == "2 []", result.stderr


def test_the_default_weights_are_checked_against_the_manifest_before_export(tmp_path):
    from summarizer.embed_onnx import export

    layout = ModelLayout.read(Path(default_model_path()))
    pinned = OnnxEmbedder()._pinned_sha256()
    assert pinned is not None and len(pinned) == 64
    assert OnnxEmbedder(str(tmp_path))._pinned_sha256() is None  # only the default is pinned
    with pytest.raises(ChecksumError, match="the manifest pins"):
        export(layout, tmp_path / "target", "fp32", source_sha256="0" * 64)
    assert not (tmp_path / "target").exists()
