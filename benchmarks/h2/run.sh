#!/usr/bin/env bash
# HTTP/2 harness: Conduit's front door against Vert.x and Jetty 12 serving the same plaintext handler over HTTP/2,
# with h2load (Debian's nghttp2-client), in interleaved rounds; and TLS handshakes per second, OpenSSL against the JDK.
#
#   benchmarks/h2/run.sh [ROUNDS]          (default 3 rounds, 10 s per measurement: about 15 minutes)
#
# Builds Conduit's CLI and the peers (benchmarks/peers), makes a self-signed certificate (RSA 2048 by default,
# TLS_KEY=ec for ECDSA P-256) in the run's logs folder, then runs ROUNDS rounds. In each round every server is started
# in turn, once per test, pinned to CPU $SERVER_CPU while h2load runs pinned to CPU $CLIENT_CPU:
#   h2c   HTTP/2 in clear text by prior knowledge, http://127.0.0.1:PORT/...
#   h2    HTTP/2 over TLS (ALPN h2), https://127.0.0.1:PORT/...
# each measured with `h2load -c$CONNS -m$STREAMS -D$DURATION --warm-up-time 1` after a warm-up: WARM_MIN seconds of the
# same load, then h2load windows of WARM_WINDOW seconds until two in a row are within 5 %, at most WARM_MAX seconds in
# all (Conduit's front door takes 20-30 s of h2 load to reach its plateau on one CPU, its JIT compiling on the CPU it
# serves from, and its 2 s rates swing by 10-20 % on the way: without the minimum, two windows within 5 % at a third
# of the plateau ended a warm-up).
#
# Servers (SERVERS to pick): conduit = `conduit run benchmarks/site` with every default (the access log on, to the
# log file; TLS provider auto = OpenSSL through netty-tcnative when it loads), the synchronous /hello.ashx (on a
# virtual thread); conduit-async = the same, the asynchronous /hello-async.ashx (on the event loop, as the peers'
# handlers are); the peers'
# /plaintext with the JVM flags of benchmarks/run.sh: vertx-h2 (Vert.x 5 core HttpServer, the JDK's TLS, Vert.x's
# default) and jetty-h2 (Jetty 12.1 core Handler, h2c and ALPN over the JDK's TLS); and, when SERVERS names it,
# vertx-h2-openssl (vertx-h2 with OpenSSLEngineOptions: netty-tcnative's BoringSSL, as Conduit; measured on h2 only,
# its h2c being vertx-h2's; not by default: with one client CPU h2load, not the server, sets Vert.x's pace over TLS
# either way). Every server allows 100 concurrent streams per connection. Conduit is started as `./conduit run` starts it (java with the
# conduit script's JVM flags -jar the CLI jar), without the script's rebuild check, so that a source file edited
# during the run cannot start a build in the middle of it.
#
# Handshakes: Conduit with --tls-provider openssl, then jdk, each round, under peers.HandshakeClient (in the peers
# jar) pinned to the client CPU: HS_CONNS connections at a time, each a TCP connect, one full TLS 1.3 handshake
# (X25519; never a resumption: the client offers no session) and a close, a new connection replacing each one closed;
# the handshakes completed in HS_SECONDS after HS_WARM seconds of the same load, per second. Its TLS is netty-tcnative's
# BoringSSL, about 0.35 ms of client CPU per handshake, against about 1 ms for `openssl s_time -new` (Debian's OpenSSL
# 3.0): eight s_time processes on the client CPU come near its limit (0.87 busy) at 880 handshakes/s where this client,
# 0.4 busy, finds the same Conduit (OpenSSL) doing 1,110/s. HS_CLIENT=s_time measures with HS_CLIENTS parallel
# `openssl s_time -connect 127.0.0.1:PORT -new -time HS_SECONDS` instead (also a full handshake per connection, no
# request). Reported with the server's CPU utilisation over the measurement (/proc/PID/stat) and handshakes per server
# CPU-second.
#
# CPU: for every measurement, the server process's CPU time per second, the user and system time of every process on
# the server's CPU, and how busy the client's CPU was (/proc/stat). A server process well under 1.00 on a busy client
# CPU was held back by the client; tasks on the server's CPU well above the server process's time mean it was shared
# with something else on the machine (a build, tests): such measurements are listed under the table.
#
# Output, under benchmarks/h2/logs/STAMP/ (git-ignored): raw.csv, one row per measurement with h2load's failed,
# errored and timed-out requests and non-2xx answers, the protocol it negotiated and the CPU figures above; warmup.csv; every h2load and handshake client output; the servers' logs (access-log lines counted and
# dropped when the run was clean, kept whole when it was not); and results.md, also printed: per test each server's
# median req/s and the median over rounds of Conduit's per-round ratio to each peer and to the best peer of that
# round; for handshakes the median of the per-round OpenSSL/JDK ratios. A measurement with failures, errors,
# timeouts, non-2xx answers, the wrong protocol or a server gone is listed as such and left out of the medians, never
# averaged in; so is one in which a connection got no answer at all. Load goes to 127.0.0.1 only; every client run is
# bounded (timeout).
#
# Settings (environment): DURATION, WARM_MIN, WARM_WINDOW, WARM_MAX, CONNS, STREAMS, HS_CLIENT, HS_CONNS, HS_CLIENTS,
# HS_SECONDS, HS_WARM, TLS_KEY, PORT (18380), SERVER_CPU (1), CLIENT_CPU (0), SERVERS, TESTS ("h2c h2"),
# HANDSHAKES=0 to skip them, BUILD=0 to use what is built.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=$(cd "$HERE/.." && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
ROUNDS=${1:-3}
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
if [ -z "${JVM_FLAGS:-}" ]; then # unset or empty: the defaults
  JVM_FLAGS="-Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
  # JDK 23+: Netty reaches its direct buffers through Unsafe only when allowed, as the conduit script allows it.
  if [ "$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 23 ]; then
    JVM_FLAGS="$JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
  fi
fi
read -r -a JVM_FLAGS <<< "$JVM_FLAGS"
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
CONNS=${CONNS:-10}
STREAMS=${STREAMS:-100}
DURATION=${DURATION:-10}
WARM_MIN=${WARM_MIN:-16}
WARM_WINDOW=${WARM_WINDOW:-2}
WARM_MAX=${WARM_MAX:-40}
HS_CLIENT=${HS_CLIENT:-netty}
HS_CONNS=${HS_CONNS:-64}
HS_CLIENTS=${HS_CLIENTS:-8}
HS_SECONDS=${HS_SECONDS:-10}
HS_WARM=${HS_WARM:-20}
TLS_KEY=${TLS_KEY:-rsa}
PORT=${PORT:-18380}
SERVERS=(${SERVERS:-conduit conduit-async vertx-h2 jetty-h2})
TESTS=(${TESTS:-h2c h2})
HANDSHAKES=${HANDSHAKES:-1}

for tool in h2load openssl taskset curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool not found (h2load: apt-get install nghttp2-client)" >&2; exit 1; }
done
[ -x "$JAVA" ] || { echo "no JDK at $JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
# What is built: the commit, and whether the tree differs from it outside benchmarks/ (where this harness lives).
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!benchmarks' 2>/dev/null | wc -l)
if [ "${BUILD:-1}" = 1 ]; then
  echo "building Conduit's CLI and the peers..." >&2
  (cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package -pl conduit-cli -am) >&2 || exit 1
  (cd "$BENCH/peers" && mvn -q -B -Dstyle.color=never package) >&2 || exit 1
fi
CLI_JAR=$(ls "$ROOT"/conduit-cli/target/conduit-cli-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -1)
[ -n "$CLI_JAR" ] || { echo "no CLI jar under conduit-cli/target" >&2; exit 1; }
PEERS_JAR=$BENCH/peers/target/peers.jar
# The JVM flags `./conduit run` gives a site (the conduit script's server_flags: CONDUIT_JAVA_OPTS or its defaults).
read -r -a CONDUIT_FLAGS <<< "$(cd "$ROOT" && bash -c 'source <(sed -n "/^java_major()/,/^}/p;/^server_flags()/,/^}/p" conduit); JAVA_HOME='"$JAVA_HOME"' server_flags')"

STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOGS=$HERE/logs/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$LOGS"
CSV=$LOGS/raw.csv
echo "round,server,test,rate,count,failed,errored,timeout,non2xx,protocol,server_cpu,client_cpu_busy,server_cpu_tasks,status" > "$CSV"
WARM_CSV=$LOGS/warmup.csv
echo "round,server,test,seconds,stable" > "$WARM_CSV"
SITE=$LOGS/site
cp -r "$BENCH/site" "$SITE"

# A self-signed certificate for 127.0.0.1 and localhost (never committed: the logs folder is git-ignored).
TLS=$LOGS/tls
mkdir -p "$TLS"
case "$TLS_KEY" in
  rsa) KEYGEN=(-newkey rsa:2048) ;;
  ec) KEYGEN=(-newkey ec -pkeyopt ec_paramgen_curve:P-256) ;;
  *) echo "TLS_KEY is rsa or ec" >&2; exit 2 ;;
esac
openssl req -x509 "${KEYGEN[@]}" -nodes -days 2 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TLS/key.pem" -out "$TLS/cert.pem" 2> "$TLS/openssl.txt" \
  || { cat "$TLS/openssl.txt" >&2; exit 1; }

# start_server NAME MODE [PROVIDER] -> PID; MODE is h2c (plain port) or h2 (TLS). Each server's output to its log.
start_server() {
  local name=$1 mode=$2 provider=${3:-} log=$4
  local tls=()
  case "$name" in
    conduit | conduit-async)
      [ "$mode" = h2 ] && tls=(--tls-cert "$TLS/cert.pem" --tls-key "$TLS/key.pem")
      [ -n "$provider" ] && tls+=(--tls-provider "$provider")
      taskset -c "$SERVER_CPU" "$JAVA" "${CONDUIT_FLAGS[@]}" -jar "$CLI_JAR" run "$SITE" --port "$PORT" "${tls[@]}" \
        > "$log" 2>&1 &
      ;;
    *)
      [ "$mode" = h2 ] && tls=("$TLS/cert.pem" "$TLS/key.pem")
      taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$PEERS_JAR" "$name" "$PORT" "${tls[@]}" > "$log" 2>&1 &
      ;;
  esac
  PID=$!
}

