#!/usr/bin/env bash
# Brings docker-compose.yml up on the local images (divconq:local, divconq-kafka:local) under a project of its own,
# on free 127.0.0.1 ports, sends the sample problems with `docker-compose run --rm produce`, waits until the
# scorer's dashboard API counts every one of them, and takes the stack down again (volumes too), however it ends.
# Needs docker-compose (1.29) or `docker compose`, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
compose=(docker-compose); command -v docker-compose >/dev/null 2>&1 || compose=(docker compose)
project="divconq-smoke-$$"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
export KAFKA_1_PORT=$(free_port) KAFKA_2_PORT=$(free_port) KAFKA_3_PORT=$(free_port)
export REGISTRY_PORT=$(free_port) SIMULATOR_PORT=$(free_port) DASHBOARD_PORT=$(free_port)
dc() { "${compose[@]}" -p "$project" "$@"; }
trap 'dc down -v --remove-orphans >/dev/null 2>&1 || true' EXIT

expected=$(grep -c . samples/problems.jsonl)
start=$(date +%s)
dc up -d >/dev/null 2>&1 || { dc ps; dc logs --tail=30; exit 1; }
echo "compose up (healthy) in $(( $(date +%s) - start )) s" >&2
dc run --rm produce >&2
scored() {
  curl -fs "http://127.0.0.1:$DASHBOARD_PORT/api/experiment" 2>/dev/null \
    | python3 -c 'import json,sys; print(sum(a["problems"] for a in json.load(sys.stdin)["arms"]))' 2>/dev/null || echo 0
}
deadline=$(( $(date +%s) + 600 ))
while [ "$(scored)" -lt "$expected" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "only $(scored) of $expected problems scored after 10 min" >&2; dc logs --tail=30; exit 1; }
  sleep 2
done
echo "docker-compose answered all $expected problems end to end in $(( $(date +%s) - start )) s" >&2
