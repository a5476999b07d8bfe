#!/usr/bin/env bash
# One command: set up, install the browser for the UI test, run the test suite and the gold-set eval.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
if [ -f scripts/install_browser.sh ]; then bash scripts/install_browser.sh; fi
mkdir -p test-output
.venv/bin/python -m pytest -q "$@"
.venv/bin/assistant eval
