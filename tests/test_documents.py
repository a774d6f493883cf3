from __future__ import annotations

import json

import pytest

from summarizer import Document, InputError, SummarizerError, as_documents, read_documents
from tests.news_pages import CHROME, news_page


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
    with pytest.raises(InputError, match=r"no \.txt, \.md, \.html or \.htm files"):
        read_documents([tmp_path])


# --- issue 8: web pages, front matter, JSON Lines, input the library mishandled ---------

ARTICLE = [
    "Mexico sent 29 cartel members to the United States on Thursday, the attorney general's office said.",
    "Among them was Rafael Caro Quintero, who was convicted of the 1985 killing of a DEA agent.",
    "The transfer came as officials from both countries met in Washington to discuss trade and security.",
]


def test_html_file_gives_the_article_and_its_metadata(tmp_path):
    path = tmp_path / "planet.html"
    path.write_text(
        news_page(ARTICLE, title="Mexico extradites 29", url="https://dailyplanet.example/world/mx-29"),
        encoding="utf-8",
    )
    (doc,) = read_documents([path])
    assert doc.id == "planet"
    assert doc.text == "\n".join(ARTICLE)
    assert (doc.title, doc.source, doc.url, doc.published) == (
        "Mexico extradites 29",
        "Daily Planet",
        "https://dailyplanet.example/world/mx-29",
        "2025-02-28",
    )
    for chrome in CHROME:
        assert chrome not in doc.text


def test_html_without_site_name_uses_the_host_as_outlet(tmp_path):
    page = news_page(ARTICLE, title="T", url="https://www.example.org/a").replace('property="og:site_name"', 'x="y"')
    path = tmp_path / "p.htm"
    path.write_text(page, encoding="utf-8")
    assert read_documents([path])[0].source == "example.org"


def test_directory_includes_html_pages(tmp_path):
    (tmp_path / "a.html").write_text(news_page(ARTICLE, title="A"), encoding="utf-8")
    (tmp_path / "b.htm").write_text(news_page(ARTICLE[:2], title="B"), encoding="utf-8")
    (tmp_path / "c.md").write_text("Plain text.", encoding="utf-8")
    assert [(d.id, d.title) for d in read_documents([tmp_path])] == [("a", "A"), ("b", "B"), ("c", None)]


def test_html_without_an_article_is_an_input_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<html><head><title>X</title><script>var x = 1;</script></head><body><script>t()</script></body></html>"
    )
    with pytest.raises(InputError, match=r"No article text was found in '.*empty\.html'"):
        read_documents([path])


def test_url_is_fetched_and_extracted(monkeypatch):
    from summarizer import webpages

    fetched = []

    def fake_fetch(url, **kwargs):
        fetched.append(url)
        return news_page(ARTICLE, title="Mexico extradites 29", url="https://dailyplanet.example/mx").encode()

    monkeypatch.setattr(webpages, "fetch_html", fake_fetch)
    (doc,) = read_documents(["https://www.dailyplanet.example/mx?ref=home"])
    assert fetched == ["https://www.dailyplanet.example/mx?ref=home"]
    assert doc.id == "dailyplanet.example/mx"
    assert doc.text == "\n".join(ARTICLE)
    assert (doc.title, doc.source, doc.url) == (
        "Mexico extradites 29",
        "Daily Planet",
        "https://dailyplanet.example/mx",
    )


def test_unreachable_url_is_an_input_error_that_names_it():
    from summarizer.webpages import fetch_html

    with pytest.raises(InputError, match=r"Could not fetch <http://127\.0\.0\.1:9/x>"):
        fetch_html("http://127.0.0.1:9/x", timeout=2)


def test_front_matter_fills_metadata_and_is_not_text(tmp_path):
    path = tmp_path / "ap.md"
    path.write_text(
        "---\ntitle: Mexico extradites 29\noutlet: AP\nurl: https://ap.example/mx\ndate: 2025-02-27\n"
        "tags: [mexico, cartels]\n---\nMexico sent 29 people to the US.\n",
        encoding="utf-8",
    )
    (doc,) = read_documents([path])
    assert doc == Document(
        "Mexico sent 29 people to the US.\n",
        id="ap",
        title="Mexico extradites 29",
        source="AP",
        url="https://ap.example/mx",
        published="2025-02-27",
    )


def test_a_horizontal_rule_is_not_front_matter(tmp_path):
    path = tmp_path / "rule.txt"
    path.write_text("---\nJust a line between rules.\n---\nMore text.\n", encoding="utf-8")
    assert read_documents([path])[0].text == "---\nJust a line between rules.\n---\nMore text.\n"


def test_broken_front_matter_names_the_file(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.md': its front matter .* is not valid YAML"):
        read_documents([path])


def test_jsonl_gives_one_document_per_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "ap", "text": "Rain fell.", "title": "Storm", "source": "AP", "url": "http://ap/1", "published": "2025"},
        {"text": "Wind blew."},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    docs = read_documents([path])
    assert docs == [
        Document("Rain fell.", id="ap", title="Storm", source="AP", url="http://ap/1", published="2025"),
        Document("Wind blew.", id="docs:2"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "ok"}\n{"text": "broken"\n', r"Line 2 of '.*' is not valid JSON"),
        ('["a list"]\n', "must be a JSON object"),
        ('{"text": "x", "published": 2025}\n', r"'published' of line 1 of '.*' must be a str"),
        ('{"id": "c1", "documents": [{"text": "x"}]}\n', "summarize --batch"),
        ("\n\n", "has no documents"),
    ],
)
def test_bad_jsonl_lines_raise_input_error_with_the_line(tmp_path, content, message):
    path = tmp_path / "docs.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_documents([path])


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (None, "takes a list of documents. Got None"),
        (42, "takes a list of documents. Got a int"),
        (["Rain fell on the town \udcff today."], r"lone surrogate '\\udcff' at index 22"),
        (["墨西哥周四将29名贩毒集团成员移交给美国。美国司法部长表示欢迎。"], "Chinese or Japanese"),
        (["メキシコは木曜日、29人を米国に引き渡した。"], "Chinese or Japanese"),
        ([Document("Rain.", title=5)], r"'title' of document 1 must be a str or None\. Got int"),  # type: ignore[arg-type]
        ([Document("Rain.", id="ap", source=["AP"])], r"'source' of document 1 \('ap'\) must be a str"),  # type: ignore[arg-type]
        ([Document("Rain.", id=7)], r"'id' of document 1 must be a str"),  # type: ignore[arg-type]
    ],
)
def test_input_the_library_mishandled_raises_input_error(items, message):
    with pytest.raises(InputError, match=message):
        as_documents(items)


def test_english_with_a_few_cjk_names_is_accepted():
    (doc,) = as_documents(["The minister, Wang Yi (王毅), met his counterpart in Beijing on Monday for talks."])
    assert doc.id == "d1"


def test_html_in_a_legacy_encoding_is_decoded_by_its_meta_charset(tmp_path):
    page = news_page([*ARTICLE, "The café owner in Culiacán said the streets were calm."], title="Señal")
    path = tmp_path / "latin.html"
    path.write_bytes(page.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1"))
    (doc,) = read_documents([path])
    assert doc.title == "Señal"
    assert doc.text.endswith("The café owner in Culiacán said the streets were calm.")
