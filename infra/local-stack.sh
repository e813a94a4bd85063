#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis the tests use are running on this machine
# (127.0.0.1:5432 with trust auth, 127.0.0.1:6379). Starts installed servers that
# are stopped; as root on Debian or Ubuntu, installs missing ones from the
# distribution; otherwise says exactly what to install. Sets Redis `hz 100` so
# BullMQ delayed jobs fire within ~10 ms instead of ~100 ms.
set -euo pipefail

PG_HOST=${PGHOST:-127.0.0.1}
PG_PORT=${PGPORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

say() { printf 'local-stack: %s\n' "$*" >&2; }
is_root() { [ "$(id -u)" = 0 ]; }
have() { command -v "$1" >/dev/null 2>&1; }

pg_up() { have pg_isready && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
redis_up() { have redis-cli && [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

apt_install() {
  if ! is_root || ! have apt-get; then
    say "missing: $*. Install them (Debian/Ubuntu: sudo apt-get install -y $*) or point TEST_POSTGRES_URL / TEST_REDIS_URL at running servers."
    exit 1
  fi
  say "installing $* from the distribution"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # what, test-command
  for _ in $(seq 1 60); do "${@:2}" && return 0; sleep 0.5; done
  say "$1 did not come up"; exit 1
}

if ! pg_up; then
  have pg_ctlcluster || apt_install postgresql postgresql-client
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || { say "no PostgreSQL cluster found under /etc/postgresql"; exit 1; }
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # Tests connect as postgres over TCP without a password: trust loopback only.
  if is_root && ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  say "starting PostgreSQL $version"
  if is_root; then pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  else pg_ctlcluster "$version" main start || true; fi
  wait_for PostgreSQL pg_up
fi

if ! redis_up; then
  have redis-server || apt_install redis-server
  say "starting Redis on 127.0.0.1:$REDIS_PORT"
  mkdir -p /tmp/dondoc-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /tmp/dondoc-redis --logfile /tmp/dondoc-redis/redis.log --hz 100 --maxmemory-policy noeviction
  wait_for Redis redis_up
fi
redis-cli -p "$REDIS_PORT" config set hz 100 >/dev/null
say "PostgreSQL ${PG_HOST}:${PG_PORT} and Redis 127.0.0.1:${REDIS_PORT} are up"
