"""Where results go: stdout, or a file written atomically; every message on one line."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from summarizer.cli.args import UsageError
from summarizer.summary import Summary


def one_line(message: object) -> str:
    """``message`` with its white space, line breaks included, folded to single spaces."""
    return " ".join(str(message).split())


def check_output(path: str | None) -> None:
    """Raise before any work when ``-o`` cannot be written."""
    if path is None:
        return
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"-o/--output '{path}' is a directory; give a file name.")
    if not target.parent.is_dir():
        raise UsageError(f"-o/--output '{path}': the folder '{target.parent}' does not exist.")
    if not os.access(target.parent, os.W_OK):
        raise UsageError(f"-o/--output '{path}': the folder '{target.parent}' is not writable.")


@contextlib.contextmanager
def output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside ``path`` renamed onto it only when the block succeeds."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()  # a closed pipe raises here, inside the caller's handler
        return
    target = Path(path)
    check_output(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            yield stream
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a summary is an ordinary file
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def summary_json(summary: Summary) -> dict[str, Any]:
    """:meth:`Summary.to_dict` plus each document's ``text``, which the citation offsets index.

    On the command line that text is otherwise out of reach: for a web page it is the
    extracted article, for a file with front matter the body after it.
    """
    data = summary.to_dict()
    for entry, doc in zip(data["documents"], summary.documents, strict=True):
        entry["text"] = doc.text
    return data
