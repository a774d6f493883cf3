"""Exceptions raised by summarizer.

Every error the library raises on purpose derives from :class:`SummarizerError`,
so callers (and the CLI) can catch one type::

    SummarizerError
     ├── InputError(ValueError)             bad documents, ids, budgets or files
     ├── ModelLoadError(OSError)            a model name or path that cannot be loaded
     ├── MissingDependencyError(ImportError) an optional package is not installed
     └── ChecksumError(ValueError)          a model file does not have the sha256 it is pinned to

Each message states the bad value and how to fix it.
"""

from __future__ import annotations

#: The name to ``pip install`` (the import name is ``summarizer``; that name on PyPI is another project).
DISTRIBUTION = "cited-summarizer"


class SummarizerError(Exception):
    """Base class of every error that summarizer raises on purpose."""


class InputError(SummarizerError, ValueError):
    """The documents, their ids, a budget or an input file cannot be used."""


class ModelLoadError(SummarizerError, OSError):
    """A model could not be loaded (the message says whether the name was read as a path or a hub id)."""


class MissingDependencyError(SummarizerError, ImportError):
    """An optional dependency is missing; the message names the ``pip install`` command."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        # "default": a plain dependency, so installing the distribution (or the package) brings it.
        command = f"pip install {package}" if extra == "default" else f"pip install '{DISTRIBUTION}[{extra}]'"
        super().__init__(f"{purpose} needs the package {package!r}, which is not installed. Install it with: {command}")


class ChecksumError(SummarizerError, ValueError):
    """A model file does not have the size or sha256 it is pinned to.

    Raised for an assembled GGUF or a file of the default embedding model that does not match
    ``summarizer/models/manifest.json``, and for an exported ONNX graph that does not match its
    ``meta.json``. The message names the file and the command that fixes it.
    """
