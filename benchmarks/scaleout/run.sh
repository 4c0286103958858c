#!/usr/bin/env bash
# The scale-out harness: HAProxy (Debian's package, installed when missing) in front of two Conduit instances on
# loopback ports that share sessions through Redis or PostgreSQL (the machine's: 127.0.0.1:6379, 127.0.0.1:5432),
# a bounded client load throughout, and a rolling restart of both instances through HAProxy's runtime API
# (drain -> wait until idle -> maint -> SIGTERM -> start -> healthy -> ready). It prints requests sent, failures,
# and the session counters expected against found, what HAProxy gave each server, and which instance processes served
# the counter and accepted the forms ticket; it fails unless all four processes (two, then their restarts) did. The
# load must outlast both restarts (about 30 s here): keep the default.
#
#   benchmarks/scaleout/run.sh [redis|postgresql] [seconds of load, default 40]
#
# Ports: HAProxy on $PORT (default 18180), the instances on $PORT+1 and $PORT+2, all on 127.0.0.1. EXTRA_FLAGS: more
# `conduit run` options for both instances.
set -euo pipefail
cd "$(dirname "$0")/../.."
STORE=${1:-redis}
LOAD_SECONDS=${2:-40}
PORT=${PORT:-18180}
P1=$((PORT + 1))
P2=$((PORT + 2))

if ! command -v haproxy >/dev/null 2>&1; then
  echo "installing haproxy..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi
command -v socat >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq socat >/dev/null
./conduit build
JAVA=""
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [ -n "$j" ] && [ -x "$j/bin/java" ]; then JAVA="$j/bin/java"; break; fi
done
[ -n "$JAVA" ] || JAVA=java

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done # their ports free for the next run
  [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp -r benchmarks/scaleout/site "$work/site"
hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
app="scaleout-$$"
case "$STORE" in
  redis) provider="<add name=\"shared\" type=\"Microsoft.Web.Redis.RedisSessionStateProvider\" host=\"127.0.0.1\" port=\"6379\" applicationName=\"$app\"/>" ;;
  postgresql) provider="<add name=\"shared\" type=\"dev.conduit.session.jdbc.JdbcSessionStore\" connectionString=\"jdbc:postgresql://127.0.0.1:5432/test?user=postgres\" applicationName=\"$app\"/>" ;;
  *) echo "usage: $0 [redis|postgresql] [seconds]" >&2; exit 2 ;;
esac
sed -e "s|@VALIDATION_KEY@|$(hex 32)|" -e "s|@DECRYPTION_KEY@|$(hex 32)|" -e "s|@PROVIDER@|$provider|" \
  benchmarks/scaleout/site/web.config.in > "$work/site/web.config"
rm "$work/site/web.config.in"

declare -A instance
start_instance() { # $1 = 1 or 2
  local port=$((PORT + $1))
  ./conduit run "$work/site" --port "$port" --no-access-log --drain-delay 1 --shutdown-grace 20 \
    --trusted-proxies 127.0.0.1 ${EXTRA_FLAGS:-} >>"$work/s$1.log" 2>&1 &
  instance[$1]=$!
  pids+=("$!")
  for _ in $(seq 1 150); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; then return; fi
    sleep 0.2
  done
  echo "instance $1 did not become healthy:" >&2; cat "$work/s$1.log" >&2; exit 1
}
api() { echo "$1" | socat stdio "unix-connect:$work/haproxy.sock"; }

start_instance 1
start_instance 2
cat >"$work/haproxy.cfg" <<CFG
global
  stats socket $work/haproxy.sock mode 600 level admin
  pidfile $work/haproxy.pid
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option redispatch
  retries 3
  retry-on conn-failure
frontend site
  bind 127.0.0.1:$PORT
  option forwardfor
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /health
  default-server inter 500ms fall 2 rise 2
  server s1 127.0.0.1:$P1 check
  server s2 127.0.0.1:$P2 check
CFG
haproxy -f "$work/haproxy.cfg" -D
sleep 1

echo "load: 8 sessions and one signed-in user for ${LOAD_SECONDS}s through HAProxy on :$PORT; store: $STORE" >&2
"$JAVA" benchmarks/scaleout/Client.java "http://127.0.0.1:$PORT" 8 "$LOAD_SECONDS" >"$work/client.txt" 2>&1 &
client=$!
sleep 4
for s in 1 2; do
  echo "rolling restart of s$s: drain" >&2
  api "set server app/s$s state drain" >/dev/null
  for _ in $(seq 1 100); do
    cur=$(api "show stat" | awk -F, -v s="s$s" '$1=="app" && $2==s {print $5}')
    [ "${cur:-0}" = 0 ] && break
    sleep 0.1
  done
  api "set server app/s$s state maint" >/dev/null
  echo "  SIGTERM pid ${instance[$s]}" >&2
  kill -TERM "${instance[$s]}"
  wait "${instance[$s]}" || true
  echo "  start again" >&2
  start_instance "$s"
  api "set server app/s$s state ready" >/dev/null
  echo "  ready" >&2
  sleep 4
done
status=0
wait "$client" || status=$?
# What HAProxy saw: each server's state, its last health check and how many sessions it was given.
api "show stat" | awk -F, '$1=="app" && $2!="BACKEND" {print "  haproxy: " $2 " " $18 ", check " $37 ", sessions " $8}' >&2
cat "$work/client.txt"
echo "instances restarted: 2 (each drained, stopped with SIGTERM, started, readied)"
# Every instance process, the two restarted ones included, must have served the counter and accepted the forms ticket:
# a balancer that pins clients to one instance (a tunnel after an h2c upgrade did) would otherwise pass unseen.
for p in "${pids[@]}"; do
  for what in "counter served by" "forms sign-in valid on"; do
    if ! grep "^$what" "$work/client.txt" | grep -qw "$p"; then
      echo "FAILED: instance process $p is missing from \"$what\"" >&2
      status=1
    fi
  done
done
exit $status
