"""Command line: ``summarize PATH... | DIR | URL | -`` and ``summarize --batch CLUSTERS.jsonl``.

The summary goes to stdout (or ``-o FILE``, written atomically); progress bars and
diagnostics go to stderr. A bad input prints one line that names the flag at fault and
exits 2; Ctrl-C prints one line and exits 130; a closed stdout pipe (``| head``) ends
quietly. With ``--batch``, a cluster that fails gets ``{"id", "error"}`` on its output
line, the others are still summarized, and the exit status is 1.

The package, by job: ``args`` (the flags and their checks), ``app`` (the command: models,
one summary, :func:`main`), ``batch`` (``--batch``, on this process or on Ray) and
``output`` (where results go).

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from summarizer.cli.app import main

__all__ = ["main"]
