#!/usr/bin/env bash
# PostgreSQL for the tests that run the server's state on it (tests/pg_server.py starts a throwaway server).
# Idempotent: does nothing when PostgreSQL's initdb is already on the machine.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL is missing; install it with: sudo apt-get install -y postgresql" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