path_of() { case "$1" in conduit) echo /hello.ashx ;; conduit-async) echo /hello-async.ashx ;; *) echo /plaintext ;; esac; }
url_of() { # SERVER MODE
  case "$2" in h2c) echo "http://127.0.0.1:$PORT$(path_of "$1")" ;; *) echo "https://127.0.0.1:$PORT$(path_of "$1")" ;; esac
}

wait_ready() { # PID URL
  for _ in $(seq 300); do
    kill -0 "$1" 2>/dev/null || return 1
    [ "$(curl -sk --max-time 2 "$2")" = "Hello, World!" ] && return 0
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

# Keeps a server's log whole when something went wrong in its run; else only its lines that are not access-log lines
# (a front door at tens of thousands of requests a second writes hundreds of MB of them), and how many there were.
trim_log() { # LOG KEEP(0|1)
  [ "$2" = 1 ] && return
  local n
  n=$(grep -c '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9:]\{8\} ' "$1")
  grep -v '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9:]\{8\} ' "$1" > "$1.tmp"
  echo "[harness: $n access-log lines removed]" >> "$1.tmp"
  mv "$1.tmp" "$1"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The client CPU's busy and idle ticks; the server CPU's user + nice + system ticks (every process's, not interrupts
# and softirqs, which no process is charged for) and the rest.
cpus_ticks() {
  awk -v c="cpu$CLIENT_CPU" -v s="cpu$SERVER_CPU" '$1 == c {cb = $2 + $3 + $4 + $7 + $8 + $9; ci = $5 + $6}
    $1 == s {sb = $2 + $3 + $4; si = $5 + $6 + $7 + $8 + $9} END {print cb, ci, sb, si}' /proc/stat
}
busy() { awk -v b="$1" -v i="$2" 'BEGIN {printf "%.2f", (b + i > 0 ? b / (b + i) : 0)}'; } # BUSY IDLE
TICKS=$(getconf CLK_TCK)

# h2load OUT SECONDS WARMUP URL -> the run's output in OUT; bounded by timeout.
h2load_run() {
  local out=$1 secs=$2 warmup=$3 url=$4 extra=()
  [ "$warmup" != 0 ] && extra=(--warm-up-time "$warmup")
  timeout -k 5 $((secs + warmup + 30)) taskset -c "$CLIENT_CPU" h2load -c"$CONNS" -m"$STREAMS" -D "$secs" "${extra[@]}" "$url" > "$out" 2>&1
  echo "[harness: h2load exit $?]" >> "$out"
}
h2load_rps() { awk '/^finished in/ {gsub(",", "", $4); printf "%.0f", $4}' "$1"; }

# Parses an h2load output into "rate count failed errored timeout non2xx protocol status". Besides failed, errored and
# timed-out requests and non-2xx answers, a connection that got no answer in the whole measurement (h2load's per-client
# req/s minimum 0: a stall, or a connection the server dropped, which h2load -D does not count as failed requests) fails it.
h2load_parse() { # OUT EXPECTED_PROTOCOL
  awk -v want="$2" '
    /^finished in/ {gsub(",", "", $4); rate = $4; finished = 1}
    /^requests:/ {count = $8; failed = $10; errored = $12; timeout = $14}
    /^status codes:/ {non2xx = $5 + $7 + $9}
    /^Application protocol:/ {proto = $3}
    /^req\/s *:/ {minrps = $3; perclient = 1}
    /^\[harness: h2load exit/ {code = $4 + 0}
    END {
      status = "ok"
      if (!finished) status = "no-result"
      else if (code != 0) status = "h2load-exit-" code
      else if (proto != want) status = "protocol-" (proto == "" ? "none" : proto)
      else if (failed + errored + timeout + non2xx > 0) status = "failures"
      else if (perclient && minrps + 0 == 0) status = "stalled-client"
      printf "%.0f %d %d %d %d %d %s %s\n", rate, count, failed, errored, timeout, non2xx, (proto == "" ? "none" : proto), status
    }' "$1"
}

# s_time: HS_CLIENTS processes for SECS seconds -> "handshakes wall_seconds status" (status not ok when one of them
# did not report: s_time stops at the first connection that fails).
s_time_run() { # OUTPREFIX SECS
  local prefix=$1 secs=$2 t0 t1 i pids=() bad=0
  t0=$(date +%s.%N)
  for i in $(seq "$HS_CLIENTS"); do
    timeout -k 5 $((secs + 30)) taskset -c "$CLIENT_CPU" openssl s_time -connect "127.0.0.1:$PORT" -new -time "$secs" \
      > "$prefix-$i.txt" 2>&1 &
    pids+=($!)
  done
  for i in "${!pids[@]}"; do wait "${pids[$i]}" || bad=$((bad + 1)); done
  t1=$(date +%s.%N)
  local n reported
  n=$(cat "$prefix"-*.txt | awk '/connections in .* real seconds/ {s += $1} END {print s + 0}')
  reported=$(cat "$prefix"-*.txt | grep -c 'connections in .* real seconds')
  local status=ok
  [ "$bad" -gt 0 ] && status="s_time-failed-$bad"
  [ "$reported" -lt "$HS_CLIENTS" ] && status="s_time-unreported-$((HS_CLIENTS - reported))"
  echo "$n $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}') $status"
}

# The handshake measurement against server PID -> "rate handshakes server_cpu client_cpu_busy server_cpu_tasks protocol
# status"; its output in OUTPREFIX*.
handshakes_run() { # OUTPREFIX PID
  local prefix=$1 pid=$2
  if [ "$HS_CLIENT" = s_time ]; then
    local c0 c1 cb0 ci0 sb0 si0 cb1 ci1 sb1 si1 n wall status
    s_time_run "$prefix-warm" "$HS_WARM" > /dev/null
    c0=$(cpu_ticks "$pid"); read -r cb0 ci0 sb0 si0 < <(cpus_ticks)
    read -r n wall status < <(s_time_run "$prefix" "$HS_SECONDS")
    c1=$(cpu_ticks "$pid"); read -r cb1 ci1 sb1 si1 < <(cpus_ticks)
    awk -v n="$n" -v w="$wall" -v a="$c0" -v b="$c1" -v t="$TICKS" -v s="$status" \
      'BEGIN {printf "%.0f %d %.2f ", (w > 0 ? n / w : 0), n, (w > 0 ? (b - a) / t / w : 0)}'
    echo "$(busy $((cb1 - cb0)) $((ci1 - ci0))) $(busy $((sb1 - sb0)) $((si1 - si0))) tls $status"
    return
  fi
  timeout -k 5 $((HS_WARM + HS_SECONDS + 60)) taskset -c "$CLIENT_CPU" "$JAVA" -Xms256m -Xmx256m --enable-native-access=ALL-UNNAMED \
    -cp "$PEERS_JAR" peers.HandshakeClient "$PORT" "$HS_CONNS" "$HS_WARM" "$HS_SECONDS" "$pid" "$TICKS" "$CLIENT_CPU" "$SERVER_CPU" \
    > "$prefix.txt" 2> "$prefix-stderr.txt"
  local code=$?
  awk -v code="$code" '
    /^handshakes / {n = $2; secs = $4; failures = $6; proto = $8 "/" $10; resumed = $12; seen = 1}
    /^server_cpu / {scpu = $2; cbusy = $4; sbusy = $6} # sbusy: server_cpu_tasks
    END {
      status = "ok"
      if (!seen) status = "no-result"
      else if (code != 0) status = "client-exit-" code
      else if (failures > 0) status = "failures-" failures
      else if (resumed != 0) status = "resumed-" resumed
      printf "%.0f %d %.2f %.2f %.2f %s %s\n", (secs > 0 ? n / secs : 0), n, scpu, cbusy, sbusy, (proto == "" ? "none" : proto), status
    }' "$prefix.txt"
}

# Warms the server: WARM_MIN seconds of load, then windows of WARM_WINDOW seconds until two in a row are within 5 %,
# at most WARM_MAX seconds in all (a server pinned to one CPU compiles on the CPU it serves from).
warm() { # ROUND SERVER TEST URL
  local prev=0 rps waited=0 stable=no out=$LOGS/warm.txt
  if [ "$WARM_MIN" -gt 0 ]; then
    h2load_run "$out" "$WARM_MIN" 0 "$4"
    waited=$WARM_MIN
  fi
  while [ "$waited" -lt "$WARM_MAX" ]; do
    h2load_run "$out" "$WARM_WINDOW" 0 "$4"
    waited=$((waited + WARM_WINDOW))
    rps=$(h2load_rps "$out"); rps=${rps:-0}
    if [ "$prev" -gt 0 ] && [ "$rps" -gt 0 ] && awk -v a="$prev" -v b="$rps" 'BEGIN {d = (a - b) / a; exit !(d < 0.05 && d > -0.05)}'; then
      stable=yes; break
    fi
    prev=$rps
  done
  echo "$1,$2,$3,$waited,$stable" >> "$WARM_CSV"
}

FAILED=0
note_failure() { # TEXT
  FAILED=$((FAILED + 1))
  echo "   FAILED: $1" >&2
}

for round in $(seq "$ROUNDS"); do
  for s in "${SERVERS[@]}"; do
    for t in "${TESTS[@]}"; do
      # vertx-h2-openssl differs from vertx-h2 only in its TLS engine
      [ "$s" = vertx-h2-openssl ] && [ "$t" = h2c ] && continue
      echo ">> round $round: $s $t" >&2
      log=$LOGS/$s-$t-r$round-server.log
      url=$(url_of "$s" "$t")
      start_server "$s" "$t" "" "$log"
      if ! wait_ready "$PID" "$url"; then
        note_failure "$s did not start or answer $url; see $log"
        echo "$round,$s,$t,0,0,0,0,0,0,none,0,0,0,did-not-start" >> "$CSV"
        stop_server; continue
      fi
      warm "$round" "$s" "$t" "$url"
      out=$LOGS/$s-$t-r$round.txt
      c0=$(cpu_ticks "$PID"); read -r cb0 ci0 sb0 si0 < <(cpus_ticks)
      h2load_run "$out" "$DURATION" 1 "$url"
      c1=$(cpu_ticks "$PID"); read -r cb1 ci1 sb1 si1 < <(cpus_ticks)
      want=h2; [ "$t" = h2c ] && want=h2c
      read -r rate count failed errored tmo non2xx proto status < <(h2load_parse "$out" "$want")
      kill -0 "$PID" 2>/dev/null || status=server-died
      util=$(awk -v a="$c0" -v b="$c1" -v d="$DURATION" -v t="$TICKS" 'BEGIN {printf "%.2f", (b - a) / t / (d + 1)}')
      cbusy=$(busy $((cb1 - cb0)) $((ci1 - ci0)))
      sbusy=$(busy $((sb1 - sb0)) $((si1 - si0)))
      echo "$round,$s,$t,$rate,$count,$failed,$errored,$tmo,$non2xx,$proto,$util,$cbusy,$sbusy,$status" >> "$CSV"
      printf '   %s req/s (%s done, %s failed, %s errored, %s timeout, %s non-2xx, %s; CPU: server %s, tasks on its CPU %s, client CPU %s) %s\n' \
        "$rate" "$count" "$failed" "$errored" "$tmo" "$non2xx" "$proto" "$util" "$sbusy" "$cbusy" "$status" >&2
      keep=0
      if [ "$status" != ok ]; then
        keep=1
        note_failure "$s $t round $round: $status; h2load: $out; server: $log"
      fi
      stop_server
      trim_log "$log" "$keep"
      sleep 1
    done
  done

  if [ "$HANDSHAKES" = 1 ]; then
    for provider in openssl jdk; do
      s=conduit-$provider
      echo ">> round $round: $s handshakes" >&2
      log=$LOGS/$s-handshakes-r$round-server.log
      url=$(url_of conduit h2)
      start_server conduit h2 "$provider" "$log"
      if ! wait_ready "$PID" "$url"; then
        note_failure "$s did not start or answer $url; see $log"
        echo "$round,$s,handshakes,0,0,0,0,0,0,none,0,0,0,did-not-start" >> "$CSV"
        stop_server; continue
      fi
      echo "$round,$s,handshakes,$HS_WARM,fixed" >> "$WARM_CSV"
      read -r rate n util cbusy sbusy proto status < <(handshakes_run "$LOGS/$s-handshakes-r$round" "$PID")
      kill -0 "$PID" 2>/dev/null || status=server-died
      echo "$round,$s,handshakes,$rate,$n,0,0,0,0,$proto,$util,$cbusy,$sbusy,$status" >> "$CSV"
      printf '   %s handshakes/s (%s; CPU: server %s, tasks on its CPU %s, client CPU %s; %s) %s\n' "$rate" "$n" "$util" "$sbusy" "$cbusy" "$proto" "$status" >&2
      keep=0
      if [ "$status" != ok ]; then
        keep=1
        note_failure "$s handshakes round $round: $status; client: $LOGS/$s-handshakes-r$round*.txt; server: $log"
      fi
      stop_server
      trim_log "$log" "$keep"
      sleep 1
    done
  fi
done

JDK=$("$JAVA" -version 2>&1 | head -1)
CPU=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
H2LOAD=$(h2load --version 2>&1 | head -1)
OPENSSL=$(openssl version)
python3 - "$CSV" "$WARM_CSV" "$LOGS/results.md" "$STAMP" "$COMMIT" "$DIRTY" "$JDK" "$CPU" "$ROUNDS" "$DURATION" \
  "$CONNS" "$STREAMS" "$HS_CLIENT" "$HS_CLIENTS" "$HS_CONNS" "$HS_WARM" "$HS_SECONDS" "$TLS_KEY" "$H2LOAD" "$OPENSSL" \
  "${JVM_FLAGS[*]}" "${CONDUIT_FLAGS[*]}" "$SERVER_CPU" "$CLIENT_CPU" "$WARM_MIN" "$WARM_WINDOW" "$WARM_MAX" <<'PY'
import csv, statistics, sys
(raw, warm, out, stamp, commit, dirty, jdk, cpu, rounds, duration, conns, streams, hs_client, hs_clients, hs_conns,
 hs_warm, hs_seconds, tls_key, h2load, openssl, flags, conduit_flags, server_cpu, client_cpu, warm_min, warm_window,
 warm_max) = sys.argv[1:]
rows = list(csv.DictReader(open(raw)))
ok = {(r["round"], r["server"], r["test"]): float(r["rate"]) for r in rows if r["status"] == "ok" and float(r["rate"] or 0) > 0}
util = {(r["round"], r["server"], r["test"]): float(r["server_cpu"] or 0) for r in rows if r["status"] == "ok"}
cutil = {(r["round"], r["server"], r["test"]): float(r["client_cpu_busy"] or 0) for r in rows if r["status"] == "ok"}
sutil = {(r["round"], r["server"], r["test"]): float(r["server_cpu_tasks"] or 0) for r in rows if r["status"] == "ok"}
bad = [r for r in rows if r["status"] != "ok"]
round_ids = sorted({r["round"] for r in rows}, key=int)
servers = []
for r in rows:
    if r["server"] not in servers and r["server"] not in ("conduit-openssl", "conduit-jdk"):
        servers.append(r["server"])
conduits = [s for s in servers if s.startswith("conduit")]
peers = [s for s in servers if not s.startswith("conduit")]

def spread(v):
    return f"{statistics.median(v):.2f} ({min(v):.2f}–{max(v):.2f})" if v else "n/a"

def ratios(a, b, t):
    """Each round's ratio of a to b, for the rounds in which both were measured without failure."""
    return [ok[(rd, a, t)] / ok[(rd, b, t)] for rd in round_ids if (rd, a, t) in ok and (rd, b, t) in ok]

def best_ratios(c, t):
    """Each round's ratio of Conduit's c to the best peer of that round (the peers measured without failure)."""
    v, names = [], []
    for rd in round_ids:
        got = {p: ok[(rd, p, t)] for p in peers if (rd, p, t) in ok}
        if (rd, c, t) in ok and got:
            best = max(got, key=got.get)
            v.append(ok[(rd, c, t)] / got[best])
            names.append(best)
    return v, names

def med_rate(s, t):
    v = [ok[(rd, s, t)] for rd in round_ids if (rd, s, t) in ok]
    return f"{statistics.median(v):,.0f}" if v else "n/a"

dirty_note = f" (built from a working tree with {dirty} changed file(s) outside benchmarks/)" if dirty != "0" else ""
lines = [
    "# HTTP/2 benchmark",
    "",
    f"- date: {stamp}; commit: {commit}{dirty_note}",
    f"- JDK: {jdk}; peers' JVM flags: `{flags}`; Conduit's (the conduit script's): `{conduit_flags}`",
    f"- machine: {cpu}; server pinned to CPU {server_cpu}, client to CPU {client_cpu}",
    f"- load: `h2load -c{conns} -m{streams} -D {duration} --warm-up-time 1` ({h2load}), each server process warmed first ({warm_min} s, then "
    f"{warm_window} s windows until two are within 5 %, at most {warm_max} s); {rounds} interleaved rounds",
    f"- certificate: self-signed, {'RSA 2048' if tls_key == 'rsa' else 'ECDSA P-256'}; TLS: Conduit's default provider (auto: OpenSSL through netty-tcnative when it loads), "
    "vertx-h2 and jetty-h2 the JDK's, vertx-h2-openssl OpenSSL (netty-tcnative)",
    f"- reproduce: `benchmarks/h2/run.sh {rounds}`",
    "",
    "Each cell: the median req/s over the rounds measured without failure; for a peer, then the median over the rounds of",
    "each Conduit server's ratio to it in that round (" + " / ".join(conduits) + "). Then, for each Conduit server, the median over",
    "the rounds of its ratio to the best peer of that round (lowest–highest), and which peers were best. conduit: the",
    "synchronous /hello.ashx; conduit-async: the asynchronous /hello-async.ashx. h2c: HTTP/2 by prior knowledge; h2: HTTP/2",
    "over TLS by ALPN.",
    "",
    "| test | " + " | ".join(servers) + " | " + " | ".join(f"{c} / best peer" for c in conduits) + " | goal |",
    "|---|" + "---|" * (len(servers) + len(conduits) + 1),
]
tests = []
for r in rows:
    if r["test"] != "handshakes" and r["test"] not in tests:
        tests.append(r["test"])
for t in tests:
    cells = []
    for s in servers:
        text = med_rate(s, t)
        if s in peers:
            rr = [ratios(c, s, t) for c in conduits]
            if any(rr):
                text += " (" + " / ".join(f"{statistics.median(r):.2f}" if r else "n/a" for r in rr) + ")"
        cells.append(text)
    verdicts = []
    for c in conduits:
        v, names = best_ratios(c, t)
        cells.append(spread(v) + (" — " + ", ".join(sorted(set(names))) if names else ""))
        verdicts.append(f"{c} " + ("n/a" if not v else ("met" if statistics.median(v) >= 1.0 else "not met")))
    lines.append(f"| {t} | " + " | ".join(cells) + " | >= 1.00: " + ", ".join(verdicts) + " |")

lines += ["", "CPU over each measurement, medians: the server process / every process's user and system time on the server's CPU",
          "(interrupts and softirqs, where the loopback's packets are handled, not counted) / how busy the client's CPU was",
          "(1.00 = all of the one CPU each is pinned to; the second can read below the first, the kernel charging a process",
          "for some softirq work that /proc/stat counts apart). A server process well under 1.00 with the client's CPU near",
          "1.00 was held back by h2load, not by itself.", "",
          "| test | " + " | ".join(servers) + " |", "|---|" + "---|" * len(servers)]
def cpu_cell(s, t):
    u = [util[(rd, s, t)] for rd in round_ids if (rd, s, t) in util]
    b = [sutil[(rd, s, t)] for rd in round_ids if (rd, s, t) in sutil]
    c = [cutil[(rd, s, t)] for rd in round_ids if (rd, s, t) in cutil]
    return f"{statistics.median(u):.2f} / {statistics.median(b):.2f} / {statistics.median(c):.2f}" if u and b and c else "n/a"
for t in tests:
    lines.append(f"| {t} | " + " | ".join(cpu_cell(s, t) for s in servers) + " |")

hs = [s for s in ("conduit-openssl", "conduit-jdk") if any(r["server"] == s for r in rows)]
if hs:
    if hs_client == "s_time":
        how = [f"{hs_clients} parallel `openssl s_time -new -time {hs_seconds}` ({openssl}) after {hs_warm} s of the same,",
               "each connection a full TLS handshake (no resumption) and no request."]
    else:
        how = [f"peers.HandshakeClient (benchmarks/peers; netty-tcnative's BoringSSL on one event loop), {hs_conns} connections at a",
               f"time, each a TCP connect, a full TLS 1.3 handshake (X25519, no resumption) and a close; {hs_seconds} s after {hs_warm} s of the same."]
    lines += ["", "TLS handshakes per second, Conduit (`--tls-provider openssl` / `jdk`, the certificate above): " + how[0]] + how[1:] + [
              "CPU as above (a server process under about 0.9 was not the limit); per CPU-second: handshakes per second of the",
              "server process's CPU time.", "",
              "| provider | handshakes/s | CPU: server / tasks on its CPU / client CPU | handshakes per server CPU-second | negotiated |", "|---|---|---|---|---|"]
    def per_cpu(s, rd):
        u = util.get((rd, s, "handshakes"))
        return ok[(rd, s, "handshakes")] / u if u else None
    for s in hs:
        v = [ok[(rd, s, "handshakes")] for rd in round_ids if (rd, s, "handshakes") in ok]
        pc = [x for x in (per_cpu(s, rd) for rd in round_ids if (rd, s, "handshakes") in ok) if x]
        proto = sorted({r["protocol"] for r in rows if r["server"] == s and r["status"] == "ok"})
        name = s.removeprefix("conduit-")
        if v and pc:
            lines.append(f"| {name} | {statistics.median(v):,.0f} | {cpu_cell(s, 'handshakes')} | "
                         f"{statistics.median(pc):,.0f} | {', '.join(proto)} |")
        else:
            lines.append(f"| {name} | n/a | n/a | n/a | n/a |")
    r1 = ratios("conduit-openssl", "conduit-jdk", "handshakes")
    r2 = [a / b for a, b in ((per_cpu("conduit-openssl", rd), per_cpu("conduit-jdk", rd)) for rd in round_ids
                             if (rd, "conduit-openssl", "handshakes") in ok and (rd, "conduit-jdk", "handshakes") in ok) if a and b]
    lines += ["", f"OpenSSL / JDK, median of per-round ratios (lowest–highest): handshakes/s {spread(r1)}; "
              f"per server CPU-second {spread(r2)}."]

if bad:
    lines += ["", f"Measurements left out of the medians ({len(bad)}): their h2load or s_time output and the server's whole log are in the logs folder.", "",
              "| round | server | test | status | req/s | done | failed | errored | timeout | non-2xx | protocol |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in bad:
        lines.append(f"| {r['round']} | {r['server']} | {r['test']} | {r['status']} | {r['rate']} | {r['count']} | {r['failed']} | "
                     f"{r['errored']} | {r['timeout']} | {r['non2xx']} | {r['protocol']} |")
else:
    lines += ["", "Every measurement completed without a failed, errored or timed-out request, a non-2xx answer, a wrong protocol,",
              "a connection left without answers or a server gone."]

shared = [r for r in rows if r["status"] == "ok" and float(r["server_cpu_tasks"] or 0) - float(r["server_cpu"] or 0) > 0.10]
if shared:
    lines += ["", "Measurements during which other processes used more than a tenth of the server's CPU (kept in the medians;",
              "a quiet machine gives cleaner figures): " + ", ".join(
                  f"round {r['round']} {r['server']} {r['test']} (server {r['server_cpu']}, tasks on its CPU {r['server_cpu_tasks']})" for r in shared) + "."]

warm_rows = [w for w in csv.DictReader(open(warm)) if w["stable"] in ("yes", "no")]
if warm_rows:
    unstable = sorted({w["server"] + "/" + w["test"] for w in warm_rows if w["stable"] != "yes"})
    secs = [int(w["seconds"]) for w in warm_rows]
    lines += ["", f"Warm-up: {statistics.median(secs)} s median per measurement (longest {max(secs)} s); "
              f"{sum(1 for w in warm_rows if w['stable'] != 'yes')} of {len(warm_rows)} did not settle within the limit"
              + (": " + ", ".join(unstable) if unstable else "") + "."]
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "raw results, h2load/s_time outputs and server logs: $LOGS" >&2
[ "$FAILED" = 0 ] || echo "$FAILED measurement(s) failed: see the table's last section" >&2
