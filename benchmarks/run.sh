#!/usr/bin/env bash
# Load harness: Conduit against its peers, TechEmpower-style, in interleaved rounds.
#
#   benchmarks/run.sh [ROUNDS]          (default 5 rounds; writes benchmarks/RESULTS.md)
#
# Builds Conduit (the CLI, and benchmarks/jmh: ConduitBenchServer) and the peers (benchmarks/peers), then runs ROUNDS
# rounds; each round starts every server in turn (A B C ... A B C ...), pinned to CPU $SERVER_CPU while wrk is pinned
# to CPU $WRK_CPU, and measures /plaintext, /json, /plaintext pipelined 16 deep, a 16 KiB static file and a page (a
# master and a 100-row Repeater) with wrk -t1 -c$CONNS -d$DURATION. Before each test the server is warmed on that path
# until its rate is stable: two consecutive windows of WARM_WINDOW within 5 %, at most WARM_MAX. Then, per server in
# IDLE_SERVERS, the heap that IDLE_COUNT idle keep-alive connections hold.
#
# Raw Netty, the anchor of most ratios, is measured again after every ANCHOR_EVERY other servers (4 by default; 0: once
# a round) and once more after the last round, and each measurement is compared with its round's measurement of the
# anchor, of the same test, nearest to it in time: this machine's speed drifts by a tenth or more over minutes, and a
# round of eleven servers takes about eleven.
#
# Servers: the peers (benchmarks/peers) with the same JVM flags (tomcat-jsp = tomcat with Jasper serving the page as a
# JSP, benchmarks/site-jsp/page.jsp, measured on the page only: its /plaintext and /json are tomcat's); nginx (Debian's,
# one worker, sendfile: the static-file anchor); Conduit's bench server (conduit-async = an async handler, conduit-sync
# = a blocking one, conduit-modules = async with session and forms authentication configured, conduit-ashx = an .ashx
# compiled from inline source); and Conduit through its front door, `./conduit run benchmarks/site` with every default
# (access log on, the script's JVM flags): front-sync = a synchronous .ashx, front-async = an asynchronous one, and the
# site's 16 KiB static file and page.aspx. The report gives each test's median over the rounds of each round's ratio to
# that round's raw Netty (and, for the static file, to nginx; for the page, to tomcat-jsp), with the spread. front-sync
# also serves the form tests (benchmarks/site/form.aspx: a GET, a postback sent by postback.lua, and the same page with
# view state off as their anchor) and the services tests (benchmarks/site/Calc.asmx: SOAP Add and JSON Add, against
# Apache CXF's JAX-WS and JAX-RS, server cxf). TESTS="soap-add json-add" limits a run to those tests. Load goes to
# 127.0.0.1 only; every run is bounded.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
ROUNDS=${1:-5}
JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
# The flags every JVM server gets (the peers and the bench server): those of the conduit script that are not a choice
# of collector or heap, so that raw Netty, the anchor, reaches its buffers as Conduit's front door does (JDK 23+).
if [ -z "${JVM_FLAGS:-}" ]; then # unset or empty: the defaults
  JVM_FLAGS="-Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED"
  # JDK 23+: Netty reaches its direct buffers through Unsafe only when allowed, as the conduit script allows it.
  if [ "$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 23 ]; then
    JVM_FLAGS="$JVM_FLAGS --sun-misc-unsafe-memory-access=allow"
  fi
fi
read -r -a JVM_FLAGS <<< "$JVM_FLAGS"
SERVER_CPU=${SERVER_CPU:-1}
WRK_CPU=${WRK_CPU:-0}
CONNS=${CONNS:-64}
DURATION=${DURATION:-5s}
WARM_WINDOW=${WARM_WINDOW:-2}
WARM_MAX=${WARM_MAX:-30}
DEPTH=${DEPTH:-16}
PORT=${PORT:-18180}
IDLE_COUNT=${IDLE_COUNT:-10000}
ANCHOR_EVERY=${ANCHOR_EVERY:-4}
SERVERS=(${SERVERS:-netty vertx undertow jetty jetty-servlet helidon tomcat tomcat-jsp nginx conduit-async conduit-sync conduit-modules conduit-ashx front-sync front-async})
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
[ -x "$JAVA" ] || { echo "no JDK at $JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
echo "building Conduit and the peers..." >&2
(cd "$ROOT" && mvn -q -B -Dstyle.color=never -DskipTests -Dspotless.check.skip=true package -pl benchmarks/jmh,conduit-cli -am) >&2 || exit 1
(cd "$HERE/peers" && mvn -q -B -Dstyle.color=never package) >&2 || exit 1
(cd "$HERE/peers-cxf" && mvn -q -B -Dstyle.color=never package) >&2 || exit 1

STAMP=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOGS=$HERE/peers/logs/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$LOGS"
CSV=$LOGS/raw.csv
echo "round,server,test,rps,errors,start" > "$CSV"
WARM_CSV=$LOGS/warmup.csv
echo "round,server,test,seconds,stable" > "$WARM_CSV"
# The front door's site: benchmarks/site and a 16 KiB file of random bytes (not kept in git).
SITE=$LOGS/site
cp -r "$HERE/site" "$SITE"
head -c 16384 /dev/urandom > "$SITE/static16k.bin"
# The form tests' render-only anchor: form.aspx with view state and event validation off.
sed '1s/ %>$/ EnableViewState="false" EnableEventValidation="false" %>/' "$HERE/site/form.aspx" > "$SITE/form-render.aspx"
mkdir -p "$LOGS/nginx-tmp"
sed -e "s#@ROOT@#$SITE#g" -e "s#@PORT@#$PORT#g" -e "s#@LOGS@#$LOGS#g" "$HERE/nginx.conf" > "$LOGS/nginx.conf"

start_server() { # NAME -> sets PID
  local name=$1 cp
  case "$name" in
    front-*)
      # As users run it: the conduit script, its JVM flags, every server default (the access log on, to the log).
      taskset -c "$SERVER_CPU" "$ROOT/conduit" run "$SITE" --port "$PORT" > "$LOGS/$name-server.log" 2>&1 &
      ;;
    tomcat-jsp)
      # The JSPs from the checked-in folder, wherever the script runs from.
      taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$HERE/peers/target/peers.jar" "$name" "$PORT" \
        "$HERE/site-jsp" > "$LOGS/$name-server.log" 2>&1 &
      ;;
    cxf)
      taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$HERE/peers-cxf/target/peers-cxf.jar" "$PORT" \
        > "$LOGS/$name-server.log" 2>&1 &
      ;;
    nginx)
      taskset -c "$SERVER_CPU" "$NGINX" -c "$LOGS/nginx.conf" -p "$LOGS" > "$LOGS/$name-server.log" 2>&1 &
      ;;
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

