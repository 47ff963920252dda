#!/usr/bin/env bash
# Makes the PostgreSQL role and database the hub silos share, then migrates the hub's schema (Orleans membership and
# grain state, the journal) with the hub's own `fleetops-hub --init-database`. Idempotent: run it again after an
# upgrade of the hub (it then says there was nothing to change, or what it changed).
#
# Usage (on the database machine, as root or a user that may `sudo -u postgres`):
#   FLEETOPS_DB_PASSWORD=... ./postgres-setup.sh [--hub /opt/fleetops-hub/fleetops-hub.dll] [--host 127.0.0.1] [--port 5432]
set -euo pipefail

db=fleetops role=fleetops host=127.0.0.1 port=5432 hub=/opt/fleetops-hub/fleetops-hub.dll
while [ $# -gt 0 ]; do
  case "$1" in
    --hub) hub=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --database) db=$2; shift 2 ;;
    --role) role=$2; shift 2 ;;
    *) echo "postgres-setup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
: "${FLEETOPS_DB_PASSWORD:?set FLEETOPS_DB_PASSWORD to the password the hub silos will use}"

as_postgres() {
  case "$(id -un)" in
    postgres) "$@" ;;
    root) runuser -u postgres -- "$@" ;;
    *) sudo -u postgres "$@" ;;
  esac
}
# The superuser part goes through the local socket (Debian's peer authentication for postgres); the hub connects over TCP.
psql_admin() { as_postgres psql -X -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@"; }

echo "==> role $role and database $db on $host:$port"
# The password goes in through a psql variable, so it never appears in the process list.
psql_admin -v role="$role" -v password="$FLEETOPS_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') \gexec
SQL
psql_admin -v role="$role" -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

echo "==> the hub's schema (fleetops-hub --init-database)"
# In the environment rather than on the command line, which every user of the machine can read.
Hub__Orleans__ConnectionString="Host=$host;Port=$port;Database=$db;Username=$role;Password=$FLEETOPS_DB_PASSWORD" \
  dotnet "$hub" --init-database
