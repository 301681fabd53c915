#!/usr/bin/env bash
# Install the dashboard into .venv (first run only) and start it on http://127.0.0.1:8501
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" "$@"
