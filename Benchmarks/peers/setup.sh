#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv (ignored by git) and installs the pinned
# peers of the benchmark comparison, SimPy and Ciw, from PyPI.
#   Benchmarks/peers/setup.sh            # idempotent; re-run to repair the environment
#   PYTHON=python3.12 Benchmarks/peers/setup.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${PYTHON:-python3}"
if [ ! -x "$here/.venv/bin/python" ]; then
    "$python" -m venv "$here/.venv"
fi
"$here/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
"$here/.venv/bin/python" -c 'import simpy, ciw; print(f"simpy {simpy.__version__}, ciw {ciw.__version__} in '"$here"'/.venv")'
