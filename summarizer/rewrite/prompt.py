"""The prompt a rewrite model gets, and the cleaning of what it writes back.

>>> build_messages(["Rain fell on the hills of the north on Monday.", "It rained."])[1]["content"]
'1. Rain fell on the hills of the north on Monday.\\n2. It rained.\\n\\nOne neutral sentence of at most 9 words:'

When sentence 1 qualifies a number or names its speaker, the request says to keep them
(the checks reject a rewrite that drops either):

>>> print(build_messages(["At least 32 people died, police said on Monday."])[1]["content"])
1. At least 32 people died, police said on Monday.
<BLANKLINE>
Keep 'At least 32' and who said it. One neutral sentence of at most 8 words:
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer import facts
from summarizer.errors import InputError
from summarizer.facts.reading import HEDGED
from summarizer.segment import sentence_spans
from summarizer.text import ENDS_SENTENCE, QUOTE_MARKS, first_words, word_count

#: At most this many source sentences (the first ones) go into the prompt.
MAX_SOURCES = 4
#: Each source sentence in the prompt is cut to this many words.
MAX_SOURCE_WORDS = 45

SYSTEM_PROMPT = (
    "You rewrite news sentences. Rewrite sentence 1 as one clear, neutral sentence. Add a detail "
    "from the other sentences only if it is about the same fact. Copy numbers, dates and names "
    "exactly, and keep who said what. No opinion, no citations, no preamble."
)


def build_messages(sources: Sequence[str], max_words: int | None = None) -> list[dict[str, str]]:
    """The chat messages asking for one sentence of at most ``max_words`` words.

    ``max_words`` defaults to 90% of the length of the first (representative) source.
    """
    cleaned = (" ".join(s.replace("**", "").replace("__", "").split()) for s in sources)
    unique = list(dict.fromkeys(s for s in cleaned if s))[:MAX_SOURCES]
    if not unique:
        raise InputError("rewrite() needs at least one non-empty source sentence.")
    if max_words is None:  # ask for a little less, so that the length check rarely fails
        max_words = max(5, word_count(unique[0]) * 9 // 10)
    lines = [f"{n}. {first_words(s, MAX_SOURCE_WORDS)}" for n, s in enumerate(unique, start=1)]
    keep = must_keep(unique[0])
    ask = f"{keep} " if keep else ""
    user = "\n".join(lines) + f"\n\n{ask}One neutral sentence of at most {max_words} words:"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def must_keep(sentence: str) -> str:
    """What a rewrite of ``sentence`` must keep, in the words the checks look for; "" for nothing.

    Its qualified numbers ("at least 32") and its speaker with the verb ("Bondi said"): the
    two details that the rewrite model drops most often, each a reason to fall back
    (:func:`~summarizer.rewrite.checks.dropped_qualifier`,
    :func:`~summarizer.rewrite.checks.dropped_attribution`).

    >>> must_keep("More than 72,000 people fled, the Red Cross said Saturday.")
    "Keep 'More than 72,000' and who said it ('Red Cross said')."
    >>> must_keep("It rained."), must_keep("Talks stalled, an aide said.")
    ('', 'Keep who said it.')
    """
    parts = [f"'{' '.join(match.group(0).split())}'" for match in HEDGED.finditer(sentence)]
    speaker = facts.speakers(sentence)
    verbs = [t for t in facts.tokens(sentence) if facts.is_attribution(t)]
    if speaker and verbs:
        parts.append(f"who said it ('{' '.join(speaker)} {verbs[0]}')")
    elif facts.reporting_verb(sentence):
        parts.append("who said it")
    return f"Keep {' and '.join(parts)}." if parts else ""


def token_budget(sources: Sequence[str], cap: int) -> int:
    """Tokens enough for the asked-for sentence (about 1.3 tokens a word), at most ``cap``.

    A reply cut off at this budget is longer than the extractive sentence, so the length
    check (:func:`~summarizer.rewrite.checks.too_long`) rejects it instead of passing a
    truncated sentence.
    """
    first = next((s for s in sources if s.strip()), "")
    return min(cap, 2 * word_count(first) + 32)


_FENCE = re.compile(r"```[\w+-]*\n?")
_PREAMBLE = re.compile(
    r"^\s*(?:sure|okay|ok|certainly|here(?:'s| is)|rewritten|combined|summary|answer|output|sentence)"
    r"[^:\n]{0,60}:\s*",
    re.IGNORECASE,
)
_CHATTER = re.compile(r"^\s*(?:sure|okay|ok|certainly|here)\b", re.IGNORECASE)
_CITATION = re.compile(
    r"\s*(?:\[(?:\s*(?:sources?\s*)?\d+\s*[,;–-]?\s*)+\]|\((?:sources?\s*)?\d{1,2}(?:\s*[,;–-]\s*\d{1,2})*\))",
    re.IGNORECASE,
)
_SPECIAL = re.compile(r"<\|[^|>]*\|>")
_SPACED_INITIALS = re.compile(r"\b([A-Z])\. (?=[A-Z]\.)")
_LIST_MARK = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


_WRAPPING = " '‘’`"


def _balanced(text: str) -> bool:
    """Whether every quotation in ``text`` closes after it opens (a straight mark opens at the
    start or after a space or bracket, and closes elsewhere)."""
    depth = 0
    for i, char in enumerate(text):
        if char not in QUOTE_MARKS:
            continue
        opens = char == "“" or (char == '"' and (i == 0 or text[i - 1] in " ([—"))
        depth += 1 if opens else -1
        if depth < 0:
            return False
    return depth == 0


def _unwrap(text: str) -> str:
    """``text`` without the quotation marks a model wraps its reply in; a quotation inside the
    sentence keeps both of its marks ('… the backs read "Tulowizki."' stays as it is, and so
    does '"Go," he said, "now."')."""
    text = text.strip(_WRAPPING)
    while len(text) > 1 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS and _balanced(text[1:-1]):
        text = text[1:-1].strip(_WRAPPING)
    if sum(text.count(q) for q in QUOTE_MARKS) % 2 == 1 and text[:1] in QUOTE_MARKS:
        text = text[1:].strip(_WRAPPING)  # an opening mark whose closing one was cut with the citations
    return text


def _first_sentence(text: str) -> str:
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


def clean_output(text: str) -> str:
    """Turn raw model output into one sentence: no code fences, preamble, markup or citations.

    >>> clean_output('Here is the rewritten sentence:\\n```\\n"Mexico sent 29 members to the U.S. [1][2]"\\n```')
    'Mexico sent 29 members to the U.S.'
    >>> clean_output("**Rain fell** on Monday (1). It was cold.")
    'Rain fell on Monday.'
    """
    text = _SPECIAL.sub(" ", text)
    text = _FENCE.sub("\n", text).replace("```", "\n")
    text = _PREAMBLE.sub("", text.strip())
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and _CHATTER.match(lines[0]):
        lines = lines[1:]
    if not lines:
        return ""
    text = _LIST_MARK.sub("", lines[0])
    text = text.replace("**", "").replace("__", "")
    text = _CITATION.sub("", text)
    text = _unwrap(" ".join(text.split()))
    text = _SPACED_INITIALS.sub(r"\1.", text)  # "U. S." (a Qwen tokenization quirk) -> "U.S."
    if not text:
        return ""
    text = _first_sentence(text)
    text = _unwrap(_CITATION.sub("", text))
    if text and not ENDS_SENTENCE.search(text):
        text += "."
    return text
