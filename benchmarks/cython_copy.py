"""A copy of this checkout's `src/` with every module of `helpers.extract` (and the
normaliser and sentence splitter) compiled by Cython, as they are (no type declarations),
for `bench_compare.py` to weigh against the pure-Python code:

    .venv/bin/pip install cython          # not a dependency of Rasd: only this measurement needs it
    .venv/bin/python benchmarks/cython_copy.py /tmp/rasd_cython
    taskset -c 0 .venv/bin/python benchmarks/bench_compare.py /tmp/rasd_cython/src

The copy's `data` is a link to this checkout's. Compiling takes minutes (about 30 MB of C).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SETUP = """
from setuptools import setup
from Cython.Build import cythonize
setup(ext_modules=cythonize({modules!r}, compiler_directives={{"language_level": 3, "binding": True,
      "annotation_typing": False}}, quiet=True), script_args=["build_ext", "--inplace", "--parallel", "2"])
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where the compiled copy goes (made anew)")
    args = parser.parse_args()
    folder = args.folder.resolve()
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(ROOT / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    os.symlink(ROOT / "data", folder / "data")
    source = folder / "src"
    modules = sorted(str(p.relative_to(source)) for p in (source / "helpers" / "extract").glob("*.py")
                     if p.name != "__init__.py")
    modules += ["helpers/ingest/normalise.py", "helpers/ingest/sentences.py"]
    (source / "setup_cython.py").write_text(SETUP.format(modules=modules), encoding="utf-8")
    done = subprocess.run([sys.executable, "setup_cython.py"], cwd=source, capture_output=True, text=True)
    if done.returncode:
        print(done.stderr[-3000:], file=sys.stderr)   # the compiler's last words (its warnings are many)
    built = sorted(source.glob("helpers/**/*.so"))
    print(f"{len(built)} of {len(modules)} modules compiled into {source}")
    return done.returncode or (0 if len(built) == len(modules) else 1)


if __name__ == "__main__":
    sys.exit(main())
