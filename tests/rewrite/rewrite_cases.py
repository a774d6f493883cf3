"""Shared cases of the rewrite tests: sources, a faithful rewrite, and a scripted rewriter."""

from __future__ import annotations

from summarizer.summary import Citation, SummarySentence


class ScriptedRewriter:
    """Returns (or raises) the scripted outputs in order, recording the sources it was given."""

    def __init__(self, *outputs):
        self.outputs = list(outputs)
        self.seen: list[list[str]] = []

    def rewrite(self, sources):
        self.seen.append(list(sources))
        output = self.outputs.pop(0)
        if isinstance(output, BaseException):
            raise output
        return output


SOURCES = [
    "Mexico extradited 29 alleged cartel members, including drug lord Rafael Caro Quintero, "
    "to the United States on Thursday.",
    "On Thursday Mexico sent 29 suspected traffickers to the U.S., among them Rafael Caro Quintero.",
]
FAITHFUL = "On Thursday Mexico extradited 29 alleged cartel members, including Rafael Caro Quintero, to the US."
NEGATED = [
    "Caro Quintero was not released by the court, officials said on Friday.",
    "Officials said the court did not free Caro Quintero.",
]


def summary_sentence(text: str = SOURCES[0]) -> SummarySentence:
    citations = (
        Citation("ap", 10, 10 + len(SOURCES[0]), SOURCES[0]),
        Citation("bbc", 0, len(SOURCES[1]), SOURCES[1]),
    )
    return SummarySentence(text=text, citations=citations, score=0.75)
