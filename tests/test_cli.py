from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import cli
from summarizer.testing import HashingEmbedder

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(autouse=True)
def fake_model(monkeypatch):
    """The CLI builds its Summarizer by name; give it the hashing embedder instead of a model."""
    real = cli.Summarizer

    def fake(model=None, **kwargs):
        return real(HashingEmbedder(), cluster_threshold=0.6, **kwargs)

    monkeypatch.setattr(cli, "Summarizer", fake)


def test_json_output_for_a_directory(capsys):
    assert cli.main([str(SEEDS), "--format", "json", "--words", "80"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["id"] for d in data["documents"]} == {p.stem for p in SEEDS.glob("*.txt")}
    assert data["sentences"] and sum(len(s["text"].split()) for s in data["sentences"]) <= 80
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for sentence in data["sentences"]:
        assert set(sentence["sources"]) == {c["doc_id"] for c in sentence["citations"]}
        for c in sentence["citations"]:
            assert texts[c["doc_id"]][c["start"] : c["end"]] == c["text"]


def test_markdown_and_text_formats_and_sentence_budget(capsys):
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))[:3]
    assert cli.main([*files, "--sentences", "2"]) == 0
    out = capsys.readouterr().out
    body = out.split("\n\nSources:\n")[0].split("\n\nWhere the sources differ:")[0]
    assert len(body.splitlines()) == 2 and "[1]" in out
    assert cli.main([*files, "--sentences", "2", "--format", "text"]) == 0
    assert "[1]" not in capsys.readouterr().out


def test_stdin_is_one_document(monkeypatch, capsys):
    text = "Mexico extradited 29 cartel members to the United States on Thursday. Officials confirmed it."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    assert cli.main(["-", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == [{"id": "stdin"}]
    assert data["sentences"][0]["citations"][0]["doc_id"] == "stdin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-dir/"], "No such file or directory"),
        ([str(SEEDS), "--words", "0"], "max_words"),
        ([str(SEEDS), "--min-sources", "0"], "min_sources"),
    ],
)
def test_bad_input_prints_one_line_and_exits_2(capsys, args, message):
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarize: error:") and message in err
    assert len(err.strip().splitlines()) == 1


def test_binary_file(tmp_path, capsys):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\x00\x00")
    assert cli.main([str(path)]) == 2
    assert "binary" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--format", "yaml", str(SEEDS)])
    assert info.value.code == 2


def test_console_script_runs_as_a_module(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", str(tmp_path / "nope.txt")], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"summarize: error: No such file or directory: '{tmp_path / 'nope.txt'}'."
    assert "Traceback" not in result.stderr
