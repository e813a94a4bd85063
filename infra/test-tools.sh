#!/usr/bin/env bash
# Tools some tests drive besides PostgreSQL and Redis: Debian's Chromium (the web
# tests; playwright-core cannot download one here) and Debian's docker-compose
# (checks infra/docker-compose.yml; no Docker engine needed). Installs what is
# missing when running as root on Debian/Ubuntu; otherwise says what to install.
set -euo pipefail
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-tools: installing ${missing[*]} from the distribution" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  # docker-compose alone: its recommended Docker engine is not needed to check a file.
  for pkg in "${missing[@]}"; do
    flags=(); [ "$pkg" = docker-compose ] && flags=(--no-install-recommends)
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${flags[@]}" "$pkg" >/dev/null
  done
  exit 0
fi
echo "test-tools: the tests need ${missing[*]} (Debian/Ubuntu: sudo apt-get install -y ${missing[*]}); Chromium may be elsewhere if CHROMIUM_PATH says where" >&2
exit 1
