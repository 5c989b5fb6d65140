#!/usr/bin/env bash
# Starts or stops the services the tests use: a throw-away redis-server on
# 127.0.0.1:6379 (no persistence). Missing binaries are reported, not fatal:
# the tests that need them skip outside CI and fail inside it.
set -euo pipefail
port=${SCAMHUNT_TEST_REDIS_PORT:-6379}
case "${1:-start}" in
start)
  if ! command -v redis-server >/dev/null; then
    echo "services: redis-server not installed; Redis tests will skip (CI installs it)" >&2
    exit 0
  fi
  if redis-cli -p "$port" ping >/dev/null 2>&1; then
    exit 0
  fi
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes >/dev/null
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && exit 0
    sleep 0.1
  done
  echo "services: redis-server did not answer on port $port" >&2
  exit 1
  ;;
stop)
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  ;;
*)
  echo "usage: services.sh start|stop" >&2
  exit 2
  ;;
esac
