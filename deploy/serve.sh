#!/usr/bin/env bash
# The dashboard for a room full of viewers: HAProxy in front of one Streamlit replica per core.
#
#   deploy/serve.sh                       # http://127.0.0.1:8080, one replica per core (nproc)
#   BIND=0.0.0.0 deploy/serve.sh          # open it to the room's network (delegates' phones on the venue Wi-Fi)
#   PORT=9000 REPLICAS=4 deploy/serve.sh  # another port, another number of replicas
#
# - Replicas listen on 127.0.0.1 only (ports REPLICA_PORT, REPLICA_PORT+1, ...; default PORT+1...), share one cookie
#   secret (an upload form's XSRF cookie stays valid if a viewer moves to another replica) and never send usage
#   statistics: nothing leaves the machine.
# - Cookie affinity (COPSRV): a browser's websocket, its /media/ downloads and its /_stcore/upload_file/ uploads
#   reach the replica that holds its session. If that replica dies, HAProxy sends the browser to a live one
#   (option redispatch); the Streamlit page reconnects by itself and redraws its view from the URL.
# - Websocket upgrade with a 1 h tunnel timeout; health checks on /_stcore/health every second; gzip of the static
#   assets (Streamlit serves them uncompressed and expects a proxy to compress), kept compressed in HAProxy's cache.
# - A replica that exits is started again (RESTART=0 to turn that off). Ctrl-C / SIGTERM stops everything.
# - Each replica runs the app once at start (WARM=0 to skip) so the first delegates do not pay the cold start.
#
# Needs HAProxy (Debian package `haproxy`): installed with apt-get when missing and run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PORT=${PORT:-8080}
BIND=${BIND:-127.0.0.1}
REPLICAS=${REPLICAS:-$(nproc)}
REPLICA_PORT=${REPLICA_PORT:-$((PORT + 1))}
RESTART=${RESTART:-1}
WARM=${WARM:-1}
if [ -x "$ROOT/.venv/bin/python" ]; then PY=${PYTHON:-$ROOT/.venv/bin/python}; else PY=${PYTHON:-python3}; fi

die() { echo "serve.sh: $*" >&2; exit 1; }
[[ "$PORT" =~ ^[0-9]+$ && "$REPLICAS" =~ ^[0-9]+$ && "$REPLICA_PORT" =~ ^[0-9]+$ ]] || die "PORT, REPLICAS and REPLICA_PORT must be numbers"
[ "$REPLICAS" -ge 1 ] && [ "$REPLICAS" -le 64 ] || die "REPLICAS must be 1..64 (got $REPLICAS)"

if ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "serve.sh: installing HAProxy (Debian package haproxy)..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  else
    die "HAProxy is not installed. Install Debian's package as root: sudo apt-get install -y haproxy (or run this script as root and it will)."
  fi
fi
"$PY" -c "import streamlit" 2>/dev/null || die "Streamlit is not installed for $PY: run ./run.sh once (it installs requirements.txt into .venv)."

RUN_DIR=${RUN_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/cop-serve.XXXXXX")}
mkdir -p "$RUN_DIR"
SECRET=${COOKIE_SECRET:-$("$PY" -c "import secrets; print(secrets.token_hex(32))")}
declare -A PIDS=()
HAPROXY_PID=""
STOPPING=0

cleanup() {
  STOPPING=1
  trap - EXIT INT TERM
  [ -n "$HAPROXY_PID" ] && kill "$HAPROXY_PID" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "${KEEP_RUN_DIR:-}" ] && rm -rf "$RUN_DIR"
  echo "serve.sh: stopped" >&2
}
trap cleanup EXIT
trap 'exit 0' INT TERM

start_replica() {  # $1 = replica number (1-based)
  local n=$1 port=$((REPLICA_PORT + $1 - 1))
  STREAMLIT_SERVER_COOKIE_SECRET="$SECRET" "$PY" -m streamlit run "$ROOT/app.py" \
    --server.port "$port" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none \
    >>"$RUN_DIR/replica-$n.log" 2>&1 &
  PIDS[$n]=$!
  echo "$n $port ${PIDS[$n]}" >>"$RUN_DIR/replicas.txt"
}

healthy() { "$PY" - "$1" <<'PYEOF'
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_stcore/health", timeout=2).status == 200 else 1)
except Exception:
    sys.exit(1)
PYEOF
}

