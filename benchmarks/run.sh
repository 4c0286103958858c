#!/usr/bin/env bash
# Load harness: Conduit against its peers, TechEmpower-style, in interleaved rounds.
#
#   benchmarks/run.sh [ROUNDS]          (default 3 rounds; writes benchmarks/RESULTS.md)
#
# Builds Conduit (benchmarks/jmh: ConduitBenchServer) and the peers (benchmarks/peers), then runs ROUNDS rounds;
# each round starts every server in turn (A B C ... A B C ...) with the same JVM flags, pinned to CPU $SERVER_CPU
# while wrk is pinned to CPU $WRK_CPU, and, each after a warm-up of its own (WARMUP), measures /plaintext, /json, /plaintext pipelined 16 deep and
# a 16 KiB static file with wrk -t1 -c$CONNS -d$DURATION; then, per server in IDLE_SERVERS, the heap that IDLE_COUNT
# idle keep-alive connections hold. The table gives, per test, each server's median req/s over
# the rounds and its ratio to raw Netty's median. Conduit variants: async = an async handler, sync = a blocking one,
# modules = async with session and forms authentication configured (the handler takes no session), ashx = an .ashx
# handler compiled from inline source. Load goes to 127.0.0.1 only; every run is bounded by DURATION.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${1:-3}
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
read -r -a JVM_FLAGS <<< "${JVM_FLAGS:--Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED}"
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
CONNS=${CONNS:-64}
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-3s}
DEPTH=${DEPTH:-16}
PORT=${PORT:-18180}
IDLE_COUNT=${IDLE_COUNT:-10000}
SERVERS=(${SERVERS:-netty vertx undertow jetty helidon tomcat conduit-async conduit-sync conduit-modules conduit-ashx})

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
[ -x "$JAVA" ] || { echo "no JDK at $JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
echo "building Conduit and the peers..." >&2
(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package -pl benchmarks/jmh -am) >&2 || exit 1
(cd "$HERE/peers" && mvn -q -B -Dstyle.color=never package) >&2 || exit 1

STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOGS=$HERE/peers/logs/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$LOGS"
CSV=$LOGS/raw.csv
echo "round,server,test,rps,errors" > "$CSV"

start_server() { # NAME -> sets PID
  local name=$1 cp
  case "$name" in
    conduit-*)
      cp="$ROOT/benchmarks/jmh/target/classes:$ROOT/benchmarks/jmh/target/lib/*"
      taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -cp "$cp" dev.conduit.bench.ConduitBenchServer "${name#conduit-}" "$PORT" \
        > "$LOGS/$name-server.log" 2>&1 &
      ;;
    *)
      taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$HERE/peers/target/peers.jar" "$name" "$PORT" \
        > "$LOGS/$name-server.log" 2>&1 &
      ;;
  esac
  PID=$!
}

plaintext_path() { [ "$1" = conduit-ashx ] && echo /plaintext.ashx || echo /plaintext; }

wait_ready() { # PID PATH
  for _ in $(seq 300); do
    kill -0 "$1" 2>/dev/null || return 1
    [ "$(curl -s "http://127.0.0.1:$PORT$2")" = "Hello, World!" ] && return 0
    sleep 0.1
  done
  return 1
}

stop_server() {
  kill -TERM "$PID" 2>/dev/null
  for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$PID" 2>/dev/null
  wait "$PID" 2>/dev/null
}

measure() { # ROUND SERVER TEST DURATION [wrk args...] URL
  local round=$1 server=$2 test=$3 dur=$4; shift 4
  local out=$LOGS/$server-$test-r$round.txt
  taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d"$dur" "$@" > "$out" 2>&1
  local rps err
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  err=$(awk '/Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} /Non-2xx/ {n += $NF} END {print n + 0}' "$out")
  echo "$round,$server,$test,${rps:-0},$err" >> "$CSV"
}

for round in $(seq "$ROUNDS"); do
  for s in "${SERVERS[@]}"; do
    echo ">> round $round: $s" >&2
    start_server "$s"
    pt=$(plaintext_path "$s")
    if ! wait_ready "$PID" "$pt"; then
      echo "   $s did not start; see $LOGS/$s-server.log" >&2
      stop_server; continue
    fi
    base=http://127.0.0.1:$PORT
    # Each test is warmed up on its own path first (WARMUP), so that every server is measured with that path
    # compiled by the JIT: a server pinned to one CPU compiles on the CPU it serves from.
    measure "$round" "$s" warmup "$WARMUP" "$base$pt"
    sleep 1; measure "$round" "$s" plaintext "$DURATION" "$base$pt"
    measure "$round" "$s" warmup "$WARMUP" -s "$HERE/peers/pipeline.lua" "$base$pt" -- "$DEPTH"
    sleep 1; measure "$round" "$s" pipelined "$DURATION" -s "$HERE/peers/pipeline.lua" "$base$pt" -- "$DEPTH"
    if [ "$s" != conduit-ashx ]; then
      measure "$round" "$s" warmup "$WARMUP" "$base/json"
      sleep 1; measure "$round" "$s" json "$DURATION" "$base/json"
    fi
    case "$s" in
      netty|conduit-*)
        measure "$round" "$s" warmup "$WARMUP" "$base/static16k.bin"
        sleep 1; measure "$round" "$s" static16k "$DURATION" "$base/static16k.bin" ;;
    esac
    stop_server
    sleep 1
  done
