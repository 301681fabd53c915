#!/usr/bin/env bash
# The README's capacity table: bench/load.py against one plain server and against deploy/serve.sh, for each N.
#   bench/capacity.sh                      # N = 50 100 260 400, both setups, plus the fault drill (~35 min)
#   bench/capacity.sh serve 260            # one setup, one N
#   bench/capacity.sh one 5                # one viewer, 60 new page + filter states, 5 runs on 5 fresh servers:
#                                          # each run's p50/p95 and server CPU per request, then median and range
# Viewers arrive within 60 s, act every ~20 s, for 3 minutes. Results: bench/results/capacity-<setup>-<N>.json
# (each with the load average before and after). Loopback only; every server started here is stopped here.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
OUT=bench/results; mkdir -p "$OUT"
SETUPS=${1:-"serve plain fault"}; NS=${2:-"260 100 50 400"}
PLAIN_PORT=8711; LB_PORT=8720
ARGS=(--arrive 60 --think 20 --duration 180 --timeout 30)
SRV=""
stop() { [ -n "$SRV" ] && kill "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null; SRV=""; }
trap stop EXIT
ready() { for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/_stcore/health" >/dev/null && return 0; sleep 0.5; done; return 1; }
start_plain() {
  $PY -m streamlit run app.py --server.port $PLAIN_PORT --server.headless true --browser.gatherUsageStats false \
      >/tmp/capacity-plain.log 2>&1 & SRV=$!
  ready $PLAIN_PORT
  $PY bench/load.py --url http://127.0.0.1:$PLAIN_PORT --viewers 1 --requests 1 --english-only >/dev/null  # first run
  sleep 20  # the dataset warmer (components/warm.py) finishes
}
start_serve() {
  PORT=$LB_PORT deploy/serve.sh >/tmp/capacity-serve.log 2>&1 & SRV=$!
  for _ in $(seq 1 300); do grep -q "serve.sh: ready" /tmp/capacity-serve.log && break; sleep 0.5; done
  sleep 20
}
for setup in $SETUPS; do
  if [ "$setup" = one ]; then  # wall-clock latency of one viewer varies run to run more than many changes do
    runs=${2:-5}; files=()
    for r in $(seq 1 "$runs"); do
      start_plain
      $PY bench/load.py --url http://127.0.0.1:$PLAIN_PORT --port $PLAIN_PORT --viewers 1 --think 1 --requests 60 \
          --duration 300 --seed 7 --json "$OUT/one-$r.json" >/dev/null
      stop; files+=("$OUT/one-$r.json")
    done
    $PY - "${files[@]}" <<'PY'
import json, statistics, sys
runs = [json.load(open(f)) for f in sys.argv[1:]]
for i, r in enumerate(runs, 1):
    print(f"run {i}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, server CPU {r['cpu_ms_per_request']} ms/request, "
          f"{r['requests']} requests, {r['failed']} failed, load {r['load_avg_before']}")
for key in ("p50_ms", "p95_ms", "cpu_ms_per_request"):
    xs = [r[key] for r in runs]
    print(f"{key}: median {statistics.median(xs)}, range {min(xs)}-{max(xs)} over {len(xs)} runs")
PY
    continue
  fi
  if [ "$setup" = fault ]; then  # 100 viewers on the balancer; replica 1 killed at 90 s (serve.sh restarts it)
    start_serve
    $PY bench/load.py --url http://127.0.0.1:$LB_PORT --port $((LB_PORT + 1)) --port $((LB_PORT + 2)) --viewers 100 \
        "${ARGS[@]}" --kill-at 90 --kill-port $((LB_PORT + 1)) --json "$OUT/capacity-fault-100.json" >/dev/null
    stop; continue
  fi
  for n in $NS; do
    if [ "$setup" = plain ]; then start_plain; url=http://127.0.0.1:$PLAIN_PORT; ports=(--port $PLAIN_PORT)
    else start_serve; url=http://127.0.0.1:$LB_PORT; ports=(--port $((LB_PORT + 1)) --port $((LB_PORT + 2))); fi
    $PY bench/load.py --url "$url" "${ports[@]}" --viewers "$n" "${ARGS[@]}" --json "$OUT/capacity-$setup-$n.json" >/dev/null
    stop
    echo "$setup N=$n: $(tr -d '\n' <"$OUT/capacity-$setup-$n.json" | head -c 400)"
  done
done
