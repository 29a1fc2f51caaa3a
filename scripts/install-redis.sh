#!/usr/bin/env bash
# Installs Debian's redis-server for the Redis token store's tests (packages/token-store-redis/test),
# which start their own servers on free loopback ports through scripts/redis-server.mjs.
# Idempotent: does nothing when /usr/bin/redis-server exists. Needs root (CI runs as root) and
# Debian's package repositories. The tests never use the system service or port 6379, so whether the
# package starts that service does not matter; this script neither enables nor starts it.
set -euo pipefail

if [ -x /usr/bin/redis-server ]; then
  echo "install-redis: /usr/bin/redis-server is already installed ($(/usr/bin/redis-server --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-redis: run as root (or with sudo) to install Debian's redis-server package" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends redis-server
echo "install-redis: installed $(/usr/bin/redis-server --version 2>/dev/null || echo redis-server)"
