#!/usr/bin/env bash
# Caddy, the preview proxy of the AppHost's Local mode, in the foreground: only its admin API on
# 127.0.0.1:$CADDY_ADMIN_PORT at first; the Deployer adds Catalyst's server and one route per preview.
# State (certificates, autosave) stays in $CADDY_HOME.
set -euo pipefail
: "${CADDY_HOME:?}" "${CADDY_ADMIN_PORT:?}"
command -v caddy >/dev/null || { echo "caddy.sh: caddy not found (apt-get install caddy)" >&2; exit 1; }
mkdir -p "$CADDY_HOME"
cat > "$CADDY_HOME/caddy.json" <<JSON
{"admin": {"listen": "127.0.0.1:$CADDY_ADMIN_PORT", "config": {"persist": false}}}
JSON
export XDG_DATA_HOME="$CADDY_HOME/data" XDG_CONFIG_HOME="$CADDY_HOME/config"
exec caddy run --config "$CADDY_HOME/caddy.json"
