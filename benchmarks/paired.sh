#!/usr/bin/env bash
# Paired measurement: two servers share one CPU at the same time, each loaded by its own wrk; the ratio of their rates
# is the ratio of their costs per request.
#
#   benchmarks/paired.sh A B [WINDOWS]     e.g. benchmarks/paired.sh netty front-async
#
# A and B are server names of benchmarks/run.sh (netty, vertx, jetty, jetty-servlet, helidon, tomcat, undertow,
# conduit-async, conduit-sync, conduit-modules, conduit-ashx, front-sync, front-async), or front-async-nolog /
# front-sync-nolog (the front door with --no-access-log). TEST (plaintext by default; json, pipelined, static16k) picks
# the path each serves for that test, as run.sh does. Both servers are started on CPU $SERVER_CPU, each in a session of
# its own (setsid: the kernel's autogroups then split the CPU between the two servers evenly, whatever threads each
# runs), both wrk on CPU $WRK_CPU with -c$CONNS each; WARM seconds of load on both, then WINDOWS windows of DURATION,
# each printing both rates and B/A, then the median of B/A.
#
# Why: this machine's speed drifts by a tenth or more within seconds, so two servers measured one after the other
# differ by that much whatever their code; two measured at once on one CPU see the same drift, and their ratio moves by
# a few percent from window to window (netty against netty: 0.979, 1.046, 1.008, 1.003; median 1.006). run.sh's interleaved rounds are what the
# targets are judged by; this is for a difference of a few percent (a change against its parent, a setting against
# another) that the rounds cannot resolve. It measures CPU per request at saturation: not latency, and not how a server
# would use a CPU it had to itself. The first window often reads low for the server with more code (the connections
# of the warm-up closed, what the JIT compiled for them was thrown away, and it compiles again): the median absorbs
# one such window. Pipelined, two wrk on one CPU may be the limit rather than the servers: prefer plaintext there.
# The script builds nothing: run `benchmarks/run.sh` once, or build as its first
# lines do. Load goes to 127.0.0.1 only; every run is bounded.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
[ $# -ge 2 ] || { awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$0" >&2; exit 2; }
A=$1 B=$2 WINDOWS=${3:-5}
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# run.sh's flags for the peers and the bench server (the front door takes the conduit script's).
read -r -a JVM_FLAGS <<< "${JVM_FLAGS:--Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow}"
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
CONNS=${CONNS:-64}
DEPTH=${DEPTH:-16}
WARM=${WARM:-20}
DURATION=${DURATION:-4}
TEST=${TEST:-plaintext}
PORT_A=${PORT_A:-18180}
PORT_B=${PORT_B:-18181}

case "$TEST" in plaintext|json|pipelined|static16k) ;; *) echo "unknown TEST $TEST (plaintext, json, pipelined, static16k)" >&2; exit 2 ;; esac
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
command -v setsid >/dev/null || { echo "setsid not found (util-linux)" >&2; exit 1; }
[ -f "$HERE/peers/target/peers.jar" ] && [ -d "$ROOT/benchmarks/jmh/target/lib" ] \
  || { echo "not built: run benchmarks/run.sh once (or build as its first lines do)" >&2; exit 1; }

WORK=$(mktemp -d)
SITE=$WORK/site
cp -r "$HERE/site" "$SITE"
head -c 16384 /dev/urandom > "$SITE/static16k.bin"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

