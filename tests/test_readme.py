"""The README's map of the tree ("How it works") names every module and folder, and only real ones."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _map() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## How it works") :]
    return section[section.index("```text") + len("```text") : section.index("```", section.index("```text") + 7)]


def _entries() -> dict[str, str]:
    """Each path the map names at the start of a line (indented two spaces: inside summarizer/), to its text."""
    entries: dict[str, str] = {}
    parent = ""
    for line in _map().splitlines():
        match = re.match(r"^( *)(\S+)\s", line + " ")
        if not match or line.startswith(" " * 6):  # a continuation line
            if match and entries:
                entries[next(reversed(entries))] += " " + line.strip()
            continue
        indent, name = match.groups()
        path = name if not indent else parent + name
        if not indent and name.endswith("/"):
            parent = name
        entries[path] = line.strip()
    return entries


def test_every_entry_of_the_map_exists():
    for path in _entries():
        assert (ROOT / path).exists(), f"the README's map names {path}, which does not exist"


def test_every_module_and_subpackage_of_the_library_is_in_the_map():
    named = set(_entries())
    package = ROOT / "summarizer"
    for child in package.iterdir():
        if child.name.startswith("_") or child.name == "py.typed" or child.name == "__pycache__":
            continue
        entry = f"summarizer/{child.name}" + ("/" if child.is_dir() else "")
        assert entry in named, f"{entry} is missing from the README's map"


def test_the_map_names_each_subpackages_modules():
    entries = _entries()
    for sub in ("facts", "rewrite", "models", "cli"):
        text = entries[f"summarizer/{sub}/"]
        for module in (ROOT / "summarizer" / sub).glob("*.py"):
            if module.stem != "__init__":
                assert module.stem in text, f"summarizer/{sub}/{module.name} is not named in the README's map"
