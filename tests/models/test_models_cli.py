"""``python -m summarizer.models``: list, install, path; one-line errors with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from summarizer import models
from summarizer.models import checksums
from summarizer.models.__main__ import main


def test_cli_list(fake_model, capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "tiny" in out and "no (python -m summarizer.models install tiny)" in out


def test_cli_install_and_path(fake_model, capsys):
    assert main(["install", "tiny"]) == 0
    assert capsys.readouterr().out.strip() == str(fake_model["cache"] / "tiny.gguf")
    assert main(["path", "tiny"]) == 0
    assert capsys.readouterr().out.strip() == str(fake_model["cache"] / "tiny.gguf")


@pytest.mark.parametrize("argv", [["install", "nope"], ["path", "nope"]])
def test_cli_errors_are_one_line_and_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: Unknown model 'nope'") and err.count("\n") == 1


def test_cli_checksum_error_exits_2(fake_model, capsys):
    fake_model["change"](sha256="f" * 64)
    assert main(["install", "tiny"]) == 2
    assert "sha256" in capsys.readouterr().err


def test_a_damaged_model_is_listed_as_damaged_and_path_refuses_it(fake_model, capsys):
    path = models.install("tiny", progress=False)
    path.write_bytes(b"X" * path.stat().st_size)
    checksums.forget_verified()
    assert main(["list"]) == 0
    assert "damaged (python -m summarizer.models install tiny)" in capsys.readouterr().out
    assert main(["path", "tiny"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The model file of 'tiny'") and "python -m summarizer.models install tiny" in err


def test_the_module_runs_and_lists_the_manifest(tmp_path):
    env = {**os.environ, "SUMMARIZER_CACHE": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "summarizer.models", "list"], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "role", "backend", "size", "license", "installed"]
    assert [line.split()[0] for line in lines[1:]] == [s.name for s in models.list_models()]