LIMIT=$(ulimit -n); [[ "$LIMIT" =~ ^[0-9]+$ ]] || LIMIT=65536
MAXCONN=$(( LIMIT / 2 - 100 )); [ "$MAXCONN" -gt 20000 ] && MAXCONN=20000  # two sockets per connection
SERVERS=""
for n in $(seq 1 "$REPLICAS"); do
  SERVERS+="    server r$n 127.0.0.1:$((REPLICA_PORT + n - 1)) cookie r$n"$'\n'
done
cat >"$RUN_DIR/haproxy.cfg" <<CFG
global
    maxconn $MAXCONN
    tune.bufsize 65536
    pidfile $RUN_DIR/haproxy.pid

defaults
    mode http
    option http-keep-alive
    option redispatch
    retries 2
    timeout connect 5s
    timeout client 60s
    timeout server 120s
    timeout http-request 15s
    timeout tunnel 1h
    timeout client-fin 10s

cache static
    total-max-size 64
    max-object-size 16777216
    max-age 3600
    process-vary on

frontend dashboard
    bind $BIND:$PORT
    filter cache static
    filter compression
    compression algo gzip
    compression type text/html text/css text/javascript application/javascript application/json image/svg+xml font/ttf application/x-font-ttf
    http-request cache-use static if { path_beg /static/ } || { path_beg /app/static/ }
    http-response cache-store static
    default_backend replicas

backend replicas
    balance leastconn
    cookie COPSRV insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk
    http-check send meth GET uri /_stcore/health
    http-check expect status 200
    default-server check inter 1s fastinter 500ms downinter 1s fall 2 rise 1
$SERVERS
CFG
haproxy -c -q -f "$RUN_DIR/haproxy.cfg" || die "HAProxy rejected the configuration $RUN_DIR/haproxy.cfg"

: >"$RUN_DIR/replicas.txt"
for n in $(seq 1 "$REPLICAS"); do start_replica "$n"; done
for n in $(seq 1 "$REPLICAS"); do
  port=$((REPLICA_PORT + n - 1))
  for _ in $(seq 1 120); do healthy "$port" && break; kill -0 "${PIDS[$n]}" 2>/dev/null || die "replica $n exited: see $RUN_DIR/replica-$n.log"; sleep 0.5; done
  healthy "$port" || die "replica $n (port $port) not healthy after 60 s: see $RUN_DIR/replica-$n.log"
done
warm() {  # one page on replica $1: loads the dataset and starts its warmer (components/warm.py)
  "$PY" "$ROOT/bench/load.py" --url "http://127.0.0.1:$((REPLICA_PORT + $1 - 1))" --viewers 1 --requests 1 \
    --duration 60 --english-only >"$RUN_DIR/warm-$1.json" 2>&1 || true
}
if [ "$WARM" = 1 ]; then
  WARMERS=()
  for n in $(seq 1 "$REPLICAS"); do warm "$n" & WARMERS+=($!); done
  wait "${WARMERS[@]}" || true
fi

haproxy -db -f "$RUN_DIR/haproxy.cfg" >>"$RUN_DIR/haproxy.log" 2>&1 &
HAPROXY_PID=$!
for _ in $(seq 1 40); do healthy "$PORT" && break; sleep 0.25; done
healthy "$PORT" || die "HAProxy is not answering on port $PORT: see $RUN_DIR/haproxy.log"
echo "serve.sh: http://$BIND:$PORT/ -> $REPLICAS replica(s) on 127.0.0.1:$REPLICA_PORT.. (run dir $RUN_DIR)" >&2
echo "serve.sh: ready" >&2

while [ "$STOPPING" = 0 ]; do
  kill -0 "$HAPROXY_PID" 2>/dev/null || die "HAProxy exited: see $RUN_DIR/haproxy.log"
  for n in $(seq 1 "$REPLICAS"); do
    if ! kill -0 "${PIDS[$n]}" 2>/dev/null; then
      wait "${PIDS[$n]}" 2>/dev/null || true
      if [ "$RESTART" = 1 ]; then
        echo "serve.sh: replica $n exited; starting it again" >&2
        start_replica "$n"
        [ "$WARM" = 1 ] && { (for _ in $(seq 1 120); do healthy $((REPLICA_PORT + n - 1)) && break; sleep 0.5; done; warm "$n") & }
      fi
    fi
  done
  sleep 1
done