plaintext_path() {
  case "$1" in
    conduit-ashx) echo /plaintext.ashx ;;
    front-sync) echo /hello.ashx ;;
    front-async) echo /hello-async.ashx ;;
    *) echo /plaintext ;;
  esac
}
has_json() { case "$1" in nginx|conduit-ashx|front-*) return 1 ;; *) return 0 ;; esac; }
has_static() { case "$1" in netty|nginx|conduit-*|front-sync) return 0 ;; *) return 1 ;; esac; }
# The page test: a master page and a 100-row Repeater, the same HTML from both (about 6 KB).
page_path() {
  case "$1" in
    tomcat-jsp) echo /page.jsp ;;
    front-sync) echo /page.aspx ;;
    *) return 1 ;;
  esac
}
has_page() { page_path "$1" > /dev/null; }
# The form tests (front-sync only): form.aspx's GET and a postback, and form-render.aspx (the render-only anchor).
has_form() { [ "$1" = front-sync ]; }
# Writes the form-post test's body to $POSTBACK_BODY from a GET of URL: the page's hidden fields (its view state and
# event validation) and a filled-in form clicking Preview; fails unless posting it answers 200 with the preview.
make_postback() { # URL
  python3 - "$1" "$POSTBACK_BODY" <<'PY'
import html, re, sys, urllib.parse, urllib.request
url, out = sys.argv[1:]
page = urllib.request.urlopen(url).read().decode()
fields = dict(re.findall(r'<input type="hidden" name="([^"]*)" id="[^"]*" value="([^"]*)" />', page))
fields = {k: html.unescape(v) for k, v in fields.items()}
fields.update({"ctl00$Main$Name": "Ada", "ctl00$Main$Email": "ada@example.org", "ctl00$Main$Topic": "Pages",
               "ctl00$Main$Message": "Postback under load.", "ctl00$Main$PreviewButton": "Preview"})
body = urllib.parse.urlencode(fields)
answer = urllib.request.urlopen(urllib.request.Request(url, body.encode(), method="POST")).read().decode()
if "Ada on Pages: Postback under load." not in answer:
    sys.exit("the postback did not preview: " + answer[:2000])
open(out, "w").write(body)
PY
}
POSTBACK_BODY=$LOGS/postback.body
export POSTBACK_BODY
# plaintext, pipelined, json and static16k; tomcat-jsp is tomcat with Jasper, whose /plaintext (for wait_ready) and
# /json are tomcat's, so it is measured on the page only.
has_basic() { case "$1" in tomcat-jsp|cxf) return 1 ;; *) return 0 ;; esac; }
# The services tests: SOAP Add and JSON Add, the same bodies to benchmarks/site/Calc.asmx and to Apache CXF
# (benchmarks/peers-cxf: JAX-WS for SOAP, JAX-RS with Jackson for JSON, on CXF's embedded Jetty).
soap_path() { case "$1" in cxf) echo /Calc ;; front-sync) echo /Calc.asmx ;; *) return 1 ;; esac; }
json_path() { case "$1" in cxf) echo /json/Add ;; front-sync) echo /Calc.asmx/Add ;; *) return 1 ;; esac; }
answers_ok() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; } # URL

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
  local out=$LOGS/$server-$test-r$round.txt start
  [ -e "$out" ] && out=$LOGS/$server-$test-r$round-$(date +%s).txt # the anchor, measured again in this round
  start=$(date +%s)
  taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d"$dur" "$@" > "$out" 2>&1
  local rps err
  rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
  err=$(awk '/Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} /Non-2xx/ {n += $NF} END {print n + 0}' "$out")
  echo "$round,$server,$test,${rps:-0},$err,$start" >> "$CSV"
}

