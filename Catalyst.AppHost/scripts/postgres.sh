#!/usr/bin/env bash
# PostgreSQL for the AppHost's Local mode, in the foreground (the AppHost stops it): a private cluster in
# $PG_HOME (created on first run with the database $PG_DATABASE), listening on 127.0.0.1:$PG_PORT only.
# The superuser password is read from $PG_PASSWORD_FILE. As root, the server runs as the 'postgres' user.
set -euo pipefail
: "${PG_HOME:?}" "${PG_PORT:?}" "${PG_PASSWORD_FILE:?}" "${PG_DATABASE:?}"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] || bin=$(dirname "$(command -v postgres || command -v initdb || echo /missing/postgres)")
[ -x "$bin/postgres" ] || { echo "postgres.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

data="$PG_HOME/data"; sockets="$PG_HOME/run"
mkdir -p "$PG_HOME" "$sockets"
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses root: run it as the postgres user (setpriv execs, so the pid below is the server itself).
  as_server=(setpriv --reuid=postgres --regid=postgres --init-groups --)
  chown -R postgres: "$PG_HOME" "$PG_PASSWORD_FILE"
  dir=$(dirname "$PG_HOME")
  while [ "$dir" != "/" ]; do
    if ! setpriv --reuid=postgres --regid=postgres --init-groups -- test -x "$dir"; then
      chmod o+x "$dir"; echo "postgres.sh: granted other users traversal (o+x, no read) on $dir for the postgres user"
    fi
    dir=$(dirname "$dir")
  done
fi

if [ ! -f "$data/PG_VERSION" ]; then
  rm -rf "$data"
  "${as_server[@]}" "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 --pwfile="$PG_PASSWORD_FILE" >"$PG_HOME/initdb.log"
  echo "CREATE DATABASE \"$PG_DATABASE\";" | "${as_server[@]}" "$bin/postgres" --single -D "$data" postgres >/dev/null
  echo "postgres.sh: created the cluster in $data with the database $PG_DATABASE"
fi

"${as_server[@]}" "$bin/postgres" -D "$data" -c listen_addresses=127.0.0.1 -p "$PG_PORT" -k "$sockets" &
server=$!
# The AppHost stops a resource with SIGTERM, which PostgreSQL reads as a "smart" shutdown that waits for every
# client to leave; turn it into a fast shutdown (SIGINT: roll back open transactions, disconnect, stop).
trap 'kill -INT "$server" 2>/dev/null' TERM INT
while kill -0 "$server" 2>/dev/null; do wait "$server" || true; done
