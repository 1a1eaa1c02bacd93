"""What each output was made from, so an unchanged output is never rendered twice.

Every output's fingerprint hashes everything it depends on: the activity's
content, the site settings, the templates and stylesheets, the fonts,
huodong's own code and the versions of its renderers. The manifest maps output paths to
fingerprints; it is rewritten atomically after each build and records only
files that were actually written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..fonts import cjk_families
from .atomic import write_text

CACHE_DIR = ".huodong-cache"
PACKAGE = Path(__file__).resolve().parent.parent  # generator/: huodong's code and scaffolds
RENDERERS = ("weasyprint", "python-docx", "segno", "Jinja2", "mkdocs", "mkdocs-material")


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def tree_digest(*folders: Path) -> str:
    """A digest of every file's path and bytes under the given folders."""
    parts: list[str | bytes] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@lru_cache(maxsize=1)
def environment_digest() -> str:
    """huodong's own code, renderer versions and the installed CJK fonts.

    The code itself is hashed, not only the version number: a source checkout
    updated with `git pull` renders again what the new code would render
    differently, without anyone having to remember `--force`.
    """
    versions = []
    for name in RENDERERS:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=-")
    return digest(__version__, tree_digest(PACKAGE), *versions, *sorted(cjk_families()))


@dataclass
class Manifest:
    """Output path (relative to the project root) → fingerprint of its inputs."""

    path: Path
    entries: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, name: str) -> "Manifest":
        path = Path(root) / CACHE_DIR / f"{name}.json"
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        return cls(path, entries if isinstance(entries, dict) else {})

    def fresh(self, root: Path, output: str, fingerprint: str) -> bool:
        return self.entries.get(output) == fingerprint and (Path(root) / output).exists()

    def record(self, output: str, fingerprint: str) -> None:
        self.entries[output] = fingerprint

    def save(self) -> None:
        write_text(self.path, json.dumps(self.entries, ensure_ascii=False, indent=0, sort_keys=True))
