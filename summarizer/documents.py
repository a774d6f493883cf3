"""Input documents: the :class:`Document` dataclass and how inputs become documents.

>>> docs = as_documents(["Mexico extradited 29 people.", {"id": "ap", "text": "It was Thursday."}])
>>> [(d.id, d.text) for d in docs]
[('d1', 'Mexico extradited 29 people.'), ('ap', 'It was Thursday.')]
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

logger = logging.getLogger(__name__)

#: Plain-text suffixes (may open with YAML front matter).
TEXT_SUFFIXES = (".txt", ".md")
#: Web page suffixes: the article text and metadata are extracted with trafilatura.
HTML_SUFFIXES = (".html", ".htm")
#: JSON Lines: one document per line.
JSONL_SUFFIXES = (".jsonl",)
#: Suffixes read when a directory is given.
DIRECTORY_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

_OPTIONAL_FIELDS = ("title", "source", "url", "published")


@dataclass(frozen=True)
class Document:
    """One news article as the user gave it.

    ``text`` is never modified: every citation's ``start``/``end`` indexes into it.

    >>> Document("Rain fell.", id="ap", source="AP").source
    'AP'
    """

    text: str
    id: str = ""
    title: str | None = None
    source: str | None = None  # the outlet
    url: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The id and the metadata that is set (the text is left out)."""
        out = {"id": self.id}
        for name in _OPTIONAL_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


DocumentLike = str | Mapping[str, object] | Document

_URL = re.compile(r"^https?://", re.IGNORECASE)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Han ideographs, kana and CJK punctuation: scripts written without spaces between words.
_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_LETTER = re.compile(r"[^\W\d_]")
#: A document whose letters are more than this share Chinese/Japanese characters is refused.
CJK_LIMIT = 0.3


def _from_mapping(item: Mapping[str, object], label: str) -> Document:
    fields = {f.name for f in dataclasses.fields(Document)}
    unknown = sorted(set(item) - fields, key=str)
    if unknown:
        raise InputError(f"{label[0].upper()}{label[1:]} has unknown keys {unknown}; valid keys are {sorted(fields)}.")
    if "text" not in item:
        raise InputError(f"{label[0].upper()}{label[1:]} is a dict without a 'text' key: {sorted(item)}.")
    values = {}
    for key, value in item.items():
        if value is None and key in _OPTIONAL_FIELDS:
            continue
        if not isinstance(value, str):
            raise InputError(f"The {key!r} of {label} must be a str. Got {type(value).__name__} instead.")
        values[key] = value
    return Document(**values)  # type: ignore[arg-type]


def _check_document(doc: Document, position: int) -> None:
    """Raise for a document whose fields are not strings or whose text cannot be summarized."""
    label = f"document {position}"
    if not isinstance(doc.id, str):
        raise InputError(f"The 'id' of {label} must be a str. Got {type(doc.id).__name__} instead.")
    if doc.id != f"d{position}":
        label += f" ({doc.id!r})"
    if not isinstance(doc.text, str):
        raise InputError(f"The text of {label} must be a str. Got {type(doc.text).__name__} instead.")
    for name in _OPTIONAL_FIELDS:
        value = getattr(doc, name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"The {name!r} of {label} must be a str or None. Got {type(value).__name__} instead.")
    if doc.text.isascii():  # O(1) for str: the common case needs no scan
        return
    surrogate = _SURROGATE.search(doc.text)
    if surrogate:
        raise InputError(
            f"The text of {label} has a lone surrogate {surrogate.group()!r} at index {surrogate.start()}, which is "
            "not valid Unicode; decode its bytes with errors='replace' (or fix the source) before summarizing."
        )
    cjk = len(_CJK.findall(doc.text))
    if cjk and cjk > CJK_LIMIT * len(_LETTER.findall(doc.text)):
        raise InputError(
            f"{label[0].upper()}{label[1:]} is written in Chinese or Japanese, which summarizer does not support: "
            "its sentence length and selection rules count words separated by spaces."
        )


def as_documents(items: Iterable[DocumentLike]) -> list[Document]:
    """Turn strings, dicts and :class:`Document` objects into documents with unique ids.

    Strings and documents without an id get ``d1``, ``d2``, … by position. The inputs are
    never mutated. Raises :class:`~summarizer.errors.InputError` for an empty input, a text
    or metadata value that is not a string, a text with lone surrogates or in Chinese or
    Japanese (not supported), or duplicate ids.

    >>> as_documents(None)
    Traceback (most recent call last):
    ...
    summarizer.errors.InputError: summarize() takes a list of documents. Got None.
    """
    if isinstance(items, (str, bytes, Mapping, Document)):
        raise InputError(
            "summarize() takes a list of documents. Got a single "
            f"{type(items).__name__}; wrap it in a list: summarize([text])."
        )
    if items is None or not isinstance(items, Iterable):
        got = "None" if items is None else f"a {type(items).__name__}"
        raise InputError(f"summarize() takes a list of documents. Got {got}.")
    docs: list[Document] = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, Document):
            doc = item
        elif isinstance(item, str):
            doc = Document(text=item)
        elif isinstance(item, Mapping):
            doc = _from_mapping(item, f"document {position}")
        else:
            raise InputError(
                f"Document {position} must be a str, a dict or a Document. Got {type(item).__name__} instead."
            )
        if not doc.id:
            doc = dataclasses.replace(doc, id=f"d{position}")
        _check_document(doc, position)
        docs.append(doc)
    if not docs:
        raise InputError("No documents were given; pass a non-empty list of texts.")
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise InputError(f"Document id {doc.id!r} is used twice; every document needs a unique id.")
        seen.add(doc.id)
    return docs


