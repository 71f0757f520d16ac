#!/usr/bin/env bash
# CI's packaging step (after the tests): every runtime dependency has wheels for Windows x64
# and manylinux x86_64/aarch64; the Linux one-folder package is built with PyInstaller; its
# size and start time are measured; and the frozen program passes its smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m pip install -q '.[build]'
"$PY" packaging/wheels.py check
packaging/build_linux.sh --python "$PY"
"$PY" benchmarks/package_bench.py --runs 3
FROZEN_APP="dist/专项治理台账/专项治理台账" "$PY" -m pytest -q -p no:cacheprovider packaging/test_frozen.py
