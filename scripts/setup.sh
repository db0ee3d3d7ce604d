#!/usr/bin/env bash
# Installs everything Nirdesh needs on a fresh Debian machine: system packages
# (Tesseract with Devanagari data, poppler, a Devanagari font) and a virtual
# environment at .venv with the project and its Python dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-hin tesseract-ocr-script-deva poppler-utils fonts-lohit-deva postgresql chromium chromium-driver redis-server ghostscript fonts-noto-core libreoffice-writer-nogui)
APT_PACKAGES+=(${NIRDESH_EXTRA_APT:-})

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip wheel
.venv/bin/pip install -q -e '.[service,scale,dev,search-st]'
echo "ready: .venv/bin/nirdesh"
