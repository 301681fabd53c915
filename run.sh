#!/usr/bin/env bash
# Install the dashboard into .venv (first run only) and start it on http://127.0.0.1:8501
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
# Thai, Khmer, Lao and Myanmar fonts (static/fonts, SIL OFL) for image exports: kaleido's Chromium finds fonts in
# the user's font folder, so a machine without Debian's fonts-noto-core still draws those scripts (no root needed)
FONTS="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/asean-cop-dashboard"
mkdir -p "$FONTS" && cp -u static/fonts/*.ttf "$FONTS"/ && { command -v fc-cache >/dev/null && fc-cache "$FONTS" >/dev/null 2>&1 || true; }
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" "$@"
