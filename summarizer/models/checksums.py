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


def verify_file(path: Path, sha256: str, *, what: str, fix: str, size: int | None = None) -> None:
    """Raise :class:`~summarizer.errors.ChecksumError` unless ``path`` has ``sha256`` (and ``size``).

    ``what`` names the file in the message ("The assembled model 'qwen2.5-coder-1.5b'") and
    ``fix`` says what to do. A file already verified with the same size and modification
    time is not hashed again.
    """
    if not path.is_file():
        raise ChecksumError(f"{what} ('{path}') is missing. {fix}")
    stat = path.stat()
    if size is not None and stat.st_size != size:
        raise ChecksumError(
            f"{what} ('{path}') has {stat.st_size} bytes, but the manifest pins {size} bytes with sha256 "
            f"{sha256}: it was changed or damaged. {fix}"
        )
    key = str(path.resolve())
    mark: list[object] = [stat.st_size, stat.st_mtime_ns, sha256]
    if _verified.get(key) == mark:
        return
    if read_record().get(key) != mark:
        level = logging.INFO if stat.st_size > LARGE else logging.DEBUG
        logger.log(level, "Checking the sha256 of %s (%.0f MB) …", path, stat.st_size / 1e6)
        actual = file_sha256(path)
        if actual != sha256:
            raise ChecksumError(
                f"{what} ('{path}') has sha256 {actual}, but the manifest pins {sha256}: "
                f"it was changed or damaged. {fix}"
            )
        remember(key, mark)
    _verified[key] = mark


def forget_verified() -> None:
    """Forget the files verified in this process (the cache folder's record stays)."""
    _verified.clear()
