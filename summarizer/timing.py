"""Stage timings: the seconds each pipeline stage took, as :attr:`Summary.timings` reports them.

>>> timer = StageTimer()
>>> with timer("embed"):
...     pass
>>> list(timer.seconds)
['embed']
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class StageTimer:
    """Collects the seconds each stage takes; a stage timed twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start
