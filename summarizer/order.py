"""Reading order: the summary's clusters in the order a reader follows the story.

>>> from summarizer.documents import Document, Sentence
>>> from summarizer.rank import RankedCluster
>>> docs = [Document("Rain. Flood.", id="a", published="2024-05-08"),
...         Document("Flood.", id="b", published="2024-05-06")]
>>> sents = [Sentence("a", 0, 5, "Rain.", 0, 0), Sentence("a", 6, 12, "Flood.", 1, 0),
...          Sentence("b", 0, 6, "Flood.", 0, 0)]
>>> rain, flood = RankedCluster((0,), 0, 1, 0.0, 1.0), RankedCluster((1, 2), 1, 2, 0.25, 1.0)
>>> [c.representative for c in reading_order([rain, flood], sents, docs)]  # the flood was reported first
[1, 0]
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from summarizer.documents import Document, Sentence
from summarizer.rank import RankedCluster


def _date(doc: Document) -> datetime.date | None:
    """The day ``doc`` was published, when its ``published`` value is an ISO date or date-time."""
    try:
        return datetime.datetime.fromisoformat(doc.published.strip()).date() if doc.published else None
    except ValueError:
        return None


def reading_order(
    chosen: Sequence[RankedCluster], sentences: Sequence[Sentence], docs: Sequence[Document]
) -> list[RankedCluster]:
    """The summary's clusters in the order a reader follows the story.

    When every document has an ISO ``published`` date, a cluster comes at the day its fact
    was first reported (the earliest date among its members' documents), so a story that
    unfolds over several days is told in order; within a day, and when dates are missing,
    by where the fact appears in the articles (news puts the main facts first).
    """
    dates = {doc.id: _date(doc) for doc in docs}
    if None in dates.values():
        return sorted(chosen, key=lambda c: (c.position, c.representative))

    def first_reported(cluster: RankedCluster) -> datetime.date:
        return min(dates[sentences[i].doc_id] for i in cluster.members)  # type: ignore[type-var]

    return sorted(chosen, key=lambda c: (first_reported(c), c.position, c.representative))
