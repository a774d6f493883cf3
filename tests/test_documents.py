from __future__ import annotations

import pytest

from summarizer import Document, InputError, SummarizerError, as_documents, read_documents


def test_strings_get_positional_ids():
    docs = as_documents(["One text.", "Two text."])
    assert [d.id for d in docs] == ["d1", "d2"]
    assert [d.text for d in docs] == ["One text.", "Two text."]


def test_dicts_keep_metadata_and_are_not_mutated():
    item = {
        "id": "ap",
        "text": "Rain.",
        "title": "Storm",
        "source": "AP",
        "url": "http://x",
        "published": "2024",
    }
    before = dict(item)
    (doc,) = as_documents([item])
    assert item == before
    assert doc == Document("Rain.", id="ap", title="Storm", source="AP", url="http://x", published="2024")
    assert doc.to_dict() == {
        "id": "ap",
        "title": "Storm",
        "source": "AP",
        "url": "http://x",
        "published": "2024",
    }


def test_document_without_id_gets_one_by_position():
    docs = as_documents([Document("A."), Document("B.", id="b")])
    assert [d.id for d in docs] == ["d1", "b"]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "No documents"),
        ("just one string", "list of documents"),
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "used twice"),
        ([Document("x", id="a"), "y", Document("z", id="d2")], "used twice"),
        ([42], "must be a str, a dict or a Document"),
        ([{"text": 42}], "must be a str"),
        ([Document(text=None)], "must be a str"),  # type: ignore[arg-type]
        ([{"id": "a"}], "without a 'text' key"),
        ([{"text": "x", "author": "me"}], "unknown keys"),
    ],
)
def test_bad_documents_raise_input_error(items, message):
    with pytest.raises(InputError, match=message) as info:
        as_documents(items)
    assert isinstance(info.value, SummarizerError)
    assert isinstance(info.value, ValueError)


def test_read_documents_from_directory_uses_stems_in_name_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "a.md").write_text("First.", encoding="utf-8")
    (tmp_path / "ignored.json").write_text("{}", encoding="utf-8")
    docs = read_documents([tmp_path])
    assert [(d.id, d.text) for d in docs] == [("a", "First."), ("b", "Second.")]


def test_read_documents_strips_only_the_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffCafé  text.\r\n".encode())
    (doc,) = read_documents([path])
    assert doc.text == "Café  text.\r\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"caf\xe9 latin-1", "not valid UTF-8")],
)
def test_unreadable_files_raise_input_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_documents([path])


def test_missing_path_and_empty_directory(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        read_documents([tmp_path / "missing.txt"])
    with pytest.raises(InputError, match=r"no \.txt or \.md files"):
        read_documents([tmp_path])
