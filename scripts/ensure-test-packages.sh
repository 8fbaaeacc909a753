#!/usr/bin/env bash
# The Debian packages the test suite needs, installed when missing. `npm test` and CI run this
# first; the tests that need these tools never skip (they fail naming the package), so a green
# run always means they ran:
#   chromium    the HTML dashboard's browser tests (not needed when MLDEBT_CHROMIUM names one)
#   pre-commit  the pre-commit hooks' tests (pre-commit try-repo)
# It does nothing when everything is there, installs what is missing from Debian (as root, or
# with sudo), and otherwise says what to install. Never a browser or tool a package downloads.
set -euo pipefail
missing=()
if [ -z "${MLDEBT_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
if ! command -v pre-commit >/dev/null 2>&1; then
  missing+=(pre-commit)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "mldebt tests: missing ${missing[*]}; installing needs root or sudo:" >&2
    echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
echo "mldebt tests: installing ${missing[*]} from Debian (the test suite needs them)" >&2
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