done

# Idle connections: IDLE_COUNT keep-alive connections that each made one request, then the server's heap after a
# full GC (jcmd GC.run, then GC.heap_info), against the same server's heap after a full GC before they opened.
IDLE_CSV=$LOGS/idle.csv
echo "server,connections,answered,heap_before_kib,heap_after_kib" > "$IDLE_CSV"
# The heap in use: the sum of the top-level spaces (G1's one heap line; Serial's young and old, which a JVM pinned to
# one CPU picks).
heap_used_kib() {
  jcmd "$1" GC.run > /dev/null 2>&1; sleep 1
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/^[A-Za-z].*total.*used [0-9]+K/ {match($0, /used [0-9]+K/); n += substr($0, RSTART + 5, RLENGTH - 6)} END {print n + 0}'
}
for s in ${IDLE_SERVERS:-netty conduit-async conduit-modules}; do
  echo ">> idle connections: $s" >&2
  start_server "$s"
  if ! wait_ready "$PID" "$(plaintext_path "$s")"; then
    echo "   $s did not start; see $LOGS/$s-server.log" >&2
    stop_server; continue
  fi
  before=$(heap_used_kib "$PID")
  rm -f "$LOGS/hold"; mkfifo "$LOGS/hold"
  taskset -c "$WRK_CPU" "$JAVA" -cp "$ROOT/benchmarks/jmh/target/classes" dev.conduit.bench.IdleConnections \
    "$PORT" "$IDLE_COUNT" "$(plaintext_path "$s")" < "$LOGS/hold" > "$LOGS/$s-idle.txt" 2>&1 &
  CLIENT=$!
  exec 3> "$LOGS/hold"
  for _ in $(seq 1200); do grep -q '^ready' "$LOGS/$s-idle.txt" && break; kill -0 "$CLIENT" 2>/dev/null || break; sleep 0.1; done
  answered=$(awk '/^ready/ {print $4}' "$LOGS/$s-idle.txt")
  after=$(heap_used_kib "$PID")
  exec 3>&-
  wait "$CLIENT" 2>/dev/null
  echo "$s,$IDLE_COUNT,${answered:-0},${before:-0},${after:-0}" >> "$IDLE_CSV"
  stop_server
  sleep 1
done

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
JDK=$("$JAVA" -version 2>&1 | head -1)
CPU=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
python3 - "$CSV" "$IDLE_CSV" "$HERE/RESULTS.md" "$STAMP" "$COMMIT" "$JDK" "$CPU" "$ROUNDS" "$DURATION" "$CONNS" "$DEPTH" "${JVM_FLAGS[*]}" <<'PY'
import csv, statistics, sys
raw, idle, out, stamp, commit, jdk, cpu, rounds, duration, conns, depth, flags = sys.argv[1:]
rows = [r for r in csv.DictReader(open(raw)) if r["test"] != "warmup"]
tests = ["plaintext", "json", "pipelined", "static16k"]
servers = []
for r in rows:
    if r["server"] not in servers:
        servers.append(r["server"])
med, errs = {}, {}
for s in servers:
    for t in tests:
        v = [int(r["rps"]) for r in rows if r["server"] == s and r["test"] == t]
        if v:
            med[(s, t)] = statistics.median(v)
            errs[(s, t)] = sum(int(r["errors"]) for r in rows if r["server"] == s and r["test"] == t)
lines = [
    "# Benchmark results",
    "",
    f"- date: {stamp}; commit: {commit}",
    f"- JDK: {jdk}; JVM flags: `{flags}`",
    f"- machine: {cpu}, 2 cores; server pinned to CPU 1, wrk to CPU 0",
    f"- load: `wrk -t1 -c{conns} -d{duration}` per test, pipelined {depth} deep; {rounds} interleaved rounds; median req/s per test",
    "- reproduce: `benchmarks/run.sh " + rounds + "` (builds everything; needs wrk)",
    "",
    "Ratios are to raw Netty's median in the same run (raw Netty serves the static file from memory).",
    "",
    "| server | " + " | ".join(f"{t} req/s (ratio)" for t in tests) + " | errors |",
    "|---|" + "---|" * (len(tests) + 1),
]
for s in servers:
    cells = []
    for t in tests:
        if (s, t) in med:
            base = med.get(("netty", t))
            ratio = f" ({med[(s, t)] / base:.2f})" if base else ""
            cells.append(f"{med[(s, t)]:,.0f}{ratio}")
        else:
            cells.append("n/a")
    e = sum(v for (ss, _), v in errs.items() if ss == s)
    lines.append(f"| {s} | " + " | ".join(cells) + f" | {e} |")
idle_rows = list(csv.DictReader(open(idle)))
if idle_rows:
    lines += [
        "",
        "Idle keep-alive connections (each made one request, then stayed open): the server's heap in use after a full GC.",
        "",
        "| server | connections (answered) | heap before | heap with them open | per connection |",
        "|---|---|---|---|---|",
    ]
    for r in idle_rows:
        n, before, after = int(r["connections"]), int(r["heap_before_kib"]), int(r["heap_after_kib"])
        per = (after - before) / n if n else 0
        lines.append(f"| {r['server']} | {n:,} ({int(r['answered']):,}) | {before / 1024:.1f} MiB | {after / 1024:.1f} MiB | {per:.2f} KiB |")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "raw results and wrk outputs: $LOGS" >&2
