#!/usr/bin/env bash
# Install test dependencies into .venv and run the whole suite: data layer, AppTest pages,
# image export (kaleido + Chromium) and browser end-to-end tests (Playwright + Chromium).
# Chromium comes from Debian's package: installed with apt-get when missing and we are root.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then "$PY" -m venv .venv; fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# Thai, Khmer, Lao and Myanmar fonts (static/fonts, SIL OFL) for image exports: kaleido's Chromium finds fonts in
# the user's font folder, so a machine without Debian's fonts-noto-core still draws those scripts (no root needed)
FONTS="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/asean-cop-dashboard"
mkdir -p "$FONTS" && cp -u static/fonts/*.ttf "$FONTS"/ && { command -v fc-cache >/dev/null && fc-cache "$FONTS" >/dev/null 2>&1 || true; }
if ! command -v chromium >/dev/null 2>&1 && [ -z "${BROWSER_PATH:-}" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Chromium is missing: installing Debian's chromium package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "ERROR: Chromium is required for the browser and image-export tests." >&2
    echo "Install it with: sudo apt-get install chromium   (or set BROWSER_PATH to a Chromium binary)" >&2
    exit 1
  fi
fi
# the forum kit's tests decode QR codes (zbarimg, zbar-tools) and read the PDF deck (pdftotext/pdffonts, poppler-utils)
if ! command -v zbarimg >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "zbar-tools or poppler-utils is missing: installing them"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq zbar-tools poppler-utils >/dev/null
  else
    echo "ERROR: the forum-kit tests need zbarimg and pdffonts: sudo apt-get install zbar-tools poppler-utils" >&2
    exit 1
  fi
fi
# HAProxy (Debian's package) for the balancer test of deploy/serve.sh; without it that test fails with what to install
if ! command -v haproxy >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "HAProxy is missing: installing Debian's haproxy package"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
