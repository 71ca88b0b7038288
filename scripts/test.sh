#!/usr/bin/env bash
# The test command: installs what is missing, then runs every check and test Tumble has.
# CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "setup"
scripts/setup.sh

step "format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p tumble-wasm --target wasm32-unknown-unknown -- -D warnings

step "Rust tests"
cargo test --workspace

step "wasm build (SIMD and baseline), with the test-only debugPanic export"
# Test builds get `Sandbox.debugPanic()` so the browser tests can check panic containment; the
# builds people use (npm run build, npm run build:lib) do not have it.
TUMBLE_WASM_FEATURES=debug-panic npm run --silent build:wasm

step "TypeScript"
npx tsc --noEmit

step "unit tests in Node with the real wasm"
npm run --silent test:unit

step "demo and library builds, end-to-end tests in headless Chromium"
npx vite build --logLevel warn
node scripts/build-lib.mjs
npm run --silent test:e2e

step "all tests passed"
