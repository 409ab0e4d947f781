#!/usr/bin/env bash
# Builds the base image previews and the container sandbox run on where no registry is reachable: a minimal
# Debian root file system from debootstrap, cached as a tarball by name so that it is built once per machine
# (60-250 s, network-bound) and imported into any Docker daemon in about 3 s.
#
#   eng/preview-base-image.sh            # build the cached tarball if it is missing; print its path (the tests read it)
#   eng/preview-base-image.sh --import   # also `docker import` it as $CATALYST_PREVIEW_BASE_IMAGE (DOCKER_HOST honoured)
#
# On a machine that can pull images, configure the official .NET and Node images instead (docs/previews.md).
set -euo pipefail

suite="${CATALYST_PREVIEW_BASE_SUITE:-bookworm}"
image="${CATALYST_PREVIEW_BASE_IMAGE:-catalyst/preview-base:$suite}"
cache="${CATALYST_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/catalyst}"
# What the apps need at run time beyond minbase: OpenSSL (.NET's cryptography: password hashing, tokens) and
# the CA certificates. The cache key names the content, so a changed list builds a new tarball.
include="libssl3,ca-certificates"
key="$(printf '%s %s' "$suite" "$include" | sha256sum | cut -c1-12)"
tarball="$cache/preview-base-$suite-$key.tar"

if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || { echo "error: debootstrap is not installed (eng/install-deps.sh installs it)." >&2; exit 1; }
  mkdir -p "$cache"
  root="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'rm -rf "$root"' EXIT
  echo "preview-base-image: debootstrap --variant=minbase $suite (once per machine)..." >&2
  started=$SECONDS
  debootstrap --variant=minbase --include="$include" "$suite" "$root" >"$cache/debootstrap.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap.log" >&2; exit 1; }
  # Nothing the image needs at run time lives in the package caches and docs.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  tar -C "$root" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
  echo "preview-base-image: built $tarball in $((SECONDS - started)) s" >&2
fi

if [ "${1:-}" = "--import" ]; then
  if [ "$(docker image inspect -f '{{ index .Config.Labels "catalyst.base" }}' "$image" 2>/dev/null)" != "$key" ]; then
    docker import --change "LABEL catalyst.base=$key" "$tarball" "$image" >/dev/null
    echo "preview-base-image: imported $image" >&2
  fi
fi
echo "$tarball"
