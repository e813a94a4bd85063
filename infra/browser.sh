#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (playwright-core cannot download one
# here). Installs it when missing and running as root on Debian/Ubuntu;
# otherwise says what to install.
set -euo pipefail
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "browser: installing chromium from the distribution" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "browser: the web tests need Chromium at $chromium (Debian/Ubuntu: sudo apt-get install -y chromium), or set CHROMIUM_PATH" >&2
exit 1
