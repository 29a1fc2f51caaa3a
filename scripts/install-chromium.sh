#!/usr/bin/env bash
# Installs Debian's Chromium for the mock server's browser tests (apps/mock-server/test/browser),
# which drive it with playwright-core. Idempotent: does nothing when /usr/bin/chromium exists.
# Needs root (CI runs as root) and Debian's package repositories.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "install-chromium: /usr/bin/chromium is already installed ($(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: run as root (or with sudo) to install Debian's chromium package" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