# Warms SERVER on one test until its rate is stable: windows of WARM_WINDOW seconds until two in a row are within
# 5 % of each other, at most WARM_MAX seconds (the JIT of a server pinned to one CPU compiles on the CPU it serves
# from: a fixed short warm-up measured JIT time, not the server).
warm() { # ROUND SERVER TEST [wrk args...] URL
  local round=$1 server=$2 test=$3; shift 3
  local prev=0 rps waited=0 stable=no out=$LOGS/warm.txt limit=$WARM_MAX
  # The page test runs code the JIT takes long to finish (Jasper's _jspService, a page's templates): two windows
  # within 5 % can come on a plateau of the way up (tomcat-jsp at 11k req/s after 10 s, 21k after 60 s). It is first
  # loaded for PAGE_WARM_MIN seconds without looking.
  # form-render, the first of the form tests, runs most of their code: it is warmed as long;
  # soap-add, the first of the services tests, too: CXF's JAX-WS stack takes as long to settle.
  if { [ "$test" = page ] || [ "$test" = form-render ] || [ "$test" = soap-add ]; } && [ "${PAGE_WARM_MIN:-60}" -gt 0 ]; then
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d"${PAGE_WARM_MIN:-60}s" "$@" > "$out" 2>&1
    waited=${PAGE_WARM_MIN:-60}
    limit=$((WARM_MAX + waited))
  fi
  while [ "$waited" -lt "$limit" ]; do
    taskset -c "$WRK_CPU" wrk -t1 -c"$CONNS" -d"${WARM_WINDOW}s" "$@" > "$out" 2>&1
    waited=$((waited + WARM_WINDOW))
    rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out")
    rps=${rps:-0}
    if [ "$prev" -gt 0 ] && [ "$rps" -gt 0 ] && awk -v a="$prev" -v b="$rps" 'BEGIN {d = (a - b) / a; exit !(d < 0.05 && d > -0.05)}'; then
      stable=yes; break
    fi
    prev=$rps
  done
  echo "$round,$server,$test,$waited,$stable" >> "$WARM_CSV"
}

