#!/usr/bin/env bash
# Run before `npm test`: the fault-injection suite's interpreter-too-old case needs a real Python 2.7, which Debian
# ships as jython. Installed here when missing on a Debian machine as root (as this project's machines and CI are);
# elsewhere the case is skipped, visibly, and .ci/run refuses any skipped test.
set -uo pipefail
command -v jython >/dev/null && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test prerequisites: installing Debian's jython (a real Python 2.7) for the fault-injection suite"
  { apt-get install -y -qq jython >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq jython >/dev/null; }; } ||
    echo "test prerequisites: could not install jython; the too-old-interpreter scenario will be skipped" >&2
else
  echo "test prerequisites: no jython and no root apt-get here; the too-old-interpreter scenario will be skipped" >&2
fi
exit 0
