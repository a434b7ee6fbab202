#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft) for developers and CI, without Docker: the broker's
# jars come from Maven Central (scripts/kafka/pom.xml) and run on the machine's Java 17+.
#
#   scripts/kafka-local.sh start [--keep-data]   format a fresh log dir (unless --keep-data), start,
#                                                 wait until "Kafka Server started"; exit 0 when ready
#   scripts/kafka-local.sh stop                   SIGTERM, wait for a clean shutdown
#   scripts/kafka-local.sh restart                stop, then start keeping the data (same cluster)
#   scripts/kafka-local.sh status                 "running <pid> <bootstrap>" (exit 0) or "stopped" (exit 3)
#
# Environment (all optional):
#   KAFKA_VERSION          Kafka release from Maven Central            (4.4.0)
#   KAFKA_LOCAL_DIR        state: properties, log dirs, pid, broker.log (<repo>/.kafka)
#   KAFKA_PORT             PLAINTEXT listener port                      (9092)
#   KAFKA_CONTROLLER_PORT  KRaft controller listener port               (9093)
#   KAFKA_HEAP             JVM heap flags                               (-Xms256m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness                (180)
#   KAFKA_CLUSTER_ID       cluster id for the fresh log dir              (random)
#   KAFKA_CACHE_DIR        jar cache root                               (~/.cache/credence-kafka)
# Progress goes to stderr; only `status` writes to stdout.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${KAFKA_VERSION:-4.4.0}"
STATE="${KAFKA_LOCAL_DIR:-$ROOT/.kafka}"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:--Xms256m -Xmx512m}"
TIMEOUT="${KAFKA_START_TIMEOUT:-180}"
LIBS="${KAFKA_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/credence-kafka}/$VERSION/libs"
PROPS="$STATE/server.properties"
PIDFILE="$STATE/broker.pid"
LOG="$STATE/broker.log"

say() { printf '[kafka-local] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The pid file's process, only if it is still this state dir's broker (pids get reused).
broker_pid() {
  [ -f "$PIDFILE" ] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "kafka.Kafka $PROPS" || return 1
  echo "$pid"
}

# Copies the broker's runtime classpath into the cache once; later starts reuse it.
resolve_jars() {
  if [ -f "$LIBS/.complete" ]; then return; fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed once to fetch Kafka $VERSION from Maven Central"
  say "resolving org.apache.kafka:kafka_2.13:$VERSION from Maven Central into $LIBS"
  local tmp="$LIBS.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # Maven's own output only matters when it fails.
  if ! mvn -q -B --no-transfer-progress -Dstyle.color=never -f "$ROOT/scripts/kafka/pom.xml" -Dkafka.version="$VERSION" \
    dependency:copy-dependencies -DoutputDirectory="$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "Maven could not resolve Kafka $VERSION"
  fi
  rm -f "$tmp.log"
  touch "$tmp/.complete"
  # Another start may have won the race; its copy is as good as ours.
  mkdir -p "$(dirname "$LIBS")"
  mv -T "$tmp" "$LIBS" 2>/dev/null || rm -rf "$tmp"
}

write_properties() {
  mkdir -p "$STATE/data"
  cat >"$PROPS" <<EOF
# Written by scripts/kafka-local.sh; a single-node KRaft broker for development and CI.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$STATE/data
num.partitions=1
# The defaults (3) cannot be met by one node.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
# Compaction of the status topic should be observable in tests, not after hours.
log.cleaner.backoff.ms=1000
EOF
}

# shellcheck disable=SC2206 # HEAP is a list of flags
JAVA=(java $HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$ROOT/scripts/kafka/log4j2.xml" -cp "$LIBS/*")

format_storage() {
  # A Kafka Uuid: 16 random bytes, URL-safe base64 without padding.
  local cluster_id
  cluster_id="${KAFKA_CLUSTER_ID:-$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')}"
  rm -rf "$STATE/data"
  mkdir -p "$STATE/data"
  say "formatting $STATE/data (cluster $cluster_id)"
  # --opt=value: an id that begins with "-" (1 in 64) would otherwise be read as a flag.
  "${JAVA[@]}" kafka.tools.StorageTool format --cluster-id="$cluster_id" --config="$PROPS" >"$STATE/format.log" 2>&1 ||
    { tail -n 30 "$STATE/format.log" >&2; die "formatting the log directory failed"; }
}

# What went wrong first, then how the log ends: the cause is rarely on the last line.
show_failure() {
  say "first errors in $LOG:"
  grep -m 5 -E '(ERROR|FATAL)|Exception: ' "$LOG" >&2 || true
  say "last lines of $LOG:"
  tail -n 25 "$LOG" >&2
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_ready() {
  local pid="$1" waited=0
  while ! grep -q "Kafka Server started" "$LOG" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "broker exited during start-up"
      show_failure
      rm -f "$PIDFILE"
      exit 1
    fi
    if [ "$waited" -ge "$TIMEOUT" ]; then
      say "broker not ready after ${TIMEOUT}s; stopping it"
      show_failure
      kill -TERM "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

start() {
  local keep=false
  [ "${1:-}" = "--keep-data" ] && keep=true
  if pid="$(broker_pid)"; then
    say "already running (pid $pid) on 127.0.0.1:$PORT"
    return 0
  fi
  command -v java >/dev/null || die "Java 17 or later is needed"
  for p in "$PORT" "$CONTROLLER_PORT"; do
    port_taken "$p" && die "127.0.0.1:$p is in use by another process (another broker? see KAFKA_PORT, KAFKA_CONTROLLER_PORT)"
  done
  resolve_jars
  mkdir -p "$STATE"
  write_properties
  if ! $keep || [ ! -f "$STATE/data/meta.properties" ]; then format_storage; fi
  say "starting Kafka $VERSION on 127.0.0.1:$PORT (log: $LOG)"
  # Readiness is read from this run's log only; the previous run's stays beside it.
  [ -f "$LOG" ] && mv -f "$LOG" "$LOG.prev"
  # setsid: a Ctrl-C in the caller's terminal must not reach the broker; stop does that cleanly.
  # Started without job control, the child is no group leader, so setsid execs in place: $! is java.
  setsid "${JAVA[@]}" kafka.Kafka "$PROPS" </dev/null >>"$LOG" 2>&1 &
  local pid=$!
  echo "$pid" >"$PIDFILE"
  wait_ready "$pid"
  say "ready (pid $pid)"
}

stop() {
  local pid waited=0
  if ! pid="$(broker_pid)"; then
    say "not running"
    rm -f "$PIDFILE"
    return 0
  fi
  say "stopping pid $pid"
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 240 ]; then # half-seconds
      say "no clean shutdown after 120s; sending SIGKILL to $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$PIDFILE"
  say "stopped"
}

status() {
  if pid="$(broker_pid)"; then
    echo "running $pid 127.0.0.1:$PORT"
  else
    echo "stopped"
    exit 3
  fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  restart) stop && start --keep-data ;;
  status) status ;;
  *) echo "usage: $0 start [--keep-data] | stop | restart | status" >&2; exit 2 ;;
esac