run_test() { # ROUND SERVER TEST [wrk args...] URL
  local round=$1 server=$2 test=$3; shift 3
  # TESTS="soap-add json-add" runs only those tests
  if [ -n "${TESTS:-}" ] && [[ " $TESTS " != *" $test "* ]]; then return 0; fi
  warm "$round" "$server" "$test" "$@"
  measure "$round" "$server" "$test" "$DURATION" "$@"
}

# The order of each round: SERVERS, with raw Netty (when listed) again before every ANCHOR_EVERY others after it.
ORDER=()
since=0
for s in "${SERVERS[@]}"; do
  if [ "$s" != netty ] && [ "$ANCHOR_EVERY" -gt 0 ] && [ "$since" -ge "$ANCHOR_EVERY" ] && [[ " ${SERVERS[*]} " == *" netty "* ]]; then
    ORDER+=(netty); since=0
  fi
  ORDER+=("$s")
  if [ "$s" = netty ]; then since=0; else since=$((since + 1)); fi
done
for round in $(seq "$ROUNDS"); do
  slots=("${ORDER[@]}")
  # After the last round, the anchor once more, so the round's last servers have one after them too.
  if [ "$round" = "$ROUNDS" ] && [ "$ANCHOR_EVERY" -gt 0 ] && [ "${ORDER[-1]}" != netty ] && [[ " ${SERVERS[*]} " == *" netty "* ]]; then
    slots+=(netty)
  fi
  for s in "${slots[@]}"; do
    echo ">> round $round: $s" >&2
    start_server "$s"
    pt=$(plaintext_path "$s")
    if ! wait_ready "$PID" "$pt"; then
      echo "   $s did not start; see $LOGS/$s-server.log" >&2
      stop_server; continue
    fi
    base=http://127.0.0.1:$PORT
    if has_basic "$s"; then
      run_test "$round" "$s" plaintext "$base$pt"
      run_test "$round" "$s" pipelined -s "$HERE/peers/pipeline.lua" "$base$pt" -- "$DEPTH"
      if has_json "$s"; then run_test "$round" "$s" json "$base/json"; fi
      if has_static "$s"; then run_test "$round" "$s" static16k "$base/static16k.bin"; fi
    fi
    if has_page "$s"; then
      if answers_ok "$base$(page_path "$s")"; then
        run_test "$round" "$s" page "$base$(page_path "$s")"
      else
        echo "   $s: $(page_path "$s") does not answer 200; page not measured" >&2
      fi
    fi
    if soap_path "$s" > /dev/null; then
      run_test "$round" "$s" soap-add -s "$HERE/soap-add.lua" "$base$(soap_path "$s")"
      run_test "$round" "$s" json-add -s "$HERE/json-add.lua" "$base$(json_path "$s")"
    fi
    if has_form "$s"; then
      run_test "$round" "$s" form-render "$base/form-render.aspx"
      run_test "$round" "$s" form-get "$base/form.aspx"
      if [ -n "${TESTS:-}" ] && [[ " $TESTS " != *" form-post "* ]]; then
        :
      elif make_postback "$base/form.aspx" 2>> "$LOGS/$s-postback.txt"; then
        run_test "$round" "$s" form-post -s "$HERE/postback.lua" "$base/form.aspx"
      else
        echo "   $s: the postback of form.aspx failed; see $LOGS/$s-postback.txt" >&2
      fi
    fi
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
for s in ${IDLE_SERVERS:-netty conduit-async conduit-modules front-async}; do
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

