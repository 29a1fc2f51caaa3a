#!/usr/bin/env bash
# Installs one Debian package that the tests drive as a real program, unless its binary is already
# there: `bash scripts/install-debian-package.sh <package> <binary>`. Idempotent. Needs root (CI runs as
# root) and Debian's package repositories. install-chromium.sh and install-redis.sh name the two we use.
set -euo pipefail
package="$1"
binary="$2"

if [ -x "$binary" ]; then
  echo "install: $binary is already installed ($("$binary" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install: run as root (or with sudo) to install Debian's $package package" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "$package"
echo "install: installed $("$binary" --version 2>/dev/null || echo "$package")"
