#!/bin/bash
# Runs the divconq command with the options bin/divconq uses, on the production classpath (no embedded broker:
# `run`, `services` and `bench` say what is missing). `divconq-entrypoint.sh health PORT` exits 0 when the
# process's health endpoint (--health-port) answers 200: every stream of it RUNNING or rebalancing.
set -euo pipefail
if [ "${1:-}" = "health" ]; then
  exec 3<>"/dev/tcp/127.0.0.1/${2:?health PORT}"
  printf 'GET /health HTTP/1.0\r\n\r\n' >&3
  IFS= read -r status <&3
  [[ "$status" == *" 200 "* ]]
  exit
fi
exec java ${DIVCONQ_JAVA_OPTS} \
  -Dsun.net.httpserver.nodelay=true \
  -Ddivconq.home=/opt/divconq \
  -jar /opt/divconq/divconq.jar "$@"
