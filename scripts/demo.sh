#!/usr/bin/env bash
# The demo command: installs what is missing, builds the wasm and the demo site, and serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
TUMBLE_SKIP_BROWSER=1 scripts/setup.sh
npm run --silent build
port="${PORT:-4173}"
echo
echo "Tumble demo: http://127.0.0.1:${port}/"
echo
exec npx vite preview --host 127.0.0.1 --port "$port" --strictPort
