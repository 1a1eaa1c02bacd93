"""Benchmark `huodong build` on generated projects of N activities (run by hand, never by CI).

    python benchmarks/run.py            # N = 50, 200, 1000
    python benchmarks/run.py 50 200     # chosen sizes
    python benchmarks/run.py demo 200   # the demo project (this repository's content/) and N = 200

For each N it prints: cold build, no-change rebuild, one-file-change rebuild
(wall seconds of a real `huodong build`; the two rebuilds are medians of
three), documents rendered and seconds per document, the site build with
nothing remembered next to a plain mkdocs-material build of the same pages
(and our build again with every page remembered), the HTML size of one
activity page, and the peak memory of the whole process tree (the build, its
site process and its workers together).

Printing is compared with an anchor measured in the same run: plain
WeasyPrint rendering one fixed 6-page CJK notice (``anchor-notice.txt``, the
first seed's text, one font) in-process, median of three after a warm-up,
measured just before and just after each cold build (the mean of the two).
Each row gives huodong's cold seconds per document and bytes per document
(the PDFs and .docx files under plans/) as ratios to the anchor's seconds and
bytes, next to the absolute figures.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import byte_compiled  # noqa: E402
from benchmarks.generate import generate  # noqa: E402


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack += children.get(current, [])
    return total


def timed_build(root: Path, *args: str) -> tuple[float, int]:
    """Wall seconds and peak tree memory of one `huodong build`."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", *args], cwd=root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, stderr = process.communicate()
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"build failed:\n{stderr}")
    return time.perf_counter() - started, peak


def documents(root: Path) -> int:
    return len(json.loads((root / ".huodong-cache" / "plans.json").read_text(encoding="utf-8")))


def document_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in (root / "plans").rglob("*") if path.suffix in (".pdf", ".docx"))


ANCHOR = Path(__file__).resolve().parent / "anchor-notice.txt"


