"""The 更新说明: CHANGELOG.md's sections ("## 0.2.0"), and those newer than a given version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from models.ledger_version import is_newer, parse_version
from models.paths import program_dir

_HEADING = re.compile(r"^##\s+v?(\d+(?:\.\d+)*)\b(.*)$")


@dataclass
class Release:
    """One version's section of the changelog."""

    version: str
    title: str
    lines: list[str]


def changelog_path() -> Path:
    """CHANGELOG.md beside the program (the checkout, or the package's folder)."""
    return program_dir() / "CHANGELOG.md"


def parse_changelog(text: str) -> list[Release]:
    """Every `## version` section in the order written (newest first by convention)."""
    releases: list[Release] = []
    for line in text.splitlines():
        m = _HEADING.match(line.strip())
        if m:
            releases.append(Release(m.group(1), line.strip().lstrip("#").strip(), []))
        elif line.startswith(("## ", "# ")):
            continue
        elif releases:
            releases[-1].lines.append(line.rstrip())
    for release in releases:
        while release.lines and not release.lines[-1].strip():
            release.lines.pop()
        while release.lines and not release.lines[0].strip():
            release.lines.pop(0)
    return releases


def releases_since(text: str, old: str, new: str) -> list[Release]:
    """The sections for versions later than `old` and not later than `new`, newest first."""
    chosen = [r for r in parse_changelog(text) if is_newer(r.version, old) and not is_newer(r.version, new)]
    return sorted(chosen, key=lambda r: parse_version(r.version), reverse=True)


def notes_since(old: str, new: str, path: Path | None = None) -> list[Release]:
    """The 更新说明 between two versions, read from CHANGELOG.md (empty when it is missing)."""
    try:
        text = (path or changelog_path()).read_text(encoding="utf-8")
    except OSError:
        return []
    return releases_since(text, old, new)
