"""Benchmarks run by hand (never by CI): `python benchmarks/run.py`, `python benchmarks/roster.py`."""

from pathlib import Path


def byte_compiled() -> None:
    """Byte-compile huodong's own modules, as installing it does (pip compiles a wheel's modules; a checkout
    run with PYTHONDONTWRITEBYTECODE=1, as on the benchmark machine, would compile every module on every run)."""
    import compileall

    import generator

    compileall.compile_dir(Path(generator.__file__).parent, quiet=1)