def anchor() -> tuple[float, int]:
    """Plain WeasyPrint, in-process: seconds (median of 3 after a warm-up) and bytes of one CJK notice."""
    from html import escape

    from weasyprint import HTML

    lines = [line.strip() for line in ANCHOR.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = f"<h1>{escape(lines[0])}</h1>" + "".join(f"<p>{escape(line)}</p>" for line in lines[1:])
    html = ("<html lang='zh-CN'><style>@page { size: A4; margin: 37mm 26mm 35mm 28mm }"
            "body { font: 16pt/28.9pt 'Noto Serif CJK SC' } h1 { font-size: 22pt; text-align: center }"
            f"p {{ margin: 0; text-indent: 2em }}</style><body>{body}</body></html>")

    def once() -> tuple[float, int]:
        started = time.perf_counter()
        data = HTML(string=html).write_pdf()
        return time.perf_counter() - started, len(data)

    once()
    runs = [once() for _ in range(3)]
    return statistics.median(t for t, _ in runs), runs[0][1]


def demo(base: Path) -> Path:
    """A copy of this repository's demo project."""
    repo = Path(__file__).resolve().parent.parent
    root = base / "demo"
    shutil.copytree(repo / "content", root / "content")
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    return root


def cold_build(root: Path) -> tuple[dict, int]:
    """The cold build between two anchor measurements (the machine's load changes: the anchor is the mean
    of both), and its printing figures, absolute and as ratios to the anchor."""
    before = anchor()
    cold, peak = timed_build(root)
    after = anchor()
    seconds, anchor_bytes = (before[0] + after[0]) / 2, before[1]
    docs = documents(root)
    size = document_bytes(root) / docs
    return {"documents": docs, "cold s": cold, "s/doc": cold / docs, "anchor s": seconds,
            "s/doc ÷ anchor": cold / docs / seconds, "KiB/doc": size / 1024, "anchor KiB": anchor_bytes / 1024,
            "bytes ÷ anchor": size / anchor_bytes}, peak


def site_versus_plain(root: Path) -> tuple[float, float, float]:
    """CPU seconds of our site build with nothing remembered, of plain mkdocs-material building the same
    pages as Markdown, and of our site build again with every page remembered."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from generator.website.build import build_site

    logging.getLogger("jieba").setLevel(logging.WARNING)
    plain = root / "plain"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "scratch-site"))
    plugin = config.plugins["huodong"]
    config = config.plugins.on_config(config)
    files = plugin.on_files(get_files(config), config=config)
    for file in files.documentation_pages():
        spec = plugin.specs.get(file.src_uri)
        if spec is None:
            continue
        target = plain / "docs" / file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = json.dumps({"title": spec.title, "hide": list(spec.hide)}, ensure_ascii=False)
        target.write_text(f"---\n{meta}\n---\n\n{plugin.renderer.render(spec, file, files)}\n", encoding="utf-8")
    css = Path(__file__).resolve().parent.parent / "templates/site/assets/huodong.css"
    shutil.copy(css, plain / "docs" / "huodong.css")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if line.strip() != "- huodong")
    text = text.replace("docs_dir: content/pages", "docs_dir: docs")
    text += "\nextra_css: [huodong.css]\nnav: " + json.dumps(config.nav, ensure_ascii=False) + "\n"
    (plain / "mkdocs.yml").write_text(text, encoding="utf-8")

    def plain_build() -> float:
        plain_config = load_config(str(plain / "mkdocs.yml"), site_dir=str(plain / "site"))
        started = time.process_time()
        build(plain_config)
        return time.process_time() - started

    def ours(forget: bool = True) -> float:
        if forget:  # remembered pages, segments, compiled templates, gate: what plain mkdocs does not have
            for name in ("pages.pickle", "segments.pickle", "jinja", "gate.json"):
                path = root / ".huodong-cache" / name
                shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        started = time.process_time()
        build_site(root)
        return time.process_time() - started

    ours(), plain_build()  # load the jieba dictionary and import everything once, for both
    cold, plain = min(ours() for _ in range(3)), min(plain_build() for _ in range(3))
    return cold, plain, min(ours(forget=False) for _ in range(3))


def bench(n: int | str, base: Path) -> dict:
    if n == "demo":
        figures, cold_peak = cold_build(demo(base))
        return {"N": n, **figures, "peak MiB": cold_peak / 2**20}
    root = generate(base / f"n{n}", n)
    (root / "content" / "pages").mkdir(exist_ok=True)
    figures, cold_peak = cold_build(root)
    unchanged = statistics.median(timed_build(root)[0] for _ in range(3))
    one = root / "content/activities/a0001.yaml"
    original = one.read_text(encoding="utf-8")
    changes = []
    for edit in range(1, 4):  # a different edit each time, so every build has one changed activity
        one.write_text(original.replace("第2期", f"第2期（第{edit}次修订）"), encoding="utf-8")
        changes.append(timed_build(root)[0])
    changed = statistics.median(changes)
    page = (root / "site/activities/a0000.html").stat().st_size
    ours, plain, remembered = site_versus_plain(root)
    return {"N": n, **figures,
            "no-change s": unchanged, "one-change s": changed, "site s (CPU)": ours, "plain mkdocs s (CPU)": plain,
            "site/plain": ours / plain, "site remembered s (CPU)": remembered, "page bytes": page,
            "peak MiB": cold_peak / 2**20}


def main() -> None:
    sizes = [a if a == "demo" else int(a) for a in sys.argv[1:]] or [50, 200, 1000]
    byte_compiled()
    base = Path(tempfile.mkdtemp(prefix="huodong-bench-"))
    for n in sizes:  # each row as soon as it is measured (the demo's row has fewer columns: a table each)
        row = bench(n, base)
        keys = list(row)
        print("| " + " | ".join(keys) + " |")
        print("|" + "---|" * len(keys))
        print("| " + " | ".join(f"{v:.3f}" if isinstance(v, float) and v < 1 else
                                 f"{v:.1f}" if isinstance(v, float) else str(v) for v in row.values()) + " |",
              flush=True)
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
