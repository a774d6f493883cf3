"""Markdown tables, as every benchmark report writes them.

>>> print("\\n".join(markdown_table(["System", "R-2"], [["ours", "9.28"]], align="lr")))
| System | R-2 |
|---|---:|
| ours | 9.28 |
>>> markdown_table(["a", "b"], [["1", ""]], align="ll")[-1]  # an empty cell
'| 1 | |'
"""

from __future__ import annotations

from collections.abc import Sequence


def markdown_table(head: Sequence[str], rows: Sequence[Sequence[str]], *, align: str) -> list[str]:
    """The lines of a Markdown table; ``align`` has one letter per column, ``l`` (left) or ``r`` (right)."""
    if len(align) != len(head):
        raise ValueError(f"align has {len(align)} letters for {len(head)} columns")
    rule = "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|"
    return [_row(head), rule, *(_row(row) for row in rows)]


def _row(cells: Sequence[str]) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"
