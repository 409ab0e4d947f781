#!/usr/bin/env bash
# Redis for the AppHost's Local mode, in the foreground: 127.0.0.1:$REDIS_PORT, working folder $REDIS_HOME,
# no persistence (a cache), password from $REDIS_PASSWORD_FILE (kept off the command line).
set -euo pipefail
: "${REDIS_HOME:?}" "${REDIS_PORT:?}" "${REDIS_PASSWORD_FILE:?}"
command -v redis-server >/dev/null || { echo "redis.sh: redis-server not found (apt-get install redis-server)" >&2; exit 1; }
mkdir -p "$REDIS_HOME"
umask 077
cat > "$REDIS_HOME/redis.conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
dir $REDIS_HOME
save ""
appendonly no
requirepass $(cat "$REDIS_PASSWORD_FILE")
CONF
exec redis-server "$REDIS_HOME/redis.conf"
