#!/usr/bin/env bash
# One command: set up, install the browser and PostgreSQL for the tests, run the test suite and the eval.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
if [ -f scripts/install_browser.sh ]; then bash scripts/install_browser.sh; fi
bash scripts/install_postgres.sh  # the replica and PostgreSQL tests start their own server from it
mkdir -p test-output
# Both cores: one test file per worker (a file's server and index are built once); TEST_WORKERS=0 runs in-process.
.venv/bin/python -m pytest -q -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
.venv/bin/assistant eval --split test  # the floors are on the test split (`assistant eval` alone prints both)
