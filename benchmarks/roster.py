"""Benchmark `huodong check` on big volunteer rosters (run by hand, never by CI).

    python benchmarks/roster.py            # 100,000 rows
    python benchmarks/roster.py 20000      # chosen size

Two projects: a roster of N rows as volunteers.xlsx, and a three-row roster
with one stray value in cell XFD1048576. For each it prints the wall and CPU
seconds of a real `huodong check` process and its peak memory; then the
anchor of benchmarks/run.py (plain WeasyPrint rendering one 6-page CJK notice),
measured in the same minutes, which says how fast the machine was.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import byte_compiled  # noqa: E402

HEADER = ["序号", "提交答卷时间", "1、姓名", "2、班级/单位", "3、家长手机号", "4、是否同意公开姓名"]


def project(folder: Path, rows: int, stray: bool = False) -> Path:
    (folder / "content" / "activities").mkdir(parents=True)
    (folder / "content" / "site.yaml").write_text("name: 测试志愿服务队\n", encoding="utf-8")
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for i in range(1, rows + 1):
        sheet.append([i, "2026/9/1 20:15:03", f"张{i}", "竹亭中心小学五（1）班", 13900000000 + i, "否"])
    path = folder / "content" / "people" / "volunteers.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    if stray:
        from openpyxl import load_workbook

        book = load_workbook(path)
        book.active["XFD1048576"] = "x"
        book.save(path)
    return folder


def measure(root: Path) -> str:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "check"],
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return (f"exit {done.returncode}, wall {wall:.2f} s, CPU {cpu:.2f} s, peak memory {after.ru_maxrss // 1024} MB; "
            f"{done.stdout.strip() or done.stderr.strip()[:120]}")


def main() -> None:
    byte_compiled()
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as scratch:
        print(f"{rows} rows:", measure(project(Path(scratch) / "big", rows)))
        print("stray value in XFD1048576:", measure(project(Path(scratch) / "stray", 3, stray=True)))
    from benchmarks.run import anchor

    print(f"anchor (the machine's speed now): {anchor()[0]:.3f} s")


if __name__ == "__main__":
    main()
