#!/usr/bin/env bash
# The dashboard in a real browser (chromium, chromium-driver, selenium); see test_dashboard.py.
#   tests/web/run.sh [BIN_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export PACE_BIN_DIR=${1:-${PACE_BIN_DIR:-$root/.build/debug}}
exec "$root/.venv/bin/python" -m pytest -q -p no:cacheprovider "$root/tests/web/test_dashboard.py"
