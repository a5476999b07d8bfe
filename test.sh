#!/usr/bin/env bash
# One command: set up, install the browser and PostgreSQL for the tests, run the test suite and the eval.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
if [ -f scripts/install_browser.sh ]; then bash scripts/install_browser.sh; fi
bash scripts/install_postgres.sh  # the replica and PostgreSQL tests start their own server from it
mkdir -p test-output
# The floors are on the test split (`assistant eval` alone prints both). It runs beside pytest, not after it: pytest's
# servers, browser and timeouts leave a core idle for a third of its time, which the eval fills (one after the other
# they took 14 of CI's 15 minutes). Its report is printed once pytest is done.
.venv/bin/assistant eval --split test > test-output/eval-test.txt 2>&1 &
eval_pid=$!
trap 'kill "$eval_pid" 2>/dev/null || true' EXIT
# Both cores: one test file per worker (a file's server and index are built once); TEST_WORKERS=0 runs in-process.
tests=0
.venv/bin/python -m pytest -q -n "${TEST_WORKERS:-2}" --dist loadfile "$@" || tests=$?
bars=0
wait "$eval_pid" || bars=$?
trap - EXIT
cat test-output/eval-test.txt
if [ "$tests" -ne 0 ]; then echo "pytest failed (exit $tests)" >&2; fi
if [ "$bars" -ne 0 ]; then echo "the test split's eval failed its bars (exit $bars)" >&2; fi
exit $(( tests != 0 || bars != 0 ))
