#!/usr/bin/env bash
# The Erlang port mapper RabbitMQ registers with, on its own loopback port, in the foreground. Run as a
# resource of its own so it stops with the AppHost (a broker would otherwise leave it running).
set -euo pipefail
: "${ERL_EPMD_PORT:?}"
command -v epmd >/dev/null || { echo "epmd.sh: epmd not found (apt-get install rabbitmq-server)" >&2; exit 1; }
exec epmd -port "$ERL_EPMD_PORT" -address 127.0.0.1
