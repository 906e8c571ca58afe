#!/usr/bin/env bash
# Contract test: schemathesis checks a live paced against schema/openapi.yaml.
#
#   tests/contract/run.sh [BIN_DIR]
#
# BIN_DIR holds paced and pace (default: $PACE_BIN_DIR, else .build/debug). Starts
# paced --demo on a temporary database and socket, also serving HTTPS on a free
# loopback port with a throwaway self-signed certificate; makes a bearer token for
# the caller (root, an admin) over the Unix socket; then runs every schemathesis
# check in every phase (examples, coverage, fuzzing, stateful) over HTTPS. Exits
# non-zero on any failure. Needs openssl, python3 and schemathesis ($ST, default
# .venv/bin/st: see tests/contract/requirements.txt).
#
# Tunables (environment): ST_MAX_EXAMPLES (default 50), ST_SEED (default 20261129),
# ST_WORKERS (default 1), ST_EXTRA (more `st run` arguments, e.g. --report junit).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-${PACE_BIN_DIR:-$root/.build/debug}}
bin=$(cd "$bin" && pwd)
st=${ST:-$root/.venv/bin/st}
schema=$root/schema/openapi.yaml
for f in "$bin/paced" "$bin/pace" "$st"; do
    [ -x "$f" ] || { echo "contract: $f is missing; build first (and make the virtualenv)" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pace-contract.XXXXXX")
pid=
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "contract: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT INT TERM

# A throwaway certificate for 127.0.0.1.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
chmod 600 "$tmp/key.pem"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sock=$tmp/pace.sock

# No append rate limit and room for many connections: the test measures the contract,
# not the limits (root, an admin, is not rate-limited anyway).
"$bin/paced" --db "$tmp/pace.db" --socket "$sock" --demo \
    --listen "127.0.0.1:$port" --tls-cert "$tmp/cert.pem" --tls-key "$tmp/key.pem" \
    --appends-per-minute 0 --max-connections-per-user 1024 \
    >"$tmp/paced.log" 2>&1 &
pid=$!

# Ready once the demo company is seeded: pace status answers (it waits out "starting").
for _ in $(seq 1 240); do
    if "$bin/pace" status --socket "$sock" --json >"$tmp/status.json" 2>/dev/null; then break; fi
    kill -0 "$pid" 2>/dev/null || { echo "contract: paced exited" >&2; cat "$tmp/paced.log" >&2; exit 1; }
    sleep 0.5
done
"$bin/pace" status --socket "$sock" --json >/dev/null || { echo "contract: paced is not ready" >&2; cat "$tmp/paced.log" >&2; exit 1; }

# The test's token (root is an admin), and before it a decoy: hooks.py sends a revoke
# of the test's own token to the decoy instead, so the run cannot lock itself out.
made() { python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["token"]["id"], d["secret"])'; }
read -r decoy_id _ < <("$bin/pace" token create --socket "$sock" --name decoy --expires 1d --json | made)
read -r token_id token < <("$bin/pace" token create --socket "$sock" --name contract --expires 1d --json | made)
export PACE_CONTRACT_TOKEN=$token PACE_CONTRACT_TOKEN_ID=$token_id PACE_CONTRACT_DECOY_ID=$decoy_id
export SCHEMATHESIS_HOOKS=hooks PYTHONPATH=$root/tests/contract${PYTHONPATH:+:$PYTHONPATH}

echo "contract: paced $(cat "$tmp/status.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["version"], "with", d["events"], "events, caller", d["caller"], d["role"])') at https://127.0.0.1:$port/v1"

# POST /test/clock exists only on a paced started with --test-clock (and
# PACED_ALLOW_TEST_CLOCK=1); elsewhere it is 404 for every method. It is left out:
# fuzzing it would move paced's clock years ahead, and paced would then check the
# slips of every working day in between.
status=0
(
    cd "$tmp"
    # shellcheck disable=SC2086
    "$st" --config-file "$root/tests/contract/schemathesis.toml" run "$schema" \
        --url "https://127.0.0.1:$port/v1" \
        --header "Authorization: Bearer $token" \
        --tls-verify false \
        --exclude-operation-id moveTestClock \
        --checks all \
        --phases examples,coverage,fuzzing,stateful \
        --max-examples "${ST_MAX_EXAMPLES:-50}" \
        --seed "${ST_SEED:-20261129}" \
        --workers "${ST_WORKERS:-1}" \
        --generation-database none \
        --request-timeout 30 \
        --no-color \
        ${ST_EXTRA:-}
) || status=$?
if [ "$status" != 0 ]; then
    echo "contract: schemathesis failed (exit $status); paced's log:" >&2
    grep -iE "error|fail|fault" "$tmp/paced.log" | tail -n 40 >&2 || true
fi
exit "$status"
