#!/usr/bin/env bash
# Conformance of the test hub with the official @huggingface/hub JS client.
# Installs the pinned package (npm ci) only when node_modules is missing or
# older than package-lock.json, then runs conformance.mjs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ ! -d node_modules/@huggingface/hub ]; then
  npm ci --no-audit --no-fund
fi
exec node conformance.mjs
