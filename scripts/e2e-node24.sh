#!/usr/bin/env bash
# Runs the committed bundle with the real Node 24 binary from the node@24 npm package, the way the runner does:
# INPUT_* variables with hyphens kept and the GITHUB_* command files. Checks the outputs of a green example.
set -euo pipefail
cd "$(dirname "$0")/.."
node24=node_modules/node/bin/node
"$node24" --version | grep -q '^v24\.' || { echo "node_modules/node/bin/node is not Node 24" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/temp"
: >"$work/output"; : >"$work/summary"; : >"$work/state"
env "INPUT_WORKING-DIRECTORY=examples/keras3-green" "INPUT_FAIL-ON=error" "INPUT_TIMEOUT-MINUTES=10" \
  INPUT_REQUIREMENTS= INPUT_PYTHON= INPUT_ENV= "INPUT_EXTRA-PACKAGES=" "INPUT_SMOKE-IMPORTS=" \
  GITHUB_ACTIONS=true GITHUB_WORKSPACE="$PWD" RUNNER_TEMP="$work/temp" \
  GITHUB_OUTPUT="$work/output" GITHUB_STEP_SUMMARY="$work/summary" GITHUB_STATE="$work/state" \
  "$node24" dist/index.js >"$work/log" 2>&1 || { tail -40 "$work/log"; exit 1; }

value() { awk -v k="$1" '$0 ~ "^"k"<<" {getline; print; exit}' "$work/output"; }
for expect in "status=pass" "tensorflow-version=2.21.0" "tf-keras=keras3"; do
  got="${expect%%=*}=$(value "${expect%%=*}")"
  [ "$got" = "$expect" ] || { echo "Node 24: expected $expect, got $got" >&2; tail -40 "$work/log"; exit 1; }
done
grep -q 'keras-compat: ✅ pass' "$work/summary" || { echo "Node 24: summary has no pass headline" >&2; exit 1; }
left=$(ls "$work/temp" | grep -v '^keras-compat-report-' || true)
[ -z "$left" ] || { echo "Node 24: left behind in RUNNER_TEMP: $left" >&2; exit 1; }
echo "Node 24 ($("$node24" --version)): status=pass tensorflow-version=2.21.0 tf-keras=keras3, nothing left behind"