start() { # NAME PORT
  local name=$1 port=$2 extra=()
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is in use: stop what listens there, or set PORT_A / PORT_B" >&2
    exit 1
  fi
  case "$name" in
    *-nolog) extra=(--no-access-log); name=${name%-nolog} ;;
  esac
  case "$name" in
    front-*)
      setsid taskset -c "$SERVER_CPU" "$ROOT/conduit" run "$SITE" --port "$port" "${extra[@]}" \
        > "$WORK/$1-$port.log" 2>&1 & ;;
    conduit-*)
      setsid taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" \
        -cp "$ROOT/benchmarks/jmh/target/classes:$ROOT/benchmarks/jmh/target/lib/*" \
        dev.conduit.bench.ConduitBenchServer "${name#conduit-}" "$port" > "$WORK/$1-$port.log" 2>&1 & ;;
    *)
      setsid taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$HERE/peers/target/peers.jar" "$name" "$port" \
        > "$WORK/$1-$port.log" 2>&1 & ;;
  esac
  PIDS+=($!)
  for _ in $(seq 1 150); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0
    sleep 0.2
  done
  echo "$1 did not start on port $port:" >&2
  tail -5 "$WORK/$1-$port.log" >&2
  exit 1
}

path() { # NAME -> the path of $TEST
  local name=${1%-nolog}
  case "$TEST" in
    plaintext|pipelined)
      case "$name" in
        conduit-ashx) echo /plaintext.ashx ;;
        front-sync) echo /hello.ashx ;;
        front-async) echo /hello-async.ashx ;;
        *) echo /plaintext ;;
      esac ;;
    json) echo /json ;;
    static16k) echo /static16k.bin ;;
  esac
}

load() { # SECONDS OUT_A OUT_B: both at once
  local args=(-t1 -c"$CONNS" -d"$1s") tail=()
  if [ "$TEST" = pipelined ]; then
    args+=(-s "$HERE/peers/pipeline.lua")
    tail=(-- "$DEPTH")
  fi
  taskset -c "$WRK_CPU" wrk "${args[@]}" "http://127.0.0.1:$PORT_A$(path "$A")" "${tail[@]}" > "$2" 2>&1 &
  local w=$!
  taskset -c "$WRK_CPU" wrk "${args[@]}" "http://127.0.0.1:$PORT_B$(path "$B")" "${tail[@]}" > "$3" 2>&1
  wait "$w"
}

rate() { awk '/Requests\/sec/ {printf "%d", $2}' "$1"; }

# A window whose responses were not all 2xx measures something else (a 404 is cheap): stop. Socket errors are shown.
check() { # NAME OUT
  if grep -q 'Non-2xx' "$2"; then
    echo "$1: $(grep 'Non-2xx' "$2" | tr -s ' ') on $(path "$1") (does it serve $TEST?)" >&2
    exit 1
  fi
  grep -q 'Socket errors' "$2" && echo "$1: $(grep 'Socket errors' "$2" | tr -s ' ')" >&2
  return 0
}

start "$A" "$PORT_A"
start "$B" "$PORT_B"
echo "$A (port $PORT_A) and $B (port $PORT_B) on CPU $SERVER_CPU, $TEST, $WARM s of warm-up, $WINDOWS windows of $DURATION s"
load "$WARM" "$WORK/a" "$WORK/b"
RATIOS=()
for w in $(seq 1 "$WINDOWS"); do
  load "$DURATION" "$WORK/a" "$WORK/b"
  check "$A" "$WORK/a"
  check "$B" "$WORK/b"
  a=$(rate "$WORK/a") b=$(rate "$WORK/b")
  if [ -z "$a" ] || [ -z "$b" ] || [ "$a" -eq 0 ]; then
    echo "window $w: no rate (wrk: $(tail -1 "$WORK/a") / $(tail -1 "$WORK/b"))" >&2
    continue
  fi
  r=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", b / a}')
  RATIOS+=("$r")
  printf 'window %d: %s %d req/s, %s %d req/s, %s/%s %s\n' "$w" "$A" "$a" "$B" "$b" "$B" "$A" "$r"
done
[ ${#RATIOS[@]} -gt 0 ] || exit 1
printf '%s\n' "${RATIOS[@]}" | sort -n | awk -v n="${#RATIOS[@]}" -v a="$A" -v b="$B" \
  '{v[NR] = $1} END {m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2;
    printf "median %s/%s: %.3f (lowest %s, highest %s)\n", b, a, m, v[1], v[n]}'
