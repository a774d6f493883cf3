"""What a result was measured with: package versions, the library's commit, the machine."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from typing import Any

from benchmarks.data import ROOT

#: Packages whose versions go into the results.
PACKAGES = (
    "summarizer",
    "torch",
    "sentence-transformers",
    "transformers",
    "numpy",
    "rouge-score",
    "sumy",
    "nltk",
    "datasets",
    "blingfire",
)


def versions() -> dict[str, str | None]:
    """Python's and each of :data:`PACKAGES`' versions (None when not installed)."""
    out: dict[str, str | None] = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_state() -> dict[str, Any]:
    """The commit the library was run from and whether summarizer/ had uncommitted changes."""

    def git(*args: str) -> str:
        out = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return out.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "summarizer_dirty": bool(git("status", "--porcelain", "summarizer"))}


def machine() -> dict[str, Any]:
    """CPUs, load, platform and Python of this machine."""
    return {
        "cpu_count": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": sys.version.split()[0],
    }
