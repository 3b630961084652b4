#!/usr/bin/env bash
# Runs the committed bundle the way the runner does (INPUT_* variables with hyphens kept, the GITHUB_* command
# files) under two real Nodes: the machine's own (20 here; what a laptop runs the CLI with, and what `npm test`
# does not use, since npm puts the node@24 package's binary first on PATH) and Node 24 from the node@24 npm package
# (what `runs.using: node24` gives). Checks the outputs of a green example under each.
set -euo pipefail
cd "$(dirname "$0")/.."
node24=node_modules/node/bin/node
"$node24" --version | grep -q '^v24\.' || { echo "node_modules/node/bin/node is not Node 24" >&2; exit 1; }
system_node=$(PATH=$(echo "$PATH" | tr ':' '\n' | grep -v node_modules | paste -sd:) command -v node)

check_with() {
  local node=$1 label
  label="Node $("$node" --version)"
  local work
  work=$(mktemp -d)
  mkdir -p "$work/temp"
  : >"$work/output"; : >"$work/summary"; : >"$work/state"
  env "INPUT_WORKING-DIRECTORY=examples/keras3-green" "INPUT_FAIL-ON=error" "INPUT_TIMEOUT-MINUTES=10" \
    INPUT_REQUIREMENTS= INPUT_PYTHON= INPUT_ENV= "INPUT_EXTRA-PACKAGES=" "INPUT_SMOKE-IMPORTS=" \
    GITHUB_ACTIONS=true GITHUB_WORKSPACE="$PWD" RUNNER_TEMP="$work/temp" \
    GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary" GITHUB_STATE="$work/state" \
    "$node" dist/index.js >"$work/log" 2>&1 || { tail -40 "$work/log"; exit 1; }
  value() { awk -v k="$1" '$0 ~ "^"k"<<" {getline; print; exit}' "$work/output"; }
  for expect in "status=pass" "tensorflow-version=2.21.0" "tf-keras=keras3"; do
    got="${expect%%=*}=$(value "${expect%%=*}")"
    [ "$got" = "$expect" ] || { echo "$label: expected $expect, got $got" >&2; tail -40 "$work/log"; exit 1; }
  done
  grep -q 'keras-compat: ✅ pass' "$work/summary" || { echo "$label: summary has no pass headline" >&2; exit 1; }
  grep -q '"version": "2.1.0"' "$(value sarif)" || { echo "$label: no SARIF file at the sarif output" >&2; exit 1; }
  local left
  left=$(ls "$work/temp" | grep -v '^keras-compat-report-' || true)
  [ -z "$left" ] || { echo "$label: left behind in RUNNER_TEMP: $left" >&2; exit 1; }
  rm -rf "$work"
  echo "$label: status=pass tensorflow-version=2.21.0 tf-keras=keras3, nothing left behind"
}

check_with "$system_node"
check_with "$node24"