# Bytes allocated per request: JMH's gc profiler on AllocationBenchmark (the bench server and an allocation-free client
# in one JVM; gc.alloc.rate.norm counts every thread). Not pinned: client and server share the two CPUs. ALLOC=0 skips it.
ALLOC_JSON=$LOGS/alloc.json
if [ "${ALLOC:-1}" = 1 ]; then
  echo ">> allocation per request (JMH, -prof gc)" >&2
  "$JAVA" -cp "$ROOT/benchmarks/jmh/target/classes:$ROOT/benchmarks/jmh/target/lib/*" org.openjdk.jmh.Main \
    AllocationBenchmark -prof gc -wi "${ALLOC_WARMUPS:-5}" -i "${ALLOC_ITERATIONS:-5}" -w 2 -r 2 \
    -rf json -rff "$ALLOC_JSON" > "$LOGS/alloc.txt" 2>&1 || echo "   the allocation benchmark failed; see $LOGS/alloc.txt" >&2
fi

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
JDK=$("$JAVA" -version 2>&1 | head -1)
CPU=$(awk -F: '/model name/ {gsub(/^ +/, "", $2); print $2; exit}' /proc/cpuinfo)
python3 - "$CSV" "$IDLE_CSV" "$WARM_CSV" "$ALLOC_JSON" "$HERE/RESULTS.md" "$STAMP" "$COMMIT" "$JDK" "$CPU" "$ROUNDS" "$DURATION" "$CONNS" "$DEPTH" "${JVM_FLAGS[*]}" "$(cd "$ROOT" && bash -c 'source <(sed -n "/^java_major()/,/^}/p;/^server_flags()/,/^}/p" conduit); JAVA_HOME='"$JAVA_HOME"' server_flags')" "$ANCHOR_EVERY" <<'PY'
import csv, statistics, sys
raw, idle, warm, alloc, out, stamp, commit, jdk, cpu, rounds, duration, conns, depth, flags, front_flags, anchor_every = sys.argv[1:]
rows = [r for r in csv.DictReader(open(raw))]
tests = ["plaintext", "json", "pipelined", "static16k", "page", "soap-add", "json-add"]
# The anchor of each test's ratio in the table: raw Netty, but for the page, which Netty does not serve, Tomcat's JSP,
# and for the services tests Apache CXF.
ANCHOR = {"page": "tomcat-jsp", "soap-add": "cxf", "json-add": "cxf"}
servers = []
for r in rows:
    if r["server"] not in servers:
        servers.append(r["server"])
# Every measurement of a server and test in a round (raw Netty, the anchor, is measured several times a round), with
# the time it started.
runs = {}
for r in rows:
    runs.setdefault((r["round"], r["server"], r["test"]), []).append((int(r.get("start") or 0), int(r["rps"])))
rps = {k: statistics.median(v for _, v in m) for k, m in runs.items()}
all_runs = {}
for (rd, s, t), m in runs.items():
    all_runs.setdefault((s, t), []).extend(m)
errs = {}
for r in rows:
    errs[r["server"]] = errs.get(r["server"], 0) + int(r["errors"])
round_ids = sorted({r["round"] for r in rows}, key=int)

def ratios(s, t, anchor):
    """Each round's ratio of s to that round's measurement of the anchor, of the same test, nearest to it in time."""
    v = []
    for rd in round_ids:
        for start, a in runs.get((rd, s, t), []):
            near = [(abs(when - start), b) for when, b in runs.get((rd, anchor, t), []) if b]
            if a and near:
                v.append(a / min(near)[1])
    return v

def cell(s, t, anchor="netty"):
    v = [b for _, b in all_runs.get((s, t), [])]
    if not v:
        return "n/a"
    text = f"{statistics.median(v):,.0f}"
    r = ratios(s, t, anchor)
    if r and s != anchor:
        text += f" ({statistics.median(r):.2f}; {min(r):.2f}–{max(r):.2f})"
    return text

