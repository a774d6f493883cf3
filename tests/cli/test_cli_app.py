"""The ``summarize`` command: inputs, formats, one-line errors, exit codes, --model, progress."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarizer import ModelLoadError, Summarizer, __version__, cli, loading
from summarizer.cli import app
from summarizer.embed import default_model_path
from tests.cli.cli_cases import FACTS, SEEDS
from tests.news_pages import CHROME, news_page


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
    assert data["documents"] == [{"id": "stdin", "text": text}]
    assert data["sentences"][0]["citations"][0]["doc_id"] == "stdin"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-dir/"], "No such file or directory"),
        ([str(SEEDS), "--words", "0"], "--words must be a positive integer. Got 0."),
        ([str(SEEDS), "--sentences", "-1"], "--sentences must be a positive integer. Got -1."),
        ([str(SEEDS), "--min-sources", "0"], "--min-sources must be a positive integer. Got 0."),
        ([str(SEEDS), "--min-sources", "6"], "--min-sources 6 is more than the 5 documents given"),
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


# --- issue 8: web pages, metadata, --batch, and command-line conventions -----------------


def seed_pages(folder: Path) -> dict[str, str]:
    """The five seeds saved as ordinary news pages (chrome around the prose); returns id -> seed text."""
    texts = {}
    for n, path in enumerate(sorted(SEEDS.glob("*.txt")), start=1):
        text = path.read_text(encoding="utf-8")
        paragraphs = [line for line in text.splitlines() if line.strip()]
        page = news_page(
            paragraphs, title=f"Headline {n}", site=f"Outlet {n}", url=f"https://outlet{n}.example/mexico-29"
        )
        (folder / f"page{n}.html").write_text(page, encoding="utf-8")
        texts[f"page{n}"] = text
    return texts


def test_a_folder_of_news_pages_gives_prose_only_with_outlets_and_headlines(tmp_path, capsys):
    texts = seed_pages(tmp_path)
    assert cli.main([str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sentences"]
    docs = {d["id"]: d for d in data["documents"]}
    assert all(d.pop("text").startswith(texts[name].splitlines()[0]) for name, d in docs.items())
    assert docs["page1"] == {
        "id": "page1",
        "title": "Headline 1",
        "source": "Outlet 1",
        "url": "https://outlet1.example/mexico-29",
        "published": "2025-02-28",
    }
    for sentence in data["sentences"]:
        assert not any(chrome in sentence["text"] for chrome in CHROME), sentence["text"]
        for c in sentence["citations"]:
            assert c["text"] in texts[c["doc_id"]]  # article prose, cited where it stands
    assert cli.main([str(tmp_path), "--sentences", "2"]) == 0
    sources = capsys.readouterr().out.split("\n\nSources:\n")[1].splitlines()
    assert sources and all(line.startswith("[") and "Outlet" in line and "Headline" in line for line in sources)
    listed = re.compile(r"\[\d\] Outlet (\d) — Headline \1 <https://outlet\1\.example/mexico-29>")
    assert all(listed.fullmatch(line) for line in sources)


def test_citations_index_the_extracted_text(tmp_path, capsys):
    from summarizer import read_documents

    seed_pages(tmp_path)
    extracted = {d.id: d.text for d in read_documents([tmp_path])}
    assert cli.main([str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["id"]: d["text"] for d in data["documents"]} == extracted  # the JSON carries the indexed text
    for sentence in data["sentences"]:
        for c in sentence["citations"]:
            assert extracted[c["doc_id"]][c["start"] : c["end"]] == c["text"]


def test_jsonl_and_front_matter_inputs(tmp_path, capsys):
    facts = "Mexico extradited 29 cartel members to the United States on Thursday. Officials confirmed it."
    (tmp_path / "ap.md").write_text(f"---\ntitle: Mexico extradites 29\nsource: AP\n---\n{facts}\n", encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(
        json.dumps({"id": "rt", "text": facts, "source": "Reuters", "title": "29 sent north"}) + "\n", encoding="utf-8"
    )
    assert cli.main([str(tmp_path / "ap.md"), str(tmp_path / "more.jsonl"), "--sentences", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Mexico extradited 29 cartel members")
    assert out.endswith("Sources:\n[1] AP — Mexico extradites 29\n[2] Reuters — 29 sent north\n")
    assert "---" not in out and '"text"' not in out


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"summarize {__version__} (cited-summarizer)"


def test_output_file_is_written_atomically_and_replaces_the_old_one(tmp_path, capsys):
    target = tmp_path / "summary.json"
    target.write_text("old", encoding="utf-8")
    assert cli.main([str(SEEDS), "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["sentences"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.json"]  # no temporary file left
    assert target.stat().st_mode & 0o644 == 0o644


def test_interrupt_prints_one_line_exits_130_and_leaves_the_old_output(tmp_path, monkeypatch, capsys):
    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(Summarizer, "summarize", interrupted)
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    assert cli.main([str(SEEDS), "-o", str(target)]) == 130
    assert capsys.readouterr().err == "summarize: interrupted\n"
    assert target.read_text(encoding="utf-8") == "old"


def test_closed_stdout_pipe_ends_quietly(tmp_path):
    script = (
        "import sys\n"
        "from summarizer import Summarizer, cli\n"
        "from summarizer.cli import app\n"
        "from summarizer.testing import HashingEmbedder\n"
        "app.Summarizer = lambda model=None, **kw: Summarizer(HashingEmbedder(), **kw)\n"
        f"sys.exit(cli.main([{str(SEEDS)!r}, '--format', 'json']))\n"
    )
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (`head -1`) has already gone
    try:
        result = subprocess.run([sys.executable, "-c", script], stdout=write_end, stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write_end)
    assert result.stderr.decode() == ""
    assert result.returncode == 141


@pytest.fixture
def silent_hub(monkeypatch):
    """A 'hub' that accepts connections and never answers."""
    import huggingface_hub.constants

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", f"http://127.0.0.1:{server.getsockname()[1]}")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(loading, "HUB_TIMEOUT", 1.0)
    yield
    server.close()


def test_hub_model_fails_within_bounded_time_when_the_hub_never_answers(silent_hub, capsys):
    start = time.monotonic()
    assert cli.main([str(SEEDS), "--model", "some-org/some-model"]) == 2
    assert time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert err.startswith("summarize: error: --model 'some-org/some-model'")
    assert "set HF_HUB_OFFLINE=1" in err


def test_a_multi_line_model_error_is_one_line_naming_the_flag(monkeypatch, capsys):
    class Broken:
        def encode(self, texts):
            raise ModelLoadError("Could not load 'x'.\n404 Client Error: Not Found\nfor url: https://hub/x")

    monkeypatch.setattr(app, "check_hub", lambda model_id: None)
    monkeypatch.setattr(app, "Summarizer", lambda model=None, **kw: Summarizer(Broken(), **kw))
    assert cli.main([str(SEEDS), "--model", "x"]) == 2
    err = capsys.readouterr().err
    assert err == "summarize: error: --model: Could not load 'x'. 404 Client Error: Not Found for url: https://hub/x\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--words", "many", str(SEEDS)], "argument --words: invalid int value: 'many'"),
        ([], "give PATH arguments"),
        (["--batch", "x.jsonl", str(SEEDS)], "not both"),
        (["--batch", "x.jsonl", "--format", "text"], "--format text does not apply to --batch"),
    ],
)
def test_usage_errors_are_one_line(capsys, args, message):
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and message in err and err.startswith("summarize: error:")


def test_progress_bar_on_a_terminal_only_and_not_with_quiet(monkeypatch, capsys):
    assert cli.main([str(SEEDS), "--format", "text"]) == 0
    assert capsys.readouterr().err == ""  # stderr is not a terminal here
    monkeypatch.setattr(app, "_stderr_is_terminal", lambda: True)
    assert cli.main([str(SEEDS), "--format", "text"]) == 0
    assert "embedding" in capsys.readouterr().err
    assert cli.main([str(SEEDS), "--format", "text", "--quiet"]) == 0
    assert capsys.readouterr().err == ""


def test_the_default_model_name_is_not_looked_up_on_the_hub(monkeypatch, capsys):
    def no_hub(model_id):
        raise AssertionError("the hub was asked")

    monkeypatch.setattr(app, "check_hub", no_hub)
    assert cli.main([str(SEEDS), "--model", "all-MiniLM-L6-v2", "--sentences", "1"]) == 0


def test_a_missing_rewrite_dependency_names_the_flag(monkeypatch, capsys):
    from summarizer.errors import MissingDependencyError

    def missing(self):
        raise MissingDependencyError("llama-cpp-python", "rewrite", "Rewriting with a GGUF model")

    monkeypatch.setattr(Summarizer, "rewriter", property(missing))
    assert cli.main([str(SEEDS), "--rewrite"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarize: error: --rewrite: Rewriting with a GGUF model needs")
    assert err.rstrip().endswith("pip install 'cited-summarizer[rewrite]'")


def test_output_into_a_missing_folder_names_the_flag_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(app, "_build", lambda *a: pytest.fail("the model was loaded"))
    assert cli.main([str(SEEDS), "-o", str(tmp_path / "no" / "out.md")]) == 2
    assert capsys.readouterr().err.startswith("summarize: error: -o/--output")


def test_url_arguments_are_fetched(monkeypatch, capsys):
    from summarizer import webpages

    pages = {
        f"https://outlet{n}.example/mx": news_page(FACTS, title=f"Headline {n}", site=f"Outlet {n}", url="")
        for n in (1, 2)
    }
    monkeypatch.setattr(webpages, "fetch_html", lambda url, **kw: pages[url].encode())
    assert cli.main([*pages, "--format", "json", "--sentences", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(d["id"], d["source"], d["url"]) for d in data["documents"]] == [
        ("outlet1.example/mx", "Outlet 1", "https://outlet1.example/mx"),
        ("outlet2.example/mx", "Outlet 2", "https://outlet2.example/mx"),
    ]
    assert data["sentences"][0]["sources"] == ["outlet1.example/mx", "outlet2.example/mx"]


def test_a_page_without_an_article_is_one_line(tmp_path, capsys):
    page = tmp_path / "index.html"
    page.write_text("<html><head><script>track()</script></head><body><script>x()</script></body></html>")
    assert cli.main([str(page)]) == 2
    assert (
        capsys.readouterr().err == f"summarize: error: No article text was found in '{page}'; is it a news "
        "article page (not an index, login or error page)?\n"
    )


def test_json_documents_carry_the_text_the_offsets_index_not_the_front_matter(tmp_path, capsys):
    body = " ".join(FACTS) + "\n"
    path = tmp_path / "ap.md"
    path.write_text(f"---\ntitle: Mexico extradites 29\nsource: AP\n---\n{body}", encoding="utf-8")
    assert cli.main([str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == [{"id": "ap", "title": "Mexico extradites 29", "source": "AP", "text": body}]
    for c in data["sentences"][0]["citations"]:
        assert body[c["start"] : c["end"]] == c["text"]


# ----------------------------------------------------------------------------------- --model


def test_the_model_flag_reaches_the_summarizer(built, tmp_path, capsys):
    folder = tmp_path / "my-model"
    folder.mkdir()
    assert cli.main([str(SEEDS), "--model", str(folder), "--sentences", "1"]) == 0
    assert built[-1]["model"] == str(folder)
    assert cli.main([str(SEEDS), "--sentences", "1"]) == 0
    assert built[-1]["model"] is None


def test_a_model_folder_that_cannot_be_loaded_names_the_flag_and_how_it_was_read(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(app, "Summarizer", Summarizer)  # the real one: the folder is really loaded
    folder = tmp_path / "empty-model"
    folder.mkdir()
    assert cli.main([str(SEEDS), "--model", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"summarize: error: --model: Could not load the sentence-transformers model '{folder}'")
    assert "read as a local path" in err and len(err.splitlines()) == 1


@pytest.mark.model
def test_the_default_models_folder_given_as_model_gives_the_default_summary(monkeypatch, capsys):
    monkeypatch.setattr(app, "Summarizer", Summarizer)
    assert cli.main([str(SEEDS), "--format", "json"]) == 0
    default = capsys.readouterr().out
    assert cli.main([str(SEEDS), "--format", "json", "--model", default_model_path()]) == 0
    assert capsys.readouterr().out == default
