#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that the storage and multi-instance tests use are up on loopback
# (postgres://postgres@127.0.0.1:5432/test with trust auth, redis://127.0.0.1:6379). Does nothing when
# they answer already, or when QUIRE_TEST_DATABASE_URL / QUIRE_TEST_REDIS_URL point elsewhere.
set -euo pipefail

install() {
  if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ -z "${QUIRE_TEST_DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    command -v pg_ctlcluster >/dev/null 2>&1 || install postgresql
    version=$(ls /etc/postgresql | sort -V | tail -1)
    hba=/etc/postgresql/$version/main/pg_hba.conf
    # Tests connect as postgres without a password, over TCP on loopback only.
    grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
    pg_ctlcluster "$version" main start || service postgresql start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  if ! psql -h 127.0.0.1 -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE test' >/dev/null
  fi
fi

command -v redis-server >/dev/null 2>&1 || install redis-server
if [ -z "${QUIRE_TEST_REDIS_URL:-}" ] && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --port 6379 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >/dev/null
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