lines = [
    "# Benchmark results",
    "",
    f"- date: {stamp}; commit: {commit}",
    f"- JDK: {jdk}; JVM flags: `{flags}` (peers and the bench server); through the front door, the `conduit` script's: `{front_flags}`",
    f"- machine: {cpu}, 2 cores; server pinned to CPU 1, wrk to CPU 0",
    f"- load: `wrk -t1 -c{conns} -d{duration}` per test, pipelined {depth} deep, after a warm-up until the rate is stable; {rounds} interleaved rounds",
    "- reproduce: `benchmarks/run.sh " + rounds + "` (builds everything; needs wrk and nginx)",
    "",
    "Each cell: the median req/s over the rounds, then (the median over the rounds of the ratio to that round's",
    f"measurement of raw Netty nearest in time, raw Netty being measured after every {anchor_every} other servers when that is not 0;",
    "the lowest–highest of those ratios). Raw Netty serves the static file from memory; nginx from the page cache",
    "with sendfile. page: a master page and a 100-row Repeater (benchmarks/site/page.aspx through the front door),",
    "its ratio to tomcat-jsp: the same page as a JSP (benchmarks/site-jsp/page.jsp) on Tomcat with Jasper.",
    "",
    "| server | " + " | ".join(tests) + " | errors |",
    "|---|" + "---|" * (len(tests) + 1),
]
for s in servers:
    lines.append(f"| {s} | " + " | ".join(cell(s, t, ANCHOR.get(t, "netty")) for t in tests) + f" | {errs.get(s, 0)} |")

def med(s, t, anchor):
    r = ratios(s, t, anchor)
    return f"{statistics.median(r):.2f} ({min(r):.2f}–{max(r):.2f})" if r else "n/a"

targets = [
    ("front door: synchronous .ashx plaintext / raw Netty", "front-sync", "plaintext", "netty", 0.85),
    ("front door: asynchronous .ashx plaintext / raw Netty", "front-async", "plaintext", "netty", 0.95),
    ("front door: static 16 KiB / nginx", "front-sync", "static16k", "nginx", 0.80),
    ("conduit-sync plaintext / raw Netty", "conduit-sync", "plaintext", "netty", 0.85),
    ("conduit-sync pipelined / raw Netty", "conduit-sync", "pipelined", "netty", 0.80),
    ("conduit-async plaintext / raw Netty", "conduit-async", "plaintext", "netty", 0.95),
    ("conduit-async json / raw Netty", "conduit-async", "json", "netty", 0.95),
    ("conduit-async pipelined / raw Netty", "conduit-async", "pipelined", "netty", 0.90),
    ("conduit-modules plaintext / raw Netty", "conduit-modules", "plaintext", "netty", 0.90),
    ("conduit-modules json / raw Netty", "conduit-modules", "json", "netty", 0.90),
    ("conduit-modules pipelined / raw Netty", "conduit-modules", "pipelined", "netty", 0.90),
    ("conduit-ashx plaintext / conduit-sync", "conduit-ashx", "plaintext", "conduit-sync", 0.95),
    ("conduit-ashx pipelined / conduit-sync", "conduit-ashx", "pipelined", "conduit-sync", 0.95),
    ("static 16 KiB (conduit-async) / raw Netty", "conduit-async", "static16k", "netty", 0.90),
    ("static 16 KiB (conduit-async) / nginx", "conduit-async", "static16k", "nginx", 0.80),
    ("front door: page with master and 100-row Repeater / Tomcat JSP (Jasper)", "front-sync", "page", "tomcat-jsp", 1.00),
    ("front door: SOAP Add (.asmx) / Apache CXF JAX-WS on Jetty (issue 16)", "front-sync", "soap-add", "cxf", 1.50),
    ("front door: JSON Add (.asmx script call) / Apache CXF JAX-RS on Jetty (issue 16)", "front-sync", "json-add", "cxf", 1.50),
]
lines += ["", "Targets (issue 13): median of per-round ratios (lowest–highest).", "",
          "| target | measured | goal | |", "|---|---|---|---|"]
for label, s, t, anchor, goal in targets:
    r = ratios(s, t, anchor)
    got = statistics.median(r) if r else None
    verdict = "n/a" if got is None else ("met" if got >= goal else "not met")
    lines.append(f"| {label} | {med(s, t, anchor)} | >= {goal:.2f} | {verdict} |")
