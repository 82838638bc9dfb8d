#!/bin/bash
# Writes server.properties from KAFKA_* variables (except KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS and KAFKA_OPTS,
# which are JVM options as in Apache's scripts), formats the log dir for CLUSTER_ID once, then runs the broker.
# `kafka-entrypoint.sh health` exits 0 when the first listener accepts connections (the broker opens it only
# after it has joined the cluster).
set -euo pipefail
conf=/opt/kafka/config/server.properties
cp=/opt/kafka/libs/*

first_listener() {
  local l="${KAFKA_LISTENERS%%,*}"; l="${l#*://}"; local host="${l%:*}"
  echo "${host:-127.0.0.1} ${l##*:}"
}

if [ "${1:-}" = "health" ]; then
  read -r host port < <(first_listener)
  [ "$host" = "0.0.0.0" ] && host=127.0.0.1
  exec 3<>"/dev/tcp/$host/$port"
  exit 0
fi

: "${KAFKA_NODE_ID:?set KAFKA_NODE_ID}"; : "${KAFKA_PROCESS_ROLES:?set KAFKA_PROCESS_ROLES}"; : "${CLUSTER_ID:?set CLUSTER_ID}"
: > "$conf"
while IFS='=' read -r name value; do
  case "$name" in KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_JVM_PERFORMANCE_OPTS) continue ;; KAFKA_*) ;; *) continue ;; esac
  key="${name#KAFKA_}"; key="${key,,}"; key="${key//___/-}"; key="${key//__/@}"; key="${key//_/.}"; key="${key//@/_}"
  printf '%s=%s\n' "$key" "$value" >> "$conf"
done < <(env)

java_opts=(${KAFKA_HEAP_OPTS} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20} ${KAFKA_OPTS:-} -Djava.awt.headless=true
           -Dlogback.configurationFile=/opt/kafka/config/logback.xml)
if [ ! -f "${KAFKA_LOG_DIRS%%,*}/meta.properties" ]; then   # a restart keeps its data: no second JVM to check that
  java "${java_opts[@]}" -cp "$cp" kafka.tools.StorageTool format --ignore-formatted -t "$CLUSTER_ID" -c "$conf" >/dev/null
fi
exec java "${java_opts[@]}" -cp "$cp" kafka.Kafka "$conf"
