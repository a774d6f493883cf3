"""The cache folder, where assembled weights and the record of verified files live.

``$SUMMARIZER_CACHE`` when set, else ``~/.cache/summarizer/models``.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

#: The file in the cache folder that remembers verified files: ``{path: [size, mtime_ns, sha256]}``.
RECORD_NAME = "verified.json"


def cache_dir() -> Path:
    """The folder assembled weights go to: ``$SUMMARIZER_CACHE`` or ``~/.cache/summarizer/models``."""
    env = os.environ.get("SUMMARIZER_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "summarizer" / "models"


def read_record() -> dict[str, list[object]]:
    """The verified files remembered in the cache folder (empty when there is no readable record)."""
    try:
        data = json.loads((cache_dir() / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(key: str, mark: list[object]) -> None:
    """Add one verified file to the record; written atomically, and skipped when the folder is read-only."""
    record = read_record()
    if record.get(key) == mark:
        return
    record = {path: value for path, value in record.items() if Path(path).exists()}  # forget deleted files
    record[key] = mark
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{RECORD_NAME}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, indent=1)
        os.replace(temporary, folder / RECORD_NAME)
    except OSError as err:  # a read-only cache only costs a re-hash next time
        logger.debug("Could not write %s: %s", folder / RECORD_NAME, err)
