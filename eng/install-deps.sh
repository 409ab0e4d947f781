#!/usr/bin/env bash
# Installs the OS packages Catalyst's tests start for real: PostgreSQL, RabbitMQ, Redis (the AppHost's Local
# mode), Chromium (the Tester's end-to-end browser check), the Docker Engine (container sandbox and docker
# previews; debootstrap builds their base image, iproute2 shows the network links the tests must leave behind)
# Caddy (the preview router), curl and jq (the walk-through in docs/api.md runs as written), git (tests read
# repositories with it and serve them over smart HTTP, git http-backend, as a stand-in GitHub; the product itself
# needs no git binary), a colour emoji font (the agents' icons in the chat, as the UI's browser tests see it), and
# node with npm (the build of Catalyst.Web installs the task page's browser libraries from npm: package.json), and
# bubblewrap (the process sandbox's namespaces: generated code runs unprivileged, without the data root or the network).
# Idempotent and fast when everything is present (no apt call at all then).
set -euo pipefail

packages=(postgresql rabbitmq-server redis-server chromium docker.io caddy debootstrap iproute2 curl jq git fonts-noto-color-emoji bubblewrap)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# node and npm: any install will do (these machines come with node 20 from another source), Debian's when there is none.
if ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not on PATH; install it first (see README.md)." >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all present (${packages[*]})"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "error: installing ${missing[*]} needs root (or sudo)." >&2; exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
# One apt call for everything: much faster than one per package. Services are not started here; the
# tests start private instances of the servers themselves.
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