def rename_duplicate_ids(items: Sequence[object]) -> list[object]:
    """Documents whose id repeats get ``#2``, ``#3``, … (the inputs are not mutated).

    Benchmark clusters repeat document ids; ``summarize --batch`` and ``benchmarks/`` rename
    them this way so that every id is unique, as :func:`as_documents` requires.

    >>> rename_duplicate_ids([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}, "z"])
    [{'id': 'a', 'text': 'x'}, {'id': 'a#2', 'text': 'y'}, 'z']
    """
    seen: Counter[str] = Counter()
    out: list[object] = []
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str):
            seen[item["id"]] += 1
            if seen[item["id"]] > 1:
                item = {**item, "id": f"{item['id']}#{seen[item['id']]}"}
        out.append(item)
    return out


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(f"No such file or directory: '{path}'.")
    if path.is_dir():
        raise InputError(f"'{path}' is a directory; use read_documents() to read its files.")
    data = path.read_bytes()
    if b"\x00" in data:
        raise InputError(f"'{path}' looks like a binary file; give a UTF-8 text, HTML or JSON Lines file.")
    return data


def _read_text(path: Path) -> str:
    data = _read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"'{path}' is not valid UTF-8 (byte {err.start}); convert it, e.g. iconv -t UTF-8.") from None


def read_document(path: str | Path) -> Document:
    """Read one file as a document whose id is the file's stem.

    A ``.txt`` or ``.md`` file may open with YAML front matter (``title``, ``source``,
    ``url``, ``date``), which fills the metadata and is not part of the text; an ``.html``
    file's article text and metadata are extracted with trafilatura.
    """
    path = Path(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        raise InputError(f"'{path}' holds one document per line; use read_documents() to read it.")
    if path.suffix.lower() in HTML_SUFFIXES:
        from summarizer.webpages import document_from_html

        return document_from_html(_read_bytes(path), id=path.stem, origin=f"'{path}'")
    text = _read_text(path)
    try:
        metadata, start = parse_front_matter(text)
    except InputError as err:
        raise InputError(f"'{path}': {err}") from None
    return Document(text=text[start:], id=path.stem, **metadata)


def read_jsonl(path: str | Path) -> list[Document]:
    """Read a JSON Lines file, one document ``{"id", "text", "title", "source", "url", "published"}`` a line.

    A line without an id gets ``STEM:LINE``; blank lines are skipped.
    """
    path = Path(path)
    docs: list[Document] = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        label = f"line {number} of '{path}'"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"Line {number} of '{path}' is not valid JSON: {err.msg} (column {err.colno}).") from None
        if not isinstance(item, dict):
            raise InputError(f"Line {number} of '{path}' must be a JSON object with a 'text' key. Got {item!r:.40}.")
        if "documents" in item and "text" not in item:
            raise InputError(
                f"Line {number} of '{path}' is a cluster of documents; summarize a file of clusters with "
                "summarize --batch (one summary per line)."
            )
        doc = _from_mapping(item, label)
        docs.append(doc if doc.id else dataclasses.replace(doc, id=f"{path.stem}:{number}"))
    if not docs:
        raise InputError(f"'{path}' has no documents (no non-blank lines).")
    return docs


def read_documents(paths: Iterable[str | Path]) -> list[Document]:
    """Read files, directories and web pages as documents.

    A directory gives its ``.txt``, ``.md``, ``.html`` and ``.htm`` files (sorted by name);
    a ``.jsonl`` file gives one document per line; an ``http(s)://`` URL is fetched and
    its article extracted (see :mod:`summarizer.webpages`).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    docs: list[Document] = []
    for item in paths:
        if isinstance(item, str) and _URL.match(item):
            from summarizer.webpages import read_url

            docs.append(read_url(item))
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DIRECTORY_SUFFIXES)
            if not files:
                raise InputError(f"Directory '{path}' has no .txt, .md, .html or .htm files.")
            docs.extend(read_document(p) for p in files)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            docs.extend(read_jsonl(path))
        else:
            docs.append(read_document(path))
    return docs


# Front matter: a first line "---", YAML, and a closing "---" (or "...") line.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
# Front matter keys (lower-cased) and the Document field each fills; the first one given wins.
_FRONT_MATTER_KEYS = {
    "id": "id",
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "site_name": "source",
    "sitename": "source",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
    "published": "published",
    "date": "published",
}


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """The metadata of a YAML front matter block at the start of ``text`` and where the body starts.

    >>> parse_front_matter("---\\ntitle: Rain\\noutlet: AP\\ndate: 2025-02-27\\n---\\nRain fell.")
    ({'title': 'Rain', 'source': 'AP', 'published': '2025-02-27'}, 48)
    >>> parse_front_matter("No front matter.")
    ({}, 0)
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" at line {where.line + 2}" if where is not None else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise InputError(f"its front matter (between the '---' lines) is not valid YAML{line}: {problem}.") from None
    if not isinstance(data, dict):
        return {}, 0  # a "---" rule around ordinary text, not front matter
    metadata: dict[str, str] = {}
    for key, value in data.items():
        field_name = _FRONT_MATTER_KEYS.get(str(key).lower())
        if field_name is None or field_name in metadata or value is None:
            continue
        if isinstance(value, datetime.date | datetime.datetime):
            metadata[field_name] = value.isoformat()
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            if str(value).strip():
                metadata[field_name] = str(value).strip()
        else:
            logger.debug("Front matter key %r is a %s, not text; ignored.", key, type(value).__name__)
    return metadata, match.end()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its cleaned ``text`` and its span in the original text.

    Its identity is ``(doc_id, start)``, never its text: two outlets may print the same words.
    ``index`` counts sentences within the document, ``paragraph`` counts cleaned paragraphs.
    """

    doc_id: str
    start: int
    end: int
    text: str
    index: int
    paragraph: int
