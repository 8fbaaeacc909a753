#!/usr/bin/env bash
# The HTML dashboard is tested in a real headless Chromium: Debian's package, never a browser
# a tool downloads. `npm test` and CI run this first: it does nothing when Chromium is there
# (or MLDEBT_CHROMIUM names one), installs Debian's chromium when it is not (as root, or with
# sudo), and otherwise says what to install. The browser tests never skip: without Chromium
# they would fail, so this is part of setting up.
set -euo pipefail
if [ -n "${MLDEBT_CHROMIUM:-}" ] || [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "mldebt tests: Chromium is missing and installing it needs root or sudo:" >&2
    echo "  apt-get install --no-install-recommends chromium   (or set MLDEBT_CHROMIUM)" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "mldebt tests: installing chromium from Debian (the dashboard's browser tests need it)" >&2
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
