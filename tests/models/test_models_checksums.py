"""summarizer.models: installed files are checked against the manifest on first use, and remembered."""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
from pathlib import Path

import pytest

from summarizer import models
from summarizer.errors import ChecksumError, MissingDependencyError, SummarizerError
from summarizer.models import checksums, locate, manifest
from summarizer.models.manifest import ModelSpec, Package


@pytest.fixture
def hashing(monkeypatch) -> list[Path]:
    """The files hashed from now on."""
    calls: list[Path] = []
    real = checksums.file_sha256
    monkeypatch.setattr(checksums, "file_sha256", lambda path: calls.append(path) or real(path))
    return calls


def _corrupt_same_size(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stat = path.stat()
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later mtime, as any edit gives


def test_a_same_size_corrupted_gguf_in_the_cache_is_refused(fake_model):
    path = models.install("tiny", progress=False)
    _corrupt_same_size(path)
    checksums.forget_verified()  # a new process
    with pytest.raises(ChecksumError) as info:
        models.model_path("tiny")
    message = str(info.value)
    assert str(path) in message and fake_model["entry"]["sha256"] in message
    assert "python -m summarizer.models install tiny" in message
    assert not models.is_installed("tiny")


def test_a_gguf_of_another_size_is_refused_without_hashing(fake_model, hashing):
    path = models.install("tiny", progress=False)
    path.write_bytes(path.read_bytes()[:-1])  # truncated
    with pytest.raises(ChecksumError, match=r"has \d+ bytes, but the manifest pins"):
        models.model_path("tiny")
    assert hashing == []


def test_the_check_runs_once_per_process_and_again_when_the_file_changes(fake_model, hashing):
    path = models.install("tiny", progress=False)
    (fake_model["cache"] / "verified.json").unlink()  # forget what install recorded
    checksums.forget_verified()
    models.model_path("tiny")
    models.model_path("tiny")
    assert hashing == [path]  # hashed once, then remembered
    checksums.forget_verified()
    models.model_path("tiny")
    assert hashing == [path]  # a new process reads the record: size and mtime unchanged
    _corrupt_same_size(path)
    with pytest.raises(ChecksumError):
        models.model_path("tiny")
    assert hashing == [path, path]


def test_an_explicit_gguf_path_of_a_manifest_model_is_checked(fake_model, monkeypatch):
    from summarizer.rewrite import load_rewriter

    path = models.install("tiny", progress=False)
    _corrupt_same_size(path)
    checksums.forget_verified()
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: object())
    with pytest.raises(ChecksumError, match="tiny"):
        load_rewriter(str(path))
    with pytest.raises(ChecksumError):
        load_rewriter("tiny")


def _package_spec(files: dict[str, str]) -> ModelSpec:
    """A 'model' used from its package folder: pytest's own files stand in for the weights."""
    version = importlib.metadata.version("pytest")
    init = Path(str(importlib.metadata.distribution("pytest").locate_file("pytest/__init__.py"))).resolve()
    return ModelSpec(
        name="pytest-model",
        role="embed",
        backend="sentence-transformers",
        upstream="nobody/pytest-model",
        license="MIT",
        file="pytest/__init__.py",
        size=init.stat().st_size,
        sha256=hashlib.sha256(init.read_bytes()).hexdigest(),
        packages=(Package("pytest", version, "0" * 64),),
        files=tuple(sorted(files.items())),
    )


def _sha(name: str) -> str:
    path = Path(str(importlib.metadata.distribution("pytest").locate_file(f"pytest/{name}"))).resolve()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_pinned_file_of_a_package_model_is_checked(monkeypatch):
    good = _package_spec({"__init__.py": _sha("__init__.py"), "__main__.py": _sha("__main__.py")})
    folder = locate.package_model_folder(good)
    assert folder is not None and (folder / "__main__.py").is_file()
    bad = _package_spec({"__init__.py": _sha("__init__.py"), "__main__.py": "f" * 64})
    with pytest.raises(ChecksumError) as info:
        locate.package_model_folder(bad)
    assert "__main__.py" in str(info.value) and "pip install --force-reinstall pytest==" in str(info.value)
    missing = _package_spec({"no-such-file.json": "f" * 64})
    with pytest.raises(ChecksumError, match=r"no-such-file\.json.*is missing"):
        locate.package_model_folder(missing)


def test_a_damaged_default_embedder_stops_the_summarizer_before_it_loads(monkeypatch, fake_summarizer_texts):
    from summarizer import Summarizer

    bad = _package_spec({"__init__.py": "f" * 64})
    monkeypatch.setattr(manifest, "default_model", lambda role: bad)
    monkeypatch.setattr(locate, "default_model", lambda role: bad)
    for backend in ("onnx", "torch"):
        with pytest.raises(ChecksumError, match=r"__init__\.py"):
            Summarizer(backend=backend).summarize(fake_summarizer_texts)


def test_a_missing_embedder_package_names_the_pip_install(monkeypatch):
    spec = _package_spec({})
    missing = ModelSpec(**{**spec.__dict__, "packages": (Package("surely-not-installed-xyz", "1.0", "0" * 64),)})
    monkeypatch.setattr(locate, "default_model", lambda role: missing)
    with pytest.raises(MissingDependencyError, match=re.escape("pip install surely-not-installed-xyz")):
        models.default_embedder_folder()


def test_a_checksum_error_is_caught_as_a_summarizer_error_and_read_as_a_value_error(fake_model):
    path = models.install("tiny", progress=False)
    _corrupt_same_size(path)
    checksums.forget_verified()
    for kind in (SummarizerError, ValueError):
        with pytest.raises(kind):
            models.model_path("tiny")


@pytest.fixture
def fake_summarizer_texts() -> list[str]:
    return ["Mexico sent 29 cartel members to the United States.", "Mexico sent 29 cartel members to the US."]
