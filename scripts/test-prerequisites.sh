#!/usr/bin/env bash
# Installs the system packages the test suite needs, once per machine. Node packages for the DIDComm
# interop tests are installed by the Maven build itself (npm ci from a committed lock file).
set -euo pipefail

need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test: missing ${need[*]}; run as root once so they can be installed with apt-get" >&2
    exit 2
  fi
  echo "test: installing ${need[*]} with apt-get ..." >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
