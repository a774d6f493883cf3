"""How many threads llama.cpp gets: the cores that are idle when the model loads.

llama.cpp's threads wait for each other at every layer, so a thread that shares its core
with another busy process stalls the rest: on this project's 2-core machine, with two other
busy processes, the 0.5B model took 43-102 s per sentence with 2 threads and 10 s with 1.
"""

from __future__ import annotations

import os
import time


def cpu_count() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def idle_cores(interval: float = 0.2) -> float | None:
    """How many cores were idle over ``interval`` seconds (from ``/proc/stat``), or None if unknown."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as fh:
            values = [int(v) for v in fh.readline().split()[1:9]]
        return values[3] + values[4], sum(values)  # idle + iowait, all

    try:
        idle0, total0 = sample()
        time.sleep(interval)
        idle1, total1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    if total1 <= total0:
        return None
    return (os.cpu_count() or 1) * (idle1 - idle0) / (total1 - total0)


def default_threads() -> int:
    """Threads for llama.cpp: every core when the CPU is idle, else the idle ones (at least 1)."""
    cores = cpu_count()
    idle = idle_cores()
    if idle is None or idle >= cores - 0.5:
        return cores
    return max(1, min(cores, int(idle)))
