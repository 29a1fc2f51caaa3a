#!/usr/bin/env bash
# Debian's Chromium for the mock server's browser tests (apps/mock-server/test/browser), which drive it
# with playwright-core. Does nothing when /usr/bin/chromium exists.
exec bash "$(dirname "$0")/install-debian-package.sh" chromium /usr/bin/chromium
