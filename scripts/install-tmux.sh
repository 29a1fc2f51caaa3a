#!/usr/bin/env bash
# Debian's tmux for the CLI's real-terminal tests, which run `fmauth` in a tmux window of their own
# (own socket, no config) and type at its prompts. Does nothing when /usr/bin/tmux exists.
exec bash "$(dirname "$0")/install-debian-package.sh" tmux /usr/bin/tmux