for peer in ["tomcat", "jetty-servlet", "helidon"]:
    r = ratios("conduit-sync", "plaintext", peer)
    if r:
        lines.append(f"| conduit-sync plaintext / {peer} | {statistics.median(r):.2f} ({min(r):.2f}–{max(r):.2f}) | > 1.00 | {'met' if statistics.median(r) > 1 else 'not met'} |")

# The form tests: each round's form-get and form-post against that round's form-render, one server.
def same_server_ratios(s, t, anchor_test):
    v = []
    for rd in round_ids:
        a, b = rps.get((rd, s, t)), rps.get((rd, s, anchor_test))
        if a and b:
            v.append(a / b)
    return v

form_servers = [s for s in servers if any((rd, s, "form-render") in rps for rd in round_ids)]
if form_servers:
    lines += ["", "Forms (issue 15): benchmarks/site/form.aspx, the demo's guest book with its 20 entries in memory, through",
              "the front door. form-get: a GET; form-post: a postback of the filled-in form clicking Preview (view state",
              "checked, loaded and written again, post data, validators, the click); form-render: the same page with view",
              "state and event validation off, their anchor. Each cell: median req/s (median per-round ratio to",
              "form-render; lowest–highest).", "",
              "| server | form-render | form-get | form-post |", "|---|---|---|---|"]
    for s in form_servers:
        cells = []
        for t in ["form-render", "form-get", "form-post"]:
            v = [rps[(rd, s, t)] for rd in round_ids if (rd, s, t) in rps]
            text = f"{statistics.median(v):,.0f}" if v else "n/a"
            r = same_server_ratios(s, t, "form-render")
            if r and t != "form-render":
                text += f" ({statistics.median(r):.2f}; {min(r):.2f}–{max(r):.2f})"
            cells.append(text)
        lines.append(f"| {s} | " + " | ".join(cells) + " |")

warm_rows = list(csv.DictReader(open(warm)))
if warm_rows:
    unstable = [w for w in warm_rows if w["stable"] != "yes"]
    secs = [int(w["seconds"]) for w in warm_rows]
    lines += ["", f"Warm-up: {statistics.median(secs)} s median per test (longest {max(secs)} s); "
              f"{len(unstable)} of {len(warm_rows)} tests did not settle within the limit"
              + (": " + ", ".join(sorted({w['server'] + '/' + w['test'] for w in unstable})) if unstable else "") + "."]

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
# Bytes per request at 89db918, where issue 13 started: the same benchmark run there (its ServerOptions spelled as
# that commit has them), `-prof gc -wi 5 -i 5 -w 2 -r 2`, on this machine on 2026-12-05.
BEFORE = {("plaintext", "async"): 2233, ("plaintext", "sync"): 2778, ("pipelined", "async"): 2217,
          ("pipelined", "sync"): 2790, ("static16k", "async"): 3504, ("static16k", "sync"): 3505}
import json, os
if os.path.exists(alloc) and os.path.getsize(alloc) > 0:
    results = json.load(open(alloc))
    lines += ["", "Bytes allocated per request (JMH `gc.alloc.rate.norm`, AllocationBenchmark: the bench server and an",
              "allocation-free client in one JVM, one connection; pipelined: 16 requests per write, per request).", "",
              "| test | variant | bytes per request (± error) | at 89db918 | ratio |", "|---|---|---|---|---|"]
    for r in results:
        test = r["benchmark"].rsplit(".", 1)[1]
        variant = r["params"]["variant"]
        norm = r["secondaryMetrics"].get("gc.alloc.rate.norm")
        if not norm:
            continue
        before = BEFORE.get((test, variant))
        ratio = f"{norm['score'] / before:.2f}" if before else "n/a"
        lines.append(f"| {test} | {variant} | {norm['score']:,.0f} (± {norm['scoreError']:,.0f}) | "
                     f"{before if before else 'n/a'} | {ratio} |")
open(out, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
echo "raw results and wrk outputs: $LOGS" >&2
