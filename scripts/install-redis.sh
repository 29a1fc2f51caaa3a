#!/usr/bin/env bash
# Debian's redis-server for the token store tests, which start their own servers on free loopback
# ports through scripts/redis-server.mjs (never the system service or port 6379, so whether the
# package starts that service does not matter). Does nothing when /usr/bin/redis-server exists.
exec bash "$(dirname "$0")/install-debian-package.sh" redis-server /usr/bin/redis-server
