"""Input documents: the :class:`Document` dataclass and how inputs become documents.

>>> docs = as_documents(["Mexico extradited 29 people.", {"id": "ap", "text": "It was Thursday."}])
>>> [(d.id, d.text) for d in docs]
[('d1', 'Mexico extradited 29 people.'), ('ap', 'It was Thursday.')]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError

#: Suffixes read when a directory is given.
TEXT_SUFFIXES = (".txt", ".md")

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


def _from_mapping(item: Mapping[str, object], position: int) -> Document:
    fields = {f.name for f in dataclasses.fields(Document)}
    unknown = sorted(set(item) - fields)
    if unknown:
        raise InputError(f"Document {position} has unknown keys {unknown}; valid keys are {sorted(fields)}.")
    if "text" not in item:
        raise InputError(f"Document {position} is a dict without a 'text' key: {sorted(item)}.")
    values = {}
    for key, value in item.items():
        if value is None and key in _OPTIONAL_FIELDS:
            continue
        if not isinstance(value, str):
            raise InputError(f"The {key!r} of document {position} must be a str. Got {type(value).__name__} instead.")
        values[key] = value
    return Document(**values)  # type: ignore[arg-type]


def as_documents(items: Iterable[DocumentLike]) -> list[Document]:
    """Turn strings, dicts and :class:`Document` objects into documents with unique ids.

    Strings and documents without an id get ``d1``, ``d2``, … by position. The inputs are
    never mutated. Raises :class:`~summarizer.errors.InputError` for an empty input, a text
    that is not a string, or duplicate ids.
    """
    if isinstance(items, (str, bytes, Mapping, Document)):
        raise InputError(
            "summarize() takes a list of documents. Got a single "
            f"{type(items).__name__}; wrap it in a list: summarize([text])."
        )
    docs: list[Document] = []
    for position, item in enumerate(items, start=1):
        if isinstance(item, Document):
            doc = item
            if not isinstance(doc.text, str):
                raise InputError(
                    f"The text of document {position} must be a str. Got {type(doc.text).__name__} instead."
                )
        elif isinstance(item, str):
            doc = Document(text=item)
        elif isinstance(item, Mapping):
            doc = _from_mapping(item, position)
        else:
            raise InputError(
                f"Document {position} must be a str, a dict or a Document. Got {type(item).__name__} instead."
            )
        if not doc.id:
            doc = dataclasses.replace(doc, id=f"d{position}")
        docs.append(doc)
    if not docs:
        raise InputError("No documents were given; pass a non-empty list of texts.")
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise InputError(f"Document id {doc.id!r} is used twice; every document needs a unique id.")
        seen.add(doc.id)
    return docs


def read_document(path: str | Path) -> Document:
    """Read one UTF-8 text file as a document whose id is the file's stem."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"No such file or directory: '{path}'.")
    if path.is_dir():
        raise InputError(f"'{path}' is a directory; use read_documents() to read its .txt and .md files.")
    data = path.read_bytes()
    if b"\x00" in data:
        raise InputError(f"'{path}' looks like a binary file; give a UTF-8 text file.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"'{path}' is not valid UTF-8 (byte {err.start}); convert it, e.g. iconv -t UTF-8.") from None
    return Document(text=text, id=path.stem)


def read_documents(paths: Iterable[str | Path]) -> list[Document]:
    """Read files and directories (their ``.txt`` and ``.md`` files, sorted by name) as documents."""
    docs: list[Document] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                raise InputError(f"Directory '{path}' has no .txt or .md files.")
            docs.extend(read_document(p) for p in files)
        else:
            docs.append(read_document(path))
    return docs


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
