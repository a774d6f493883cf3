"""The R-2 against seconds-per-cluster plot of a ROUGE run."""

from __future__ import annotations

import math
import statistics
from pathlib import Path
from typing import Any


def plot(rows: list[dict[str, Any]], path: Path, title: str) -> None:
    """R-2 against seconds per cluster (log scale); published systems as labelled lines."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter

    fig, ax = plt.subplots(figsize=(9, 5.5), dpi=120)
    colours = {"ours": "tab:red", "oracle": "tab:green", "baseline": "tab:grey", "library": "tab:blue"}
    untimed = sorted((r for r in rows if not r["seconds_per_cluster"]), key=lambda r: r["scores"]["rouge2"])
    timed = [r for r in rows if r["seconds_per_cluster"]]
    values = [r["scores"]["rouge2"] for r in rows]
    gap = (max(values) - min(values)) * 0.03 if values else 0.0
    label_y: list[float] = []
    for row in untimed:  # push labels apart upwards, then centre the group on the lines
        label_y.append(max(row["scores"]["rouge2"], label_y[-1] + gap if label_y else -math.inf))
    if label_y:
        shift = statistics.fmean(y - r["scores"]["rouge2"] for y, r in zip(label_y, untimed, strict=True))
        label_y = [y - shift for y in label_y]
    for row, y in zip(untimed, label_y, strict=True):  # published systems: no time, drawn as lines
        r2 = row["scores"]["rouge2"]
        ax.axhline(r2, color="0.8", lw=0.8, ls="--", zorder=0)
        ax.annotate(
            row["system"], xy=(1.0, r2), xycoords=("axes fraction", "data"), xytext=(1.04, y),
            textcoords=("axes fraction", "data"), fontsize=6.5, color="0.35", va="center",
            arrowprops={"arrowstyle": "-", "color": "0.7", "lw": 0.5}, annotation_clip=False,
        )  # fmt: skip
    placed: list[tuple[float, float]] = []
    for row in sorted(timed, key=lambda r: r["scores"]["rouge2"]):
        x, y = row["seconds_per_cluster"], row["scores"]["rouge2"]
        ax.scatter([x], [y], color=colours.get(row["kind"], "k"), s=40, zorder=3)
        dy = 3 + 9 * sum(1 for px, py in placed if abs(math.log10(px / x)) < 0.25 and abs(py - y) < gap)
        placed.append((x, y))
        ax.annotate(row["system"], (x, y), xytext=(5, dy), textcoords="offset points", fontsize=8)
    ax.set_xscale("log")
    ax.xaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.xaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("seconds per cluster (log scale; model load excluded)")
    ax.set_ylabel("ROUGE-2")
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
