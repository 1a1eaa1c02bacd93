"""A build that finds every input as the last build left it says what it said then, and does nothing else.

Deciding document by document that nothing changed means loading and
validating every activity and fingerprinting each document (most of a
no-change build's time, at 200 activities about two seconds). Everything those
fingerprints are made from is read here as plain files instead: content/
(activities, site settings, people, news, media, own pages), the print and
site templates, mkdocs.yml, huodong's code, renderer versions and installed
CJK families (``environment_digest``), the font files the print fonts are
cut from, and today's date (certificates and the site's "upcoming" list
depend on it). When all of those, and the outputs' state (the manifests, the
files under plans/, every recorded output still present), are exactly as the
last successful build left them, the build would render nothing and change
nothing: its messages are replayed and it stops.

Anything else (a changed byte in any input, a missing or extra output, an
unreadable memory, ``--force``) takes the ordinary path, which decides output
by output as before.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import astuple
from pathlib import Path

from ..content.errors import Problem
from ..locations import template_dirs
from .atomic import write_text
from .cache import CACHE_DIR, Manifest, digest, environment_digest, tree_digest

MEMORY = "unchanged.json"
MANIFESTS = ("plans", "plans.bytes", "public-sheets", "public-sheets.bytes", "site")  # engine/build, printing/run
OUTPUTS = ("plans",)  # folders whose every file is a build's output: their listing is part of the state


def inputs_key(root: Path) -> str:
    """Everything a build reads, as bytes, but the font files (``fonts_key``)."""
    root = Path(root)
    config = root / "mkdocs.yml"
    return digest(environment_digest(), dt.date.today().isoformat(), tree_digest(root / "content"),
                  tree_digest(*template_dirs(root, "print")), tree_digest(*template_dirs(root, "site")),
                  config.read_bytes() if config.is_file() else b"-")


def fonts_key(files: list[str]) -> str:
    """The font files the print fonts are cut from, by size and time of change (they are 20 MB each)."""
    stats = []
    for name in files:
        try:
            stat = os.stat(name)
            stats.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            stats.append(f"{name}:-")
    return digest(*stats)


def outputs_state(root: Path) -> str | None:
    """The manifests and the names under plans/; None when an output a manifest records is missing."""
    root = Path(root)
    parts: list[str | bytes] = []
    for name in MANIFESTS:
        manifest = Manifest.load(root, name)
        if not name.endswith(".bytes") and not all((root / output).exists() for output in manifest.entries):
            return None
        parts += [name, json.dumps(manifest.entries, sort_keys=True)]
    for folder in OUTPUTS:
        for directory, _, files in sorted(os.walk(root / folder)):
            parts += [Path(directory).relative_to(root).as_posix(), *sorted(files)]
    return digest(*parts)


def replayed(root: Path) -> bool:
    """If nothing changed since the last build: say again what a build of it says, and return True."""
    from ..console import out, report_problems

    path = Path(root) / CACHE_DIR / MEMORY
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if (saved["inputs"] != inputs_key(root) or saved["fonts"] != fonts_key(saved["font files"])
                or saved["state"] != outputs_state(root)):
            return False
        problems = [Problem(*fields) for fields in saved["problems"]]
        lines = [str(line) for line in saved["lines"]]
    except (OSError, ValueError, TypeError, KeyError):
        return False
    report_problems(problems)
    for line in lines:
        out.print(line, markup=False)
    return True


def remember(root: Path, inputs: str, font_files: list[str], problems: list[Problem], lines: list[str]) -> None:
    """After a successful build: its inputs (``inputs_key`` read before it started), the font files it cut
    its fonts from, its outputs' state now, and what a build that changes nothing would say: ``problems``
    (to stderr) and ``lines`` (to stdout)."""
    state = outputs_state(root)
    if state is None:
        return
    try:
        write_text(Path(root) / CACHE_DIR / MEMORY, json.dumps(
            {"inputs": inputs, "font files": font_files, "fonts": fonts_key(font_files), "state": state,
             "problems": [astuple(p) for p in problems], "lines": lines}, ensure_ascii=False))
    except OSError:
        pass  # remembering is an optimisation


def forget(root: Path) -> None:
    """A build that did not finish: the next one takes the ordinary path."""
    try:
        (Path(root) / CACHE_DIR / MEMORY).unlink(missing_ok=True)
    except OSError:
        pass
