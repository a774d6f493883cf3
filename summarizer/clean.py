"""Cleaning: from an article's raw text to clean paragraphs that remember where they came from.

Markdown emphasis, HTML tags and entities are removed, unicode and whitespace are
normalised, boilerplate lines ("MORE STORIES", "Advertisement", …) and paragraphs that
repeat within the document are dropped. Every character of a cleaned paragraph keeps the
index of the original character it came from, so spans map back exactly.

>>> [p.text for p in clean_text("**Rain** fell &amp; rose.\\n\\nMORE STORIES\\n**Rain** fell &amp; rose.")]
['Rain fell & rose.']
>>> p = clean_text("  **Rain** fell.")[0]
>>> p.original_span(0, len(p.text))
(4, 16)
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

#: Whole lines dropped as boilerplate (matched case-insensitively after cleaning).
BOILERPLATE = re.compile(
    r"""^(?:
        more\ stories | related(?:\ (?:stories|articles|coverage))? | advertisement | advertising
      | share\ this(?:\ (?:article|story|page))? | share\ on\ \w+ | click\ here\b.* | read\ more\b.*
      | sign\ up\b.* | subscribe\b.* | follow\ us\b.* | (?:all\ rights\ reserved|copyright\b).*
      | story\ continues\ below.* | continue\ reading.* | skip\ to\ .* | you\ may\ also\ like
      | (?:image|photo)\ (?:copyright|credit)\b.* | recommended | trending | top\ stories
      | print | email | comments? | watch:?.* video
    )[.:!]?$""",
    re.IGNORECASE | re.VERBOSE,
)

#: An HTML tag or comment: a tag name, then only attributes with values (name=value, name="value").
#: "children aged <5 and adults aged >65" has no tag name after "<" and "a <b and c> d" no
#: attribute values, so both are prose.
_TAG = re.compile(
    r"<!--.{0,200}?-->"
    r"|</?[A-Za-z][A-Za-z0-9-]{0,20}"
    r"""(?:\s+[A-Za-z_:][\w:.-]*\s*=\s*(?:"[^"<>]{0,200}"|'[^'<>]{0,200}'|[^\s"'<>=`]{1,100}))*"""
    r"\s*/?>"
)
# Markup removed from a line, in order. Each match is replaced by its group 1 (or nothing).
_MARKUP = [
    _TAG,  # HTML tags and comments, never prose between "<" and ">"
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # markdown images
    re.compile(r"\[([^\]]+)\]\([^)]*\)"),  # markdown links keep their text
    re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s*|[-*+]\s+)"),  # headings, quotes, bullets
    re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)"),  # emphasis markers
]
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_QUOTES = re.compile(r"``|''")  # the ``news'' convention of older wire text
#: Whitespace that is not already one plain space: a run of two or more, or a tab, newline, …
#: (a single " " needs no replacing, and skipping it spares a match per word).
_SPACE = re.compile(r"\s{2,}|[^\S ]")
#: A character outside printable ASCII: the only ones that unicode normalisation can change.
_UNUSUAL = re.compile(r"[^\x20-\x7e]")


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph: ``text`` plus, for every character, its index in the original text."""

    text: str
    offsets: np.ndarray = field(repr=False, compare=False)  # int64, one per character of text

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``text[start:end]`` to a half-open span of the original text."""
        if not 0 <= start < end <= len(self.text):
            raise IndexError(f"Span ({start}, {end}) is outside a paragraph of {len(self.text)} characters.")
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


class _Tracked:
    """A string whose characters remember their original indices, edited by regex substitution."""

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.text = text
        self.offsets = offsets

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> None:
        parts: list[str] = []
        offsets: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            parts.append(self.text[last : match.start()])
            offsets.extend(self.offsets[last : match.start()])
            new = repl(match)
            if match.lastindex:  # keep the group's characters with their own offsets
                parts.append(new)
                offsets.extend(self.offsets[match.start(1) : match.end(1)])
            else:
                parts.append(new)
                anchor = self.offsets[match.start()] if match.start() < len(self.offsets) else 0
                offsets.extend([anchor] * len(new))
            last = match.end()
        parts.append(self.text[last:])
        offsets.extend(self.offsets[last:])
        self.text = "".join(parts)
        self.offsets = offsets

    def normalize_unicode(self) -> None:
        """NFKC per character; zero-width and control characters (other than whitespace) removed."""
        self.sub(_UNUSUAL, lambda m: _normalize_char(m.group(0)))

    def strip(self) -> None:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        self.text = self.text[left:right]
        self.offsets = self.offsets[left:right]


def _normalize_char(ch: str) -> str:
    """``ch`` in NFKC form, or nothing for a zero-width or control character that is not whitespace.

    >>> _normalize_char("ﬁ"), _normalize_char("\\u200b"), _normalize_char("\\t")
    ('fi', '', '\\t')
    """
    if unicodedata.category(ch) in ("Cc", "Cf") and not ch.isspace():
        return ""
    return unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch


def _clean_line(line: str, start: int) -> Paragraph:
    tracked = _Tracked(line, list(range(start, start + len(line))))
    for pattern in _MARKUP:
        tracked.sub(pattern, lambda m: m.group(1) if m.lastindex else "")
    tracked.sub(_ENTITY, lambda m: html.unescape(m.group(0)))
    tracked.normalize_unicode()
    tracked.sub(_QUOTES, lambda m: '"')
    tracked.sub(_SPACE, lambda m: " ")
    tracked.strip()
    return Paragraph(tracked.text, np.asarray(tracked.offsets, dtype=np.int64))


def _key(text: str) -> str:
    """What two paragraphs must share to count as repeats: their lower-cased letters and digits."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def clean_text(text: str) -> list[Paragraph]:
    """Split ``text`` into lines and return the cleaned, non-boilerplate, non-repeated ones."""
    paragraphs: list[Paragraph] = []
    seen: set[str] = set()
    position = 0
    for line in text.splitlines(keepends=True):
        paragraph = _clean_line(line, position)
        position += len(line)
        key = _key(paragraph.text)
        if not key or key in seen or BOILERPLATE.match(paragraph.text):
            continue
        seen.add(key)
        paragraphs.append(paragraph)
    return paragraphs
