#!/usr/bin/env bash
# RabbitMQ for the AppHost's Local mode, in the foreground: node data in $RABBITMQ_HOME, AMQP on
# 127.0.0.1:$RABBITMQ_NODE_PORT, the management plugin on 127.0.0.1:$RABBITMQ_MANAGEMENT_PORT, registered with
# the epmd on $ERL_EPMD_PORT (its own resource). User 'catalyst', password from $RABBITMQ_PASSWORD_FILE.
set -euo pipefail
: "${RABBITMQ_HOME:?}" "${RABBITMQ_NODE_PORT:?}" "${RABBITMQ_DIST_PORT:?}" "${RABBITMQ_MANAGEMENT_PORT:?}" "${ERL_EPMD_PORT:?}" "${RABBITMQ_PASSWORD_FILE:?}"
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "rabbitmq.sh: $server not found (apt-get install rabbitmq-server)" >&2; exit 1; }

mkdir -p "$RABBITMQ_HOME"
echo "[rabbitmq_management]." > "$RABBITMQ_HOME/enabled_plugins"
umask 077
cat > "$RABBITMQ_HOME/rabbitmq.conf" <<CONF
loopback_users = none
default_user = catalyst
default_pass = $(cat "$RABBITMQ_PASSWORD_FILE")
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBITMQ_MANAGEMENT_PORT
CONF

loopback_only="-kernel inet_dist_use_interface {127,0,0,1}"
# The broker re-checks epmd every minute and starts `epmd -daemon` when it is gone, as it is for a moment
# while the AppHost stops both; that daemon would outlive the AppHost. epmd is the epmd resource's job alone.
export ERL_AFLAGS="-start_epmd false"
export HOME="$RABBITMQ_HOME" \
  RABBITMQ_NODENAME="catalyst-apphost-$RABBITMQ_NODE_PORT@localhost" \
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_CONFIG_FILE="$RABBITMQ_HOME/rabbitmq.conf" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_HOME/enabled_plugins" \
  RABBITMQ_MNESIA_BASE="$RABBITMQ_HOME/mnesia" \
  RABBITMQ_LOG_BASE="$RABBITMQ_HOME/log" \
  RABBITMQ_PID_FILE="$RABBITMQ_HOME/rabbitmq.pid" \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$loopback_only" \
  RABBITMQ_CTL_ERL_ARGS="$loopback_only" \
  RABBITMQ_LOGS=-
exec "$server"
