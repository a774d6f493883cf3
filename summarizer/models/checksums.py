"""sha256 checks of model files, remembered by size and modification time.

Hashing a 1 GB GGUF takes seconds, so a file that matched is remembered for the rest of the
process and in the cache folder's record (:mod:`summarizer.models.cache`), keyed by its path
with its size and modification time. A file whose size or modification time changed is
hashed again; a mismatch raises :class:`~summarizer.errors.ChecksumError` naming the file and
the fix.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "weights.bin"
>>> _ = path.write_bytes(b"weights")
>>> verify_file(path, "0" * 64, what="The test file", fix="Write it again.")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
summarizer.errors.ChecksumError: The test file ('...weights.bin') has sha256 ..., but the manifest pins 000...0: ...
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from summarizer.errors import ChecksumError
from summarizer.models.cache import read_record, remember

logger = logging.getLogger(__name__)

CHUNK = 8 * 1024 * 1024
#: Files larger than this many bytes say so on the log (INFO) when they are hashed: it takes a while.
LARGE = 100_000_000
# Files verified in this process: resolved path -> [size, mtime_ns, sha256].
_verified: dict[str, list[object]] = {}


def file_sha256(path: Path) -> str:
    """The sha256 of the file at ``path``, as hex."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def mismatch(
    what: str,
    fix: str,
    *,
    pinned_sha256: str,
    pinned_size: int | None,
    size: int | None = None,
    sha256: str | None = None,
) -> ChecksumError | None:
    """The error for a file whose ``size`` or ``sha256`` is not the pinned one, or None when they match.

    ``what`` names the file ("The model file of 'qwen2.5-coder-1.5b' ('/…/x.gguf')") and ``fix``
    says what to do. A value not given (None) is not compared.
    """
    if size is not None and pinned_size is not None and size != pinned_size:
        found = f"{size} bytes, but the manifest pins {pinned_size} bytes with sha256 {pinned_sha256}"
    elif sha256 is not None and sha256 != pinned_sha256:
        found = f"sha256 {sha256}, but the manifest pins {pinned_sha256}"
    else:
        return None
    return ChecksumError(f"{what} has {found}: it was changed or damaged. {fix}")


def verify_file(path: Path, sha256: str, *, what: str, fix: str, size: int | None = None) -> None:
    """Raise :class:`~summarizer.errors.ChecksumError` unless ``path`` has ``sha256`` (and ``size``).

    ``what`` names the file in the message ("The model file of 'qwen2.5-coder-1.5b'") and
    ``fix`` says what to do. A file already verified with the same size and modification
    time is not hashed again.
    """
    what = f"{what} ('{path}')"
    if not path.is_file():
        raise ChecksumError(f"{what} is missing. {fix}")
    stat = path.stat()
    error = mismatch(what, fix, pinned_sha256=sha256, pinned_size=size, size=stat.st_size)
    if error is not None:
        raise error
    key = str(path.resolve())
    mark: list[object] = [stat.st_size, stat.st_mtime_ns, sha256]
    if _verified.get(key) == mark:
        return
    if read_record().get(key) != mark:
        level = logging.INFO if stat.st_size > LARGE else logging.DEBUG
        logger.log(level, "Checking the sha256 of %s (%.0f MB) …", path, stat.st_size / 1e6)
        error = mismatch(what, fix, pinned_sha256=sha256, pinned_size=size, sha256=file_sha256(path))
        if error is not None:
            raise error
        remember(key, mark)
    _verified[key] = mark


def forget_verified() -> None:
    """Forget the files verified in this process (the cache folder's record stays)."""
    _verified.clear()
