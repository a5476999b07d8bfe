#!/usr/bin/env bash
# One command: set up (venv, dependencies, index) and serve the web UI + HTTP API on one port.
#   ./run.sh                 → http://127.0.0.1:7860  (ASSISTANT_HOST / ASSISTANT_PORT to change)
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/assistant serve "$@"
