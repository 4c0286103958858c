#!/usr/bin/env bash
# Session stores compared, through `conduit run` with its defaults: a session read-write request (counter.ashx) with
# the in-process store, Redis and PostgreSQL (the machine's: 127.0.0.1:6379 and :5432), in interleaved rounds, as req/s
# and p99 and their ratios to InProc in the same round; then the hand-off of one session's lock between two instances
# (median over 50 rounds, after 50 of warm-up) for Redis and PostgreSQL.
#
#   benchmarks/sessions/run.sh [rounds, default 3] [seconds per measurement, default 10]
#
# Traffic goes to 127.0.0.1 only; each measurement is bounded by its seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
SECONDS_EACH=${2:-10}
SESSIONS=${SESSIONS:-8}
PORT=${PORT:-18280}
./conduit build >&2
JAVA=java
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$j" ] && [ -x "$j/bin/java" ]; then JAVA="$j/bin/java"; break; fi
done
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cp -r benchmarks/sessions/site "$work/site"
app="bench-$$"

config() { # $1 = inproc | redis | postgresql
  local state
  case "$1" in
    inproc) state='<sessionState mode="InProc"/>' ;;
    redis) state="<sessionState mode=\"Custom\" customProvider=\"s\"><providers><add name=\"s\" type=\"Microsoft.Web.Redis.RedisSessionStateProvider\" host=\"127.0.0.1\" port=\"6379\" applicationName=\"$app\"/></providers></sessionState>" ;;
    postgresql) state="<sessionState mode=\"Custom\" customProvider=\"s\"><providers><add name=\"s\" type=\"dev.conduit.session.jdbc.JdbcSessionStore\" connectionString=\"jdbc:postgresql://127.0.0.1:5432/test?user=postgres\" applicationName=\"$app\"/></providers></sessionState>" ;;
  esac
  printf '<configuration><system.web>%s</system.web></configuration>\n' "$state" >"$work/site/web.config"
}
start() { # $1 = port
  ./conduit run "$work/site" --port "$1" >"$work/server-$1.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/counter.ashx")" = 200 ] && return
    sleep 0.2
  done
  cat "$work/server-$1.log" >&2; exit 1
}
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }

declare -A rps p99
echo "store       round  req/s    p50 ms  p99 ms  errors" >&2
for r in $(seq 1 "$ROUNDS"); do
  for store in inproc redis postgresql; do
    config "$store"
    start "$PORT"
    "$JAVA" benchmarks/sessions/Bench.java throughput "http://127.0.0.1:$PORT" "$SESSIONS" 3 >/dev/null # warm-up
    read -r q p50 q99 errors < <("$JAVA" benchmarks/sessions/Bench.java throughput "http://127.0.0.1:$PORT" "$SESSIONS" "$SECONDS_EACH")
    printf '%-11s %5s  %7s  %6s  %6s  %s\n' "$store" "$r" "$q" "$p50" "$q99" "$errors" >&2
    rps[$store,$r]=$q
    p99[$store,$r]=$q99
    stop_all
  done
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
echo "Ratios to InProc in the same round (medians of $ROUNDS rounds; $SESSIONS sessions, ${SECONDS_EACH}s each, through conduit run):"
for store in redis postgresql; do
  rr=$(for r in $(seq 1 "$ROUNDS"); do awk -v a="${rps[$store,$r]}" -v b="${rps[inproc,$r]}" 'BEGIN {printf "%.3f\n", a / b}'; done)
  pr=$(for r in $(seq 1 "$ROUNDS"); do awk -v a="${p99[$store,$r]}" -v b="${p99[inproc,$r]}" 'BEGIN {printf "%.3f\n", a / b}'; done)
  echo "  $store: req/s $(echo "$rr" | median) of InProc (per round: $(echo $rr)); p99 $(echo "$pr" | median)x InProc's (per round: $(echo $pr))"
done
echo
echo "Lock hand-off between two instances (ms, median and p90 of 50 rounds after 50 of warm-up; the goal: under 5 ms median):"
for store in redis postgresql; do
  config "$store"
  start "$PORT"
  start $((PORT + 1))
  # A first 50 rounds warm both instances up (their JIT, their pools), as the throughput test's 3 s do; not reported.
  "$JAVA" benchmarks/sessions/Bench.java handoff "http://127.0.0.1:$PORT" "http://127.0.0.1:$((PORT + 1))" 50 >/dev/null
  read -r med p90 < <("$JAVA" benchmarks/sessions/Bench.java handoff "http://127.0.0.1:$PORT" "http://127.0.0.1:$((PORT + 1))" 50)
  echo "  $store: median $med, p90 $p90"
  stop_all
done
