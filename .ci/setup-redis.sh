#!/usr/bin/env bash
# Starts a local Redis for the Klaviyo.Actions.Redis tests and .ci/check-redis-*.sh.
# .ci/run runs every .ci/setup-*.sh before building. Idempotent, and quick when the server already answers.
# The tests use 127.0.0.1:6379 when KLAVIYO_REDIS_TEST is unset; under CI=true they fail (not skip) when no
# server answers there.
set -euo pipefail

PORT=6379

ready() { command -v redis-cli >/dev/null && [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = "PONG" ]; }

if ! command -v redis-server >/dev/null; then
  echo "installing Redis from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server redis-tools >/dev/null
fi

if ! ready; then
  redis-server --port "$PORT" --bind 127.0.0.1 --daemonize yes --save "" --appendonly no \
    --logfile /tmp/klaviyo-actions-redis.log
  for _ in $(seq 1 60); do
    ready && break
    sleep 0.25
  done
  if ! ready; then
    echo "Redis did not start on 127.0.0.1:$PORT"
    tail -n 20 /tmp/klaviyo-actions-redis.log 2>/dev/null || true
    exit 1
  fi
fi

echo "Redis $(redis-server --version | awk '{print $3}') ready on 127.0.0.1:$PORT"
